"""Who has it open: the presence lock beside an assessment (core/files/presence.py)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import asdict, replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ncsi_tui.core.files import presence
from ncsi_tui.core.files.presence import FileInUse, Presence


def _lock_json(path: Path) -> dict:
    return json.loads(presence.lock_path(path).read_text(encoding="utf-8"))


def test_opening_writes_who_and_since_and_quitting_removes_it(example):
    p = Presence(example, "amina")
    assert p.acquire() == []
    lock = presence.lock_path(example)
    assert lock.name == ".example.toml.lock" and lock.parent == example.parent
    (entry,) = _lock_json(example)["holders"]
    assert entry["user"] == "amina"
    assert entry["host"] == socket.gethostname()
    assert entry["pid"] == os.getpid()
    assert entry["since"].endswith("+00:00")
    assert entry["start"] == presence.process_start(os.getpid()) is not None
    assert entry["boot_id"] == presence.boot_id()
    p.release()
    assert not lock.exists()
    p.release()  # twice is harmless


def test_second_session_is_told_who_and_since_when(example):
    first = Presence(example, "amina")
    first.acquire()
    with pytest.raises(FileInUse) as info:
        Presence(example, "boris").acquire()
    (holder,) = info.value.holders
    assert holder.user == "amina"
    assert "amina on " in info.value.message and " since " in info.value.message
    assert "read-only" in info.value.hint
    first.release()


def test_edit_anyway_adds_a_second_holder_and_each_removes_only_itself(example):
    a, b = Presence(example, "amina"), Presence(example, "boris")
    a.acquire()
    others = b.acquire(force=True)
    assert [h.user for h in others] == ["amina"]
    assert [h.user for h in presence.holders(example)] == ["amina", "boris"]
    a.release()
    assert [h.user for h in presence.holders(example)] == ["boris"]
    with pytest.raises(FileInUse) as info:
        Presence(example, "carla").acquire()
    assert [h.user for h in info.value.holders] == ["boris"]
    b.release()
    assert not presence.lock_path(example).exists()


_HOLD = """
import sys, time
from pathlib import Path
from ncsi_tui.core.files.presence import Presence
Presence(Path(sys.argv[1]), "killed").acquire()
print("held", flush=True)
if sys.argv[2] == "hold":
    time.sleep(60)
"""


def _holder_process(path: Path, mode: str) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", _HOLD, str(path), mode],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_lock_of_a_killed_process_does_not_block_the_next_session(example):
    proc = _holder_process(example, "hold")
    try:
        assert [h.user for h in presence.holders(example)] == ["killed"]
        with pytest.raises(FileInUse):
            Presence(example, "amina").acquire()
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    assert presence.lock_path(example).exists()  # kill -9 left it behind
    assert presence.holders(example) == []  # ... but it is known to be stale
    p = Presence(example, "amina")
    assert p.acquire() == []
    assert [h["user"] for h in _lock_json(example)["holders"]] == ["amina"]
    p.release()


def test_a_normal_exit_without_release_clears_the_lock(example):
    proc = _holder_process(example, "exit")
    proc.wait(timeout=10)
    assert not presence.lock_path(example).exists()


def _write_entry(path: Path, holder: presence.Holder) -> None:
    presence.lock_path(path).write_text(
        json.dumps({"version": 1, "holders": [asdict(holder)]}), encoding="utf-8"
    )


def _live_holder() -> presence.Holder:
    pid = os.getppid()  # a live process that is not us
    return presence.Holder("amina", socket.gethostname(), pid, "2026-11-23T09:00:00+00:00",
                           presence.boot_id(), presence.process_start(pid), "t")


def test_live_holder_counts(example):
    _write_entry(example, _live_holder())
    assert [h.user for h in presence.holders(example)] == ["amina"]


def test_a_reused_pid_is_detected_by_its_start_time(example):
    holder = _live_holder()
    _write_entry(example, replace(holder, start=(holder.start or 0) + 12345))
    assert presence.holders(example) == []
    assert Presence(example, "boris").acquire() == []


def test_a_lock_from_before_a_reboot_is_stale(example):
    _write_entry(example, replace(_live_holder(), boot_id="another-boot"))
    assert presence.holders(example) == []


def test_a_holder_on_another_host_cannot_be_checked_and_counts_as_alive(example):
    _write_entry(example, replace(_live_holder(), host="elsewhere.invalid", pid=999999))
    assert [h.host for h in presence.holders(example)] == ["elsewhere.invalid"]


def test_a_damaged_lock_file_blocks_nobody(example):
    presence.lock_path(example).write_text("{not json", encoding="utf-8")
    assert presence.holders(example) == []
    p = Presence(example, "amina")
    p.acquire()
    assert _lock_json(example)["holders"][0]["user"] == "amina"
    p.release()


def test_describe_names_user_host_and_time(example):
    h = replace(_live_holder(), since="2026-11-23T09:14:00+00:00")
    host = socket.gethostname()
    assert h.describe() == f"amina on {host} (pid {h.pid}) since 2026-11-23 09:14 UTC"


def test_acquire_is_quick(example):
    t0 = time.perf_counter()
    for _ in range(50):
        p = Presence(example, "amina")
        p.acquire()
        p.release()
    assert (time.perf_counter() - t0) / 50 < 0.02


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["version", "holders", "user", "host", "pid", "since", "start",
                         "boot_id", "token"]), inner, max_size=6),
    max_leaves=12,
)


@given(st.one_of(st.text(max_size=200), _json.map(json.dumps)))
def test_any_lock_file_content_is_read_without_error(text):
    """Whatever is in a lock file (damaged, foreign, hand-edited), reading never fails."""
    for h in presence._parse(text):
        assert isinstance(h.pid, int) and isinstance(h.user, str)
