"""What changed between two assessments: scores, statuses or stages, evidence, references.

Used by ``ncsi diff`` (text, Markdown, JSON), by ``ncsi trend`` indirectly, and by the
app's compare screen. Scores come from :mod:`ncsi_tui.core.judge.scoring` only; this module
subtracts them, it never counts points itself.

Two assessments of the same catalogue compare unit by unit. Two catalogues of the same
framework family (``ncsi-2.0`` and ``ncsi-3.0``) compare *by id*: units and sections with
the same id are paired, and the result says so (:attr:`AssessmentDiff.mapping`). Different
families or scoring kinds cannot be compared: :class:`InputError`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ncsi_tui.core.compare.unit_changes import (
    FieldChange,
    Presence,
    ReferenceChanges,
    TextChange,
    UnitChange,
    unit_change,
    word_diff,
)
from ncsi_tui.core.errors import InputError
from ncsi_tui.core.judge.scoring import MaturityScore, PointsScore, score
from ncsi_tui.core.model.assessment import Assessment
from ncsi_tui.core.model.catalogue import Catalogue

# --- group scores -------------------------------------------------------------------------


@dataclass(frozen=True)
class GroupDelta:
    """Points of one section (or category, or the total) before and after."""

    id: str
    name: str
    before: int | None
    after: int | None
    max_before: int | None
    max_after: int | None
    percent_before: float | None = None
    percent_after: float | None = None
    parent: str = ""

    @property
    def delta(self) -> int:
        return (self.after or 0) - (self.before or 0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "category": self.parent or None,
            "before": self.before,
            "after": self.after,
            "delta": self.delta,
            "max_before": self.max_before,
            "max_after": self.max_after,
            "percent_before": self.percent_before,
            "percent_after": self.percent_after,
        }


@dataclass(frozen=True)
class FactorDelta:
    """A maturity factor's stage range (lowest, highest assessed) before and after."""

    id: str
    name: str
    before: tuple[str | None, str | None]
    after: tuple[str | None, str | None]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "before": {"stage_min": self.before[0], "stage_max": self.before[1]},
            "after": {"stage_min": self.after[0], "stage_max": self.after[1]},
        }


@dataclass(frozen=True)
class DimensionDelta:
    id: str
    name: str
    before: dict[str, int]
    after: dict[str, int]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "before": self.before, "after": self.after}


@dataclass(frozen=True)
class Side:
    """Which file (or revision) one side of the comparison is."""

    label: str
    framework: str
    country: str
    reference_date: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "framework": self.framework,
            "country": self.country,
            "reference_date": self.reference_date,
        }


@dataclass(frozen=True)
class Mapping:
    """Set when the two sides use different catalogues of one framework family."""

    old_catalogue: str
    new_catalogue: str
    only_old: tuple[str, ...]
    only_new: tuple[str, ...]

    @property
    def note(self) -> str:
        return (
            f"different catalogues ({self.old_catalogue} -> {self.new_catalogue}): units "
            f"matched by id; {len(self.only_old)} only in {self.old_catalogue}, "
            f"{len(self.only_new)} only in {self.new_catalogue}"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "by": "id",
            "old_catalogue": self.old_catalogue,
            "new_catalogue": self.new_catalogue,
            "only_old": list(self.only_old),
            "only_new": list(self.only_new),
            "note": self.note,
        }


@dataclass(frozen=True)
class AssessmentDiff:
    """The whole comparison; renderers (CLI, app) only read it."""

    kind: str
    old: Side
    new: Side
    header: tuple[FieldChange, ...]
    units: tuple[UnitChange, ...]
    mapping: Mapping | None = None
    total: GroupDelta | None = None
    categories: tuple[GroupDelta, ...] = ()
    sections: tuple[GroupDelta, ...] = ()
    stages: tuple[str, ...] = ()
    factors: tuple[FactorDelta, ...] = ()
    dimensions: tuple[DimensionDelta, ...] = ()
    assessed: tuple[int, int] = (0, 0)

    @property
    def equal(self) -> bool:
        return not self.header and not self.units and self.mapping is None

    def with_direction(self, *directions: str) -> tuple[UnitChange, ...]:
        return tuple(u for u in self.units if u.direction in directions)

    @property
    def gained(self) -> tuple[UnitChange, ...]:
        return self.with_direction("gained")

    @property
    def lost(self) -> tuple[UnitChange, ...]:
        return self.with_direction("lost")

    @property
    def stage_changes(self) -> tuple[UnitChange, ...]:
        return self.with_direction("up", "down")

    @property
    def content_changes(self) -> tuple[UnitChange, ...]:
        return tuple(u for u in self.units if u.content_changed)

    def only_in(self, side: Presence) -> tuple[UnitChange, ...]:
        """Units recorded (or, when mapped, catalogued) on one side only."""
        return tuple(u for u in self.units if side in (u.recorded, u.in_catalogue))

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.kind,
            "old": self.old.to_dict(),
            "new": self.new.to_dict(),
            "equal": self.equal,
            "mapping": self.mapping.to_dict() if self.mapping else None,
            "header": [c.to_dict() for c in self.header],
        }
        if self.kind == "points":
            out["total"] = self.total.to_dict() if self.total else None
            out["categories"] = [g.to_dict() for g in self.categories]
            out["sections"] = [g.to_dict() for g in self.sections]
            out["gained"] = [u.id for u in self.gained]
            out["lost"] = [u.id for u in self.lost]
        else:
            out["stages"] = list(self.stages)
            out["units_assessed"] = {"before": self.assessed[0], "after": self.assessed[1]}
            out["stage_changes"] = [
                {"id": u.id, "before": u.before, "after": u.after, "direction": u.direction}
                for u in self.stage_changes
            ]
            out["dimensions"] = [d.to_dict() for d in self.dimensions]
            out["factors"] = [f.to_dict() for f in self.factors]
        out["content_changed"] = [u.id for u in self.content_changes]
        out["only_old"] = [u.id for u in self.only_in("old")]
        out["only_new"] = [u.id for u in self.only_in("new")]
        out["units"] = [u.to_dict() for u in self.units]
        return out


# --- comparing ----------------------------------------------------------------------------

__all__ = [
    "AssessmentDiff",
    "FieldChange",
    "ReferenceChanges",
    "TextChange",
    "UnitChange",
    "compare",
    "word_diff",
]

_HEADER_FIELDS = ("framework", "title", "reference_date", "organisations", "source")


def check_comparable(old_cat: Catalogue, new_cat: Catalogue, *, allow_mapping: bool = True) -> bool:
    """Whether the two catalogues compare directly (True), by id (False), or not at all."""
    if old_cat.id == new_cat.id:
        return True
    if old_cat.framework != new_cat.framework or old_cat.scoring != new_cat.scoring:
        raise InputError(
            f"cannot compare a {old_cat.id} assessment with a {new_cat.id} one: "
            f"different frameworks ({old_cat.title}; {new_cat.title})",
            hint="compare two assessments of the same framework",
        )
    if not allow_mapping:
        raise InputError(
            f"the two files use different catalogues ({old_cat.id}, {new_cat.id})",
            hint="leave out --strict to compare them by indicator id",
        )
    return False


def compare(
    old_cat: Catalogue,
    old: Assessment,
    new_cat: Catalogue,
    new: Assessment,
    *,
    old_label: str = "old",
    new_label: str = "new",
    allow_mapping: bool = True,
    with_notes: bool = True,
) -> AssessmentDiff:
    """Compare two assessments; catalogues of one family are matched by unit id.

    `with_notes=False` leaves the internal notes out entirely (a report to share).
    """
    same = check_comparable(old_cat, new_cat, allow_mapping=allow_mapping)
    mapping = None
    if not same:
        old_ids, new_ids = set(old_cat.unit_index), set(new_cat.unit_index)
        mapping = Mapping(
            old_cat.id,
            new_cat.id,
            tuple(u for u in old_cat.unit_index if u not in new_ids),
            tuple(u for u in new_cat.unit_index if u not in old_ids),
        )
    units = tuple(
        c
        for uid in _unit_ids(old_cat, new_cat)
        if (c := unit_change(uid, old_cat, old, new_cat, new, with_notes)) is not None
    )
    base: dict[str, Any] = {
        "kind": new_cat.scoring,
        "old": _side(old_label, old),
        "new": _side(new_label, new),
        "header": _header(old, new),
        "units": units,
        "mapping": mapping,
    }
    s_old, s_new = score(old_cat, old), score(new_cat, new)
    if isinstance(s_old, PointsScore) and isinstance(s_new, PointsScore):
        cats_new = s_new.section_category
        cats_old = s_old.section_category
        return AssessmentDiff(
            **base,
            total=_group_delta(s_old.total, s_new.total, name=new_cat.title),
            categories=_paired(s_old.categories, s_new.categories, {}),
            sections=_paired(s_old.sections, s_new.sections, {**cats_old, **cats_new}),
        )
    assert isinstance(s_old, MaturityScore) and isinstance(s_new, MaturityScore)
    return AssessmentDiff(
        **base,
        stages=s_new.stages,
        factors=_factors(s_old, s_new),
        dimensions=tuple(
            DimensionDelta(
                d.id,
                d.name,
                dict(d_old.stage_counts) if d_old else dict.fromkeys(s_new.stages, 0),
                dict(d.stage_counts),
            )
            for d in s_new.dimensions
            for d_old in [next((x for x in s_old.dimensions if x.id == d.id), None)]
        ),
        assessed=(s_old.assessed, s_new.assessed),
    )


def _side(label: str, a: Assessment) -> Side:
    return Side(label, a.framework, a.country.code, a.reference_date.isoformat())


def _header(old: Assessment, new: Assessment) -> tuple[FieldChange, ...]:
    out = []
    if old.country.code != new.country.code:
        out.append(FieldChange("country", old.country.code, new.country.code))
    for f in _HEADER_FIELDS:
        b, a = getattr(old, f), getattr(new, f)
        if b != a:
            out.append(FieldChange(f, b, a))
    return tuple(out)


def _unit_ids(old_cat: Catalogue, new_cat: Catalogue) -> list[str]:
    ids = list(new_cat.unit_index)
    known = set(ids)
    return ids + [u for u in old_cat.unit_index if u not in known]


def _group_delta(b: Any, a: Any, *, name: str = "", parent: str = "") -> GroupDelta:
    return GroupDelta(
        id=(a or b).id,
        name=name or (a or b).name,
        before=b.points if b else None,
        after=a.points if a else None,
        max_before=b.max if b else None,
        max_after=a.max if a else None,
        percent_before=b.percent if b else None,
        percent_after=a.percent if a else None,
        parent=parent,
    )


def _paired(
    old: tuple[Any, ...], new: tuple[Any, ...], parents: dict[str, str]
) -> tuple[GroupDelta, ...]:
    """Tallies paired by id, in the new catalogue's order, old-only ones last."""
    by_id = {t.id: t for t in old}
    seen = {t.id for t in new}
    rows = [_group_delta(by_id.get(t.id), t, parent=parents.get(t.id, "")) for t in new]
    rows += [_group_delta(t, None, parent=parents.get(t.id, "")) for t in old if t.id not in seen]
    return tuple(rows)


def _factors(s_old: MaturityScore, s_new: MaturityScore) -> tuple[FactorDelta, ...]:
    rows = []
    for fid, f in s_new.factor_index.items():
        fo = s_old.factor_index.get(fid)
        rows.append(
            FactorDelta(
                fid,
                f.name,
                (fo.stage_min, fo.stage_max) if fo else (None, None),
                (f.stage_min, f.stage_max),
            )
        )
    return tuple(rows)
