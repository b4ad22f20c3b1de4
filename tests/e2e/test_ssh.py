"""End to end over real OpenSSH: an official logs in, the app starts (ForceCommand, no
shell), keys change an indicator, the file on disk holds it with the login name.

The test starts its own sshd on 127.0.0.1 on a free port, with its own config, host key,
user key and authorized_keys in tmp_path, and stops it afterwards. The client is
`ssh -tt` inside a private tmux server at 80x24. It installs nothing: without
openssh-server, openssh-client or tmux it is skipped (CI installs them with
`apt-get install -y openssh-server openssh-client tmux`). The server set-up it follows is
documented in docs/ssh.md.
"""

from __future__ import annotations

import shutil
import subprocess
import time
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sshkit import (
    LOGIN,
    MISSING,
    SshServer,
    Tmux,
    client,
    free_port,
    keygen,
    ncsi_command,
    running_sshd,
    wait_for,
)

from ncsi_tui.core.files.session import AssessmentSession

pytestmark = pytest.mark.slow

if MISSING:
    pytest.skip(
        "needs " + ", ".join(MISSING)
        + ": apt-get install -y openssh-server openssh-client tmux",
        allow_module_level=True,
    )


@pytest.fixture
def sshd(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[SshServer]:
    """Our own sshd: ForceCommand starts ncsi on the team folder; stopped afterwards.

    Indirect parameter: extra arguments for ncsi (e.g. --read-only for reviewers), or
    "team-key": no ForceCommand; the key's authorized_keys line names the official
    (command="NCSI_USER=... exec ...",restrict,pty), as a shared team account does, or
    "start": the start screen of the folder (no file named).
    """
    param = getattr(request, "param", "")
    team_key = param == "team-key"
    start = param == "start"
    extra = "" if team_key or start else param
    folder = tmp_path / "team"
    folder.mkdir()
    shutil.copyfile(Path(__file__).resolve().parents[2] / "ncsi_tui" / "examples" / "example.toml",
                    folder / "example.toml")
    (folder / "example.toml").chmod(0o660)  # team-only, as docs/ssh.md sets it up
    for name in ("host_key", "user_key"):
        keygen(tmp_path / name)
    key = (tmp_path / "user_key.pub").read_text()
    serve = tmp_path / "serve.sh"
    (tmp_path / "authorized_keys").write_text(
        f'command="NCSI_USER=a.tamm exec {serve}",restrict,pty {key}' if team_key else key
    )
    serve.write_text(
        "#!/bin/sh\n"
        "# what the login runs instead of a shell (docs/ssh.md)\n"
        "umask 007\n"
        f'cd "{folder}" || exit 1\n'
        f"exec {ncsi_command()} --serve . {extra} {'' if start else 'example.toml'}\n"
    )
    serve.chmod(0o755)
    port = free_port()
    config = tmp_path / "sshd_config"
    config.write_text(
        f"Port {port}\n"
        "ListenAddress 127.0.0.1\n"
        f"HostKey {tmp_path / 'host_key'}\n"
        f"PidFile {tmp_path / 'sshd.pid'}\n"
        f"AuthorizedKeysFile {tmp_path / 'authorized_keys'}\n"
        f"AllowUsers {LOGIN}\n"
        "UsePAM no\n"
        "StrictModes no\n"
        "PermitRootLogin yes\n"  # CI runs as root; only our key in our file is accepted
        "PubkeyAuthentication yes\n"
        "PasswordAuthentication no\n"
        "KbdInteractiveAuthentication no\n"
        "AllowTcpForwarding no\n"
        "X11Forwarding no\n"
        "PermitTunnel no\n"
        "PrintMotd no\n"
        "PrintLastLog no\n"
        "AcceptEnv NO_COLOR\n"
        + ("" if team_key else f"ForceCommand {serve}\n")
    )
    log = tmp_path / "sshd.log"
    with running_sshd(config, port, log):
        yield SshServer(port, folder, tmp_path / "user_key", tmp_path / "known_hosts", log)


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    t = Tmux(tmp_path)
    yield t
    t.kill()


def _figures(path: Path, change: Callable[[AssessmentSession], object] | None = None) -> str:
    """The status line's '(points/max)' for the file, computed by core (not hard-coded)."""
    session = AssessmentSession.open(path)
    if change:
        change(session)
    total = session.score().total
    return f"({total.points}/{total.max})"


def _ssh(sshd: SshServer, term: str = "xterm-256color", no_color: bool = False,
         tty: str = "-tt") -> str:
    """The client command line for this server: `ssh -tt` with our key."""
    return client(sshd.key, sshd.port, sshd.known_hosts, term=term, no_color=no_color, tty=tty)


@pytest.mark.parametrize(
    ("term", "no_color"),
    [("xterm-256color", False), ("vt100", True)],
    ids=["xterm-256color", "vt100-no-color"],
)
def test_official_records_an_indicator_over_ssh(sshd: SshServer, tmux: Tmux, term: str,
                                                no_color: bool) -> None:
    path = sshd.folder / "example.toml"
    before = tomllib.loads(path.read_text(encoding="utf-8"))
    session = AssessmentSession.open(path)
    target = next(u for u in session.catalogue.unit_index if u not in session.assessment.indicators)
    first, after = _figures(path), _figures(path, lambda s: s.set_status(target, "met"))
    tmux("new-session", "-d", "-s", "ncsi", "-x", "80", "-y", "24", _ssh(sshd, term, no_color))
    show = tmux.screen
    wait_for(lambda: first in show() and "saved" in show(), "the first screen", show)
    assert "1.1" in show()  # the navigator starts at the first indicator

    tmux.keys("u")  # next not-assessed indicator ...
    tmux.keys("m")  # ... marked met: the figures change on that key, before any save
    wait_for(lambda: after in show(), f"the new figures {after}", show)
    tmux.keys("C-s")
    wait_for(lambda: tomllib.loads(path.read_text(encoding="utf-8"))["indicators"]
             .get(target, {}).get("status") == "met", "the save", show)
    tmux.keys("C-q")
    wait_for(tmux.dead, "the app to quit and ssh to close", show)

    saved = tomllib.loads(path.read_text(encoding="utf-8"))
    rec = saved["indicators"].pop(target)
    assert rec["status"] == "met"
    assert rec["updated_by"] == LOGIN  # the SSH login name, not the tester's NCSI_USER
    assert "updated_at" in rec
    saved.pop("updated")
    before.pop("updated")
    assert saved == before  # nothing else changed
    assert not list(sshd.folder.glob(".*.lock"))  # the presence lock went with the app
    assert f"Accepted publickey for {LOGIN}" in sshd.log.read_text()
    # the team-only permissions survive the save, and the .bak gets the same
    assert path.stat().st_mode & 0o777 == 0o660
    assert (sshd.folder / "example.toml.bak").stat().st_mode & 0o777 == 0o660


@pytest.mark.parametrize("sshd", ["--read-only"], indirect=True)
def test_reviewer_over_ssh_sees_everything_and_changes_nothing(sshd: SshServer,
                                                               tmux: Tmux) -> None:
    path = sshd.folder / "example.toml"
    before = path.read_bytes()
    figures = _figures(path)
    tmux("new-session", "-d", "-s", "ncsi", "-x", "80", "-y", "24", _ssh(sshd))
    show = tmux.screen
    wait_for(lambda: figures in show() and "read-only" in show(), "the read-only screen", show)
    assert not list(sshd.folder.glob(".*.lock"))  # a reviewer takes no lock
    headline = f"index {AssessmentSession.open(path).score().headline}"
    tmux.keys("u", "m", "x", "C-s")
    time.sleep(0.5)
    assert headline in show()  # no status key did anything (a notice may cover the rest)
    tmux.keys("C-q")
    wait_for(tmux.dead, "the app to quit and ssh to close", show)
    assert path.read_bytes() == before
    assert sorted(p.name for p in sshd.folder.iterdir()) == ["example.toml"]


def test_a_dropped_connection_saves_the_last_change_and_leaves_no_lock(sshd: SshServer,
                                                                       tmux: Tmux) -> None:
    path = sshd.folder / "example.toml"
    session = AssessmentSession.open(path)
    target = next(u for u in session.catalogue.unit_index if u not in session.assessment.indicators)
    first, after = _figures(path), _figures(path, lambda s: s.set_status(target, "met"))
    tmux("new-session", "-d", "-s", "ncsi", "-x", "80", "-y", "24", _ssh(sshd))
    show = tmux.screen
    wait_for(lambda: first in show(), "the first screen", show)
    wait_for(lambda: bool(list(sshd.folder.glob(".*.lock"))), "the presence lock")
    tmux.keys("u", "m")
    wait_for(lambda: after in show(), f"the new figures {after}", show)
    tmux.kill()  # the client vanishes well within the autosave delay: sshd sends SIGHUP

    def saved() -> bool:
        rec = tomllib.loads(path.read_text(encoding="utf-8"))["indicators"].get(target, {})
        return rec.get("status") == "met"

    wait_for(saved, f"{target} saved after the hangup")
    # released by the hangup handler itself (a killed process would leave a stale lock)
    wait_for(lambda: not list(sshd.folder.glob(".*.lock")), "the lock to go")


@pytest.mark.parametrize("sshd", ["team-key"], indirect=True)
def test_a_shared_team_account_records_the_official_named_on_the_key(sshd: SshServer,
                                                                      tmux: Tmux) -> None:
    path = sshd.folder / "example.toml"
    session = AssessmentSession.open(path)
    target = next(u for u in session.catalogue.unit_index if u not in session.assessment.indicators)
    after = _figures(path, lambda s: s.set_status(target, "met"))
    tmux("new-session", "-d", "-s", "ncsi", "-x", "80", "-y", "24", _ssh(sshd))
    show = tmux.screen
    wait_for(lambda: "saved" in show(), "the first screen", show)
    tmux.keys("u", "m")
    wait_for(lambda: after in show(), f"the new figures {after}", show)
    tmux.keys("C-s")
    wait_for(lambda: tomllib.loads(path.read_text(encoding="utf-8"))["indicators"]
             .get(target, {}).get("status") == "met", "the save", show)
    tmux.keys("C-q")
    wait_for(tmux.dead, "the app to quit and ssh to close", show)
    rec = tomllib.loads(path.read_text(encoding="utf-8"))["indicators"][target]
    assert rec["updated_by"] == "a.tamm"  # the key's official, not the account


def _outside(sshd: SshServer) -> set[Path]:
    """Every file around the team folder (the test's tmp_path), to see that none appears."""
    return {p for p in sshd.folder.parent.rglob("*") if sshd.folder not in p.parents}


def test_export_over_ssh_writes_into_the_team_folder_only(sshd: SshServer, tmux: Tmux) -> None:
    """Issue 17.1: f8 took any path (~/.ssh/authorized_keys); now a name in the folder."""
    tmux("new-session", "-d", "-s", "ncsi", "-x", "80", "-y", "24", _ssh(sshd))
    show = tmux.screen
    wait_for(lambda: "saved" in show(), "the first screen", show)
    before = _outside(sshd)  # (with the client's known_hosts and tmux socket)
    for typed in ("../../.ssh/authorized_keys", f"{sshd.folder.parent}/x.html", ".profile",
                  "example.toml"):
        tmux.keys("F8")
        wait_for(lambda: "Writes into" in show(), "the export screen", show)
        tmux.keys("Tab", "C-u")  # to the name field, emptied
        tmux("send-keys", "-t", "ncsi", "-l", typed)
        tmux.keys("C-s")
        wait_for(lambda: "Not written" in show(), f"{typed} refused", show)
        tmux.keys("Escape")
        wait_for(lambda: "Writes into" not in show(), "the export screen to close", show)
    tmux.keys("F8")
    wait_for(lambda: "Writes into" in show(), "the export screen", show)
    tmux.keys("C-s")  # the proposed name, on the first try
    wait_for(lambda: (sshd.folder / "example.html").is_file(), "the export", show)
    tmux.keys("C-q")
    wait_for(tmux.dead, "the app to quit", show)
    assert _outside(sshd) == before  # nothing written outside the team folder


@pytest.mark.parametrize("sshd", ["start"], indirect=True)
def test_the_start_screen_dialogs_over_ssh_take_names_in_the_folder_only(
        sshd: SshServer, tmux: Tmux) -> None:
    """Issue 17.1: `o /etc/passwd` quoted its first line; a new assessment named
    ../.local/share/ncsi-tui/catalogue/ncsi-2.0 shadowed the catalogue; 19.3: a bare name
    lands in the folder the start screen shows."""
    tmux("new-session", "-d", "-s", "ncsi", "-x", "80", "-y", "24", _ssh(sshd))
    show = tmux.screen
    wait_for(lambda: "Examplia" in show(), "the start screen", show)
    before = _outside(sshd)
    tmux.keys("o")
    tmux("send-keys", "-t", "ncsi", "-l", "/etc/passwd")
    tmux.keys("Enter")
    wait_for(lambda: "is a path" in show(), "the open dialog to refuse", show)
    assert "root:" not in show()
    tmux.keys("Escape")
    tmux.keys("n")
    wait_for(lambda: "Start a new assessment" in show(), "the new-assessment dialog", show)
    tmux("send-keys", "-t", "ncsi", "-l", "Serbia")
    wait_for(lambda: "RS  Serbia" in show(), "the suggestion", show)
    tmux.keys("Down", "Enter")  # the first suggestion: taken, and on to the title
    wait_for(lambda: "RS Serbia" in show() and "Serbia NCSI" in show(), "the country taken",
             show)
    tmux.keys("Tab", "Tab", "Tab")  # reference date, organisation, file
    tmux("send-keys", "-t", "ncsi", "-l", "../.local/share/ncsi-tui/catalogue/ncsi-2.0")
    tmux.keys("Enter")
    wait_for(lambda: "is a path" in show(), "the new-assessment dialog to refuse", show)
    tmux.keys("C-u")
    tmux("send-keys", "-t", "ncsi", "-l", "rs-2026")
    tmux.keys("Enter")
    wait_for(lambda: (sshd.folder / "rs-2026.toml").is_file(), "the new file in the folder",
             show)
    tmux.keys("C-q")
    wait_for(tmux.dead, "the app to quit", show)
    assert _outside(sshd) == before


def test_without_a_terminal_the_app_refuses_at_once(sshd: SshServer, tmp_path: Path) -> None:
    """Issue 17.3: `ssh host` without a pty started an app that spun for ever."""
    start = time.monotonic()
    r = subprocess.run(_ssh(sshd, tty="-T").split(), stdin=subprocess.DEVNULL,
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 2
    assert "ssh -t" in r.stderr
    assert time.monotonic() - start < 30  # (well under a second of it is the app)
