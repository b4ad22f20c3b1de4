"""A cache of validated files, so a command does not import pydantic to read them again.

Every command reads a catalogue and an assessment. Validating them imports pydantic and
builds a validator for every model class they use, which was most of a command's own time
(issue 24). A file read before is the same content: its validated model is stored as plain
data (JSON, never pickle) in the user's cache folder (platformdirs, ``$NCSI_CACHE_DIR``
honoured) and rebuilt with ``model_construct`` (core/model/data.py: no pydantic at all).

Trust, for shared servers where many people share one machine:

* the key is the sha256 of the file's bytes, with what the meaning of the data depends on
  (this format, the package version, the size and time of every file of core/model:
  classes, validators, country table), so a change to the file or to the code is a miss;
* a cache file is used only when it is a regular file (no symlink followed), owned by the
  current user and not writable by group or others (core/disk/own_cache.py, as every cache
  of the app), and names the same key inside (a link or copy of another entry is a miss);
  the folder must be ours and not writable by others (``0700`` when we make it);
* files are written atomically with mode ``0600``; only model classes of core/model can be
  built (by their qualified name), with field values of plain types, and the result must be
  of the expected root class;
* at most :data:`MAX_ENTRIES` entries and :data:`MAX_TOTAL` bytes are kept (oldest go);
* any failure (unreadable, malformed, foreign, full disk) is a miss, silently: the file
  is then read and validated as before, and bad input gives the same messages as ever
  (nothing invalid is ever cached).

:data:`stats` counts hits, misses and writes in this process (tests and bench read it).
Callers: ``load_catalogue`` (core/model/catalogue.py) and ``storage.load`` (core/files).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import importlib.util
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from ncsi_tui import __version__
from ncsi_tui.core.disk import decode_text, read_bytes
from ncsi_tui.core.disk.own_cache import read_own_json, write_own_json
from ncsi_tui.core.errors import load_toml, validation_error
from ncsi_tui.core.model import folders
from ncsi_tui.core.model.data import Data

M = TypeVar("M", bound=Data)

#: Bump when the stored layout changes: every older entry is then a miss.
FORMAT = 2
#: At most this many entries, of at most this many bytes together, are kept; writing one
#: more removes the oldest until 3/4 of either is left.
MAX_ENTRIES = 200
MAX_TOTAL = 64 * 1024 * 1024
#: A cache file larger than this is not read (a miss).
MAX_BYTES = 64 * 1024 * 1024
SUBFOLDER = "parsed"

#: Counters for this process: "hit", "miss", "write" (observable by tests and bench).
stats: dict[str, int] = {"hit": 0, "miss": 0, "write": 0}


def cache_folder() -> Path:
    """Where entries live: ``parsed/`` in the user's cache folder (core/model/folders.py)."""
    return folders.cache_dir() / SUBFOLDER


def load_file(path: Path, kind: str, root: type[M]) -> tuple[M, str]:
    """Read the TOML file at `path` once (core/disk) and validate it as `root`, once per
    content (see :func:`cached`). `kind` names the file in messages ("catalogue").

    Returns the model and the sha256 (hex) of the file's bytes. Raises InputError, with
    file:line:column, for a file that cannot be read, decoded, parsed or validated.
    """
    raw = read_bytes(path, what=kind)
    text = decode_text(raw, Path(path), what="text")

    def validate() -> M:
        try:
            return root.model_validate(load_toml(text, path))
        except ValueError as exc:
            raise validation_error(path, text, exc) from None

    digest = hashlib.sha256(raw).hexdigest()
    return cached(kind, digest, root, validate), digest


def cached(kind: str, digest: str, root: type[M], build: Callable[[], M]) -> M:
    """The model of a file whose bytes have sha256 `digest`: from the cache, else `build()`.

    `kind` names the sort of file ("catalogue", "assessment"); `root` is the class the
    entry must hold. `build` reads and validates the file the normal way; what it raises
    (an InputError for bad input) passes through and nothing is cached. Cache problems
    never raise: they only cost the time of `build`.
    """
    key = entry_key(kind, digest, root)
    found = _read(key, root)
    if found is not None:
        stats["hit"] += 1
        return found
    stats["miss"] += 1
    value = build()
    _write(key, value)
    return value


def entry_key(kind: str, digest: str, root: type[Data]) -> str:
    """The cache key (sha256 hex) of a file's digest under this code and these versions."""
    text = f"{kind}\n{root.__module__}.{root.__qualname__}\n{digest}\n{_code_stamp()}"
    return hashlib.sha256(text.encode()).hexdigest()


def entry_path(key: str) -> Path:
    """The cache file of a key."""
    return cache_folder() / f"{key}.json"


@functools.cache
def _code_stamp() -> str:
    """What the data's meaning depends on: the versions, and the size and time of every file
    of core/model (the classes, their validators, the country table) for editable installs.
    pydantic, which validated the entry, is known by its version file, found without
    importing it (a warm command imports no pydantic)."""
    parts = [f"format {FORMAT}", f"ncsi-tui {__version__}"]
    here = Path(__file__).parent
    with contextlib.suppress(ImportError, ValueError, OSError):
        spec = importlib.util.find_spec("pydantic")
        if spec is not None and spec.origin is not None:
            st = os.stat(Path(spec.origin).with_name("version.py"))
            parts.append(f"pydantic {st.st_size} {st.st_mtime_ns}")
    for folder in (here, here / "data"):
        with contextlib.suppress(OSError), os.scandir(folder) as found:
            for e in sorted(found, key=lambda e: e.name):
                if e.name.startswith((".", "__pycache__")) or e.name.endswith(".pyc"):
                    continue  # bytecode is written when Python likes: not the meaning
                with contextlib.suppress(OSError):
                    st = e.stat()
                    parts.append(f"{e.name} {st.st_size} {st.st_mtime_ns}")
    return "\n".join(parts)


def _classes() -> dict[str, type[Data]]:
    """The model classes of core/model, by qualified name (module.Class)."""
    out: dict[str, type[Data]] = {}
    todo: list[type] = [Data]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("ncsi_tui.core.model."):
                out[_name(sub)] = sub
    return out


def _name(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


# --- plain data <-> models ---------------------------------------------------------------


def encode(value: Any) -> Any:
    """A model tree as JSON-able data, every non-JSON value tagged. Raises TypeError for a
    value of a type this format does not know (the entry is then not written)."""
    if isinstance(value, Data):
        cls = type(value)
        return {"$m": _name(cls), "f": {k: encode(getattr(value, k)) for k in cls.model_fields}}
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, tuple):
        return {"$t": [encode(v) for v in value]}
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        return {"$d": {k: encode(v) for k, v in value.items()}}
    if isinstance(value, dt.datetime):
        return {"$dt": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    raise TypeError(f"cannot cache a {type(value).__name__}")


def decode(data: Any, classes: dict[str, type[Data]]) -> Any:
    """The inverse of :func:`encode`; only classes in `classes` are built.

    Raises KeyError, TypeError or ValueError for data this format cannot hold.
    """
    if isinstance(data, list):
        return [decode(v, classes) for v in data]
    if not isinstance(data, dict):
        return data
    if "$m" in data:
        cls = classes[data["$m"]]
        fields = data["f"]
        if set(fields) != set(cls.model_fields):
            raise ValueError(f"fields of {cls.__name__} differ")
        values = {k: decode(v, classes) for k, v in fields.items()}
        return cls.model_construct(**values)
    (tag, inner), = data.items()
    if tag == "$t":
        return tuple(decode(v, classes) for v in inner)
    if tag == "$d":
        return {str(k): decode(v, classes) for k, v in inner.items()}
    if tag == "$dt":
        return dt.datetime.fromisoformat(inner)
    if tag == "$date":
        return dt.date.fromisoformat(inner)
    raise ValueError(f"unknown tag {tag}")


# --- the files ---------------------------------------------------------------------------


def _folder_ok(folder: Path) -> bool:
    """The cache folder is ours and writable by nobody else (POSIX; elsewhere per-user)."""
    if not hasattr(os, "getuid"):
        return True
    try:
        info = os.lstat(folder)
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() \
        and not info.st_mode & 0o022


def _read(key: str, root: type[M]) -> M | None:
    """The entry of `key` if present and trusted, else None (never raises)."""
    path = entry_path(key)
    if not _folder_ok(path.parent):
        return None
    doc = read_own_json(path, MAX_BYTES)  # a regular file of ours that only we can write
    try:
        if doc is None or doc.get("key") != key:  # another key's entry under this name
            return None
        value = decode(doc["data"], _classes())
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None
    return value if type(value) is root else None


def _write(key: str, value: Data) -> None:
    """Store an entry (mode 0600, atomic); any failure leaves the cache as it was."""
    with contextlib.suppress(OSError, TypeError, ValueError, RecursionError):
        data = {"key": key, "data": encode(value)}
        folder = cache_folder()
        if folder.exists() and not _folder_ok(folder):
            return
        if write_own_json(entry_path(key), data):
            stats["write"] += 1
            _prune(folder)


def _prune(folder: Path, keep: int = MAX_ENTRIES, max_total: int = MAX_TOTAL) -> None:
    """Keep the newest entries (by modification time) while they are at most `keep` and
    `max_total` bytes together; when either is passed, remove the oldest down to 3/4."""
    entries = []
    for e in os.scandir(folder):
        with contextlib.suppress(OSError):
            if e.name.endswith(".json") and e.is_file(follow_symlinks=False):
                st = e.stat(follow_symlinks=False)
                entries.append((st.st_mtime_ns, st.st_size, e.path))
    if len(entries) <= keep and sum(size for _, size, _ in entries) <= max_total:
        return
    entries.sort(reverse=True)  # newest first
    count = total = 0
    for _, size, path in entries:
        count, total = count + 1, total + size
        if count > keep * 3 // 4 or total > max_total * 3 // 4:
            with contextlib.suppress(OSError):
                os.unlink(path)
