"""The conflict dialog's comparison: which units changed on disk, here, or on both sides."""

from __future__ import annotations

from pathlib import Path

from ncsi_tui.app.screens.dialogs.conflict import ConflictDialog, divergence
from ncsi_tui.core.files.session import AssessmentSession


def test_divergence_names_units_by_side(example_dir: Path) -> None:
    path = example_dir / "example.toml"
    session = AssessmentSession.open(path)
    session.set_status("1.1", "not-met")  # mine only
    session.set_status("1.3", "not-met")  # both sides
    text = path.read_text()
    text = text.replace('[indicators."1.2"]\nstatus = "not-met"', '[indicators."1.2"]\nstatus = "met"')
    text = text.replace('[indicators."1.3"]\nstatus = "met"', '[indicators."1.3"]\nstatus = "not-met"')
    path.write_text(text)
    found = divergence(session)
    assert (found.mine, found.theirs, found.both) == (["1.1"], ["1.2"], ["1.3"])
    assert not found.disk_missing and not found.disk_error


def test_divergence_reports_a_removed_or_broken_file(example_dir: Path) -> None:
    path = example_dir / "example.toml"
    session = AssessmentSession.open(path)
    session.set_status("1.1", "not-met")
    path.write_text("title = [\n")
    broken = divergence(session)
    assert broken.disk_error and broken.mine == ["1.1"]
    path.unlink()
    gone = divergence(session)
    assert gone.disk_missing and gone.mine == ["1.1"]


async def test_conflict_dialog_lists_the_units_and_escape_decides_later(example_dir: Path,
                                                                       make_app) -> None:
    path = example_dir / "example.toml"
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        screen.session.set_status("1.1", "not-met")
        path.write_text(path.read_text().replace(
            '[indicators."1.2"]\nstatus = "not-met"', '[indicators."1.2"]\nstatus = "met"'))
        app.push_screen(ConflictDialog(screen.session))
        await pilot.pause()
        shown = " ".join(str(s.render()) for s in app.screen.query("Static"))
        assert "Changed on disk only: 1.2" in shown and "Changed here only:    1.1" in shown
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
