"""The app's first screen (issue 24): it imports only what it shows (no dialog, no other
screen, no export, importer or compare room, no Office library: each is imported where it
is used, an action or a dialog that opens), and it is styled for the terminal's width from
its first frame (no restyle of every widget after mount)."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pytest

from ncsi_tui.app.screens.assessment import AssessmentScreen
from ncsi_tui.app.widgets.footer import KeysFooter
from tests.conftest import EXAMPLE

CMM_EXAMPLE = EXAMPLE.with_name("example-cmm.toml")

#: the app's first screen in a fresh interpreter: an assessment (a file given) or the start
#: screen (a folder given); prints what it imported
CHILD = """
import asyncio, sys
from pathlib import Path
from ncsi_tui.app.app import NcsiApp
from ncsi_tui.core.files.session import AssessmentSession
from ncsi_tui.core.model.catalogue import Catalogues

async def main() -> None:
    cats, given = Catalogues(), Path(sys.argv[1])
    if given.is_dir():
        app, expected = NcsiApp(cats, folder=given), "StartScreen"
    else:
        session = AssessmentSession.open(given, cats)
        app, expected = NcsiApp(cats, session=session, read_only=True), "AssessmentScreen"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == expected, app.screen
asyncio.run(main())
print(sorted(sys.modules))
"""

#: module name prefixes the first screen must not import
NOT_ON_THE_FIRST_SCREEN = (
    "ncsi_tui.app.screens.dialogs", "ncsi_tui.app.screens.export",
    "ncsi_tui.app.screens.compare", "ncsi_tui.app.screens.overview",
    "ncsi_tui.app.screens.plan", "ncsi_tui.app.screens.recommendations",
    "ncsi_tui.app.screens.readiness", "ncsi_tui.app.screens.follow_up",
    "ncsi_tui.app.screens.help", "ncsi_tui.app.screens.sharing",
    "ncsi_tui.app.screens.start", "ncsi_tui.core.export", "ncsi_tui.core.importers",
    "ncsi_tui.core.compare", "openpyxl", "docx",
)


def _imported_by_first_screen(path: Path) -> list[str]:
    r = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True,
                       text=True, timeout=120, cwd=path if path.is_dir() else path.parent)
    assert r.returncode == 0, r.stderr
    modules: list[str] = eval(r.stdout.strip().splitlines()[-1])  # printed by the child
    return modules


def test_the_first_screen_imports_only_what_it_shows() -> None:
    for path in (EXAMPLE, CMM_EXAMPLE):
        loaded = _imported_by_first_screen(path)
        assert "ncsi_tui.app.screens.assessment" in loaded  # the child did open the screen
        found = [m for m in loaded if m.startswith(NOT_ON_THE_FIRST_SCREEN)]
        assert not found, f"{path.name}: the first screen imported {found}"


def test_the_start_screen_imports_only_what_it_shows(example_dir: Path) -> None:
    loaded = _imported_by_first_screen(example_dir)
    assert "ncsi_tui.app.screens.start" in loaded  # the child did open the start screen
    found = [m for m in loaded if (m.startswith(NOT_ON_THE_FIRST_SCREEN) and
             m != "ncsi_tui.app.screens.start") or m == "ncsi_tui.app.screens.assessment"]
    assert not found, f"the start screen imported {found}"


async def test_a_wide_terminal_gets_the_wide_screen_before_it_mounts(
        example_dir: Path, make_app, monkeypatch: pytest.MonkeyPatch) -> None:
    """At 120 columns the summary stands beside the unit. The screen has its `-wide` class
    before its widgets mount: set after mount, it restyled every widget before the first
    frame (and the first frame's footer could still offer `s`, show the summary)."""
    wide_at_mount: list[bool] = []
    on_mount = AssessmentScreen.on_mount

    def recording(self: AssessmentScreen) -> None:
        wide_at_mount.append(self.has_class("-wide"))
        on_mount(self)

    monkeypatch.setattr(AssessmentScreen, "on_mount", recording)
    app = make_app(example_dir / "example.toml")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#side").display  # the summary beside the unit
        assert "Summary" not in [d for _, d in app.screen.query_one(KeysFooter).shown_keys()]
    assert wide_at_mount == [True]


async def test_the_collector_paused_for_the_first_screen_runs_again_once_it_is_painted(
        example_dir: Path, make_app) -> None:
    """run_app pauses the garbage collector until the first screen is painted."""
    app = make_app(example_dir / "example.toml")
    app.collector_paused = True
    gc.disable()
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, AssessmentScreen)
            assert gc.isenabled() and not app.collector_paused
    finally:
        gc.enable()
