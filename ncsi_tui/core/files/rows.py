"""One row per assessment file for the regional overview and the start screen.

:func:`read_row` opens a file the way ``ncsi summary`` does (the same checks against its
catalogue) and keeps only the figures a table of many countries needs
(:class:`~ncsi_tui.core.judge.overview_row.AssessmentRow`: the total, each section's percent
or each factor's stage range, the share assessed, records to re-confirm, readiness errors).

A file that cannot be used is a :class:`Skipped` row with the reason, never an exception:
a regional body's folder of a thousand files must not stop at one broken file.

:class:`RowCache` keeps rows by file path, modification time and size (and the installed
catalogues), in memory and in one JSON file under the user's cache folder, so a folder
read once is listed again without parsing every file. Callers: ``ncsi overview``, the
app's start and overview screens.
"""

from __future__ import annotations

import contextlib
import os
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ncsi_tui.core.disk.own_cache import read_own_json, write_own_json
from ncsi_tui.core.errors import InputError
from ncsi_tui.core.files.caches import cache_file, catalogue_stamp
from ncsi_tui.core.files.merge import is_conflict_note
from ncsi_tui.core.files.session import read_checked
from ncsi_tui.core.judge.overview_row import (
    CONFLICT_NOTE,
    NOT_ASSESSMENT,
    AssessmentRow,
    Row,
    Skipped,
    row_of,
)
from ncsi_tui.core.model.catalogue import Catalogues

#: Bump when a row's fields or meaning change: older cached rows are then read again.
ROW_VERSION = 2


def find_files(paths: Iterable[Path]) -> list[Path]:
    """Every ``*.toml`` under the given files and folders (recursively, hidden folders
    such as ``.git`` left out), each once, in a stable order.

    Raises InputError for a path that does not exist (a typing mistake, not a bad file).
    """
    out: dict[str, Path] = {}
    for p in paths:
        p = Path(p)
        if p.is_dir():
            found = sorted(
                f for f in p.rglob("*.toml")
                if not any(part.startswith(".") for part in f.relative_to(p).parts[:-1])
            )
        elif p.exists():
            found = [p]
        else:
            raise InputError("no such file or folder", path=p, hint="check the path")
        for f in found:
            out.setdefault(os.path.abspath(f), f)
    return list(out.values())


def read_row(path: Path, catalogues: Catalogues) -> Row:
    """Open one file as ``ncsi summary`` does and keep its overview figures; any problem
    becomes a :class:`Skipped` row with the reason (never raises InputError)."""
    path = Path(path)
    if is_conflict_note(path):
        return Skipped(str(path), "conflict note (kept beside its assessment, not one itself)",
                       CONFLICT_NOTE)
    try:
        a, cat = read_checked(path, catalogues)
    except InputError as exc:
        other = _not_an_assessment(path)
        if other:
            return Skipped(str(path), other, NOT_ASSESSMENT)
        return Skipped(str(path), _reason(exc))
    return row_of(str(path), cat, a)


def _reason(exc: InputError) -> str:
    """The error on one line: `line 3: title: Input should be a valid string (hint)`."""
    where = f"line {exc.line}: " if exc.line else ""
    message = "; ".join(p.strip() for p in exc.message.splitlines() if p.strip())
    hint = f" ({exc.hint})" if exc.hint else ""
    return f"{where}{message}{hint}"


def _not_an_assessment(path: Path) -> str:
    """Why a TOML file is no assessment at all ("" when it may be a broken one): no
    ``framework`` key (a settings file), or a catalogue's keys (``scoring``, ``levels``)."""
    try:
        data = tomllib.loads(path.read_bytes().decode("utf-8"))
    except (OSError, ValueError):
        return ""
    if "framework" not in data:
        return "not an assessment (no framework key)"
    if "scoring" in data or "levels" in data:
        return "a framework catalogue, not an assessment"
    return ""


# --- the cache --------------------------------------------------------------------------


def default_cache_file() -> Path:
    """``$NCSI_CACHE_DIR/rows.json``, else the user's cache folder (platformdirs)."""
    return cache_file("rows.json")


@dataclass
class RowCache:
    """Rows by absolute path, valid while the file's mtime and size and the installed
    catalogues are unchanged. ``file=None`` keeps them in memory only."""

    catalogues: Catalogues
    file: Path | None = None
    _rows: dict[str, dict[str, Any]] = field(default_factory=dict)
    _changed: bool = False
    _stamp: str = ""

    def __post_init__(self) -> None:
        self._stamp = catalogue_stamp(self.catalogues, f"rows-{ROW_VERSION}")
        if self.file is None:
            return
        data = read_own_json(self.file)  # only the user's own file is trusted
        if isinstance(data, dict) and data.get("stamp") == self._stamp:
            rows = data.get("rows")
            self._rows = rows if isinstance(rows, dict) else {}

    def read(self, path: Path) -> Row:
        """The row of a file: from the cache when the file is unchanged, else read now."""
        key = os.path.abspath(path)
        try:
            st = os.stat(path)
            sig = [st.st_mtime_ns, st.st_size]
        except OSError:
            sig = None
        hit = self._rows.get(key)
        if sig is not None and hit is not None and hit.get("sig") == sig:
            with contextlib.suppress(TypeError, KeyError):
                return _row_from(hit["row"], str(path))
        row = read_row(Path(path), self.catalogues)
        if sig is not None:
            self._rows[key] = {"sig": sig, "row": row.as_dict()}
            self._changed = True
        return row

    def read_all(self, paths: Iterable[Path]) -> Iterator[Row]:
        for p in paths:
            yield self.read(p)

    def save(self) -> None:
        """Write the cache file atomically (mode 0600) if anything was read; a cache
        folder that cannot be written only costs speed (nothing is reported)."""
        if self.file is None or not self._changed:
            return
        if write_own_json(self.file, {"stamp": self._stamp, "rows": self._rows}):
            self._changed = False


def _row_from(d: dict[str, Any], path: str) -> Row:
    """A cached row, with the path as given this time (relative or absolute)."""
    if "reason" in d:
        return Skipped(**{**d, "path": path})
    return AssessmentRow.from_dict({**d, "path": path})
