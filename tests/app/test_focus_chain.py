"""Issue 20.1: no widget that cannot be seen takes focus, on any screen, at 80x24.

Each screen is reached with real keys, then tab walks its whole focus chain; after every
tab the focused widget must be on screen in full width (a button cut off by the pane's
edge, a list hidden under a dialog's border, a box scrolled away all fail).
"""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.errors import NoWidget
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import TextArea

from ncsi_tui.app.screens.assessment import AssessmentScreen

SIZE = (80, 24)


def _shown(app: App, widget: Widget) -> str:
    """'' when `widget` is visible in full width on the current screen, else why not."""
    try:
        geometry = app.screen.find_widget(widget)
    except NoWidget:
        return "not on screen at all"
    region = geometry.region
    seen = region.intersection(geometry.clip).intersection(app.screen.region)
    if seen.area == 0:
        return f"hidden (at {region}, visible part {seen})"
    if seen.width < region.width:
        return f"cut off ({seen.width} of {region.width} columns visible)"
    return ""


async def _walk(pilot: Pilot, where: str) -> list[str]:
    """Tab through the whole chain of the current screen; every stop must be visible."""
    app = pilot.app
    screen = app.screen
    chain = list(screen.focus_chain)
    assert chain, f"{where}: nothing can take focus"
    seen: list[str] = []
    for _ in range(len(chain) + 1):
        focused = app.focused
        assert focused is not None, f"{where}: focus lost"
        problem = _shown(app, focused)
        assert not problem, f"{where}: {focused!r} has focus but is {problem}"
        seen.append(focused.id or type(focused).__name__)
        await pilot.press("tab")
        await pilot.pause()
        assert app.screen is screen, f"{where}: tab left the screen"
    return seen


async def test_assessment_screen_every_stop_visible(example_dir: Path, make_app) -> None:
    app = make_app(example_dir / "example.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        stops = await _walk(pilot, "assessment (1.1, one reference)")
        assert "add-ref" not in stops and "remove-ref" not in stops  # keys r, del instead
        # tab order follows the screen: navigator, evidence, references, notes
        order = [s for s in stops if s in ("navigator", "evidence", "references", "notes")]
        assert order[:4] == ["navigator", "evidence", "references", "notes"]
        app.screen.goto("4.3")  # no reference: the empty table is no stop
        await pilot.pause()
        stops = await _walk(pilot, "assessment (4.3, no reference)")
        assert "references" not in stops
        for key in ("f6", "f7", "f8", "question_mark"):
            await pilot.press(key)
            await pilot.pause()
            await _walk(pilot, f"screen opened by {key}")
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, AssessmentScreen)
        await pilot.press("r")  # the reference dialog
        await pilot.pause()
        await _walk(pilot, "reference dialog")


async def test_cmm_screens_every_stop_visible(cmm_file: Path, make_app) -> None:
    app = make_app(cmm_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await _walk(pilot, "CMM assessment")
        await pilot.press("f9")  # the plan, then its recommendations
        await pilot.pause()
        await _walk(pilot, "plan")
        await pilot.press("r")
        await pilot.pause()
        await _walk(pilot, "recommendations")


async def test_read_only_screen_every_stop_visible(example_dir: Path, make_app) -> None:
    app = make_app(example_dir / "example.toml", read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await _walk(pilot, "read-only assessment")


async def test_start_screen_and_its_dialogs_every_stop_visible(example_dir: Path, make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await _walk(pilot, "start")
        await pilot.press("n")
        await pilot.pause()
        stops = await _walk(pilot, "new-assessment dialog")
        assert "suggestions" not in stops
        # Country, Title, Reference date, Organisation, File, Create, in the screen's order
        i = stops.index("country")
        assert stops[i:i + 6] == ["country", "title", "reference-date", "org", "file", "create"]
        await pilot.press("escape", "o")
        await pilot.pause()
        await _walk(pilot, "open-path dialog")


async def test_a_note_typed_after_tabbing_from_the_evidence_never_changes_the_status(
        example_dir: Path, make_app) -> None:
    """1.1 (met) has one reference: from the evidence, tab goes to the references, then
    to the notes, as on screen; what is typed there is a note, never a status key."""
    path = example_dir / "example.toml"
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, AssessmentScreen)
        assert screen.session.record("1.1").status == "met"
        await pilot.press("e", "tab", "tab")
        await pilot.pause()
        assert isinstance(app.focused, TextArea) and app.focused.id == "notes"
        await pilot.press(*"x marks c", "ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.session.record("1.1").status == "met"
    text = path.read_text(encoding="utf-8")
    assert 'notes = "x marks c"' in text
