"""Readiness rules: each rule broken on purpose gives its finding; a clean record gives none."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ncsi_tui.core.judge.readiness import RULES, Finding, has_errors, run_checks, years_before
from ncsi_tui.core.model.assessment import Assessment, Country, Record, Reference
from ncsi_tui.core.model.catalogue import Catalogue, Catalogues, load_catalogue
from ncsi_tui.core.model.review import Gap, Review

MATURITY = Path(__file__).resolve().parents[2] / "data" / "readiness" / "mmtest-1.toml"
REF_DATE = dt.date(2023, 6, 1)


@pytest.fixture(scope="module")
def ncsi() -> Catalogue:
    return Catalogues().get("ncsi-2.0")


@pytest.fixture(scope="module")
def cmm() -> Catalogue:
    return load_catalogue(MATURITY)


def ref(kind: str = "legal-act", title: str = "Cyber Security Act", **kw: Any) -> Reference:
    return Reference(kind=kind, title=title, url=kw.pop("url", "https://gov.example/act"), **kw)


def assessment(cat: Catalogue, **records: Record) -> Assessment:
    return Assessment(
        framework=cat.id,
        country=Country(code="RS"),
        reference_date=REF_DATE,
        indicators={uid.replace("_", "."): rec for uid, rec in records.items()},
    )


def problems(cat: Catalogue, a: Assessment) -> list[Finding]:
    return [f for f in run_checks(cat, a) if f.severity != "info"]


def met(*refs: Reference, evidence: str = "The act names the unit (section 4).") -> Record:
    return Record(status="met", evidence=evidence, references=list(refs))


# Each case: (catalogue, unit id, record, expected rule, severity).
POINTS_CASES = {
    "evidence.missing": ("1.1", met(ref(), evidence="")),
    "reference.missing": ("1.1", met()),
    "reference.kind-not-accepted": ("1.1", met(ref("news-article", "Minister opens unit"))),
    "reference.kind-unspecified": ("1.1", met(ref("unspecified", "Web link 1"))),
    "reference.url-invalid": ("1.1", met(ref(url="www.gov.example/act"))),
    "reference.url-missing": ("1.1", met(ref(url=""))),
    "reference.title-empty": ("1.1", met(ref(title=" "))),
    "reference.duplicate": ("1.1", met(ref(), ref())),
    "reference.after-reference-date": ("1.1", met(ref(published=dt.date(2023, 7, 1)))),
    "document.expired": (
        "1.3",
        met(ref("official-document", "Strategy 2017-2020", valid_until=dt.date(2020, 12, 31))),
    ),
    "window.too-old": (
        "10.2",
        met(ref("exercise-record", "Exercise 2019", published=dt.date(2019, 11, 5))),
    ),
    "window.undated": ("10.2", met(ref("exercise-record", "Exercise"))),
    "record.reconfirm": (
        "1.1",
        Record(status="met", evidence="x", references=[ref()], reconfirm=True),
    ),
    "open-work": ("2.1", Record(status="not-met")),
}

MATURITY_CASES = {
    "evidence.missing": ("D1.2", Record(stage="formative")),
    "stage.reference-missing": ("D1.2", Record(stage="strategic", evidence="A plan.")),
    "stage.aspect-not-assessed": ("D1.1.2", None),
    "evidence.stale": (
        "D1.2",
        Record(
            stage="formative", evidence="Old.", references=[ref(published=dt.date(2021, 5, 31))]
        ),
    ),
}

SEVERITY = {
    "evidence.missing": "error",
    "reference.missing": "error",
    "reference.kind-not-accepted": "error",
    "reference.kind-unspecified": "warning",
    "reference.url-invalid": "error",
    "reference.url-missing": "warning",
    "reference.title-empty": "warning",
    "reference.duplicate": "warning",
    "reference.after-reference-date": "warning",
    "document.expired": "error",
    "window.too-old": "error",
    "window.undated": "warning",
    "record.reconfirm": "warning",
    "open-work": "info",
    "stage.reference-missing": "error",
    "stage.aspect-not-assessed": "warning",
    "evidence.stale": "warning",
    "review.open-gap": "warning",
}


def test_every_rule_has_a_breaking_case_and_a_declared_severity():
    assert set(RULES) == set(POINTS_CASES) | set(MATURITY_CASES) | {"review.open-gap"}
    assert {r.id: r.severity for r in RULES.values()} == SEVERITY


def test_clean_points_record_gives_no_problem(ncsi):
    a = assessment(ncsi, **{"1_1": met(ref(published=dt.date(2021, 3, 1)))})
    assert problems(ncsi, a) == []


@pytest.mark.parametrize("rule_id", sorted(POINTS_CASES))
def test_points_rule_broken_gives_its_finding(ncsi, rule_id):
    uid, rec = POINTS_CASES[rule_id]
    findings = run_checks(ncsi, assessment(ncsi, **{uid.replace(".", "_"): rec}))
    mine = [f for f in findings if f.rule == rule_id and f.unit_id == uid]
    assert mine, [f.rule for f in findings if f.unit_id == uid]
    f = mine[0]
    assert f.severity == SEVERITY[rule_id]
    assert f.group_id == ncsi.unit_parent[uid].id
    assert f.message and f.message[0].islower()  # a phrase that says what to do
    assert has_errors(findings) == any(x.severity == "error" for x in findings)


@pytest.mark.parametrize("rule_id", sorted(MATURITY_CASES))
def test_maturity_rule_broken_gives_its_finding(cmm, rule_id):
    uid, rec = MATURITY_CASES[rule_id]
    records = {uid: rec} if rec is not None else {}
    if rule_id == "stage.aspect-not-assessed":
        records["D1.1.1"] = Record(stage="established", evidence="Adopted.", references=[ref()])
    a = assessment(cmm, **{k.replace(".", "_"): v for k, v in records.items()})
    mine = [f for f in run_checks(cmm, a) if f.rule == rule_id]
    assert [f.unit_id for f in mine] == [uid]
    assert mine[0].severity == SEVERITY[rule_id]
    assert mine[0].group_id == cmm.unit_parent[uid].id


def test_clean_maturity_assessment_gives_no_finding(cmm):
    good = Record(
        stage="dynamic",
        evidence="Reviewed yearly.",
        references=[ref(published=dt.date(2023, 1, 2))],
    )
    a = assessment(cmm, **{u.id.replace(".", "_"): good for u in cmm.units})
    assert run_checks(cmm, a) == []


def test_established_needs_no_reference_but_strategic_does(cmm):
    a = assessment(cmm, D1_2=Record(stage="established", evidence="In place."))
    assert problems(cmm, a) == []
    a = assessment(cmm, D1_2=Record(stage="dynamic", evidence="In place."))
    assert [f.rule for f in problems(cmm, a)] == ["stage.reference-missing"]


def test_points_rules_do_not_run_on_maturity_and_back(ncsi, cmm):
    maturity_only = {r.id for r in RULES.values() if r.kinds == ("maturity",)}
    points_only = {r.id for r in RULES.values() if r.kinds == ("points",)}
    a = assessment(
        cmm, D1_2=Record(stage="formative", evidence="x", references=[ref("news-article")])
    )
    assert not {f.rule for f in run_checks(cmm, a)} & points_only
    a = assessment(ncsi, **{"1_1": met()})
    assert not {f.rule for f in run_checks(ncsi, a)} & maturity_only


def test_open_work_lists_unmet_indicators_by_points_most_first(ncsi):
    a = assessment(ncsi, **{"1_1": met(ref()), "2_2": Record(status="not-met")})
    findings = run_checks(ncsi, a)
    work = [f for f in findings if f.rule == "open-work"]
    assert len(work) == 45  # 46 indicators, one met
    assert "1.1" not in {f.unit_id for f in work}
    pts = [f.points for f in work]
    assert pts == sorted(pts, reverse=True)
    assert work[0].points == 3 and work[-1].points == 1
    order = [u.id for u in ncsi.units]
    threes = [f.unit_id for f in work if f.points == 3]
    assert threes == sorted(threes, key=order.index)  # catalogue order among equals
    assert findings[-len(work) :] == work  # open work comes after the problems
    assert all(f.severity == "info" for f in work)
    assert not has_errors(findings)


def test_window_boundary_is_inclusive(ncsi):
    cutoff = years_before(REF_DATE, 3)
    on_time = met(ref("exercise-record", "Ex", published=cutoff))
    late = met(ref("exercise-record", "Ex", published=cutoff - dt.timedelta(days=1)))
    assert problems(ncsi, assessment(ncsi, **{"10_2": on_time})) == []
    assert [f.rule for f in problems(ncsi, assessment(ncsi, **{"10_2": late}))] == [
        "window.too-old"
    ]


def test_one_recent_reference_is_enough_for_a_window(ncsi):
    rec = met(
        ref("exercise-record", "Ex 2015", published=dt.date(2015, 1, 1)),
        ref(
            "exercise-record",
            "Ex 2022",
            url="https://gov.example/ex22",
            published=dt.date(2022, 1, 1),
        ),
    )
    assert problems(ncsi, assessment(ncsi, **{"10_2": rec})) == []


def test_in_force_document_without_any_date_warns(ncsi):
    rec = met(ref("official-document", "Strategy"))
    found = problems(ncsi, assessment(ncsi, **{"1_3": rec}))
    assert [(f.rule, f.severity) for f in found] == [("window.undated", "warning")]


def test_document_not_yet_valid_on_the_reference_date_is_an_error(ncsi):
    rec = met(ref("official-document", "Strategy 2024-2028", valid_from=dt.date(2024, 1, 1)))
    found = problems(ncsi, assessment(ncsi, **{"1_3": rec}))
    assert [(f.rule, f.severity) for f in found] == [("document.expired", "error")]
    assert "valid only from 2024-01-01" in found[0].message


def test_unspecified_kind_warns_instead_of_kind_error(ncsi):
    rec = met(ref("unspecified", "Web link 1"))
    found = problems(ncsi, assessment(ncsi, **{"1_1": rec}))
    assert [(f.rule, f.severity) for f in found] == [("reference.kind-unspecified", "warning")]
    assert "official-website" in found[0].message  # says which kinds this indicator accepts


def test_reference_hygiene_applies_to_not_met_indicators_too(ncsi):
    rec = Record(status="not-met", references=[ref(url="ftp://gov.example/x")])
    rules = {f.rule for f in problems(ncsi, assessment(ncsi, **{"1_1": rec}))}
    assert rules == {"reference.url-invalid"}


def test_years_before_handles_leap_day():
    assert years_before(dt.date(2024, 2, 29), 1) == dt.date(2023, 2, 28)
    assert years_before(dt.date(2024, 2, 29), 4) == dt.date(2020, 2, 29)


def test_findings_are_frozen():
    f = Finding("evidence.missing", "error", "1.1", "1", "write it")
    with pytest.raises(AttributeError):
        f.message = "x"  # type: ignore[misc]


_refs = st.builds(
    Reference,
    kind=st.sampled_from(["legal-act", "news-article", "unspecified", "exercise-record"]),
    title=st.text(max_size=5),
    url=st.sampled_from(["", "https://a.example/x", "www.a.example", "http://", "mailto:x@y"]),
    published=st.none() | st.dates(dt.date(2000, 1, 1), dt.date(2030, 1, 1)),
    valid_until=st.none() | st.dates(dt.date(2000, 1, 1), dt.date(2030, 1, 1)),
)
_records = st.builds(
    Record,
    status=st.sampled_from(["met", "not-met", "not-assessed"]),
    evidence=st.sampled_from(["", "text"]),
    references=st.lists(_refs, max_size=3),
)


@settings(max_examples=60, deadline=None)
@given(recs=st.dictionaries(st.sampled_from(["1.1", "1.3", "2.2", "10.2"]), _records, max_size=4))
def test_any_points_assessment_gives_well_formed_findings(ncsi, recs):
    a = Assessment(
        framework=ncsi.id, country=Country(code="RS"), reference_date=REF_DATE, indicators=recs
    )
    findings = run_checks(ncsi, a)
    for f in findings:
        assert f.rule in RULES and f.severity == RULES[f.rule].severity
        assert f.unit_id in ncsi.unit_index and f.group_id == ncsi.unit_parent[f.unit_id].id
    met_ids = {uid for uid, r in recs.items() if r.status == "met"}
    assert not {f.unit_id for f in findings if f.rule == "open-work"} & met_ids


def test_open_review_gap_warns_until_closed_and_keeps_its_note_internal(ncsi):
    a = assessment(ncsi, **{"1_2": met(ref())})
    a.review = Review(gaps=[Gap(unit="1.2", kind="desk-research", note="ask Ana (internal)")])
    found = [f for f in problems(ncsi, a) if f.rule == "review.open-gap"]
    assert [(f.unit_id, f.severity) for f in found] == [("1.2", "warning")]
    assert "needs desk research" in found[0].message and "Ana" not in found[0].message
    a.review = Review(gaps=[Gap(unit="1.2", kind="desk-research", closed=True)])
    assert problems(ncsi, a) == []
