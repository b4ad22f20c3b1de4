"""Re-importing an updated NCSI page into an assessment the team has worked on (issue 16.4).

``ncsi import ncsi-page PAGE --into F`` merges the page's indicators into F with the
field-level three-way merge (core/files/fieldmerge.py): ``base`` is what the page gave at
the previous import, ``mine`` the file, ``theirs`` the page now. So what the page changed
is updated, what the team added or changed is kept, and a field both changed differently
is a clash that the command reports (nothing is written unless ``--take`` decides).

The previous import is kept beside the file as ``.NAME.toml.ncsi-page.toml`` (an
assessment file: the page's values only), written at each import. Without it (a file
imported before this existed) the base is derived: a unit still exactly as an import
wrote it (to be re-confirmed, with the import's stamp) takes the page's changes; a unit
the team touched keeps the team's version, and where the page now says otherwise it is
listed (``kept_own``), never silently dropped.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ncsi_tui.core.errors import InputError
from ncsi_tui.core.files import storage
from ncsi_tui.core.files.fieldmerge import RECORD_FIELDS, Conflict, MergeResult, content, merge
from ncsi_tui.core.model.assessment import Assessment, empty_record

#: File fields the page never changes in an existing assessment (the team owns them).
_KEEP = ("title", "country", "created", "framework")


def base_path(path: Path) -> Path:
    """``dir/NAME.toml`` -> ``dir/.NAME.toml.ncsi-page.toml``: the page as last imported."""
    path = Path(path)
    return path.with_name(f".{path.name}.ncsi-page.toml")


@dataclass
class PageMerge:
    """The file with the page merged in (clashes holding the file's value) and what happened."""

    result: MergeResult
    updated: list[str] = field(default_factory=list)  # units the page changed
    kept_own: list[tuple[str, str]] = field(default_factory=list)  # (unit, field): derived base
    derived: bool = False  # no record of the previous import: base derived from stamps

    @property
    def clashes(self) -> list[Conflict]:
        return self.result.conflicts


def previous_import(path: Path, framework: str) -> Assessment | None:
    """The page as imported last time (None when not kept, unreadable or another framework)."""
    try:
        a = storage.load(base_path(path)).assessment
    except InputError:
        return None
    return a if a.framework == framework else None


def _derived_base(mine: Assessment, page: Assessment) -> tuple[Assessment, list[tuple[str, str]]]:
    """A base from the file alone: untouched imported units take the page's changes."""
    stamps = Counter(r.updated_at for r in mine.indicators.values() if r.reconfirm)
    imported_at = stamps.most_common(1)[0][0] if stamps else None
    base = mine.model_copy(deep=True)
    records = dict(base.indicators)
    kept = []
    for uid, rec in mine.indicators.items():
        if rec.reconfirm and imported_at is not None and rec.updated_at == imported_at:
            continue  # as the import wrote it: the page's changes apply
        there = page.indicators.get(uid) or empty_record()
        records[uid] = there  # the team's version stands
        kept += [(uid, f) for f in (*RECORD_FIELDS, "references")
                 if f != "reconfirm" and getattr(rec, f) != getattr(there, f)]
    base.indicators = records
    return base, kept


def merge_page(mine: Assessment, page: Assessment, previous: Assessment | None) -> PageMerge:
    """Merge the page (`page`) into the file (`mine`); `previous`: the page as last imported."""
    theirs = page.model_copy(deep=True, update={k: getattr(mine, k) for k in _KEEP})
    records = dict(theirs.indicators)
    for uid, rec in records.items():  # what the page says as the file has it: no new stamp
        own = mine.indicators.get(uid)
        if own is not None and content(own) == content(rec):
            records[uid] = own.model_copy(deep=True)
    theirs.indicators = records
    theirs.review = mine.review
    theirs.organisations = list(dict.fromkeys([*mine.organisations, *page.organisations]))
    kept: list[tuple[str, str]] = []
    if previous is not None:
        base = previous.model_copy(deep=True, update={k: getattr(mine, k) for k in _KEEP})
        base.review = mine.review
        base.organisations = list(mine.organisations)
    else:
        base, kept = _derived_base(mine, theirs)
    result = merge(base, mine, theirs)
    updated = [u for u in result.took_theirs if u in page.indicators]
    return PageMerge(result, updated, kept, derived=previous is None)
