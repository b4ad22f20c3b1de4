"""check_unit: one unit's findings, the same as the whole-file check lists for it; and
units_to_recheck names every unit an edit can change (issue 24: a typed character
re-checks only the unit that changed)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ncsi_tui.core.errors import InputError
from ncsi_tui.core.judge.readiness import (
    check_unit,
    findings_by_unit,
    run_checks,
    units_to_recheck,
)
from ncsi_tui.core.model.assessment import Assessment, Country, Record, Reference
from ncsi_tui.core.model.catalogue import Catalogue, Catalogues, load_catalogue

MATURITY = Path(__file__).resolve().parents[2] / "data" / "readiness" / "mmtest-1.toml"
REF_DATE = dt.date(2023, 6, 1)
NCSI = Catalogues().get("ncsi-2.0")
CMM = load_catalogue(MATURITY)

_refs = st.builds(
    Reference,
    kind=st.sampled_from(["legal-act", "news-article", "unspecified"]),
    title=st.sampled_from(["", "Act", "Act "]),
    url=st.sampled_from(["", "https://a.example/x", "www.a.example"]),
    published=st.none() | st.dates(dt.date(2015, 1, 1), dt.date(2025, 1, 1)),
)


def _records(cat: Catalogue) -> st.SearchStrategy[Record]:
    if cat.scoring == "maturity":
        state = st.builds(Record, stage=st.none() | st.sampled_from(cat.stage_ids))
    else:
        state = st.builds(Record, status=st.sampled_from(["met", "not-met", "not-assessed"]))
    return st.tuples(state, st.sampled_from(["", "text"]), st.lists(_refs, max_size=3),
                     st.booleans()).map(
        lambda t: t[0].model_copy(update={"evidence": t[1], "references": t[2],
                                          "reconfirm": t[3]}))


def _assessment(cat: Catalogue, recs: dict[str, Record]) -> Assessment:
    return Assessment(framework=cat.id, country=Country(code="RS"), reference_date=REF_DATE,
                      indicators=recs)


@st.composite
def _case(draw: st.DrawFn) -> tuple[Catalogue, dict[str, Record], str, Record]:
    cat = draw(st.sampled_from([NCSI, CMM]))
    ids = list(cat.unit_index)[:8]
    recs = draw(st.dictionaries(st.sampled_from(ids), _records(cat), max_size=6))
    return cat, recs, draw(st.sampled_from(ids)), draw(_records(cat))


@settings(max_examples=60, deadline=None)
@given(case=_case())
def test_one_unit_checked_alone_equals_the_whole_file_check(case) -> None:
    cat, recs, _, _ = case
    a = _assessment(cat, recs)
    whole = findings_by_unit(run_checks(cat, a))
    for unit_id in cat.unit_index:
        assert check_unit(cat, a, unit_id) == whole.get(unit_id, [])


@settings(max_examples=60, deadline=None)
@given(case=_case())
def test_an_edit_changes_no_findings_outside_the_units_to_recheck(case) -> None:
    cat, recs, edited, new = case
    before = findings_by_unit(run_checks(cat, _assessment(cat, recs)))
    after = findings_by_unit(run_checks(cat, _assessment(cat, {**recs, edited: new})))
    again = set(units_to_recheck(cat, edited))
    assert edited in again
    for unit_id in cat.unit_index:
        if unit_id not in again:
            assert before.get(unit_id, []) == after.get(unit_id, [])


def test_an_unknown_unit_is_an_input_error() -> None:
    with pytest.raises(InputError, match=r"1\.1"):
        check_unit(NCSI, _assessment(NCSI, {}), "1.11")
