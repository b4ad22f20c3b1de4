"""Saves that lose nothing: one read, read-only files, symlinks, comments kept in a backup,
a full disk, a folder that cannot be locked (issue 16, items 1, 3, 6, 9, 10)."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from ncsi_tui.cli import main
from ncsi_tui.core.disk import reading, writing
from ncsi_tui.core.errors import InputError
from ncsi_tui.core.files import locking, storage
from ncsi_tui.core.files.session import AssessmentSession
from ncsi_tui.core.model import parsed_cache


def _temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_load_reads_the_file_once(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    real = reading.os.open

    def spy(path, flags, *a, **kw):  # type: ignore[no-untyped-def]
        opened.append(str(path))
        return real(path, flags, *a, **kw)

    monkeypatch.setattr(reading.os, "open", spy)
    monkeypatch.setattr(Path, "read_bytes", None)  # any second read path would fail
    loaded = storage.load(example)
    cache = str(parsed_cache.cache_folder())  # the cache of validated files is not the file
    assert [p for p in opened if not p.startswith(cache)] == [str(example)]
    assert loaded.revision == storage.revision_of(loaded.text.encode("utf-8"))


def test_content_and_revision_come_from_one_read_under_a_fast_writer(tmp_path: Path) -> None:
    """Another process replaces the file as fast as it can; no load may pair the content
    of one version with the revision of another (before the fix: ~4% of loads did)."""
    src = Path(__file__).resolve().parents[3] / "ncsi_tui" / "examples" / "example.toml"
    texts = [src.read_text(encoding="utf-8"),
             src.read_text(encoding="utf-8").replace("Examplia", "Examplib")]
    f = tmp_path / "a.toml"
    f.write_text(texts[0], encoding="utf-8")
    writer = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import os
        from pathlib import Path
        d, texts = Path({str(tmp_path)!r}), {texts!r}
        for i in range(1_000_000):
            t = d / f".w{{i % 2}}"
            t.write_text(texts[i % 2], encoding="utf-8")
            os.replace(t, d / "a.toml")
    """)])
    try:
        seen, mismatched = set(), 0
        for _ in range(400):
            loaded = storage.load(f)
            seen.add(loaded.revision)
            if storage.revision_of(loaded.text.encode("utf-8")) != loaded.revision:
                mismatched += 1
    finally:
        writer.kill()
        writer.wait()
    assert mismatched == 0
    assert len(seen) == 2  # the writer did replace the file meanwhile


def test_read_only_file_is_refused_unless_forced(example: Path) -> None:
    s = AssessmentSession.open(example)
    s.set_status("1.2", "met")
    before = example.read_bytes()
    example.chmod(0o444)
    with pytest.raises(InputError, match="read-only"):
        s.save()
    assert example.read_bytes() == before
    assert _temps(example.parent) == []
    storage.save_text(example, s.text(), s.revision, force=True)
    assert example.read_bytes() != before
    assert example.stat().st_mode & 0o777 == 0o444


def test_record_refuses_a_read_only_file(example: Path, capsys: pytest.CaptureFixture) -> None:
    example.chmod(0o444)
    before = example.read_bytes()
    assert main(["record", str(example), "1.2", "--status", "met"]) == 2
    assert "read-only" in capsys.readouterr().err
    assert example.read_bytes() == before


def test_save_through_a_symlink_writes_the_target(example: Path, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere"
    other.mkdir()
    link = other / "linked.toml"
    link.symlink_to(example)
    s = AssessmentSession.open(link)
    s.set_status("1.2", "met")
    s.save()
    assert link.is_symlink()
    assert storage.load(example).assessment.record("1.2").status == "met"
    assert storage.backup_path(example).exists()  # beside the real file
    assert not storage.backup_path(link).exists()


def test_planted_backup_symlink_is_not_followed(example: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_text("keys\n")
    storage.backup_path(example).symlink_to(victim)
    s = AssessmentSession.open(example)
    s.set_status("1.2", "met")
    s.save()
    assert victim.read_text() == "keys\n"
    assert not storage.backup_path(example).is_symlink()


def test_keep_mine_over_a_file_replaced_by_a_dangling_link_creates_nothing(
        example: Path, tmp_path: Path) -> None:
    """Issue 17.2 as a kind: a colleague removes the assessment and leaves a link to a file
    of yours that does not exist yet; "Keep mine" (a save expecting no file) must not create
    it through the link. The edits stay in the session (the app keeps them in a note)."""
    victim = tmp_path / "home" / ".ssh" / "authorized_keys"
    victim.parent.mkdir(parents=True)
    s = AssessmentSession.open(example)
    s.set_status("1.2", "met")
    example.unlink()
    example.symlink_to(victim)
    with pytest.raises(InputError, match="does not exist"):
        storage.save_text(example, s.text(), None)
    assert not victim.exists()
    assert example.is_symlink()


def test_comments_survive_two_saves_in_a_backup(example: Path) -> None:
    commented = "# kept by the ministry: do not lose\n" + example.read_text(encoding="utf-8")
    example.write_text(commented, encoding="utf-8")
    s = AssessmentSession.open(example)
    assert s.has_comments
    for status in ("met", "not-met", "met"):
        s.set_status("1.2", status)
        s.save()
    keep = storage.comments_backup_path(example)
    assert keep.read_text(encoding="utf-8") == commented
    assert "# kept" not in storage.backup_path(example).read_text(encoding="utf-8")


def test_utf16_file_is_read_and_saved_as_utf8(example: Path) -> None:
    text = example.read_text(encoding="utf-8")
    example.write_bytes(text.encode("utf-16"))  # Windows PowerShell's Out-File
    s = AssessmentSession.open(example)
    assert s.record("1.1").status == "met"
    s.set_status("1.2", "met")
    s.save()
    raw = example.read_bytes()
    assert not raw.startswith((b"\xff\xfe", b"\xfe\xff"))
    assert storage.load(example).assessment.record("1.2").status == "met"


def test_disk_full_save_says_so_and_keeps_the_old_file(
    example: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    before = example.read_bytes()
    real = os.write

    def full(fd: int, data: bytes) -> int:
        if len(data) > 4096:
            return real(fd, bytes(data[:4096]))  # a short count: the disk filled up
        return 0

    monkeypatch.setattr(writing.os, "write", full)
    assert main(["record", str(example), "1.2", "--status", "met"]) == 2
    err = capsys.readouterr().err
    assert "cannot save" in err and "Traceback" not in err
    assert example.read_bytes() == before
    assert _temps(example.parent) == []


def test_export_on_a_full_disk_leaves_no_temp(
    example: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.setattr(writing.os, "write", lambda fd, data: 0)
    out = example.with_suffix(".html")
    assert main(["export", str(example), "--format", "html", "-o", str(out)]) == 2
    assert "cannot write" in capsys.readouterr().err
    assert not out.exists()
    assert _temps(example.parent) == []


def test_export_is_fsynced(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[int] = []
    real = writing.os.fsync
    monkeypatch.setattr(writing.os, "fsync", lambda fd: (synced.append(fd), real(fd)))
    assert main(["export", str(example), "--format", "md", "-o",
                 str(example.with_suffix(".md"))]) == 0
    assert synced


def test_folder_that_cannot_be_locked(
    example: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    import portalocker

    unlocked: list[object] = []

    def no_lock(fd: object, flags: object) -> None:
        raise portalocker.exceptions.LockException(OSError(errno.ENOLCK, "No locks available"))

    monkeypatch.setattr(portalocker, "lock", no_lock)
    monkeypatch.setattr(portalocker, "unlock", lambda fd: unlocked.append(fd))
    before = example.read_bytes()
    assert main(["record", str(example), "1.2", "--status", "met"]) == 2
    err = capsys.readouterr().err
    assert "this folder cannot be locked" in err and "Traceback" not in err
    assert unlocked == []  # never unlocks a lock it did not take
    assert example.read_bytes() == before


def test_no_lock_library_means_cannot_be_locked(
    example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "portalocker", None)  # as without fcntl or msvcrt
    with pytest.raises(locking.FolderNotLockable), locking.folder_lock(example):
        pass
