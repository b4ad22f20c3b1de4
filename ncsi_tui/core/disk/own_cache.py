"""Cache files of the person running the app: plain JSON data, theirs alone.

The app runs on shared servers, so a cache file is only a hint that must not be planted
by someone else: :func:`read_own_json` trusts a file only when it is a regular file (no
symlink followed), owned by the current user and writable by nobody else, and not larger
than a limit; anything else reads as "no cache". :func:`write_own_json` writes atomically
(:func:`~ncsi_tui.core.disk.writing.write_atomic`), mode 0600, in a folder it creates
with mode 0700, and never writes through a symlink. A cache that cannot be read or
written only costs speed: neither function raises for that.

Callers: the start screen's and the overview's row cache (core/files/rows.py), the score
cache of git versions (core/files/blob_scores.py).
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

from ncsi_tui.core.disk.writing import write_atomic

#: Bigger cache files are not read (a cache is a hint, not worth a long read).
MAX_BYTES = 64 * 1024 * 1024


def is_own(st: os.stat_result) -> bool:
    """Whether a file with this status may be trusted as the user's own: a regular file,
    owned by the current user (where the system has user ids), writable by no one else."""
    if not stat.S_ISREG(st.st_mode):
        return False
    if hasattr(os, "getuid") and st.st_uid != os.getuid():
        return False
    return not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def read_own_json(path: Path, max_bytes: int = MAX_BYTES) -> Any | None:
    """The JSON data in `path`, or None when it is missing, unreadable, not valid JSON,
    too large, or not trusted (see :func:`is_own`)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not is_own(st) or st.st_size > max_bytes:
            return None
        with os.fdopen(fd, "rb") as fh:
            fd = -1
            raw = fh.read(max_bytes + 1)
        return json.loads(raw.decode("utf-8"))
    except (OSError, ValueError):
        return None
    finally:
        if fd >= 0:
            os.close(fd)


def write_own_json(path: Path, data: Any) -> bool:
    """Write `data` as JSON to `path` atomically, mode 0600 (its folder made with mode
    0700 if missing). Returns False, without raising, when it could not be written."""
    try:
        raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except (TypeError, ValueError):
        return False
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_atomic(path, raw, mode=0o600, through_symlink=False, durable=False)
    except OSError:
        return False
    return True

