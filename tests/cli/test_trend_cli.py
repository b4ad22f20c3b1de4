"""`ncsi trend FILE...`: the total and every section across versions, with a chart."""

from __future__ import annotations

import json
from pathlib import Path

from ncsi_tui.core.compare.trend import SPARK, sparkline
from tests import diff_cases as case


def test_trend_of_files_in_order(ncsi, example: Path, tmp_path: Path) -> None:
    nxt = case.year_after(example, tmp_path / "next.toml")
    r = ncsi("trend", example, nxt, example, "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["versions"] == ["example.toml", "next.toml", "example.toml"]
    b, a = case.TOTAL_BEFORE, case.TOTAL_AFTER
    assert data["total"]["values"] == [b, a, b] and data["total"]["max"] == 77
    groups = {g["id"]: g for g in data["groups"]}
    assert len(groups) == 12
    for sid, delta in case.SECTION_DELTAS.items():
        first, second, third = groups[sid]["values"]
        assert second - first == delta and third == first
    text = ncsi("trend", example, nxt, env={"NO_COLOR": "1"}).stdout
    total = next(line for line in text.splitlines() if "Total" in line)
    assert f"+{a - b}" in total and any(c in total for c in SPARK)


def test_sparkline_is_scaled_to_the_maximum() -> None:
    assert sparkline((0, 7, None, 1), 7) == "▁█ ▂"


MINI = """id = "mini-1"
framework = "mini"
methodology = "1"
title = "Mini maturity model"
scoring = "maturity"
levels = ["dimension", "factor", "aspect"]
stages = [{id = "start-up", name = "Start-up"}, {id = "formative", name = "Formative"},
          {id = "established", name = "Established"}]
[[groups]]
id = "D1"
name = "Policy"
[[groups.groups]]
id = "D1.1"
name = "Strategy"
units = [{id = "D1.1.1", name = "Development"}, {id = "D1.1.2", name = "Content"}]
[[groups.groups]]
id = "D1.2"
name = "Response"
units = [{id = "D1.2", name = "Response"}]
"""


def test_trend_of_a_maturity_assessment_follows_the_highest_stage_per_factor(
    ncsi, tmp_path: Path
) -> None:
    cats = tmp_path / "cats"
    cats.mkdir()
    (cats / "mini-1.toml").write_text(MINI, encoding="utf-8")
    files = []
    for i, stages in enumerate(
        [
            {"D1.1.1": "start-up"},
            {"D1.1.1": "formative", "D1.2": "formative"},
            {"D1.1.1": "formative", "D1.1.2": "established", "D1.2": "start-up"},
        ]
    ):
        body = "".join(f'[indicators."{u}"]\nstage = "{s}"\n' for u, s in stages.items())
        p = tmp_path / f"v{i}.toml"
        p.write_text(
            'schema = 1\nframework = "mini-1"\nreference_date = 2025-06-30\n'
            f'[country]\ncode = "EE"\n{body}',
            encoding="utf-8",
        )
        files.append(p)
    r = ncsi("trend", *files, "--json", "--catalogue-dir", cats)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["kind"] == "maturity" and data["total"]["values"] == [1, 2, 3]
    groups = {g["id"]: g for g in data["groups"]}
    assert groups["D1.1"]["values"] == [1, 2, 3]  # ranks of the highest stage reached
    assert groups["D1.1"]["labels"] == ["start-up", "formative", "established"]
    assert groups["D1.2"]["values"] == [None, 2, 1]
    text = ncsi("trend", *files, "--catalogue-dir", cats, env={"NO_COLOR": "1"}).stdout
    row = next(line for line in text.splitlines() if line.startswith("D1.2"))
    assert "—" in row and "start-up" in row and "-1" in row  # — : not assessed then
