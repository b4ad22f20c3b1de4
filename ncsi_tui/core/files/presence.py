"""Who has an assessment open: a presence lock file beside it, ``.NAME.toml.lock``.

Several officials may work on one file (over SSH on a shared server, or on a shared
folder). Opening a file for editing writes a small JSON lock naming the holder (user,
host, pid, since) so the next person is told who has it open and since when, and can
choose to open it read-only or to edit anyway (then saves merge, see core/files/merge.py).

The lock is advice, not enforcement: saves are kept safe by storage.save_text (folder
flock + revision check). It therefore never blocks for good:

* it is removed when the holder quits (``release``) and, as a safety net, at interpreter
  exit (``atexit``);
* a holder that died without cleaning up (kill -9, a dropped SSH connection that ended
  with SIGHUP, a reboot) is detected and its entry dropped: on the same host its pid is
  not alive, or the pid now belongs to another process (the start time in
  ``/proc/PID/stat`` differs), or the machine was rebooted (``boot_id`` differs).
  A holder on another host cannot be checked and counts as alive. Where there is no
  ``/proc`` (macOS, Windows) only the pid is checked. An entry with a pid that no process
  can have (0, negative, too large) is never alive.

The lock file is read like any file of a shared folder (core/disk: a regular file, at most
64 KB) and parsed defensively: deep nesting, huge numbers or odd text in it make entries
void, never a crash. It is written like an assessment (core/disk: a random temp name,
created exclusively; the pids in it predict no file name).

The file holds a list of holders, because "edit anyway" adds a second one; the first to
quit removes only its own entry. Read-only sessions take no lock.

Callers: the app (open dialog, quit), tests. Nothing here imports a UI.
"""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import json
import os
import socket
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

from ncsi_tui.core.disk import NoSuchFile, read_bytes, write_atomic
from ncsi_tui.core.errors import InputError
from ncsi_tui.core.files.locking import folder_lock

#: A lock file holds a few holders; anything larger is not one of ours.
MAX_LOCK_BYTES = 64 * 1024
#: Pids are positive and fit in 32 bits on every system we know.
MAX_PID = 2**31 - 1

LOCK_VERSION = 1


def lock_path(path: Path) -> Path:
    """``dir/NAME.toml`` -> ``dir/.NAME.toml.lock``."""
    path = Path(path)
    return path.with_name(f".{path.name}.lock")


def boot_id() -> str:
    """An id that changes at every boot (Linux); "" where the system has none."""
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text().strip()
    except OSError:
        return ""


def process_start(pid: int) -> int | None:
    """The start time of a process in clock ticks since boot (field 22 of /proc/PID/stat).

    None when the process does not exist or the system has no /proc. Together with the
    boot id it tells a live holder from a new process that happens to reuse its pid.
    """
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name (field 2) is in parentheses and may hold spaces: split after it.
    fields = stat[stat.rfind(")") + 2 :].split()
    try:
        return int(fields[19])  # field 22 overall; fields[0] is field 3
    except (IndexError, ValueError):
        return None


def _pid_alive(pid: int) -> bool:
    """Whether a process with this pid exists (0, -1 and the like never: they name groups)."""
    if not 0 < pid <= MAX_PID:
        return False
    if os.name == "nt":  # os.kill(pid, 0) would end the process there
        return _pid_alive_windows(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, owned by another user
        return True
    except (OSError, OverflowError):
        return False
    return True


def _pid_alive_windows(pid: int) -> bool:  # pragma: no cover - Windows only
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return kernel32.GetLastError() == 5  # access denied: it exists
    code = ctypes.c_ulong()
    try:
        ok = kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
    finally:
        kernel32.CloseHandle(handle)
    return bool(ok) and code.value == 259  # STILL_ACTIVE


@dataclass(frozen=True)
class Holder:
    """One session that has the file open for editing."""

    user: str
    host: str
    pid: int
    since: str  # ISO 8601, UTC
    boot_id: str = ""
    start: int | None = None  # process start, clock ticks since boot
    token: str = ""  # tells two sessions of one process apart

    @property
    def since_time(self) -> dt.datetime | None:
        try:
            return dt.datetime.fromisoformat(self.since)
        except ValueError:
            return None

    def describe(self) -> str:
        """'amina on srv1 (pid 4242) since 2026-11-23 09:14 UTC' — for messages."""
        when = self.since_time
        if when is not None and when.tzinfo is not None:
            with contextlib.suppress(OverflowError, ValueError):
                when = when.astimezone(dt.UTC)
        stamp = f"{when.year:04d}-{when:%m-%d %H:%M} UTC" if when else self.since
        return f"{self.user} on {self.host} (pid {self.pid}) since {stamp}"

    def is_alive(self) -> bool:
        """False only when we can tell the holder is gone (same host); see module doc."""
        if self.host != socket.gethostname():
            return True
        if self.boot_id and boot_id() and self.boot_id != boot_id():
            return False
        if not _pid_alive(self.pid):
            return False
        if self.start is not None:
            now_start = process_start(self.pid)
            if now_start is not None and now_start != self.start:
                return False  # the pid was reused by another process
        return True


def _parse(raw: str) -> list[Holder]:
    """The holders in a lock file; a damaged or foreign file holds none."""
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        return []
    items = data.get("holders") if isinstance(data, dict) else None
    if not isinstance(items, list):
        return []
    out = []
    for item in items:
        if not isinstance(item, dict):
            continue
        try:
            holder = Holder(
                user=_text(item["user"]),
                host=_text(item["host"]),
                pid=_int(item["pid"]),
                since=_text(item["since"]),
                boot_id=_text(item.get("boot_id", "")),
                start=None if item.get("start") is None else _int(item["start"]),
                token=_text(item.get("token", "")),
            )
        except (KeyError, TypeError, ValueError, OverflowError):
            continue
        out.append(holder)
    return out


def _text(value: object) -> str:
    """A string field of an entry; anything else (a nested structure) voids the entry."""
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise TypeError(value)
    return str(value)[:200]


def _int(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or abs(value) > 2**63:
        raise ValueError(value)
    return value


def _read_all(path: Path) -> list[Holder]:
    try:
        raw = read_bytes(lock_path(path), limit=MAX_LOCK_BYTES, what="lock file")
        return _parse(raw.decode("utf-8"))
    except (NoSuchFile, InputError, UnicodeDecodeError):
        return []


def holders(path: Path) -> list[Holder]:
    """The live sessions that have `path` open for editing (stale entries left out)."""
    return [h for h in _read_all(path) if h.is_alive()]


def _write(path: Path, entries: list[Holder]) -> None:
    """Replace the lock file atomically (or remove it when nobody holds the file)."""
    lock = lock_path(path)
    if not entries:
        with contextlib.suppress(FileNotFoundError):
            lock.unlink()
        return
    body = json.dumps(
        {"version": LOCK_VERSION, "holders": [asdict(h) for h in entries]}, indent=1
    )
    # advice, not data: no fsync; a planted symlink is replaced, never followed
    write_atomic(lock, (body + "\n").encode("utf-8"), durable=False, through_symlink=False)


class FileInUse(InputError):
    """Another live session has the file open; `holders` says who and since when."""

    def __init__(self, path: Path, others: list[Holder]) -> None:
        who = "; ".join(h.describe() for h in others)
        super().__init__(
            f"open for editing by {who}",
            path=path,
            hint="open it read-only, or edit anyway (your saves will be merged with theirs)",
        )
        self.holders = others


class Presence:
    """This session's entry in a file's lock: acquire on open, release on quit.

    ``Presence(path, user).acquire()`` raises :class:`FileInUse` when someone else has
    the file open; ``acquire(force=True)`` ("edit anyway") adds us beside them.
    """

    def __init__(self, path: Path, user: str) -> None:
        self.path = Path(path)
        self.user = user
        self.holder: Holder | None = None

    @property
    def held(self) -> bool:
        return self.holder is not None

    def acquire(self, *, force: bool = False) -> list[Holder]:
        """Take our place in the lock; returns the other live holders (empty if none)."""
        if self.holder is not None:
            return [h for h in holders(self.path) if h.token != self.holder.token]
        pid = os.getpid()
        me = Holder(
            user=self.user,
            host=socket.gethostname(),
            pid=pid,
            since=dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
            boot_id=boot_id(),
            start=process_start(pid),
            token=uuid.uuid4().hex,
        )
        try:
            with folder_lock(self.path):
                others = [h for h in _read_all(self.path) if h.is_alive()]
                if others and not force:
                    raise FileInUse(self.path, others)
                _write(self.path, [*others, me])
        except OSError as exc:
            raise InputError(
                f"cannot write the lock file: {exc.strerror}",
                path=lock_path(self.path),
                hint="check the folder's permissions, or open the file read-only",
            ) from None
        self.holder = me
        atexit.register(self.release)
        return others

    def release(self) -> None:
        """Remove our entry (and the file, when we were the last); safe to call twice."""
        me, self.holder = self.holder, None
        if me is None:
            return
        atexit.unregister(self.release)
        with contextlib.suppress(OSError), folder_lock(self.path):
            rest = [h for h in _read_all(self.path) if h.token != me.token and h.is_alive()]
            _write(self.path, rest)

    def __enter__(self) -> Presence:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
