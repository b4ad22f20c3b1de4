"""The only place a score is computed. Results are frozen; the CLI and the app render them.

Two scoring kinds, chosen by the catalogue, never by its id:

* ``points`` (NCSI): an indicator met earns all its points. Per section and category
  `points/max percent`; the index is total points / max x 100 to two decimals
  (60 of 77 -> 77.92). The *publicly evidenced* score counts only met indicators with at
  least one public reference: the figure a reviewer is likely to confirm.
* ``maturity`` (CMM): per factor the lowest and highest stage of its assessed units, per
  dimension how many units stand at each stage, and the share assessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ncsi_tui.core.model.assessment import Assessment, Record
from ncsi_tui.core.model.catalogue import Catalogue, Group


def percent(points: int, maximum: int, places: int = 2) -> float:
    """points/maximum x 100 rounded half up (as NCSI prints it); 0 when maximum is 0."""
    if maximum <= 0:
        return 0.0
    q = Decimal(1).scaleb(-places)
    return float((Decimal(points) * 100 / Decimal(maximum)).quantize(q, rounding=ROUND_HALF_UP))


def is_publicly_evidenced(rec: Record) -> bool:
    return any(r.access == "public" for r in rec.references)


@dataclass(frozen=True)
class Tally:
    """Points of one group (section, category or the whole index)."""

    id: str
    name: str
    points: int
    max: int
    public_points: int

    @property
    def percent(self) -> float:
        return percent(self.points, self.max)

    @property
    def public_percent(self) -> float:
        return percent(self.public_points, self.max)

    def label(self) -> str:
        """`5/9 56%`, as the NCSI prints a section."""
        return f"{self.points}/{self.max} {percent(self.points, self.max, 0):.0f}%"

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "points": self.points, "max": self.max,
                "percent": self.percent}


@dataclass(frozen=True)
class PointsScore:
    kind: str
    total: Tally
    categories: tuple[Tally, ...]
    sections: tuple[Tally, ...]
    section_category: dict[str, str]
    met: int
    not_met: int
    not_assessed: int
    #: Records carried forward (``new --from``, an import) and not confirmed since: their
    #: status counts in the score, but nobody has checked it this cycle.
    to_reconfirm: int = 0

    @property
    def units(self) -> int:
        return self.met + self.not_met + self.not_assessed

    @property
    def assessed_share(self) -> float:
        return percent(self.met + self.not_met, self.units)

    @property
    def headline(self) -> str:
        return f"{self.total.percent:.2f}"


@dataclass(frozen=True)
class FactorProfile:
    id: str
    name: str
    stage_min: str | None
    stage_max: str | None
    units: tuple[tuple[str, str | None], ...]


@dataclass(frozen=True)
class DimensionProfile:
    id: str
    name: str
    factors: tuple[FactorProfile, ...]
    stage_counts: dict[str, int]

    @property
    def stage_min(self) -> str | None:
        """The lowest stage any unit of the dimension stands at (None: none assessed)."""
        return next((s for s, n in self.stage_counts.items() if n), None)

    @property
    def stage_max(self) -> str | None:
        """The highest stage any unit of the dimension stands at (None: none assessed)."""
        return next((s for s, n in reversed(self.stage_counts.items()) if n), None)


@dataclass(frozen=True)
class MaturityScore:
    kind: str
    stages: tuple[str, ...]
    dimensions: tuple[DimensionProfile, ...]
    assessed: int
    not_assessed: int
    factor_index: dict[str, FactorProfile] = field(default_factory=dict)
    #: Records carried forward and not confirmed since (see PointsScore.to_reconfirm).
    to_reconfirm: int = 0

    @property
    def units(self) -> int:
        return self.assessed + self.not_assessed

    @property
    def assessed_share(self) -> float:
        return percent(self.assessed, self.units)

    @property
    def headline(self) -> str:
        return f"{self.assessed}/{self.units} assessed"


Score = PointsScore | MaturityScore


def score(cat: Catalogue, a: Assessment) -> Score:
    """Score an assessment against its catalogue by the catalogue's scoring kind."""
    if cat.scoring == "maturity":
        return _maturity(cat, a)
    return _points(cat, a)


def _tally(group: Group, a: Assessment, cat: Catalogue) -> Tally:
    pts = mx = pub = 0
    for g in _leafs(group):
        for u in g.units:
            p = u.points or 0
            mx += p
            rec = a.indicators.get(u.id)
            if rec is not None and rec.status == "met":
                pts += p
                if is_publicly_evidenced(rec):
                    pub += p
    return Tally(group.id, group.name, pts, mx, pub)


def _leafs(group: Group) -> list[Group]:
    if group.units:
        return [group]
    return [leaf for g in group.groups for leaf in _leafs(g)]


def _points(cat: Catalogue, a: Assessment) -> PointsScore:
    sections = tuple(_tally(g, a, cat) for g in cat.leaf_groups)
    categories = tuple(_tally(g, a, cat) for g in cat.groups)
    total = Tally(
        cat.id,
        cat.title,
        sum(s.points for s in sections),
        sum(s.max for s in sections),
        sum(s.public_points for s in sections),
    )
    counts = {"met": 0, "not-met": 0, "not-assessed": 0}
    for u in cat.units:
        counts[a.record(u.id).status] += 1
    return PointsScore(
        kind="points",
        total=total,
        categories=categories,
        sections=sections,
        section_category={g.id: cat.top_of[g.id].id for g in cat.leaf_groups},
        met=counts["met"],
        not_met=counts["not-met"],
        not_assessed=counts["not-assessed"],
        to_reconfirm=to_reconfirm(cat, a),
    )


def _maturity(cat: Catalogue, a: Assessment) -> MaturityScore:
    order = {s: i for i, s in enumerate(cat.stage_ids)}
    dims = []
    assessed = 0
    index: dict[str, FactorProfile] = {}
    for top in cat.groups:
        counts = dict.fromkeys(cat.stage_ids, 0)
        factors = []
        for g in _leafs(top):
            units = tuple((u.id, a.record(u.id).stage) for u in g.units)
            got = sorted((s for _, s in units if s in order), key=order.__getitem__)
            for s in got:
                counts[s] += 1
            assessed += len(got)
            fp = FactorProfile(g.id, g.name, got[0] if got else None, got[-1] if got else None, units)
            factors.append(fp)
            index[g.id] = fp
        dims.append(DimensionProfile(top.id, top.name, tuple(factors), counts))
    return MaturityScore(
        kind="maturity",
        stages=cat.stage_ids,
        dimensions=tuple(dims),
        assessed=assessed,
        not_assessed=len(cat.units) - assessed,
        factor_index=index,
        to_reconfirm=to_reconfirm(cat, a),
    )


def to_reconfirm(cat: Catalogue, a: Assessment) -> int:
    """How many of the catalogue's units hold a record carried forward and not re-confirmed."""
    return sum(1 for u in cat.units if a.record(u.id).reconfirm)


def reconfirm_note(s: Score) -> str:
    """', 30 carried forward to re-confirm' or '': the words every score line appends."""
    return f", {s.to_reconfirm} carried forward to re-confirm" if s.to_reconfirm else ""


def summary_dict(cat: Catalogue, a: Assessment, s: Score | None = None) -> dict[str, Any]:
    """The `ncsi summary --json` contract (also embedded in the JSON export)."""
    s = s or score(cat, a)
    head = {"framework": cat.id, "kind": cat.scoring, "country": a.country.code}
    if isinstance(s, PointsScore):
        return {
            **head,
            "total": {"points": s.total.points, "max": s.total.max, "percent": s.total.percent},
            "public_total": {
                "points": s.total.public_points,
                "max": s.total.max,
                "percent": s.total.public_percent,
            },
            "categories": [c.as_dict() for c in s.categories],
            "sections": [
                {**t.as_dict(), "category": s.section_category[t.id]} for t in s.sections
            ],
            "indicators": {"met": s.met, "not_met": s.not_met, "not_assessed": s.not_assessed,
                           "to_reconfirm": s.to_reconfirm},
        }
    return {
        **head,
        "stages": list(s.stages),
        "dimensions": [
            {
                "id": d.id,
                "name": d.name,
                "factors": [
                    {
                        "id": f.id,
                        "name": f.name,
                        "stage_min": f.stage_min,
                        "stage_max": f.stage_max,
                        "units": [{"id": uid, "stage": st} for uid, st in f.units],
                    }
                    for f in d.factors
                ],
                "stage_counts": d.stage_counts,
            }
            for d in s.dimensions
        ],
        "units": {"assessed": s.assessed, "not_assessed": s.not_assessed,
                  "to_reconfirm": s.to_reconfirm},
    }
