"""`ncsi PATH` with a file the app cannot open: a message and exit 2, before any screen."""

from __future__ import annotations

from pathlib import Path


def test_unreadable_file_is_reported_without_traceback(tmp_path: Path, ncsi) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('schema = 1\nframework = "ncsi-2.0"\n')
    r = ncsi(bad)
    assert r.returncode == 2
    assert "bad.toml" in r.stderr and "country" in r.stderr
    assert "Traceback" not in r.stderr


def test_missing_file_is_reported(tmp_path: Path, ncsi) -> None:
    r = ncsi("open", tmp_path / "nope.toml")
    assert r.returncode == 2
    assert "nope.toml" in r.stderr and "Traceback" not in r.stderr
