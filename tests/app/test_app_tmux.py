"""The real `ncsi` in tmux at 80x24 under xterm-256color, vt100 and NO_COLOR: every screen
shows its key texts (capture-pane). Skipped when tmux is missing."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

ROOT = Path(__file__).resolve().parents[2]
UTF8 = {"LANG": "C.UTF-8", "LC_ALL": "", "NCSI_ASCII": ""}  # marks are tested as drawn in UTF-8
TERMS = {
    "xterm-256color": {**UTF8, "TERM": "xterm-256color"},
    "vt100": {**UTF8, "TERM": "vt100"},
    "no-color": {**UTF8, "TERM": "xterm-256color", "NO_COLOR": "1"},
}


class Tmux:
    """One app in a detached session on a private tmux server (nothing else is touched)."""

    def __init__(self, socket: str, cwd: Path, env: dict[str, str], *args: str) -> None:
        self.socket = socket
        envs = [f"{k}={v}" for k, v in env.items()]
        cmd = ["env", *envs, "NCSI_USER=tester", sys.executable, "-m", "ncsi_tui", *args]
        self.run("new-session", "-d", "-s", "app", "-x", "80", "-y", "24", "-c", str(cwd),
                 " ".join(_quote(c) for c in cmd))

    def run(self, *args: str) -> str:
        out = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True,
                             timeout=20)
        return out.stdout

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "app")

    def wait_for(self, *texts: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if all(t in screen for t in texts):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"not on screen: {texts}\n--- screen ---\n{screen}")

    def wait_for_pattern(self, pattern: str, timeout: float = 30.0) -> str:
        """Wait for a regular expression (for what depends on the clock, such as a time)."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if re.search(pattern, screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"not on screen: /{pattern}/\n--- screen ---\n{screen}")

    def wait_gone(self, text: str, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while text in self.screen():
            assert time.monotonic() < deadline, f"still on screen: {text}"
            time.sleep(0.1)

    def keys(self, *keys: str) -> None:
        self.run("send-keys", "-t", "app", *keys)

    def close(self) -> None:
        self.run("kill-server")


def _quote(s: str) -> str:
    import shlex

    return shlex.quote(s)


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    folder = tmp_path / "assessments"
    folder.mkdir()
    shutil.copyfile(ROOT / "ncsi_tui" / "examples" / "example.toml", folder / "example.toml")
    shutil.copyfile(ROOT / "ncsi_tui" / "examples" / "example-cmm.toml", folder / "example-cmm.toml")
    return tmp_path


@pytest.mark.parametrize("term", list(TERMS))
def test_every_screen_is_readable_at_80x24(workdir: Path, term: str) -> None:
    tmux = Tmux(f"ncsi-test-{os.getpid()}-{term}", workdir, TERMS[term],
                "assessments/example.toml")
    try:
        screen = tmux.wait_for("1.1  Cyber security policy unit", "Status:", "✓ met",
                               "● saved", "index 50.65 (39/77)", "Save", "Not met")
        assert "✗ 1.2" in screen and "· 4.3" in screen  # marks, not colour
        tmux.keys("s")
        tmux.wait_for("Index 39/77  50.65", "1 Cyber security", "█", "%")
        tmux.keys("s", "u", "m")
        tmux.wait_for("4.3  International cyber security", "! 4.3", "index 54.55")
        tmux.keys("r")
        tmux.wait_for("Add a reference for 4.3", "Title", "Published", "Keep (ctrl+s)")
        tmux.keys("Escape")
        tmux.wait_gone("Add a reference for 4.3")
        tmux.keys("?")
        tmux.wait_for("Keys: assessment screen (escape closes)", "Next indicator")
        tmux.keys("Escape")
        tmux.keys("C-s")
        tmux.wait_for_pattern(r"● saved \d\d:\d\d")
        tmux.keys("C-q")
        deadline = time.monotonic() + 10
        while "ncsi" in tmux.run("list-panes", "-a", "-F", "#{pane_current_command}") and (
            time.monotonic() < deadline
        ):
            time.sleep(0.1)
    finally:
        tmux.close()
    assert 'status = "met"' in (workdir / "assessments" / "example.toml").read_text().split(
        '[indicators."4.3"]')[1][:40]


@pytest.mark.parametrize("term", list(TERMS))
def test_start_and_cmm_screens_are_readable_at_80x24(workdir: Path, term: str) -> None:
    tmux = Tmux(f"ncsi-test-start-{os.getpid()}-{term}", workdir, TERMS[term])
    try:
        tmux.wait_for("Assessments in assessments/", "XE Examplia", "ncsi-2.0", "cmm-2021",
                      "50.65", "New")
        tmux.keys("n")
        tmux.wait_for("Start a new assessment", "Country", "Framework")
        tmux.keys("Escape")
        tmux.wait_for("Assessments in assessments/")
        # open the CMM example (rows are newest first: find it by moving down if needed)
        screen = tmux.screen()
        lines = [ln for ln in screen.splitlines() if "XE Examplia" in ln]
        if "cmm-2021" not in lines[0]:
            tmux.keys("Down")
        tmux.keys("Enter")
        tmux.wait_for("D1.1.1", "Stage:", "1 Start-up")
        tmux.keys("s")
        tmux.wait_for("Maturity profile", "D1.1 ", "stages 1:")
    finally:
        tmux.close()


def test_without_utf8_every_screen_is_pure_ascii(workdir: Path) -> None:
    """Issue 20.8: LANG=C TERM=vt100: marks, guides, borders, bars, text all in ASCII."""
    env = {"LANG": "C", "LC_ALL": "", "LC_CTYPE": "", "TERM": "vt100", "NCSI_ASCII": ""}
    tmux = Tmux(f"ncsi-test-ascii-{os.getpid()}", workdir, env)
    seen = []
    try:
        seen.append(tmux.wait_for("Assessments in assessments/", "XE Examplia", "New"))
        tmux.keys("n")
        seen.append(tmux.wait_for("Start a new assessment", "Country"))
        tmux.keys("Escape")
        screen = tmux.wait_for("Assessments in assessments/")
        lines = [ln for ln in screen.splitlines() if "XE Examplia" in ln]
        if "ncsi-2.0" not in lines[0]:
            tmux.keys("Down")
        tmux.keys("Enter")
        seen.append(tmux.wait_for("1.1  Cyber security policy unit", "Status: + met", "x 1.2",
                                  "- 4.3"))
        tmux.keys("s")
        seen.append(tmux.wait_for("Index 39/77", "#"))
        tmux.keys("s", "?")
        seen.append(tmux.wait_for("Keys: assessment screen", "Mark met", "Back to not assessed"))
        tmux.keys("Escape", "r")
        seen.append(tmux.wait_for("Add a reference"))
        tmux.keys("Escape", "f6")
        seen.append(tmux.wait_for("Back"))
    finally:
        tmux.close()
    for screen in seen:
        odd = sorted({ch for ch in screen if not ch.isascii()})
        assert not odd, f"not ASCII: {odd}\n{screen}"


def test_escape_then_x_in_one_burst_marks_not_met(workdir: Path) -> None:
    """Issue 16.8 as over SSH: `e`, `abc`, Escape and `x` reach the app in one write (ESC x)."""
    tmux = Tmux(f"ncsi-test-burst-{os.getpid()}", workdir, {**UTF8, "TERM": "xterm-256color"},
                "assessments/example.toml")
    try:
        tmux.wait_for("1.1  Cyber security policy unit", "Status: ✓ met", "● saved")
        tmux.keys("e")
        tmux.wait_for("Leave field")  # the footer while typing
        tmux.keys("abc", "Escape", "x")  # one send-keys: the bytes "abc\x1bx" in one burst
        tmux.wait_for("Status: ✗ not met")
        tmux.keys("C-s")
        tmux.wait_for_pattern(r"● saved \d\d:\d\d")
    finally:
        tmux.close()
    text = (workdir / "assessments" / "example.toml").read_text(encoding="utf-8")
    block = text.split('[indicators."1.1"]')[1].split("[")[0]
    assert 'status = "not-met"' in block
    assert "section 12).abc\"" in block
