"""The regional overview: ranks, regional mean and median, one table per framework."""

from __future__ import annotations

import statistics

from hypothesis import given, settings
from hypothesis import strategies as st

from ncsi_tui.core.compare.overview import build_overview, round2
from ncsi_tui.core.judge.overview_row import AssessmentRow, Skipped
from ncsi_tui.core.model.catalogue import Catalogues

CATS = Catalogues()
SECTIONS = [g.id for g in CATS.get("ncsi-2.0").leaf_groups]


def _row(i: int, total: float, sections: list[float], framework: str = "ncsi-2.0") -> AssessmentRow:
    return AssessmentRow(
        path=f"r/{i}.toml", framework=framework, kind="points", country="EE",
        country_name="Estonia", title=f"t{i}", reference_date="2025-01-01", changed=None,
        total={"points": 0, "max": 77, "percent": total},
        sections=tuple({"id": s, "percent": p} for s, p in zip(SECTIONS, sections, strict=True)),
        dimensions=(), units=46, assessed_units=46, assessed=100.0, to_reconfirm=0, errors=0)


percents = st.floats(min_value=0, max_value=100, allow_nan=False).map(round2)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(percents, st.lists(percents, min_size=12, max_size=12)),
                min_size=1, max_size=12))
def test_ranks_and_regional_figures(data) -> None:
    rows = [_row(i, t, s) for i, (t, s) in enumerate(data)]
    ov = build_overview([*rows, Skipped("r/x.toml", "broken")], CATS)
    (table,) = ov.frameworks
    totals = [r.percent for r in table.rows]
    assert totals == sorted(totals, reverse=True)
    for r, rank in zip(table.rows, table.ranks, strict=True):
        assert rank == 1 + sum(1 for t in totals if t > r.percent)
    for k, s in enumerate(table.sections):
        values = [d[1][k] for d in data]
        assert s.mean == round2(statistics.mean(values))
        assert s.median == round2(statistics.median(values))
    assert [x.path for x in ov.skipped] == ["r/x.toml"]


def test_frameworks_are_never_ranked_together() -> None:
    a = _row(1, 50.0, [50.0] * 12)
    b = _row(2, 90.0, [90.0] * 12, framework="ncsi-2.0")
    cmm = AssessmentRow(
        path="r/c.toml", framework="cmm-2021", kind="maturity", country="XK",
        country_name="Kosovo", title="c", reference_date="2025-01-01", changed=None,
        total=None, sections=({"id": "D1.1", "stage_min": "start-up", "stage_max": "formative"},),
        dimensions=({"id": "D1", "stage_min": "start-up", "stage_max": "formative"},),
        units=62, assessed_units=2, assessed=3.23, to_reconfirm=1, errors=0)
    ov = build_overview([a, cmm, b], CATS)
    assert [t.id for t in ov.frameworks] == ["cmm-2021", "ncsi-2.0"]
    assert ov.frameworks[0].ranks == (None,)
    assert ov.frameworks[1].ranks == (1, 2)
    factor = next(s for s in ov.frameworks[0].sections if s.id == "D1.1")
    assert factor.mean == 2.0  # formative is the second stage
    only = build_overview([a, cmm, b], CATS, frameworks=["cmm"])
    assert [t.id for t in only.frameworks] == ["cmm-2021"]
