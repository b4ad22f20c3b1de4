"""A save that ends after its screen closed (ctrl+s, then the app quits or the screen goes
while the file is written) keeps the file and ends quietly: it failed with "No nodes match
StatusLine", a traceback at exit (seen under load in the key-burst test)."""

from __future__ import annotations

import threading
import tomllib
from pathlib import Path

from ncsi_tui.app.screens.assessment import AssessmentScreen
from ncsi_tui.app.widgets.status_line import StatusLine


async def test_a_save_that_ends_after_the_app_quit_keeps_the_file(example_dir: Path,
                                                                  make_app) -> None:
    path = example_dir / "example.toml"
    assert tomllib.loads(path.read_text("utf-8"))["indicators"]["1.1"]["status"] == "met"
    app = make_app(path)
    release = threading.Event()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AssessmentScreen)
        save_merging = screen.session.save_merging

        def slow_save():  # the file is written only once the screen has gone
            release.wait(5)
            return save_merging()

        screen.session.save_merging = slow_save  # type: ignore[method-assign]
        await pilot.press("x", "ctrl+s")
        await pilot.pause()
        # as the app quits, its widgets go first: the status line before the save ends
        await screen.query_one(StatusLine).remove()
        release.set()
        saves = [w for w in app.workers if w.group == "save"]
        for _ in range(100):
            await pilot.pause(0.02)
            if all(w.is_finished for w in saves):
                break
        assert saves and [w.state.name for w in saves] == ["SUCCESS"] * len(saves)
    assert tomllib.loads(path.read_text("utf-8"))["indicators"]["1.1"]["status"] == "not-met"
