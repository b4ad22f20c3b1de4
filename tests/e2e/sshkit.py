"""What the end-to-end SSH tests share: our own sshd on 127.0.0.1 and a private tmux.

Nothing here installs anything: `MISSING` names what the machine lacks (the test modules
skip with it). The server set-ups follow docs/ssh.md.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

SSHD = shutil.which("sshd") or next(
    (p for p in ("/usr/sbin/sshd", "/usr/local/sbin/sshd") if os.access(p, os.X_OK)), None
)
MISSING = [name for name, found in (
    ("sshd (openssh-server)", SSHD),
    ("ssh (openssh-client)", shutil.which("ssh")),
    ("ssh-keygen (openssh-client)", shutil.which("ssh-keygen")),
    ("tmux", shutil.which("tmux")),
) if not found]
LOGIN = pwd.getpwuid(os.getuid()).pw_name
WAIT = 20.0  # seconds: the longest any single step may take


def ncsi_command() -> str:
    """The venv's console script beside the interpreter running the tests."""
    script = Path(sys.executable).parent / "ncsi"
    return str(script) if script.exists() else f"{sys.executable} -m ncsi_tui"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def keygen(path: Path) -> None:
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "", "-f", str(path)],
                   check=True, timeout=30)


def wait_for(check: Callable[[], bool], what: str, show: Callable[[], str] = str,
             timeout: float = WAIT) -> None:
    """Poll until `check()` holds; on timeout fail with what was awaited and the screen."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    pytest.fail(f"timed out after {timeout:.0f}s waiting for {what}\n--- screen ---\n{show()}")


@dataclass
class SshServer:
    port: int
    folder: Path  # the team's assessments folder
    key: Path  # the user's private key
    known_hosts: Path
    log: Path

@contextlib.contextmanager
def running_sshd(config: Path, port: int, log: Path) -> Iterator[None]:
    """sshd -D with `config`, listening on 127.0.0.1:`port`; stopped (with every session
    it started) on leaving the block."""
    if os.geteuid() == 0 and not Path("/run/sshd").is_dir():
        # sshd running as root refuses to start without its privilege-separation folder,
        # which the package's tmpfiles.d makes at boot (containers do not boot).
        Path("/run/sshd").mkdir(mode=0o755, parents=True, exist_ok=True)
    proc = subprocess.Popen([str(SSHD), "-D", "-f", str(config), "-E", str(log)],
                            stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        def listening() -> bool:
            if proc.poll() is not None:
                pytest.fail(f"sshd exited with {proc.returncode}:\n{log.read_text()}")
            with socket.socket() as s:
                s.settimeout(0.2)
                return s.connect_ex(("127.0.0.1", port)) == 0

        wait_for(listening, f"sshd on port {port}", lambda: log.read_text() if log.exists() else "")
        yield
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)
        # the per-connection sshd processes live in the same process group
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, 9)


def client(key: Path, port: int, known_hosts: Path, login: str = LOGIN,
           term: str = "xterm-256color", no_color: bool = False, tty: str = "-tt") -> str:
    """The client command line: `ssh -tt` with `key`, the host key pinned in `known_hosts`."""
    return " ".join([
        "env", f"TERM={term}", *(["NO_COLOR=1"] if no_color else []),
        "ssh", tty, "-F", "/dev/null", "-i", str(key), "-p", str(port),
        "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o", "ConnectTimeout=10",
        "-o", "StrictHostKeyChecking=accept-new", "-o", f"UserKnownHostsFile={known_hosts}",
        "-o", "SendEnv=NO_COLOR", "-o", "LogLevel=ERROR",
        f"{login}@127.0.0.1",
    ])


class Tmux:
    """A private tmux server (-L) holding one 80x24 pane."""

    def __init__(self, tmp_path: Path) -> None:
        self.name = "ncsi-ssh"
        self.env = {**os.environ, "TMUX_TMPDIR": str(tmp_path)}  # the socket stays in tmp_path
        self.env.pop("TMUX", None)
        self.conf = tmp_path / "tmux.conf"
        self.conf.write_text("set -g remain-on-exit on\nset -g status off\n")

    def __call__(self, *args: str) -> str:
        out = subprocess.run(["tmux", "-L", self.name, "-f", str(self.conf), *args],
                             capture_output=True, text=True, timeout=10, env=self.env)
        return out.stdout

    def screen(self) -> str:
        return self("capture-pane", "-p", "-t", "ncsi")

    def dead(self) -> bool:
        return self("display-message", "-p", "-t", "ncsi", "#{pane_dead}").strip() == "1"

    def keys(self, *keys: str) -> None:
        self("send-keys", "-t", "ncsi", *keys)

    def kill(self) -> None:
        with contextlib.suppress(subprocess.SubprocessError):
            self("kill-server")
