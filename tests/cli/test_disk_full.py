"""A real full disk: a 48 KB tmpfs, mounted for the test (root only; skipped elsewhere).
Before the fix `ncsi record` said "saved" and left a 4,096-byte, unparseable file."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE


@pytest.fixture
def tiny(tmp_path: Path):  # type: ignore[no-untyped-def]
    mnt = tmp_path / "tiny"
    mnt.mkdir()
    if shutil.which("mount") is None:
        pytest.skip("no mount command")
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=48k", "tmpfs", str(mnt)],
                       capture_output=True, text=True, timeout=30)
    if r.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {r.stderr.strip()}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True, timeout=30)


def test_record_on_a_full_disk_exits_2_and_keeps_the_file(ncsi, tiny: Path,
                                                          tmp_path: Path) -> None:
    path = tiny / "example.toml"
    shutil.copyfile(EXAMPLE, path)
    (tiny / "filler").write_bytes(b"\0" * 20_000)  # about 16 KB left
    evidence = tmp_path / "evidence.txt"
    evidence.write_text("E" * 30_000)  # the new file cannot fit
    r = ncsi("record", path, "1.2", "--evidence-file", evidence)
    assert r.returncode == 2, r.stdout
    assert "No space left" in r.stderr and "Traceback" not in r.stderr
    assert path.read_bytes() == EXAMPLE.read_bytes()
    assert [p.name for p in tiny.iterdir() if p.name.endswith(".tmp")] == []
    r = ncsi("export", path, "--format", "html", "-o", tiny / "example.html")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert not (tiny / "example.html").exists()
    assert [p.name for p in tiny.iterdir() if p.name.endswith(".tmp")] == []
