"""A lock file written by a careless or hostile colleague never crashes or blocks opening
(issue 17, items 4 and 5; pid 0 / -1 from item 9)."""

from __future__ import annotations

import json
import socket
import threading
from pathlib import Path

import pytest

from ncsi_tui.core.files import presence
from ncsi_tui.core.files.presence import Holder, Presence


def _entry(**over: object) -> dict[str, object]:
    return {"user": "amina", "host": socket.gethostname(), "pid": 1,
            "since": "2026-11-23T09:14:00+00:00", **over}


def _write_lock(path: Path, body: str) -> None:
    presence.lock_path(path).write_text(body, encoding="utf-8")


@pytest.mark.parametrize("body", [
    "[" * 200_000,  # nested deeper than any parser's recursion
    '{"holders": [' + "[" * 100_000 + "]" * 100_000 + "]}",
    json.dumps({"holders": [_entry(pid=10**40)]}),  # does not fit any pid
    json.dumps({"holders": [_entry(pid=2**70)]}),
    '{"holders": [{"user": "a", "host": "h", "pid": ' + "9" * 5000 + ', "since": "x"}]}',
    json.dumps({"holders": [_entry(user={"deep": [1, 2]})]}),
    json.dumps({"holders": [_entry(start=1e308)]}),
])
def test_hostile_lock_files_hold_nobody(example: Path, body: str) -> None:
    _write_lock(example, body)
    assert presence.holders(example) == []
    p = Presence(example, "boris")
    assert p.acquire() == []
    p.release()


@pytest.mark.parametrize("pid", [0, -1, -2])
def test_group_pids_are_never_alive(example: Path, pid: int) -> None:
    _write_lock(example, json.dumps({"holders": [_entry(pid=pid)]}))
    assert presence.holders(example) == []


def test_markup_in_a_user_name_is_just_text(example: Path) -> None:
    _write_lock(example, json.dumps({"holders": [_entry(user="[/x] [bold]", pid=1)]}))
    hs = presence.holders(example)
    assert hs and "[/x] [bold]" in hs[0].describe()


def test_lock_file_linked_to_dev_zero_neither_hangs_nor_is_followed(example: Path) -> None:
    presence.lock_path(example).symlink_to("/dev/zero")
    done: list[object] = []

    def run() -> None:
        p = Presence(example, "boris")
        done.append(p.acquire())
        p.release()

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(20)
    assert not t.is_alive() and done == [[]]
    assert Path("/dev/zero").is_char_device()  # replaced the link, not what it points to


def test_year_one_since_is_shown(example: Path) -> None:
    h = Holder("a", "h", 1, "0001-01-01T00:00:00+00:00")
    assert "0001-01-01" in h.describe()
