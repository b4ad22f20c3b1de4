"""The app saving while `ncsi record` writers save to the same file: every record the
command reported saved is in the file, and so is every mark made in the app (issue 16
item 1). Bounded, not timed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ncsi_tui.app.screens.assessment import AssessmentScreen
from ncsi_tui.app.widgets.status_line import StatusLine
from ncsi_tui.core.files import storage
from tests.cli.record_stress import _WRITER, titles

APP_UNITS = ("1.1", "1.3", "1.4", "2.1")  # the writers use 1.2 and 2.3


@pytest.fixture(autouse=True)
def _no_timed_disk_watch(monkeypatch: pytest.MonkeyPatch) -> None:
    from ncsi_tui.app.screens import autosave

    monkeypatch.setattr(autosave, "DISK_WATCH_SECONDS", 3600.0)


async def test_app_and_two_record_writers_lose_nothing(example_dir: Path, make_app) -> None:
    path = example_dir / "example.toml"
    writers = [
        subprocess.Popen([sys.executable, "-c", _WRITER, str(path), uid, f"w{k}", "15"],
                         stdout=subprocess.PIPE, text=True)
        for k, uid in enumerate(("1.2", "2.3"))
    ]
    app = make_app(path, autosave_delay=0.01)
    marks: dict[str, str] = {}
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            screen = app.screen
            assert isinstance(screen, AssessmentScreen)
            for i in range(24):
                uid = APP_UNITS[i % len(APP_UNITS)]
                screen.goto(uid)
                key = "x" if (i // len(APP_UNITS)) % 2 == 0 else "m"
                await pilot.press(key)
                marks[uid] = "not-met" if key == "x" else "met"
                screen.check_disk()  # what the 2-second watch does, now and then
                await pilot.press("ctrl+s")
                for _ in range(40):  # bounded: until this save is done
                    await pilot.pause(0.02)
                    if not screen.session.dirty and not screen._save_lock.locked():
                        break
            outs = [w.communicate(timeout=600)[0] for w in writers]
            await pilot.press("ctrl+s")
            for _ in range(100):
                await pilot.pause(0.02)
                if screen.query_one(StatusLine).state == "saved":
                    break
            assert screen.query_one(StatusLine).state == "saved"
    finally:
        for w in writers:
            w.kill()
    saved = {t for out in outs for t in out.split()}
    assert len(saved) >= 25
    assert saved - titles(path) == set()
    on_disk = storage.load(path).assessment
    assert {u: on_disk.record(u).status for u in marks} == marks
