"""app/terminal.py: when the terminal goes (end of file, read or write error) the app ends,
even with SIGHUP ignored (as under nohup): it must not spin for ever (issue 17.3)."""

from __future__ import annotations

import os
import pty
import shutil
import signal
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


def test_the_app_ends_when_its_terminal_closes(tmp_path: Path) -> None:
    shutil.copyfile(ROOT / "ncsi_tui" / "examples" / "example.toml", tmp_path / "example.toml")
    pid, fd = pty.fork()
    if pid == 0:  # the child: the app on a pty, deaf to SIGHUP
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
        os.environ["TERM"] = "xterm"
        os.execv(sys.executable, [sys.executable, "-m", "ncsi_tui", "--serve", str(tmp_path)])
    shown, deadline = b"", time.monotonic() + 60
    try:
        while time.monotonic() < deadline and b"Examplia" not in shown:
            shown += os.read(fd, 65536)
    except OSError:
        pass
    assert b"Examplia" in shown, shown[-500:]
    os.close(fd)  # the client is gone
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            assert os.waitstatus_to_exitcode(status) == 128 + signal.SIGHUP
            return
        time.sleep(0.1)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    pytest.fail("the app kept running after its terminal closed")
