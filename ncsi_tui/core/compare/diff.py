"""What changed between two assessments: scores, statuses or stages, evidence, references.

Used by ``ncsi diff`` (text, Markdown, JSON), by ``ncsi trend`` indirectly, and by the
app's compare screen. Scores come from :mod:`ncsi_tui.core.judge.scoring` only; this module
subtracts them, it never counts points itself.

Two assessments of the same catalogue compare unit by unit. Two catalogues of the same
framework family (``ncsi-2.0`` and ``ncsi-3.0``) compare only through paired units
(:mod:`ncsi_tui.core.compare.pairing`: a crosswalk, else id *and* name must agree); the
result says so first (:attr:`AssessmentDiff.mapping`), lists the units it could not pair,
and rolls sections, factors and dimensions up through paired units only. Different
families or scoring kinds cannot be compared: :class:`InputError`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ncsi_tui.core.compare.pairing import Pairing, pair_units, rollup_catalogues
from ncsi_tui.core.compare.rollups import (
    DimensionDelta,
    FactorDelta,
    GroupDelta,
    Rollups,
    maturity_rollups,
    points_rollups,
)
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
from ncsi_tui.core.model.crosswalk import Crosswalk


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
class AssessmentDiff:
    """The whole comparison; renderers (CLI, app) only read it."""

    kind: str
    old: Side
    new: Side
    header: tuple[FieldChange, ...]
    units: tuple[UnitChange, ...]
    mapping: Pairing | None = None
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
        """Units that moved so; across catalogues only paired units move (the unpaired
        ones are listed by :attr:`unpaired`)."""
        return tuple(
            u for u in self.units if u.direction in directions and u.in_catalogue == "both"
        )

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

    @property
    def note(self) -> str:
        """The first line of every rendering when the catalogues differ, else ""."""
        return self.mapping.note if self.mapping else ""

    @property
    def unpaired(self) -> tuple[UnitChange, ...]:
        """Across catalogues: recorded units that have no counterpart on the other side."""
        if self.mapping is None:
            return ()
        return tuple(u for u in self.units if u.in_catalogue != "both")

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "different_catalogues": self.note or None,
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
    "DimensionDelta",
    "FactorDelta",
    "FieldChange",
    "GroupDelta",
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
    crosswalk: Crosswalk | None = None,
) -> AssessmentDiff:
    """Compare two assessments; across catalogues of one family only through paired
    units (`crosswalk` when given, else id and name must agree).

    `with_notes=False` leaves the internal notes out entirely (a report to share).
    Raises InputError for different frameworks, or different catalogues when
    `allow_mapping` is False.
    """
    check_comparable(old_cat, new_cat, allow_mapping=allow_mapping)
    pairing = pair_units(old_cat, new_cat, crosswalk)
    units = [
        unit_change(p.new, old_cat, old, new_cat, new, with_notes, old_ids=p.old,
                    criterion_changed=pairing.different and p.reconfirm)
        for p in pairing.pairs
    ]
    for u in pairing.unpaired:
        units.append(
            unit_change(u.id, old_cat, old, new_cat, new, with_notes, old_ids=(u.id,), new_id=None)
            if u.side == "old"
            else unit_change(u.id, old_cat, old, new_cat, new, with_notes, old_ids=())
        )
    base: dict[str, Any] = {
        "kind": new_cat.scoring,
        "old": _side(old_label, old),
        "new": _side(new_label, new),
        "header": _header(old, new),
        "units": tuple(c for c in units if c is not None),
        "mapping": pairing if pairing.different else None,
    }
    cats = (old_cat, new_cat) if not pairing.different else rollup_catalogues(
        pairing, old_cat, new_cat)
    s_old = score(cats[0], old) if cats else None
    s_new = score(cats[1], new) if cats else None
    rolled = Rollups()
    if isinstance(s_old, PointsScore) and isinstance(s_new, PointsScore):
        rolled = points_rollups(s_old, s_new, new_cat.title)
    elif isinstance(s_old, MaturityScore) and isinstance(s_new, MaturityScore):
        rolled = maturity_rollups(s_old, s_new)
    if new_cat.scoring == "points":
        return AssessmentDiff(**base, total=rolled.total, categories=rolled.categories,
                              sections=rolled.sections)
    full_old, full_new = score(old_cat, old), score(new_cat, new)
    assert isinstance(full_old, MaturityScore) and isinstance(full_new, MaturityScore)
    return AssessmentDiff(
        **base,
        stages=full_new.stages,
        factors=rolled.factors,
        dimensions=rolled.dimensions,
        assessed=(full_old.assessed, full_new.assessed),
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


