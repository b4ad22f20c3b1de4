"""Issue 17.2 end to end, with real Unix users: a colleague plants symlinks in the team's
shared folder; an official logs in over SSH and saves; no file outside the folder changes.

The set-up is docs/ssh.md's "one account per official": users A (the hostile colleague)
and B (the official) in one group, a setgid group-writable team folder, sshd with
ForceCommand starting `ncsi --serve`. A plants, for the next few thousand process ids, the
temporary names the first wave used (`.NAME.toml.<pid>.tmp`, `.NAME.toml.bak.<pid>.tmp`,
`.NAME.toml.lock.<pid>.tmp`) and the backup names, all as links to B's
`~/.ssh/authorized_keys`; B's saves must write none of them through.

Needs root (to add users; CI runs as root), useradd/groupadd, sshd, ssh and tmux, and an
interpreter other users may run; skipped otherwise. The users and their files are removed
afterwards.
"""

from __future__ import annotations

import contextlib
import grp
import os
import pwd
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sshkit import MISSING, Tmux, client, free_port, keygen, running_sshd, wait_for

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "ncsi_tui" / "examples" / "example.toml"
TOOLS = ("useradd", "userdel", "groupadd", "groupdel")

if MISSING:
    pytest.skip("needs " + ", ".join(MISSING), allow_module_level=True)
if not hasattr(os, "geteuid") or os.geteuid() != 0 or not all(map(shutil.which, TOOLS)):
    pytest.skip("needs root and useradd/groupadd (CI runs as root)", allow_module_level=True)


def _open_to_all(path: Path) -> bool:
    """Whether any user may reach `path`: every folder above it searchable by others."""
    return all(os.stat(p).st_mode & 0o001 for p in Path(path).resolve().parents)


def _python_for_everyone() -> str | None:
    """This interpreter if other users may run it, else the system's of the same version
    (the venv's packages are compiled for the version, not the path)."""
    mine = Path(os.path.realpath(sys.executable))
    if _open_to_all(mine):
        return str(mine)
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    system = shutil.which(version, path="/usr/bin:/usr/local/bin")
    return system if system and _open_to_all(Path(system)) else None


@dataclass
class Team:
    base: Path  # everything of the test's users lives under here
    folder: Path  # the team's shared assessments folder
    official: str  # B, who logs in
    colleague: str  # A, who plants links
    gid: int
    keys: Path  # B's ~/.ssh/authorized_keys: the file A aims at
    client_key: Path


def _run(*argv: str) -> None:
    subprocess.run(argv, check=True, capture_output=True, timeout=60)


@pytest.fixture
def team(tmp_path: Path) -> Iterator[Team]:
    python = _python_for_everyone()
    site = sysconfig.get_paths()["purelib"]
    if python is None or not _open_to_all(ROOT / "ncsi_tui") or not _open_to_all(Path(site)):
        pytest.skip("the interpreter, the checkout or its packages are not readable by other "
                    "users here")
    n = os.getpid() % 100000
    group, official, colleague = f"ncsit{n}", f"ncsib{n}", f"ncsia{n}"
    base = Path(tempfile.mkdtemp(prefix="ncsi-users-", dir="/tmp"))
    base.chmod(0o755)
    made: list[tuple[str, str]] = []
    try:
        _run("groupadd", group)
        made.append(("groupdel", group))
        gid = grp.getgrnam(group).gr_gid
        for user in (official, colleague):
            home = base / f"home-{user}"
            # "*": no password, but not locked (sshd without PAM refuses locked accounts)
            _run("useradd", "-M", "-d", str(home), "-s", "/bin/sh", "-G", group, "-p", "*", user)
            made.insert(0, ("userdel", user))
            home.mkdir(mode=0o700)
            uid = pwd.getpwnam(user).pw_uid
            os.chown(home, uid, gid)
        b = pwd.getpwnam(official)
        ssh_dir = base / f"home-{official}" / ".ssh"
        ssh_dir.mkdir(mode=0o700)
        keygen(tmp_path / "b_key")
        keys = ssh_dir / "authorized_keys"
        keys.write_text((tmp_path / "b_key.pub").read_text())
        keys.chmod(0o600)
        for p in (ssh_dir, keys):
            os.chown(p, b.pw_uid, b.pw_gid)
        folder = base / "team"
        folder.mkdir()
        os.chown(folder, 0, gid)
        folder.chmod(0o2770)  # group-writable, new files take the team's group
        shutil.copyfile(EXAMPLE, folder / "example.toml")
        os.chown(folder / "example.toml", b.pw_uid, gid)
        (folder / "example.toml").chmod(0o660)
        serve = base / "serve.sh"
        serve.write_text(
            "#!/bin/sh\n# what the login runs instead of a shell (docs/ssh.md)\numask 007\n"
            f'cd "{folder}" || exit 1\n'
            f'PYTHONPATH="{ROOT}:{site}" exec {python} -m ncsi_tui --serve . example.toml\n'
        )
        serve.chmod(0o755)
        yield Team(base, folder, official, colleague, gid, keys, tmp_path / "b_key")
    finally:
        for user in (official, colleague):
            with contextlib.suppress(OSError, subprocess.SubprocessError):
                subprocess.run(["pkill", "-KILL", "-u", user], capture_output=True, timeout=10)
        for argv in made:
            with contextlib.suppress(subprocess.SubprocessError):
                subprocess.run(argv, capture_output=True, timeout=60)
        shutil.rmtree(base, ignore_errors=True)


PLANT = """
import os, sys
folder, victim, first, count = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
names = ["example.toml.bak", "example.toml.comments.bak"]
for pid in range(first, first + count):
    names += [f".example.toml.{pid}.tmp", f".example.toml.bak.{pid}.tmp",
              f".example.toml.lock.{pid}.tmp", f".example.toml.comments.bak.{pid}.tmp"]
for name in names:
    os.symlink(victim, os.path.join(folder, name))
print(len(names))
"""


def _state(base: Path, folder: Path) -> dict[Path, tuple[bytes, int]]:
    """Every regular file outside the team folder: its bytes and modification time."""
    return {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in base.rglob("*")
            if folder not in p.parents and p != folder and p.is_file() and not p.is_symlink()}


def test_planted_links_for_the_next_pids_change_no_file_outside_the_folder(
        team: Team, tmp_path: Path) -> None:
    a = pwd.getpwnam(team.colleague)
    last = int(Path("/proc/sys/kernel/ns_last_pid").read_text()) \
        if Path("/proc/sys/kernel/ns_last_pid").exists() else 1000
    planted = subprocess.run(
        [str(_python_for_everyone()), "-I", "-c", PLANT, str(team.folder), str(team.keys), str(last + 1),
         "3000"],
        user=a.pw_uid, group=team.gid, extra_groups=[team.gid],
        capture_output=True, text=True, timeout=60, check=True, cwd=team.base,
    )
    links = sorted(p for p in team.folder.iterdir() if p.is_symlink())
    assert len(links) == int(planted.stdout) > 12000
    before = _state(team.base, team.folder)
    keys_before = team.keys.read_bytes()

    port = free_port()
    config = tmp_path / "sshd_config"
    keygen(tmp_path / "host_key")
    config.write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {tmp_path / 'host_key'}\n"
        f"PidFile {tmp_path / 'sshd.pid'}\nAuthorizedKeysFile %h/.ssh/authorized_keys\n"
        f"AllowUsers {team.official}\nUsePAM no\nStrictModes no\nPubkeyAuthentication yes\n"
        "PasswordAuthentication no\nKbdInteractiveAuthentication no\nAllowTcpForwarding no\n"
        "X11Forwarding no\nPermitTunnel no\nPrintMotd no\nPrintLastLog no\n"
        f"ForceCommand {team.base / 'serve.sh'}\n"
    )
    log = tmp_path / "sshd.log"
    tmux = Tmux(tmp_path)
    path = team.folder / "example.toml"
    try:
        with running_sshd(config, port, log):
            tmux("new-session", "-d", "-s", "ncsi", "-x", "80", "-y", "24",
                 client(team.client_key, port, tmp_path / "known_hosts", login=team.official))
            show = tmux.screen
            wait_for(lambda: "saved" in show(), "the first screen", show)
            for n, key in enumerate(("m", "x"), 1):  # two saves: the second makes a .bak
                tmux.keys("u", key)
                tmux.keys("C-s")
                wait_for(lambda n=n: path.read_bytes().count(team.official.encode()) >= n,
                         f"save {n} by the official", show)
            tmux.keys("C-q")
            wait_for(tmux.dead, "the app to quit", show)
    finally:
        tmux.kill()

    assert team.keys.read_bytes() == keys_before  # A never reached B's keys
    after = _state(team.base, team.folder)
    assert {p: after.get(p) for p in before} == before  # nor any other file outside
    # what is new outside the folder is the official's own app data (its cache), in its home
    own = [team.base / f"home-{team.official}" / d for d in (".cache", ".local", ".config")]
    assert all(any(d in p.parents for d in own) for p in set(after) - set(before))
    saved = tomllib.loads(path.read_text(encoding="utf-8"))["indicators"]
    mine = {u: r["status"] for u, r in saved.items() if r.get("updated_by") == team.official}
    assert sorted(mine.values()) == ["met", "not-met"]
    bak = team.folder / "example.toml.bak"
    assert bak.is_file() and not bak.is_symlink()  # the planted backup link was replaced
    assert tomllib.loads(bak.read_text(encoding="utf-8"))["indicators"]  # with a version
    # every other planted link is still a link to the same place, nothing written through
    assert all(os.readlink(p) == str(team.keys) for p in links if p.name != bak.name)
    assert not list(team.folder.glob(".example.toml.lock"))
