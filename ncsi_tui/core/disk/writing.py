"""Replacing a file atomically, safe in a folder shared with others.

:func:`write_atomic` writes the new bytes to a temporary file in the same folder and renames
it over the old one, so a crash at any instant leaves the old file or the new one:

* the temporary name is random (``.NAME.<random>.tmp``) and created exclusively without
  following a symlink (``O_CREAT|O_EXCL|O_NOFOLLOW``): a colleague cannot plant a link where
  our next temp file will be, and nothing outside the folder is ever written;
* its mode is set on the open descriptor (``fchmod``), never by path;
* every byte is written (a short count from ``os.write``, as on a full disk, is continued,
  and a write that makes no progress is an error), fsynced, and the size checked before the
  rename: a file shorter than its data never replaces anything;
* on any failure the temporary file is removed and the old file is left as it was;
* a symlink is written through: its target is replaced and the link stays a link.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from pathlib import Path

_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) \
    | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def target_of(path: Path | str) -> Path:
    """Where a write to `path` lands: the final target of a symlink, else `path` itself.

    A link is followed only when it is the writer's own and its target exists: in a shared
    folder a colleague may replace a file by a link to a file of yours elsewhere (your
    ``~/.ssh/authorized_keys``), existing or not yet. Raises OSError (EPERM: a link
    another user made; ENOENT: a link to nothing) in those cases.
    """
    path = Path(path)
    try:
        info = os.lstat(path)
    except OSError:
        return path
    if not stat.S_ISLNK(info.st_mode):
        return path
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        raise OSError(errno.EPERM, f"{path.name} is a link made by another user; "
                      "not written through it", str(path))
    target = Path(os.path.realpath(path))
    if not target.is_file():
        raise OSError(errno.ENOENT, f"{path.name} is a link to a file that does not exist; "
                      "not written through it", str(path))
    return target


def write_atomic(
    path: Path | str, data: bytes, *, mode: int | None = None, through_symlink: bool = True,
    durable: bool = True,
) -> Path:
    """Replace the file at `path` (through a symlink: its target) with `data`, atomically.

    `mode` (permission bits) is given to the new file; None: 0o666 less the umask, as for
    any new file. `through_symlink` False replaces a symlink itself (for exports, which
    must not land outside their folder). `durable` False skips the fsyncs (for a file
    that only advises, such as a presence lock: still atomic, not crash-proof). Returns the path that was replaced. Raises
    OSError (the old file is then untouched and no temporary file is left), e.g. ENOSPC
    when the disk is full.
    """
    target = target_of(path) if through_symlink else Path(path)
    folder = target.parent
    fd, tmp = _create_temp(folder, target.name)
    try:
        if mode is not None and hasattr(os, "fchmod"):
            os.fchmod(fd, mode)
        write_all(fd, data)
        if durable:
            os.fsync(fd)
        size = os.fstat(fd).st_size
        if size != len(data):
            raise OSError(errno.EIO, f"only {size} of {len(data)} bytes reached the disk")
        os.close(fd)
        fd = -1
        os.replace(tmp, target)
    except BaseException:
        if fd >= 0:
            with contextlib.suppress(OSError):
                os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if durable:
        fsync_folder(folder)
    return target


def _create_temp(folder: Path, name: str) -> tuple[int, Path]:
    """A new, empty temp file beside `name`: random name, exclusive, no symlink followed."""
    for _ in range(100):
        tmp = folder / f".{name}.{secrets.token_hex(8)}.tmp"
        try:
            return os.open(tmp, _CREATE, 0o666), tmp
        except FileExistsError:
            continue
    raise OSError(errno.EEXIST, "no free temporary file name", str(folder))


def write_all(fd: int, data: bytes) -> None:
    """Write every byte of `data` to `fd`, continuing after short writes.

    Raises OSError (ENOSPC when a write makes no progress, as on a full disk).
    """
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        if n <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        view = view[n:]


def fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX); a no-op where folders cannot be opened."""
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):  # some file systems refuse fsync on a folder
            os.fsync(fd)
    finally:
        os.close(fd)
