"""Where caches live and when they are stale; the score cache of git versions.

Both caches of the app are data-only JSON files of the current user in the per-user
cache folder (``$NCSI_CACHE_DIR``, else platformdirs' user cache dir), read and written
through :mod:`ncsi_tui.core.disk.own_cache` (owner checked, mode 0600, atomic). Each holds
a *stamp* of the installed catalogues and of the app's version: when a catalogue changes
(a new file, another ``--catalogue`` folder, an edit), every cached figure is read again.

* :class:`ncsi_tui.core.files.rows.RowCache`: the overview row of each file, by path,
  modification time and size (``rows.json``).
* :class:`BlobScores` (here): the score of each version of a file kept in git, by git
  blob id (``scores.json``). A blob id names the exact bytes, so the same content in many
  commits is read and scored once, ever; a changed file is a new blob and is scored anew.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ncsi_tui import __version__
from ncsi_tui.core.disk.own_cache import read_own_json, write_own_json
from ncsi_tui.core.judge.score_data import score_from_data, score_to_data
from ncsi_tui.core.judge.scoring import Score
from ncsi_tui.core.model import folders
from ncsi_tui.core.model.catalogue import Catalogues

ENV_CACHE_DIR = "NCSI_CACHE_DIR"
#: Bump when the meaning of a cached score changes: older entries are then dropped.
SCORES_VERSION = 1
#: At most this many versions are kept in scores.json (the ones used last stay).
MAX_SCORES = 20_000


def cache_file(name: str) -> Path:
    """``$NCSI_CACHE_DIR/NAME``, else NAME in the user's cache folder (platformdirs)."""
    base = os.environ.get(ENV_CACHE_DIR)
    return (Path(base) if base else folders.cache_dir()) / name


def catalogue_stamp(catalogues: Catalogues, kind: str) -> str:
    """A short hash of the app's version, `kind` (a cache's own version) and each
    installed catalogue's id, path, modification time and size."""
    parts = [f"{kind} {__version__}"]
    for cid in catalogues.ids:
        p = catalogues.path_of(cid)
        try:
            st = p.stat()
            parts.append(f"{cid} {p} {st.st_mtime_ns} {st.st_size}")
        except OSError:
            parts.append(f"{cid} {p} -")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Scored:
    """What one version's bytes gave: its catalogue id and score, or why it is unreadable."""

    framework: str = ""
    score: Score | None = None
    error: str = ""


@dataclass
class BlobScores:
    """Scores of file versions by git blob id, valid for the installed catalogues.

    ``file=None`` keeps them in memory only (one run still scores each blob once).
    :attr:`misses` counts the blobs that had to be read and scored in this run."""

    catalogues: Catalogues
    file: Path | None = None
    misses: int = 0
    _entries: dict[str, Scored] = field(default_factory=dict)
    _raw: dict[str, Any] = field(default_factory=dict)
    _used: set[str] = field(default_factory=set)
    _changed: bool = False
    _stamp: str = ""

    @classmethod
    def default(cls, catalogues: Catalogues) -> BlobScores:
        """The cache kept in the user's cache folder (scores.json)."""
        return cls(catalogues, cache_file("scores.json"))

    def __post_init__(self) -> None:
        self._stamp = catalogue_stamp(self.catalogues, f"scores-{SCORES_VERSION}")
        if self.file is None:
            return
        data = read_own_json(self.file)
        if isinstance(data, dict) and data.get("stamp") == self._stamp:
            entries = data.get("blobs")
            self._raw = entries if isinstance(entries, dict) else {}

    def get(self, blob: str) -> Scored | None:
        """The cached result for a blob id, or None (a damaged entry is None too)."""
        hit = self._entries.get(blob)
        if hit is None and blob in self._raw:
            hit = _entry_from(self._raw.pop(blob))
            if hit is not None:
                self._entries[blob] = hit
            else:
                self._changed = True
        if hit is not None:
            self._used.add(blob)
        return hit

    def put(self, blob: str, result: Scored) -> None:
        """Keep the result of scoring a blob (counted in :attr:`misses`)."""
        self.misses += 1
        self._entries[blob] = result
        self._used.add(blob)
        self._changed = True

    def save(self) -> None:
        """Write the cache file if anything new was scored (the blobs used in this run
        first kept, then others up to :data:`MAX_SCORES`); failures are silent."""
        if self.file is None or not self._changed:
            return
        blobs: dict[str, Any] = {b: _entry_data(self._entries[b]) for b in self._used
                                 if b in self._entries}
        for b, e in self._entries.items():
            if len(blobs) >= MAX_SCORES:
                break
            blobs.setdefault(b, _entry_data(e))
        for b, raw in self._raw.items():
            if len(blobs) >= MAX_SCORES:
                break
            blobs.setdefault(b, raw)
        if write_own_json(self.file, {"stamp": self._stamp, "blobs": blobs}):
            self._changed = False


def _entry_data(e: Scored) -> dict[str, Any]:
    if e.score is None:
        return {"error": e.error}
    return {"framework": e.framework, "score": score_to_data(e.score)}


def _entry_from(d: Any) -> Scored | None:
    if not isinstance(d, dict):
        return None
    if isinstance(d.get("error"), str) and "score" not in d:
        return Scored(error=d["error"])
    try:
        framework = d["framework"]
        if not isinstance(framework, str):
            return None
        return Scored(framework=framework, score=score_from_data(d["score"]))
    except (KeyError, ValueError):
        return None
