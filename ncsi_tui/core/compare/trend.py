"""Scores across versions: the total and every section (or factor) as a series.

``ncsi trend FILE...`` and ``ncsi trend PATH --git`` render it as a table and sparklines.
The values come from :mod:`ncsi_tui.core.judge.scoring` results; nothing is recounted here.
Versions of different catalogues (:func:`scores_through_pairs`) are scored only on the
units that pair across all of them, and the trend says so first (:attr:`Trend.note`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from ncsi_tui.core.compare.pairing import Pairing, pair_units, rollup_catalogues
from ncsi_tui.core.errors import InputError
from ncsi_tui.core.judge.scoring import MaturityScore, PointsScore, Score, score
from ncsi_tui.core.model.assessment import Assessment
from ncsi_tui.core.model.catalogue import Catalogue
from ncsi_tui.core.model.crosswalk import Crosswalk

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
    note: str = ""  # set when the versions use different catalogues: shown first

    def to_dict(self) -> dict[str, Any]:
        return {
            "different_catalogues": self.note or None,
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


def scores_through_pairs(
    versions: list[tuple[str, Catalogue, Assessment]],
    crosswalk: Callable[[str, str], Crosswalk | None],
) -> tuple[list[tuple[str, Score]], str]:
    """Labelled scores for :func:`build_trend`, and the note to show first.

    One catalogue: each version scored as usual, note "". Several: every version is scored
    only on the units of the newest catalogue that pair (``crosswalk(old_id, new_id)``,
    else id and name) with a unit of *every* older catalogue, grouped in the newest
    catalogue's sections or factors; InputError when no unit pairs."""
    scorer, note = paired_scoring([cat for _, cat, _ in versions], crosswalk)
    return [(label, scorer(cat, a)) for label, cat, a in versions], note


def paired_scoring(
    catalogues: list[Catalogue], crosswalk: Callable[[str, str], Crosswalk | None]
) -> tuple[Callable[[Catalogue, Assessment], Score], str]:
    """How to score each version when the versions use `catalogues` (oldest first, the
    last one the newest; repeats allowed), and the note to show first: the rule of
    :func:`scores_through_pairs`, for callers that read one version at a time (``ncsi
    trend --git`` over a long history). InputError when no unit pairs."""
    newest = catalogues[-1]
    if all(cat.id == newest.id for cat in catalogues):
        return score, ""
    pairings: dict[str, Pairing] = {}
    for cat in catalogues:
        if cat.id != newest.id and cat.id not in pairings:
            pairings[cat.id] = pair_units(cat, newest, crosswalk(cat.id, newest.id))
    common = set(newest.unit_index)
    for p in pairings.values():
        common &= {x.new for x in p.pairs}
    if not common:
        raise InputError(
            f"no unit of {newest.id} pairs with a unit of {', '.join(pairings)}: "
            "the versions have nothing in common to show as a trend",
            hint="add a crosswalk (docs/catalogue-format.md), or compare the files with "
            "`ncsi diff`, which lists what could not be paired",
        )
    rolled: dict[str, tuple[Catalogue, Catalogue]] = {}

    def scorer(cat: Catalogue, a: Assessment) -> Score:
        if cat.id not in rolled:
            pairing = pairings.get(cat.id) or pair_units(newest, newest)
            kept = replace(pairing, pairs=tuple(x for x in pairing.pairs if x.new in common))
            cats = rollup_catalogues(kept, cat, newest)
            assert cats is not None  # common is not empty
            rolled[cat.id] = cats
        return score(rolled[cat.id][0], a)

    notes = "; ".join(p.note for p in pairings.values())
    return scorer, (f"{notes}; series through the {len(common)} unit(s) of {newest.id} "
                    "paired in every version")


def build_trend(versions: list[tuple[str, Score]], note: str = "") -> Trend:
    """Series for the total and every group (paired by id) across labelled scores;
    `note` (from :func:`scores_through_pairs`) is shown first."""
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
        trend = _points([s for s in scores if isinstance(s, PointsScore)], labels)
    else:
        trend = _maturity([s for s in scores if isinstance(s, MaturityScore)], labels)
    return replace(trend, note=note) if note else trend


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
