"""`ncsi trend FILE...`: the total and every section across versions, with a chart."""

from __future__ import annotations

import json
from pathlib import Path

from ncsi_tui.core.trend import SPARK, sparkline
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
