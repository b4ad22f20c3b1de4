"""Scores across versions: the total and every section (or factor) as a series.

``ncsi trend FILE...`` and ``ncsi trend PATH --git`` render it as a table and sparklines.
The values come from :mod:`ncsi_tui.core.judge.scoring` results; nothing is recounted here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ncsi_tui.core.errors import InputError
from ncsi_tui.core.judge.scoring import MaturityScore, PointsScore, Score

SPARK = "▁▂▃▄▅▆▇█"


@dataclass(frozen=True)
class Series:
    """One line of the trend: points of a section, or the stage reached by a factor."""

    id: str
    name: str
    maximum: int
    values: tuple[int | None, ...]
    labels: tuple[str, ...] = ()

    @property
    def first(self) -> int | None:
        return next((v for v in self.values if v is not None), None)

    @property
    def last(self) -> int | None:
        return next((v for v in reversed(self.values) if v is not None), None)

    @property
    def change(self) -> int:
        return (self.last or 0) - (self.first or 0)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "max": self.maximum,
            "values": list(self.values),
        }
        if self.labels:
            out["labels"] = list(self.labels)
        return out


@dataclass(frozen=True)
class Trend:
    kind: str
    versions: tuple[str, ...]
    total: Series
    groups: tuple[Series, ...]
    stages: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "versions": list(self.versions),
            "stages": list(self.stages) or None,
            "total": self.total.to_dict(),
            "groups": [g.to_dict() for g in self.groups],
        }


def sparkline(values: tuple[int | None, ...], maximum: int) -> str:
    """One cell per version, scaled to the group's maximum (not to its own range), so a
    flat line at full marks reads as full blocks; above zero is never the lowest cell;
    a missing value is a space."""
    out = []
    for v in values:
        if v is None:
            out.append(" ")
        elif maximum <= 0:
            out.append(SPARK[0])
        else:
            level = round(v / maximum * (len(SPARK) - 1))
            out.append(SPARK[min(len(SPARK) - 1, max(level, 1 if v > 0 else 0))])
    return "".join(out)


def build_trend(versions: list[tuple[str, Score]]) -> Trend:
    """Series for the total and every group (paired by id) across labelled scores."""
    if not versions:
        raise InputError("no versions to show", hint="give files, or a file in git with --git")
    kinds = {s.kind for _, s in versions}
    if len(kinds) > 1:
        raise InputError(
            "the versions use different kinds of framework (points and maturity): "
            "a trend needs one kind",
            hint="give versions of one assessment",
        )
    labels = tuple(label for label, _ in versions)
    scores = [s for _, s in versions]
    if all(isinstance(s, PointsScore) for s in scores):
        return _points([s for s in scores if isinstance(s, PointsScore)], labels)
    return _maturity([s for s in scores if isinstance(s, MaturityScore)], labels)


def _points(scores: list[PointsScore], labels: tuple[str, ...]) -> Trend:
    order: dict[str, tuple[str, int]] = {}
    for s in reversed(scores):
        for t in s.sections:
            order.setdefault(t.id, (t.name, t.max))
    by_version = [{t.id: t.points for t in s.sections} for s in scores]
    groups = tuple(
        Series(gid, name, mx, tuple(v.get(gid) for v in by_version))
        for gid, (name, mx) in _ordered(order, scores[-1].sections)
    )
    last = scores[-1].total
    total = Series("total", "Total", last.max, tuple(s.total.points for s in scores))
    return Trend("points", labels, total, groups)


def _ordered(order: dict[str, Any], newest: tuple[Any, ...]) -> list[tuple[str, Any]]:
    ids = [t.id for t in newest] + [i for i in order if i not in {t.id for t in newest}]
    return [(i, order[i]) for i in ids]


def _maturity(scores: list[MaturityScore], labels: tuple[str, ...]) -> Trend:
    stages = scores[-1].stages
    rank = {s: i + 1 for i, s in enumerate(stages)}
    order: dict[str, str] = {}
    for s in reversed(scores):
        for fid, f in s.factor_index.items():
            order.setdefault(fid, f.name)
    rows = []
    newest = list(scores[-1].factor_index) + [i for i in order if i not in scores[-1].factor_index]
    for fid in newest:
        tops = [s.factor_index[fid].stage_max if fid in s.factor_index else None for s in scores]
        rows.append(
            Series(
                fid,
                order[fid],
                len(stages),
                tuple(rank.get(t) if t else None for t in tops),
                tuple(t or "not-assessed" for t in tops),
            )
        )
    total = Series(
        "assessed", "Units assessed", scores[-1].units, tuple(s.assessed for s in scores)
    )
    return Trend("maturity", labels, total, tuple(rows), stages)
