"""The app's first screen imports only what it shows (issue 24): no dialog, no other screen,
no export, importer or compare room, no Office library. Each is imported where it is used
(an action, a dialog that opens), so start-up does not pay for it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import EXAMPLE

CMM_EXAMPLE = EXAMPLE.with_name("example-cmm.toml")

#: the app's first screen (an assessment) in a fresh interpreter; prints what it imported
CHILD = """
import asyncio, sys
from pathlib import Path
from ncsi_tui.app.app import NcsiApp
from ncsi_tui.core.files.session import AssessmentSession
from ncsi_tui.core.model.catalogue import Catalogues

async def main() -> None:
    cats = Catalogues()
    session = AssessmentSession.open(Path(sys.argv[1]), cats)
    app = NcsiApp(cats, session=session, read_only=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "AssessmentScreen", app.screen
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
                       text=True, timeout=120, cwd=path.parent)
    assert r.returncode == 0, r.stderr
    modules: list[str] = eval(r.stdout.strip().splitlines()[-1])  # printed by the child
    return modules


def test_the_first_screen_imports_only_what_it_shows() -> None:
    for path in (EXAMPLE, CMM_EXAMPLE):
        loaded = _imported_by_first_screen(path)
        assert "ncsi_tui.app.screens.assessment" in loaded  # the child did open the screen
        found = [m for m in loaded if m.startswith(NOT_ON_THE_FIRST_SCREEN)]
        assert not found, f"{path.name}: the first screen imported {found}"
