"""Roll-ups compared: section and category points, factor ranges, dimension counts.

Part of :mod:`ncsi_tui.core.compare.diff`. The figures come from
:mod:`ncsi_tui.core.judge.scoring`; across two catalogues both sides are scored on the
catalogues :func:`ncsi_tui.core.compare.pairing.rollup_catalogues` builds, which hold only
paired units, so a section or factor compares like with like.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ncsi_tui.core.judge.scoring import MaturityScore, PointsScore


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
class Rollups:
    """The compared roll-ups of one diff (points or maturity fields filled)."""

    total: GroupDelta | None = None
    categories: tuple[GroupDelta, ...] = ()
    sections: tuple[GroupDelta, ...] = ()
    factors: tuple[FactorDelta, ...] = ()
    dimensions: tuple[DimensionDelta, ...] = ()


def points_rollups(s_old: PointsScore, s_new: PointsScore, title: str) -> Rollups:
    """Total, categories and sections paired by id, new catalogue's order first."""
    parents = {**s_old.section_category, **s_new.section_category}
    return Rollups(
        total=_group_delta(s_old.total, s_new.total, name=title),
        categories=_paired(s_old.categories, s_new.categories, {}),
        sections=_paired(s_old.sections, s_new.sections, parents),
    )


def maturity_rollups(s_old: MaturityScore, s_new: MaturityScore) -> Rollups:
    """Factor ranges and dimension stage counts paired by id."""
    return Rollups(
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
    )


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
