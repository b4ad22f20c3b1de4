"""Many countries side by side: the regional overview of many assessment files.

Rows (:mod:`ncsi_tui.core.judge.overview_row`, read by :mod:`ncsi_tui.core.files.rows`)
are grouped into one table per framework (assessments of different frameworks are never
ranked together: their indices measure different things), ranked by the total index
(points frameworks; equal totals share a rank) and summarised per section by the regional
mean and median. A maturity framework (CMM) has no total to rank by: its table is sorted by
country and its per-factor figures are the highest stage reached, counted 1 (the first
stage) to 5.

Callers: ``ncsi overview`` (text, ``--json``, CSV, HTML through
:mod:`ncsi_tui.core.export.overview`) and the app's overview screen.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ncsi_tui.core.errors import InputError
from ncsi_tui.core.judge.overview_row import AssessmentRow, Row, Skipped
from ncsi_tui.core.model.catalogue import Catalogue, Catalogues

#: The version of the ``ncsi overview --json`` contract (docs/overview.md).
SCHEMA_VERSION = 1

#: ``--sort`` keys; ``total`` (the default) ranks the highest index first.
SORT_KEYS = ("total", "country", "title", "date", "assessed", "reconfirm", "errors", "path")


def round2(x: float) -> float:
    """Half up to two places, as :func:`ncsi_tui.core.judge.scoring.percent` rounds."""
    return float(Decimal(repr(x)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class SectionStat:
    """The regional figures of one section (percent) or factor (highest stage, 1..n)."""

    id: str
    name: str
    mean: float | None
    median: float | None
    count: int

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "mean": self.mean, "median": self.median}


@dataclass(frozen=True)
class FrameworkTable:
    """The assessments of one framework, in display order, with ranks (points only)."""

    id: str
    title: str
    kind: str
    stages: tuple[str, ...]
    dimensions: tuple[tuple[str, str], ...]
    rows: tuple[AssessmentRow, ...]
    ranks: tuple[int | None, ...]
    sections: tuple[SectionStat, ...]
    total_mean: float | None
    total_median: float | None

    def stage_rank(self, stage: str | None) -> int | None:
        """1 for the first stage of the catalogue ... n for the last; None: not assessed."""
        return self.stages.index(stage) + 1 if stage in self.stages else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "assessments": [_row_dict(r, rank, self) for r, rank in zip(self.rows, self.ranks, strict=True)],
            "sections": [s.as_dict() for s in self.sections],
        }


@dataclass(frozen=True)
class Overview:
    frameworks: tuple[FrameworkTable, ...]
    skipped: tuple[Skipped, ...]

    @property
    def unreadable(self) -> tuple[Skipped, ...]:
        """Skipped files that should have been assessments (each shown with its reason)."""
        return tuple(s for s in self.skipped if s.kind == "unreadable")

    @property
    def not_assessments(self) -> tuple[Skipped, ...]:
        """Conflict notes and other TOML files (shown as a count)."""
        return tuple(s for s in self.skipped if s.kind != "unreadable")

    def as_dict(self) -> dict[str, Any]:
        """The ``ncsi overview --json`` contract."""
        return {
            "schema_version": SCHEMA_VERSION,
            "frameworks": [f.as_dict() for f in self.frameworks],
            "skipped": [{"path": s.path, "reason": s.reason} for s in self.skipped],
        }


def _row_dict(r: AssessmentRow, rank: int | None, table: FrameworkTable) -> dict[str, Any]:
    out: dict[str, Any] = {
        "path": r.path,
        "country": r.country,
        "title": r.title,
        "reference_date": r.reference_date,
        "rank": rank,
        "total": r.total,
        "sections": [dict(s) for s in r.sections],
        "assessed": r.assessed,
        "to_reconfirm": r.to_reconfirm,
        "errors": r.errors,
    }
    if r.kind == "maturity":
        out["dimensions"] = [dict(d) for d in r.dimensions]
    return out


def build_overview(
    rows: Iterable[Row],
    catalogues: Catalogues,
    *,
    sort: str = "total",
    frameworks: Sequence[str] = (),
    countries: Sequence[str] = (),
) -> Overview:
    """Group rows by framework, filter, rank and summarise.

    `frameworks` are ids or bare names (``ncsi`` -> the newest installed), `countries`
    ISO codes; `sort` is one of :data:`SORT_KEYS`. Raises InputError for an unknown sort
    key or framework name.
    """
    if sort not in SORT_KEYS:
        raise InputError(f"cannot sort by '{sort}'", hint="sort by: " + ", ".join(SORT_KEYS))
    wanted = {catalogues.resolve(f) for f in frameworks}
    codes = {c.strip().upper() for c in countries}
    groups: dict[str, list[AssessmentRow]] = {}
    skipped: list[Skipped] = []
    for row in rows:
        if isinstance(row, Skipped):
            skipped.append(row)
        elif (not wanted or row.framework in wanted) and (not codes or row.country in codes):
            groups.setdefault(row.framework, []).append(row)
    tables = tuple(_table(catalogues.get(fid), rs, sort) for fid, rs in sorted(groups.items()))
    return Overview(tables, tuple(sorted(skipped, key=lambda s: s.path)))


def _table(cat: Catalogue, rows: list[AssessmentRow], sort: str) -> FrameworkTable:
    points = cat.scoring != "maturity"
    stages = () if points else tuple(cat.stage_ids)
    by_total = sorted(rows, key=lambda r: (-(r.percent or 0.0), r.country, r.path))
    rank_of: dict[int, int | None] = {}
    for i, r in enumerate(by_total):
        prev = by_total[i - 1] if i else None
        same = prev is not None and prev.percent == r.percent
        rank_of[id(r)] = (rank_of[id(prev)] if same else i + 1) if points else None
    ordered = _sorted(rows, by_total, sort, points)
    sections = tuple(
        _section_stat(g.id, g.name, [_figure(r, g.id, stages) for r in rows])
        for g in cat.leaf_groups
    )
    totals = [r.percent for r in rows if r.percent is not None]
    return FrameworkTable(
        id=cat.id,
        title=cat.title,
        kind=cat.scoring,
        stages=stages,
        dimensions=tuple((g.id, g.name) for g in cat.groups) if not points else (),
        rows=tuple(ordered),
        ranks=tuple(rank_of[id(r)] for r in ordered),
        sections=sections,
        total_mean=round2(statistics.mean(totals)) if totals else None,
        total_median=round2(statistics.median(totals)) if totals else None,
    )


def _sorted(rows: list[AssessmentRow], by_total: list[AssessmentRow], sort: str,
            points: bool) -> list[AssessmentRow]:
    if sort == "total":
        return by_total if points else sorted(rows, key=lambda r: (r.country, r.path))
    keys = {
        "country": lambda r: (r.country, r.path),
        "title": lambda r: (r.title.casefold(), r.path),
        "date": lambda r: (r.reference_date, r.country, r.path),
        "assessed": lambda r: (-r.assessed, r.country, r.path),
        "reconfirm": lambda r: (-r.to_reconfirm, r.country, r.path),
        "errors": lambda r: (-r.errors, r.country, r.path),
        "path": lambda r: r.path,
    }
    return sorted(rows, key=keys[sort])


def _figure(row: AssessmentRow, gid: str, stages: tuple[str, ...]) -> float | None:
    """A section's percent, or a factor's highest stage as 1..n (None: not assessed)."""
    for s in row.sections:
        if s["id"] == gid:
            if not stages:
                return s["percent"]
            top = s.get("stage_max")
            return float(stages.index(top) + 1) if top in stages else None
    return None


def _section_stat(gid: str, name: str, values: list[float | None]) -> SectionStat:
    got = [v for v in values if v is not None]
    if not got:
        return SectionStat(gid, name, None, None, 0)
    return SectionStat(gid, name, round2(statistics.mean(got)), round2(statistics.median(got)),
                       len(got))


def section_figure(table: FrameworkTable, row: AssessmentRow, gid: str) -> float | None:
    """What a heat map cell shows: the percent of a section, or the highest stage of a
    factor counted 1..n (None when not assessed)."""
    return _figure(row, gid, table.stages)
