"""One lock per folder, on every platform: saves into a folder happen one at a time.

The only place the product takes an operating-system lock. It goes through portalocker
(a maintained cross-platform library: ``flock`` on POSIX, ``LockFileEx`` on Windows),
imported when a lock is first needed, so every other module imports on any platform.

* POSIX: the folder itself is locked (an ``flock`` on its descriptor), as earlier
  versions did, so old and new sessions exclude each other and no file is added.
* Windows (folders cannot be locked there): the file ``.ncsi-folder.lock`` in the folder.

Where the folder cannot be locked (a network share without a lock daemon, a platform
without locks) :func:`folder_lock` raises :class:`FolderNotLockable` (an InputError: exit
2, "this folder cannot be locked") and never unlocks what it did not lock. Re-entrant
within a thread, so a merge can read, merge and save under one lock.

Callers: core/files/storage.py (saves), core/files/presence.py (the presence lock file).
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ncsi_tui.core.errors import InputError

WINDOWS_LOCK_NAME = ".ncsi-folder.lock"

_held = threading.local()


class FolderNotLockable(InputError):
    """The folder's file system (or the platform) offers no lock: saving there is unsafe."""

    def __init__(self, folder: Path, why: str) -> None:
        super().__init__(
            f"this folder cannot be locked ({why}), so saving here is not safe with others",
            path=folder,
            hint="copy the assessment to a local folder (or a share with locking) and work there",
        )


def _portalocker() -> Any:
    try:
        import portalocker
    except ImportError as exc:  # no fcntl/msvcrt on this platform
        raise OSError(f"no file locking on this platform: {exc}") from None
    return portalocker


def _open_target(folder: Path) -> int:
    if os.name == "nt":
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0)
        return os.open(folder / WINDOWS_LOCK_NAME, flags, 0o666)
    return os.open(folder, os.O_RDONLY)


@contextlib.contextmanager
def folder_lock(path: Path) -> Iterator[None]:
    """Hold the exclusive lock of the folder of `path` (symlinks resolved) for the block.

    Blocks until the lock is free. Raises FolderNotLockable when the folder cannot be
    locked, and OSError when it cannot be opened.
    """
    folder = Path(path).resolve().parent
    held: set[Path] = _held.__dict__.setdefault("folders", set())
    if folder in held:
        yield
        return
    try:
        pl = _portalocker()
    except OSError as exc:
        raise FolderNotLockable(folder, str(exc)) from None
    fd = _open_target(folder)
    try:
        try:
            pl.lock(fd, pl.LockFlags.EXCLUSIVE)
        except (pl.exceptions.LockException, OSError) as exc:
            cause = exc.__cause__ or exc
            raise FolderNotLockable(folder, getattr(cause, "strerror", None) or str(cause)) \
                from None
        held.add(folder)
        try:
            yield
        finally:
            held.discard(folder)
            with contextlib.suppress(Exception):
                pl.unlock(fd)
    finally:
        os.close(fd)
