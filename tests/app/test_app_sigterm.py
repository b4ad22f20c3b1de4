"""SIGTERM (shutdown, `systemctl stop`) is handled like a hang-up: the edit is saved, the
lock released, and the terminal leaves the alternate screen (issue 16 item 10). The real
`ncsi` in tmux; skipped when tmux is missing."""

from __future__ import annotations

import os
import shutil
import signal
import time
from pathlib import Path

import pytest

from ncsi_tui.core.files import presence, storage
from tests.app.test_app_tmux import Tmux

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]
ROOT = Path(__file__).resolve().parents[2]


def test_sigterm_saves_releases_the_lock_and_restores_the_terminal(tmp_path: Path) -> None:
    path = tmp_path / "example.toml"
    shutil.copyfile(ROOT / "ncsi_tui" / "examples" / "example.toml", path)
    tmux = Tmux(f"ncsi-sigterm-{os.getpid()}", tmp_path, {"TERM": "xterm-256color"},
                "example.toml")
    try:
        tmux.run("set-option", "-g", "remain-on-exit", "on")
        tmux.wait_for("1.1  Cyber security policy unit", "● saved")
        assert presence.holders(path)
        pid = int(tmux.run("list-panes", "-t", "app", "-F", "#{pane_pid}").split()[0])
        tmux.keys("x")  # 1.1: met -> not met; autosave would wait a second
        tmux.wait_for("✗ 1.1")
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + 30
        while tmux.run("list-panes", "-t", "app", "-F", "#{pane_dead}").strip() != "1":
            assert time.monotonic() < deadline, "the app did not end on SIGTERM"
            time.sleep(0.1)
        screen = tmux.screen()
    finally:
        tmux.close()
    assert storage.load(path).assessment.record("1.1").status == "not-met"
    assert not presence.lock_path(path).exists()
    assert "Cyber security policy unit" not in screen  # the alternate screen was left
