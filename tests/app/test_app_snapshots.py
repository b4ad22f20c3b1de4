"""Snapshot tests (pytest-textual-snapshot): the start and assessment screens (NCSI and CMM)
at 60x20, 80x24, 120x30 and 200x50 (issue 20.4), dialogs at 80x24 and 140x45.

Deterministic: a copy of the bundled example in tmp_path with tmp_path as the working
folder, NCSI_USER fixed, the status-line clock frozen (conftest), cursors not blinking.
Update with `pytest tests/app/test_app_snapshots.py --snapshot-update` and review the SVGs.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from ncsi_tui.core.files import session as session_module

SIZES = [(80, 24), (140, 45)]
LAYOUTS = [(60, 20), (80, 24), (120, 30), (200, 50)]
LAYOUT_IDS = [f"{w}x{h}" for w, h in LAYOUTS]
FROZEN = dt.datetime(2026, 1, 15, 9, 30, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _frozen_stamps(monkeypatch: pytest.MonkeyPatch) -> None:
    """Edits stamp `updated_at` with the time: freeze it so the editor's line is stable."""
    monkeypatch.setattr(session_module, "now", lambda: FROZEN)


async def _steady(pilot: Pilot) -> None:
    # the start screen reads its rows in a worker (other workers, such as a dialog's, last)
    rows = [w for w in pilot.app.workers if w.group == "start-rows"]
    if rows:  # (an empty list would mean every worker)
        await pilot.app.workers.wait_for_complete(rows)
    for widget in pilot.app.screen.query("Input, TextArea"):
        assert isinstance(widget, Input | TextArea)
        widget.cursor_blink = False
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause(0.1)  # a height-auto pane settles its layout on the next refresh
    # names fitted to the navigator's width and the footer's keys that fit follow the
    # first layout: on a loaded machine that takes a few more refreshes
    for _ in range(3):
        await pilot.pause()
    await pilot.pause(0.1)


@pytest.mark.parametrize("size", LAYOUTS, ids=LAYOUT_IDS)
def test_start_screen(example_dir: Path, make_app, snap_compare, size) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=_steady)


@pytest.mark.parametrize("size", LAYOUTS, ids=LAYOUT_IDS)
def test_assessment_screen(example_dir: Path, make_app, snap_compare, size) -> None:
    async def on_3_2(pilot: Pilot) -> None:
        pilot.app.screen.goto("3.4")
        await _steady(pilot)

    assert snap_compare(make_app(example_dir / "example.toml"), terminal_size=size,
                        run_before=on_3_2)


def test_assessment_screen_summary_at_80x24(example_dir: Path, make_app, snap_compare) -> None:
    async def summary(pilot: Pilot) -> None:
        await pilot.press("s")
        await _steady(pilot)

    assert snap_compare(make_app(example_dir / "example.toml"), terminal_size=(80, 24),
                        run_before=summary)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "140x45"])
def test_reference_dialog(example_dir: Path, make_app, snap_compare, size) -> None:
    async def dialog(pilot: Pilot) -> None:
        await pilot.press("r")
        await pilot.pause()
        await pilot.press(*"Statute of the Ministry", "enter", *"https://example.org/s", "enter")
        await pilot.press("enter", *"2021-02-30")
        await _steady(pilot)

    assert snap_compare(make_app(example_dir / "example.toml"), terminal_size=size,
                        run_before=dialog)


@pytest.mark.parametrize("size", LAYOUTS, ids=LAYOUT_IDS)
def test_cmm_assessment_screen(cmm_file: Path, make_app, snap_compare, size) -> None:
    async def staged(pilot: Pilot) -> None:
        await pilot.press("3")
        await _steady(pilot)

    assert snap_compare(make_app(cmm_file), terminal_size=size, run_before=staged)


def test_cmm_profile_at_80x24(cmm_file: Path, make_app, snap_compare) -> None:
    async def profile(pilot: Pilot) -> None:
        await pilot.press("3", "s")
        await _steady(pilot)

    assert snap_compare(make_app(cmm_file), terminal_size=(80, 24), run_before=profile)
