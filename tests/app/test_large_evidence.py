"""A megabyte of evidence in one indicator (issue 24): moving onto it loads only a preview
of its start into the text box, the whole text loads when the box is focused, and the
file keeps every character: unchanged when not edited, the edit added when typed."""

from __future__ import annotations

import tomllib
from pathlib import Path

from ncsi_tui.app.screens.assessment import AssessmentScreen
from ncsi_tui.app.widgets.evidence_editor import DocumentArea
from ncsi_tui.core.files.session import AssessmentSession

BIG = "\n".join(f"{i:05d} The statute of the Ministry, section {i}, names the unit."
                for i in range(1, 17_000))


def _evidence(path: Path, unit: str) -> str:
    return tomllib.loads(path.read_text(encoding="utf-8"))["indicators"][unit]["evidence"]


def _with_big_evidence(path: Path) -> None:
    session = AssessmentSession.open(path)
    session.set_text("1.2", "evidence", BIG)
    session.save()


async def test_big_evidence_shows_a_preview_and_is_saved_back_unchanged(
        example_dir: Path, make_app) -> None:
    path = example_dir / "example.toml"
    _with_big_evidence(path)
    assert len(BIG) > 1_000_000
    app = make_app(path, autosave_delay=0.0)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, AssessmentScreen)
        await pilot.press("n")  # onto 1.2
        await pilot.pause()
        area = screen.query_one("#evidence", DocumentArea)
        assert area.previewing and area.value == BIG
        assert len(area.text) < 3_000 and "characters in all" in area.text
        await pilot.press("m", "p", "n")  # an edit of its status, away and back
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.session.record("1.2").status == "met"
    assert _evidence(path, "1.2") == BIG


async def test_big_evidence_loads_whole_to_edit_and_keeps_every_character(
        example_dir: Path, make_app) -> None:
    path = example_dir / "example.toml"
    _with_big_evidence(path)
    app = make_app(path, autosave_delay=0.0)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, AssessmentScreen)
        await pilot.press("n", "e")
        await pilot.pause()
        area = screen.query_one("#evidence", DocumentArea)
        assert not area.previewing and area.text == BIG
        await pilot.press(*" End.", "escape", "ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert _evidence(path, "1.2") == BIG + " End."
