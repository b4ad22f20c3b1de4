"""Cache files on a shared server: only the user's own regular file is read; written 0600."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ncsi_tui.core.disk.own_cache import read_own_json, write_own_json


def test_written_with_mode_0600_in_a_private_folder_and_read_back(tmp_path: Path) -> None:
    path = tmp_path / "cache" / "c.json"
    assert write_own_json(path, {"a": [1, "ü"]})
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700
    assert read_own_json(path) == {"a": [1, "ü"]}


def test_missing_damaged_or_too_large_reads_as_no_cache(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    assert read_own_json(path) is None
    path.write_text("{not json", encoding="utf-8")
    path.chmod(0o600)
    assert read_own_json(path) is None
    path.write_text('{"a": 1}', encoding="utf-8")
    assert read_own_json(path, max_bytes=3) is None


def test_a_file_others_can_write_is_not_trusted(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    write_own_json(path, {"a": 1})
    path.chmod(0o620)
    assert read_own_json(path) is None


def test_a_symlink_is_neither_followed_nor_written_through(tmp_path: Path) -> None:
    target = tmp_path / "theirs.json"
    write_own_json(target, {"planted": True})
    link = tmp_path / "c.json"
    link.symlink_to(target)
    assert read_own_json(link) is None
    assert write_own_json(link, {"mine": True})
    assert not link.is_symlink() and read_own_json(target) == {"planted": True}


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="only root can give a file to another user")
def test_a_file_of_another_user_is_not_trusted(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    write_own_json(path, {"a": 1})
    os.chown(path, 12345, 12345)
    assert read_own_json(path) is None


def test_data_json_cannot_hold_is_not_written(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    assert not write_own_json(path, {"a": object()})
    assert not path.exists()
