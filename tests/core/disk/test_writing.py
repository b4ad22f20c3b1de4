"""core/disk writing: every byte or an error, random exclusive temp names, no leftovers."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from ncsi_tui.core import disk
from ncsi_tui.core.disk import writing


def _temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_short_writes_are_continued(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """os.write may write fewer bytes than asked (a filling disk): the rest follows."""
    real = os.write
    monkeypatch.setattr(writing.os, "write", lambda fd, data: real(fd, bytes(data[:7])))
    f = tmp_path / "a.toml"
    data = b"0123456789" * 1000
    disk.write_atomic(f, data)
    assert f.read_bytes() == data
    assert _temps(tmp_path) == []


@pytest.mark.parametrize("failure", ["zero", "enospc"])
def test_full_disk_leaves_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: str
) -> None:
    f = tmp_path / "a.toml"
    f.write_bytes(b"old content\n")
    real = os.write
    calls = {"n": 0}

    def short(fd: int, data: bytes) -> int:
        calls["n"] += 1
        if calls["n"] == 1:
            return real(fd, bytes(data[:5]))  # some bytes, then the disk is full
        if failure == "zero":
            return 0
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(writing.os, "write", short)
    with pytest.raises(OSError) as exc:
        disk.write_atomic(f, b"new content that does not fit\n")
    assert exc.value.errno == errno.ENOSPC
    assert f.read_bytes() == b"old content\n"
    assert _temps(tmp_path) == []


def test_temp_names_are_random_and_links_are_not_followed(tmp_path: Path) -> None:
    """Symlinks planted at every name the old code used never redirect a write."""
    outside = tmp_path / "outside"
    outside.mkdir()
    victim = outside / "authorized_keys"
    victim.write_text("ssh-ed25519 AAAA victim\n")
    folder = tmp_path / "shared"
    folder.mkdir()
    f = folder / "a.toml"
    f.write_text("x = 1\n")
    pid = os.getpid()
    for name in (f".a.toml.{pid}.tmp", f".a.toml.bak.{pid}.tmp", f".a.toml.lock.{pid}.tmp"):
        (folder / name).symlink_to(victim)
    names = set()
    real_open = os.open

    def spy(path, flags, mode=0o777, **kw):  # type: ignore[no-untyped-def]
        if str(path).endswith(".tmp"):
            names.add(Path(path).name)
            assert flags & os.O_EXCL and flags & os.O_CREAT
            assert flags & getattr(os, "O_NOFOLLOW", 0) == getattr(os, "O_NOFOLLOW", 0)
        return real_open(path, flags, mode, **kw)

    writing.os.open = spy  # type: ignore[assignment]
    try:
        disk.write_atomic(f, b"x = 2\n")
        disk.write_atomic(f, b"x = 3\n")
    finally:
        writing.os.open = real_open  # type: ignore[assignment]
    assert victim.read_text() == "ssh-ed25519 AAAA victim\n"
    assert f.read_text() == "x = 3\n"
    assert len(names) == 2 and not any(str(pid) in n for n in names)


def test_mode_is_set_on_the_descriptor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(writing.os, "chmod", None)  # never by path
    f = tmp_path / "a.toml"
    disk.write_atomic(f, b"x\n", mode=0o640)
    assert f.stat().st_mode & 0o777 == 0o640


def test_symlink_written_through_or_replaced(tmp_path: Path) -> None:
    real = tmp_path / "real.toml"
    real.write_text("old\n")
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    assert disk.write_atomic(link, b"new\n") == real
    assert link.is_symlink() and real.read_text() == "new\n"
    disk.write_atomic(link, b"own\n", through_symlink=False)
    assert not link.is_symlink() and link.read_text() == "own\n" and real.read_text() == "new\n"


def test_a_link_to_nothing_is_not_written_through(tmp_path: Path) -> None:
    """Issue 17.2 as a kind: a file replaced by a link to a file of yours that does not
    exist yet (~/.ssh/authorized_keys) must not be created by your next save."""
    victim = tmp_path / "home" / "authorized_keys"
    victim.parent.mkdir()
    link = tmp_path / "a.toml"
    link.symlink_to(victim)
    with pytest.raises(OSError) as err:
        disk.write_atomic(link, b"ssh-ed25519 AAAA planted\n")
    assert err.value.errno == errno.ENOENT and "does not exist" in str(err.value)
    assert not victim.exists() and link.is_symlink()
    assert _temps(tmp_path) == []


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="making a link owned by another user needs root (CI runs as root)")
def test_a_link_another_user_made_is_not_written_through(tmp_path: Path) -> None:
    victim = tmp_path / "victim.toml"
    victim.write_text("mine\n")
    link = tmp_path / "a.toml"
    link.symlink_to(victim)
    os.lchown(link, 4242, 4242)  # planted by a colleague
    with pytest.raises(OSError) as err:
        disk.write_atomic(link, b"theirs\n")
    assert err.value.errno == errno.EPERM and "another user" in str(err.value)
    assert victim.read_text() == "mine\n"
    assert _temps(tmp_path) == []
