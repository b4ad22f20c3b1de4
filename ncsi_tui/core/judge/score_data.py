"""Scores as plain JSON data and back, for caches (nothing is recounted here).

:func:`score_to_data` turns a :data:`~ncsi_tui.core.judge.scoring.Score` into dicts, lists,
strings and numbers; :func:`score_from_data` rebuilds the same frozen score, checking
every field's type, so a damaged or foreign cache entry raises ValueError instead of
giving a wrong figure. Used by the score cache of git versions (core/files/blob_scores.py).
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from ncsi_tui.core.judge.scoring import (
    DimensionProfile,
    FactorProfile,
    MaturityScore,
    PointsScore,
    Score,
    Tally,
)


def score_to_data(s: Score) -> dict[str, Any]:
    """A score as JSON-ready data (the factor index of a maturity score is left out: it
    is rebuilt from the dimensions)."""
    data = asdict(s)
    data.pop("factor_index", None)
    return data


def score_from_data(data: Any) -> Score:
    """The score held in `data` (from :func:`score_to_data`). Raises ValueError when any
    field is missing or of the wrong type."""
    try:
        if not isinstance(data, dict):
            raise ValueError("not an object")
        if data.get("kind") == "points":
            return _points(data)
        if data.get("kind") == "maturity":
            return _maturity(data)
        raise ValueError(f"unknown kind {data.get('kind')!r}")
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"damaged score data: {exc}") from None


def _int(v: Any) -> int:
    if type(v) is not int:
        raise ValueError(f"{v!r} is not a whole number")
    return v


def _str(v: Any) -> str:
    if not isinstance(v, str):
        raise ValueError(f"{v!r} is not text")
    return v


def _opt_str(v: Any) -> str | None:
    return None if v is None else _str(v)


def _tally(d: dict[str, Any]) -> Tally:
    return Tally(_str(d["id"]), _str(d["name"]), _int(d["points"]), _int(d["max"]),
                 _int(d["public_points"]))


def _points(d: dict[str, Any]) -> PointsScore:
    return PointsScore(
        kind="points",
        total=_tally(d["total"]),
        categories=tuple(_tally(t) for t in d["categories"]),
        sections=tuple(_tally(t) for t in d["sections"]),
        section_category={_str(k): _str(v) for k, v in d["section_category"].items()},
        met=_int(d["met"]),
        not_met=_int(d["not_met"]),
        not_assessed=_int(d["not_assessed"]),
        to_reconfirm=_int(d["to_reconfirm"]),
    )


def _factor(d: dict[str, Any]) -> FactorProfile:
    units = tuple((_str(uid), _opt_str(stage)) for uid, stage in d["units"])
    return FactorProfile(_str(d["id"]), _str(d["name"]), _opt_str(d["stage_min"]),
                         _opt_str(d["stage_max"]), units)


def _maturity(d: dict[str, Any]) -> MaturityScore:
    dims = tuple(
        DimensionProfile(
            _str(dim["id"]),
            _str(dim["name"]),
            tuple(_factor(f) for f in dim["factors"]),
            {_str(k): _int(v) for k, v in dim["stage_counts"].items()},
        )
        for dim in d["dimensions"]
    )
    return MaturityScore(
        kind="maturity",
        stages=tuple(_str(s) for s in d["stages"]),
        dimensions=dims,
        assessed=_int(d["assessed"]),
        not_assessed=_int(d["not_assessed"]),
        factor_index={f.id: f for dim in dims for f in dim.factors},
        to_reconfirm=_int(d["to_reconfirm"]),
    )
