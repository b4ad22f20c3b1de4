"""The figures of one assessment in a table of many: the regional overview and the start
screen list one :class:`AssessmentRow` per file (or a :class:`Skipped` one with why).

:func:`row_of` takes them from :func:`~ncsi_tui.core.judge.scoring.score` and
:func:`~ncsi_tui.core.judge.readiness.run_checks`; nothing is recounted here. Rows are plain
data so that :mod:`ncsi_tui.core.files.rows` can cache them as JSON.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from ncsi_tui.core.judge.readiness import counts, run_checks
from ncsi_tui.core.judge.scoring import PointsScore, score, to_reconfirm
from ncsi_tui.core.model.assessment import Assessment
from ncsi_tui.core.model.catalogue import Catalogue

#: Why a file is skipped: it cannot be used, or it is not an assessment at all.
UNREADABLE, NOT_ASSESSMENT, CONFLICT_NOTE = "unreadable", "not-assessment", "conflict-note"


@dataclass(frozen=True)
class AssessmentRow:
    """The figures of one assessment file (plain data: it is cached as JSON).

    ``total`` is ``{"points", "max", "percent"}`` for a points framework and None for a
    maturity one. ``sections`` holds ``{"id", "percent"}`` per section (points) or
    ``{"id", "stage_min", "stage_max"}`` per factor (maturity); ``dimensions`` the stage
    range per dimension (maturity only). ``assessed`` is the share of units assessed in
    percent (``assessed_units`` of ``units``), ``errors`` the readiness findings of severity error (as ``ncsi check``).
    """

    path: str
    framework: str
    kind: str
    country: str
    country_name: str
    title: str
    reference_date: str
    changed: str | None
    total: dict[str, Any] | None
    sections: tuple[dict[str, Any], ...]
    dimensions: tuple[dict[str, Any], ...]
    units: int
    assessed_units: int
    assessed: float
    to_reconfirm: int
    errors: int

    @property
    def percent(self) -> float | None:
        """The total index (points frameworks), None for a maturity framework."""
        return self.total["percent"] if self.total else None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> AssessmentRow:
        d = dict(d)
        d["sections"] = tuple(d["sections"])
        d["dimensions"] = tuple(d["dimensions"])
        return cls(**d)


@dataclass(frozen=True)
class Skipped:
    """A file left out of the overview, and why (``kind``: UNREADABLE, NOT_ASSESSMENT or
    CONFLICT_NOTE)."""

    path: str
    reason: str
    kind: str = UNREADABLE

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


Row = AssessmentRow | Skipped


def row_of(path: str, cat: Catalogue, a: Assessment) -> AssessmentRow:
    """The overview figures of an assessment already checked against its catalogue."""
    s = score(cat, a)
    changed = a.updated or a.created
    common: dict[str, Any] = {
        "path": path,
        "framework": cat.id,
        "kind": cat.scoring,
        "country": a.country.code,
        "country_name": a.country.name,
        "title": a.title,
        "reference_date": a.reference_date.isoformat(),
        "changed": changed.isoformat() if changed else None,
        "units": s.units,
        "assessed_units": s.met + s.not_met if isinstance(s, PointsScore) else s.assessed,
        "assessed": s.assessed_share,
        "to_reconfirm": to_reconfirm(cat, a),
        "errors": counts(run_checks(cat, a))["error"],
    }
    if isinstance(s, PointsScore):
        t = s.total
        return AssessmentRow(
            **common,
            total={"points": t.points, "max": t.max, "percent": t.percent},
            sections=tuple({"id": x.id, "percent": x.percent} for x in s.sections),
            dimensions=(),
        )
    return AssessmentRow(
        **common,
        total=None,
        sections=tuple(
            {"id": f.id, "stage_min": f.stage_min, "stage_max": f.stage_max}
            for d in s.dimensions for f in d.factors
        ),
        dimensions=tuple(
            {"id": d.id, "stage_min": d.stage_min, "stage_max": d.stage_max}
            for d in s.dimensions
        ),
    )
