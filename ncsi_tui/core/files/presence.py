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
  A holder on another host cannot be checked and counts as alive.

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

from ncsi_tui.core.errors import InputError
from ncsi_tui.core.files.storage import folder_lock

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
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, owned by another user
        return True
    except OSError:
        return False
    return True


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
        stamp = when.strftime("%Y-%m-%d %H:%M UTC") if when else self.since
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
    except ValueError:
        return []
    items = data.get("holders") if isinstance(data, dict) else None
    if not isinstance(items, list):
        return []
    out = []
    for item in items:
        if not isinstance(item, dict):
            continue
        try:
            out.append(
                Holder(
                    user=str(item["user"]),
                    host=str(item["host"]),
                    pid=int(item["pid"]),
                    since=str(item["since"]),
                    boot_id=str(item.get("boot_id", "")),
                    start=None if item.get("start") is None else int(item["start"]),
                    token=str(item.get("token", "")),
                )
            )
        except (KeyError, TypeError, ValueError):
            continue
    return out


def _read_all(path: Path) -> list[Holder]:
    try:
        return _parse(lock_path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
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
    tmp = lock.with_name(f"{lock.name}.{os.getpid()}.tmp")
    tmp.write_text(body + "\n", encoding="utf-8")
    os.replace(tmp, lock)


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
