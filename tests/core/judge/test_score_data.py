"""Scores to JSON data and back (the score cache): the same score, or ValueError."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ncsi_tui.core.files import storage
from ncsi_tui.core.judge.score_data import score_from_data, score_to_data
from ncsi_tui.core.judge.scoring import MaturityScore, PointsScore, score
from ncsi_tui.core.model.catalogue import Catalogues

EXAMPLES = Path(__file__).resolve().parents[3] / "ncsi_tui" / "examples"


@pytest.mark.parametrize("name, kind", [("example.toml", PointsScore),
                                        ("example-cmm.toml", MaturityScore)])
def test_a_score_comes_back_the_same_through_json(name: str, kind: type) -> None:
    a = storage.load(EXAMPLES / name).assessment
    s = score(Catalogues().get(a.framework), a)
    back = score_from_data(json.loads(json.dumps(score_to_data(s))))
    assert isinstance(back, kind) and back == s
    assert back.headline == s.headline


@pytest.mark.parametrize("damage", [None, [], {"kind": "points"}, {"kind": "other"},
                                    {"kind": "maturity", "stages": [1]}])
def test_damaged_data_is_a_value_error(damage: object) -> None:
    with pytest.raises(ValueError):
        score_from_data(damage)


def test_a_wrong_type_inside_is_a_value_error() -> None:
    a = storage.load(EXAMPLES / "example.toml").assessment
    data = score_to_data(score(Catalogues().get(a.framework), a))
    data["sections"][0]["points"] = True  # a boolean is no count
    with pytest.raises(ValueError):
        score_from_data(data)
