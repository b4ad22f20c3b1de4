"""One folder entry or one value cannot hang, exhaust or crash the command line, nor make
it write outside the folder (issue 17 items 2, 4, 5; issue 16 item 6). Real commands on
real files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def test_planted_symlinks_for_the_next_pids_change_nothing_outside(ncsi, example: Path,
                                                                  tmp_path: Path) -> None:
    """The old temp names were `.NAME.<pid>.tmp` (and .bak/.lock): plant links for the
    next pids, as a colleague would, and save."""
    victim = tmp_path / "authorized_keys"
    victim.write_text("ssh-ed25519 AAAA the-victim\n")
    folder = example.parent
    base = os.getpid()
    for pid in range(base + 1, base + 1500):
        for name in (f".example.toml.{pid}.tmp", f".example.toml.bak.{pid}.tmp",
                     f".example.toml.lock.{pid}.tmp"):
            (folder / name).symlink_to(victim)
    r = ncsi("record", example, "1.2", "--status", "met")
    assert r.returncode == 0, r.stderr
    r = ncsi("record", example, "1.3", "--status", "not-met")
    assert r.returncode == 0, r.stderr
    assert victim.read_text() == "ssh-ed25519 AAAA the-victim\n"
    assert 'status = "met"' in example.read_text().split('[indicators."1.2"]')[1][:30]


@pytest.mark.parametrize("kind", ["dev-zero", "fifo", "folder"])
def test_odd_folder_entries_are_refused_quickly(ncsi, tmp_path: Path, kind: str) -> None:
    entry = tmp_path / "f.toml"
    if kind == "dev-zero":
        entry.symlink_to("/dev/zero")
    elif kind == "fifo":
        os.mkfifo(entry)
    else:
        entry.mkdir()
    r = ncsi("summary", entry)  # run_ncsi has a 60 s timeout: a hang fails the test
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "regular file" in r.stderr or "folder" in r.stderr


def test_evidence_file_dev_zero_is_refused(ncsi, example: Path) -> None:
    before = example.read_bytes()
    r = ncsi("record", example, "1.2", "--evidence-file", "/dev/zero")
    assert r.returncode == 2 and "regular file" in r.stderr
    assert example.read_bytes() == before


def test_deeply_nested_toml_is_an_error_not_a_crash(ncsi, tmp_path: Path) -> None:
    f = tmp_path / "deep.toml"
    f.write_text("a = " + "[" * 50_000 + "]" * 50_000 + "\n")
    r = ncsi("summary", f)
    assert r.returncode == 2 and "nested too deeply" in r.stderr and "Traceback" not in r.stderr


def test_reference_date_in_year_one(ncsi, example: Path) -> None:
    text = example.read_text(encoding="utf-8")
    lines = [ln if not ln.startswith("reference_date") else "reference_date = 0001-01-01"
             for ln in text.splitlines()]
    example.write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = ncsi("check", example)
    assert r.returncode in (0, 1) and "Traceback" not in r.stderr, r.stderr
    for fmt in ("html", "md", "json", "csv"):
        r = ncsi("export", example, "--format", fmt, "-o", example.with_suffix("." + fmt))
        assert r.returncode == 0, r.stderr


def test_a_time_that_cannot_be_stored_in_utc_is_an_error(ncsi, example: Path) -> None:
    text = example.read_text(encoding="utf-8")
    head, _, rest = text.partition("updated_at = ")
    _, _, rest = rest.partition("\n")
    example.write_text(head + "updated_at = 0001-01-01T00:00:00+01:00\n" + rest,
                       encoding="utf-8")
    r = ncsi("record", example, "1.2", "--status", "met")
    assert r.returncode == 2 and "out of range" in r.stderr and "Traceback" not in r.stderr


def test_utf16_assessment_from_powershell(ncsi, example: Path) -> None:
    example.write_bytes(example.read_text(encoding="utf-8").encode("utf-16"))
    r = ncsi("summary", example)
    assert r.returncode == 0, r.stderr
    r = ncsi("record", example, "1.2", "--status", "met")
    assert r.returncode == 0, r.stderr
    assert example.read_bytes().startswith(b"schema")  # saved as UTF-8
