"""The app takes the theme and keymap from settings.toml; a theme chosen survives a restart."""

from __future__ import annotations

from pathlib import Path

from ncsi_tui.app.screens.dialogs.new_assessment import NewAssessmentDialog
from ncsi_tui.core.files.settings import load_settings, settings_path


async def test_a_chosen_theme_survives_a_restart(example_dir: Path, make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.theme != "nord"
        app.theme = "nord"  # what the palette's "Change theme" does
        for _ in range(40):
            await pilot.pause(0.05)
            if load_settings().theme == "nord":
                break
    assert load_settings().theme == "nord"
    again = make_app()
    async with again.run_test(size=(80, 24)):
        assert again.theme == "nord"


async def test_the_keymap_rebinds_a_key(example_dir: Path, make_app) -> None:
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text('[keymap]\n"start.new" = "f2"\n', encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        await pilot.pause(0.3)
        assert isinstance(app.screen, NewAssessmentDialog)


async def test_a_broken_settings_file_is_reported_not_fatal(example_dir: Path, make_app) -> None:
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text("theme = \n", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.1)
        assert any("Settings not used" in str(n.message) for n in app._notifications)
