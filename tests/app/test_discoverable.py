"""Issue 20.3: every key of every screen is in the command palette, the footer shows the
main actions first at 80 columns (and leaving, saving, quitting while typing), and `?`
lists the screen's own keys."""

from __future__ import annotations

from pathlib import Path

from textual.actions import parse
from textual.app import App
from textual.command import CommandPalette, DiscoveryHit
from textual.screen import Screen
from textual.widgets import TextArea

from ncsi_tui.app.commands import BindingsProvider, palette_label
from ncsi_tui.app.screens.assessment import AssessmentScreen
from ncsi_tui.app.screens.help import HelpScreen
from ncsi_tui.app.widgets.footer import KeysFooter


async def _palette(screen: Screen) -> list[str]:
    provider = BindingsProvider(screen)
    return [hit.text for hit in [h async for h in provider.discover()]
            if isinstance(hit, DiscoveryHit) and isinstance(hit.text, str)]


async def _every_binding_in_the_palette(app: App, where: str) -> list[str]:
    screen = app.screen
    entries = await _palette(screen)
    for b in type(screen).BINDINGS:
        assert not isinstance(b, tuple), f"{where}: a binding without an id: {b}"
        _, name, params = parse(b.action)
        if screen.check_action(name, params) is False:
            continue  # not on this screen now (a stage key on NCSI, an edit when read-only)
        label = f"{palette_label(b.description, b.tooltip)} ({app.get_key_display(b)})"
        assert label in entries, f"{where}: {b.id} ({b.key}) is not in the palette: {entries}"
    return entries


async def _footer(pilot) -> list[str]:
    """Keys the footer shows in full at this width, left to right (not the palette key)."""
    app = pilot.app
    await pilot.pause()
    footer = app.screen.query_one(KeysFooter)
    return [item.key for item in footer.shown_items() if not item.palette]


async def test_every_binding_of_every_screen_is_in_the_palette(example_dir: Path, cmm_file: Path,
                                                              make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        entries = await _every_binding_in_the_palette(app, "start")
        assert any(e.startswith("Start a new assessment") for e in entries)
        assert any("Open" in e for e in entries)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AssessmentScreen)
        entries = await _every_binding_in_the_palette(app, "assessment (NCSI)")
        for words in ("Save now", "Mark met", "Mark not met", "Add a reference", "summary",
                      "Filter", "Readiness", "Export", "Compare", "Plan", "Recommendations"):
            assert any(words in e for e in entries), words
        assert not any(e.startswith("Set stage") for e in entries)
        for key, where in (("f6", "readiness"), ("f7", "compare")):
            await pilot.press(key)
            await pilot.pause()
            await _every_binding_in_the_palette(app, where)
            await pilot.press("escape")
            await pilot.pause()
    app = make_app(cmm_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        entries = await _every_binding_in_the_palette(app, "assessment (CMM)")
        assert any(e.startswith("Set stage 5") for e in entries)
        assert not any(e.startswith("Mark met") for e in entries)
        await pilot.press("f9")
        await pilot.pause()
        await _every_binding_in_the_palette(app, "plan")
        await pilot.press("r")
        await pilot.pause()
        await _every_binding_in_the_palette(app, "recommendations")


async def test_palette_runs_a_key_by_its_words_even_from_the_text_box(example_dir: Path,
                                                                     make_app) -> None:
    app = make_app(example_dir / "example.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, AssessmentScreen)
        await pilot.press("e")  # typing in the evidence: x would type
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"mark not met")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert screen.session.record("1.1").status == "not-met"
        assert not isinstance(app.focused, TextArea)


async def test_palette_lists_each_command_once(example_dir: Path, make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"keys")
        await pilot.pause(0.5)
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        texts = [str(o.prompt) for o in palette.query_one("CommandList").options]  # type: ignore[attr-defined]
        assert sum("Keys" in t or "Every key" in t for t in texts) <= 1, texts


async def test_footer_shows_the_main_actions_first_typing_or_not(example_dir: Path, cmm_file: Path,
                                                                 make_app) -> None:
    app = make_app(example_dir / "example.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        keys = await _footer(pilot)
        for key in ("m", "x", "c", "s", "e", "r", "question_mark", "ctrl+s", "ctrl+q"):
            assert key in keys, (key, keys)
        await pilot.press("e")
        await pilot.pause()
        # letters type now (Textual hides letter keys): leaving the box, save and quit lead
        typing_keys = await _footer(pilot)
        assert typing_keys[:3] == ["escape", "ctrl+s", "ctrl+q"], typing_keys
    app = make_app(cmm_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        keys = await _footer(pilot)
        for key in ("1", "s", "e", "r", "question_mark", "ctrl+s", "ctrl+q"):
            assert key in keys, (key, keys)


async def _help_keys(pilot) -> dict[str, list[tuple[str, str]]]:
    """What `?` shows: per heading, (key as displayed, what it does)."""
    app = pilot.app
    await pilot.press("question_mark")
    await pilot.pause()
    help_screen = app.screen
    assert isinstance(help_screen, HelpScreen)
    headings = [str(label.render()) for label in help_screen.query(".heading")]
    assert headings == list(help_screen.groups)
    for label in help_screen.query(".heading"):
        assert label.region.width >= len(str(label.render())), "heading cut"
    return {title: [(app.get_key_display(a.binding), a.binding.tooltip or a.binding.description)
                    for a in keys] for title, keys in help_screen.groups.items()}


async def test_help_lists_the_keys_of_the_screen_in_front(example_dir: Path, cmm_file: Path,
                                                          make_app) -> None:
    app = make_app(example_dir / "example.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        groups = await _help_keys(pilot)
        own = dict(groups["This screen"])
        assert own["m"] == "Mark met" and "Set stage 1 (in the catalogue's order)" not in own.values()
        assert "1-5" not in own and "0" not in own  # no maturity keys on an NCSI assessment
        assert dict(groups["Everywhere"])["^q"].startswith("Quit")
    app = make_app(cmm_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f9")
        await pilot.pause()
        groups = await _help_keys(pilot)
        keys = [k for k, _ in groups["This screen"]]
        for key in ("c", "s", "e", "del", "t", "r"):
            assert key in keys, (key, keys)
        assert "m" not in keys
