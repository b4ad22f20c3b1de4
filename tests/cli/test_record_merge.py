"""`ncsi record` while someone else saves: merged, or refused without writing.

To hold `ncsi record` between loading the file and saving it, its evidence comes from a
FIFO: the command has loaded the file when it opens the FIFO for reading (which we can
see: opening the writing end without blocking succeeds only then). A colleague's save goes
in at that moment; then the evidence is written and `ncsi record` saves.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest


def _record_paused(example: Path, fifo: Path, uid: str) -> tuple[subprocess.Popen[str], int]:
    """Start `ncsi record` and return once it has loaded the file; and our end of the FIFO."""
    os.mkfifo(fifo)
    proc = subprocess.Popen(
        [sys.executable, "-m", "ncsi_tui", "record", str(example), uid,
         "--evidence-file", str(fifo)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "NCSI_USER": "boris", "COLUMNS": "120"},
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            # succeeds only once the reader is there, i.e. the file was loaded; kept open,
            # so the reader waits for our text instead of seeing the end of the file
            return proc, os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.02)
    proc.kill()
    pytest.fail("ncsi record never opened its evidence file")


def _resume(proc: subprocess.Popen[str], fd: int, text: str) -> tuple[int, str, str]:
    os.write(fd, text.encode("utf-8"))
    os.close(fd)
    out, err = proc.communicate(timeout=60)
    return proc.returncode, out, err


def _indicators(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))["indicators"]


def test_record_merges_with_a_save_to_another_indicator(example, tmp_path, ncsi):
    fifo = tmp_path / "evidence"
    proc, fd = _record_paused(example, fifo, "2.3")
    r = ncsi("record", example, "1.1", "--status", "not-met", env={"NCSI_USER": "amina"})
    assert r.returncode == 0, r.stderr
    code, _, err = _resume(proc, fd, "Boris's evidence for 2.3")
    assert code == 0, err
    disk = _indicators(example)
    assert (disk["1.1"]["status"], disk["1.1"]["updated_by"]) == ("not-met", "amina")
    assert (disk["2.3"]["evidence"], disk["2.3"]["updated_by"]) == (
        "Boris's evidence for 2.3", "boris")


def test_record_on_another_field_of_the_same_indicator_merges(example, tmp_path, ncsi):
    fifo = tmp_path / "evidence"
    proc, fd = _record_paused(example, fifo, "1.1")
    r = ncsi("record", example, "1.1", "--status", "not-met", env={"NCSI_USER": "amina"})
    assert r.returncode == 0, r.stderr
    code, _, err = _resume(proc, fd, "Boris's evidence for 1.1")
    assert code == 0, err
    disk = _indicators(example)
    assert (disk["1.1"]["status"], disk["1.1"]["evidence"]) == (
        "not-met", "Boris's evidence for 1.1")


def test_record_on_the_same_field_writes_nothing_and_says_why(example, tmp_path, ncsi):
    fifo = tmp_path / "evidence"
    proc, fd = _record_paused(example, fifo, "1.1")
    r = ncsi("record", example, "1.1", "--status", "not-met", "--evidence", "Amina's",
             env={"NCSI_USER": "amina"})
    assert r.returncode == 0, r.stderr
    after_amina = example.read_bytes()
    code, _, err = _resume(proc, fd, "Boris's evidence for 1.1")
    assert code == 2
    assert "1.1 evidence changed both here and in the file on disk" in err
    assert "run the command again" in err
    assert "Traceback" not in err
    assert example.read_bytes() == after_amina  # amina's save stands, nothing overwritten
    # running it again applies it on top of the newer file
    r = ncsi("record", example, "1.1", "--evidence", "Boris's evidence for 1.1",
             env={"NCSI_USER": "boris"})
    assert r.returncode == 0, r.stderr
    disk = _indicators(example)
    assert disk["1.1"]["status"] == "not-met" and disk["1.1"]["evidence"].startswith("Boris")
