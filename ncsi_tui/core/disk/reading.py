"""Reading a file as people's tools leave it, without letting one folder entry hang or
exhaust the process.

Every reader of the product (assessments, catalogues, catalogue sheets, NCSI pages, lock
files, ``--evidence-file``) goes through :func:`read_bytes`: it opens the path once, looks
at the open descriptor (``fstat``) and accepts only a regular file, then reads at most the
size limit plus one byte. A symlink to ``/dev/zero``, a FIFO named ``f.toml`` or a folder
is refused with a message; nothing blocks (the open is non-blocking) and nothing grows
without bound. What was read is one snapshot: callers take the content and its revision
hash from the same bytes.

:func:`decode_text` turns the bytes into text: UTF-8 (with or without a byte-order mark)
or UTF-16 LE/BE with a byte-order mark, as Windows PowerShell and Notepad write it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ncsi_tui.core.errors import InputError

#: Files larger than this are refused before parsing (an assessment is a few hundred KB).
MAX_FILE_BYTES = 8 * 1024 * 1024

_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) \
    | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
_CHUNK = 1 << 20


class NoSuchFile(InputError):
    """The path names nothing (a reader may treat this as "not created yet")."""


def read_bytes(
    path: Path | str, *, limit: int = MAX_FILE_BYTES, what: str = "file", pipes: bool = False
) -> bytes:
    """The bytes of the regular file at `path` (symlinks followed), read in one go.

    `limit` is in bytes; a larger file is refused. `what` names the file in messages
    ("assessment", "lock file"). Raises NoSuchFile (an InputError) when nothing is there,
    and InputError for a folder, a device, a pipe or socket, a file too large, or any
    OSError while reading (the message says what and why).
    """
    return read_file(path, limit=limit, what=what, pipes=pipes)[0]


def read_file(
    path: Path | str, *, limit: int = MAX_FILE_BYTES, what: str = "file", pipes: bool = False
) -> tuple[bytes, os.stat_result]:
    """:func:`read_bytes` with the ``fstat`` of the descriptor that was read (mode, size).

    `pipes`: also accept a named pipe (``--evidence-file <(cmd)``), read up to `limit`; for
    paths a person typed, never for entries of a folder (a FIFO would wait for a writer).
    """
    path = Path(path)
    try:
        flags = _FLAGS
        if pipes and stat.S_ISFIFO(os.stat(path).st_mode):
            flags &= ~getattr(os, "O_NONBLOCK", 0)  # wait for the writer, as a shell would
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise NoSuchFile("no such file", path=path, hint="check the path") from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file", path=path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=path) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError("is a folder, not a file", path=path)
        if not stat.S_ISREG(info.st_mode) and not (pipes and stat.S_ISFIFO(info.st_mode)):
            raise InputError(
                f"not a regular file but a device, a pipe or a socket (expected: {what})",
                path=path, hint="is this the right file?",
            )
        if info.st_size > limit:
            raise _too_large(path, info.st_size, what)
        chunks: list[bytes] = []
        got = 0
        while got <= limit:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - got))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
        if got > limit:  # it grew while we read
            raise _too_large(path, got, what)
        return b"".join(chunks), info
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=path) from None
    finally:
        os.close(fd)


def _too_large(path: Path, size: int, what: str) -> InputError:
    shown = f"{size // 1024 // 1024} MB" if size >= 1024 * 1024 else f"{size} bytes"
    return InputError(
        f"file is {shown}; a {what} of this kind is far smaller",
        path=path,
        hint="is this the right file?",
    )


def read_text(
    path: Path | str, *, limit: int = MAX_FILE_BYTES, what: str = "file", pipes: bool = False
) -> str:
    """:func:`read_bytes`, then :func:`decode_text`: the text of a file, or an InputError."""
    raw = read_bytes(path, limit=limit, what=what, pipes=pipes)
    return decode_text(raw, Path(path), what="text")


def decode_text(
    raw: bytes, path: Path | None = None, *, what: str = "TOML text",
    hint: str = "is this the right file?",
) -> str:
    """Bytes -> text: UTF-8 (an optional BOM dropped) or UTF-16 LE/BE with a BOM.

    Raises InputError for other binary data ("binary file, not `what`", with `hint`) or
    invalid UTF-8 (with the line).
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(
                "not valid UTF-16 text (it starts with a UTF-16 byte-order mark)", path=path,
                hint="save the file as UTF-8",
            ) from None
    if b"\x00" in raw[:8192]:
        raise InputError(f"binary file, not {what}", path=path, hint=hint)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            "not UTF-8 text", path=path, line=line, hint="save the file as UTF-8"
        ) from None
