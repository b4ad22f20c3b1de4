"""Changes of one unit's references: added, removed, and changed in place.

Part of the unit-by-unit comparison in :mod:`ncsi_tui.core.compare.unit_changes`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ncsi_tui.core.model.assessment import Reference


@dataclass(frozen=True)
class ReferenceChange:
    """One reference that kept its identity (URL, or title) but changed some fields."""

    before: Reference
    after: Reference

    @property
    def fields(self) -> tuple[str, ...]:
        b, a = self.before.model_dump(), self.after.model_dump()
        return tuple(k for k in b if b[k] != a[k])

    def to_dict(self) -> dict[str, Any]:
        b, a = self.before.model_dump(mode="json"), self.after.model_dump(mode="json")
        return {
            "title": self.after.title,
            "url": self.after.url,
            "fields": {k: {"before": b[k], "after": a[k]} for k in self.fields},
        }


@dataclass(frozen=True)
class ReferenceChanges:
    added: tuple[Reference, ...] = ()
    removed: tuple[Reference, ...] = ()
    changed: tuple[ReferenceChange, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def to_dict(self) -> dict[str, Any]:
        return {
            "added": [_ref_dict(r) for r in self.added],
            "removed": [_ref_dict(r) for r in self.removed],
            "changed": [c.to_dict() for c in self.changed],
        }


def _ref_dict(r: Reference) -> dict[str, Any]:
    d = r.model_dump(mode="json")
    return {k: v for k, v in d.items() if v not in (None, "")}


def _ref_key(r: Reference) -> str:
    return r.url or r.title.casefold()


def compare_references(before: list[Reference], after: list[Reference]) -> ReferenceChanges:
    """Equal references cancel out; the rest pair up by URL (or title) as 'changed'."""
    old, new = list(before), list(after)
    for r in list(old):
        if r in new:
            old.remove(r)
            new.remove(r)
    changed = []
    for r in list(old):
        twin = next((n for n in new if _ref_key(n) == _ref_key(r)), None)
        if twin is not None:
            changed.append(ReferenceChange(r, twin))
            old.remove(r)
            new.remove(twin)
    return ReferenceChanges(tuple(new), tuple(old), tuple(changed))


