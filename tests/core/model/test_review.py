"""The review part of an assessment (issue 12): models, canonical storage, plan, follow-up."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ncsi_tui.core.compare.follow_up import follow_up
from ncsi_tui.core.errors import InputError
from ncsi_tui.core.export.report import render_html, render_markdown
from ncsi_tui.core.files import storage
from ncsi_tui.core.files.review_edits import (
    add_finding,
    add_recommendation,
    close_gaps,
    mark_gap,
    put_cluster,
    put_session,
    update_recommendation,
)
from ncsi_tui.core.files.session import AssessmentSession
from ncsi_tui.core.judge.scoring import score
from ncsi_tui.core.model.assessment import Assessment, Country, Reference
from ncsi_tui.core.model.catalogue import Catalogues
from ncsi_tui.core.model.review import (
    ConsultationSession,
    Gap,
    Recommendation,
    Review,
    SessionFinding,
    StakeholderCluster,
    next_recommendation_id,
    open_gaps,
    plan_coverage,
)
from tests.conftest import EXAMPLE

CMM = Catalogues().get("cmm-2021")


def _assessment(**review: object) -> Assessment:
    return Assessment(framework="cmm-2021", country=Country(code="XA", name="Examplia"),
                      reference_date=dt.date(2026, 3, 1), review=Review(**review))


# --- storage --------------------------------------------------------------------------------

text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"), max_size=40)
ident = st.from_regex(r"\A[A-Za-z0-9][A-Za-z0-9._-]{0,6}\Z")
unit_ids = st.sampled_from([u.id for u in CMM.units] + ["D1", "D2.3", "D4.1"])
dates = st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31))
references = st.builds(Reference, kind=st.sampled_from(["legal-act", "official-document", "other"]),
                       title=text, url=st.sampled_from(["", "https://gov.example/a?b=1"]),
                       published=st.none() | dates)


@st.composite
def reviews(draw: st.DrawFn) -> Review:
    cids = draw(st.lists(ident, unique=True, max_size=4))
    clusters = [StakeholderCluster(id=c, name=draw(text.filter(bool)),
                                   organisations=draw(st.lists(text, max_size=3)),
                                   contacts=draw(st.lists(text, max_size=2)),
                                   covers=draw(st.lists(unit_ids, max_size=3))) for c in cids]
    sids = draw(st.lists(ident, unique=True, max_size=4)) if cids else []
    sessions = [ConsultationSession(id=s, day=draw(dates), time=draw(text), cluster=draw(st.sampled_from(cids)),
                                    covers=draw(st.lists(unit_ids, max_size=3)), place=draw(text))
                for s in sids]
    findings = [SessionFinding(session=draw(st.sampled_from(sids)), units=draw(st.lists(unit_ids, min_size=1, max_size=2)),
                               text=draw(text.filter(bool))) for _ in range(draw(st.integers(0, 3)))] if sids else []
    gaps = []
    for uid in draw(st.lists(st.sampled_from([u.id for u in CMM.units]), unique=True, max_size=3)):
        if cids and draw(st.booleans()):
            gaps.append(Gap(unit=uid, kind="follow-up", cluster=draw(st.sampled_from(cids)), note=draw(text)))
        else:
            gaps.append(Gap(unit=uid, kind="desk-research", closed=draw(st.booleans())))
    recs = [Recommendation(id=f"R{n}", unit=draw(unit_ids), text=draw(text.filter(bool)),
                           priority=draw(st.sampled_from(["high", "medium", "low"])),
                           owner=draw(text), due=draw(st.none() | dates),
                           status=draw(st.sampled_from(["proposed", "done", "dropped"])),
                           progress=draw(text), references=draw(st.lists(references, max_size=2)))
            for n in draw(st.lists(st.integers(1, 30), unique=True, max_size=4))]
    return Review(context=draw(text), clusters=clusters, sessions=sessions, findings=findings,
                  gaps=gaps, recommendations=recs)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reviews())
def test_a_file_with_a_review_loads_and_saves_byte_identical(rv: Review) -> None:
    a = _assessment()
    a.review = rv
    first = storage.dumps(a, CMM)
    again = storage.parse(first)
    assert storage.dumps(again, CMM) == first
    # nothing is lost on the way: the same items, whatever order they were given in
    for name in ("clusters", "sessions", "gaps", "recommendations", "findings"):
        got = sorted(x.model_dump_json() for x in getattr(again.review, name))
        assert got == sorted(x.model_dump_json() for x in getattr(rv, name))
    assert again.review.context == rv.context


def test_files_without_a_review_load_and_save_unchanged() -> None:
    raw = EXAMPLE.read_text("utf-8")
    a = storage.parse(raw)
    assert a.review.is_empty()
    assert "[review" not in storage.dumps(a, Catalogues().get(a.framework))
    assert storage.dumps(a, Catalogues().get(a.framework)) == raw


def test_review_is_importable_before_the_assessment_module() -> None:
    code = ("import ncsi_tui.core.model.review as r; from ncsi_tui.core.model.assessment import Assessment;"
            "print(Assessment.model_fields['review'].annotation is r.Review)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"


def test_a_session_naming_an_unknown_cluster_is_refused_with_its_line() -> None:
    a = _assessment(clusters=[StakeholderCluster(id="C1", name="Government")])
    bad = storage.dumps(a, CMM) + '\n[[review.sessions]]\nid = "S1"\nday = 2026-03-02\ncluster = "C2"\n'
    with pytest.raises(InputError) as err:
        storage.parse(bad)
    assert "no cluster 'C2'" in str(err.value)
    assert "C1" in str(err.value)  # the suggestion


# --- plan, gaps, recommendations ---------------------------------------------------------------


@pytest.fixture
def session(tmp_path) -> AssessmentSession:
    s = AssessmentSession.create(tmp_path / "r.toml", _assessment(), CMM)
    s.assessment.organisations = ["Ministry of Digital Affairs"]
    s.save()
    return s


def test_plan_coverage_names_the_uncovered_unit_and_the_cluster_without_session(session) -> None:
    put_cluster(session, StakeholderCluster(id="C1", name="Government", covers=["D1", "D2", "D3", "D4"]))
    put_cluster(session, StakeholderCluster(id="C2", name="Private sector", covers=["D5"]))
    put_cluster(session, StakeholderCluster(id="C3", name="Academia"))
    put_session(session, ConsultationSession(id="S1", day=dt.date(2026, 3, 9), cluster="C1"))
    leave_out = "D5.4.2"
    rest = [u.id for u in CMM.units if u.id.startswith("D5") and u.id != leave_out]
    put_session(session, ConsultationSession(id="S2", day=dt.date(2026, 3, 10), cluster="C2", covers=rest))
    cov = plan_coverage(CMM, session.assessment)
    assert cov.uncovered_units == (leave_out,)
    assert cov.clusters_without_session == ("C3",)


def test_edits_check_ids_against_the_catalogue(session) -> None:
    with pytest.raises(InputError, match="has no"):
        put_cluster(session, StakeholderCluster(id="C1", name="Gov", covers=["D9"]))
    with pytest.raises(InputError, match="no stakeholder cluster"):
        put_session(session, ConsultationSession(id="S1", day=dt.date(2026, 3, 9), cluster="C1"))
    with pytest.raises(InputError, match="no session"):
        add_finding(session, SessionFinding(session="S1", units=["D1.1.1"], text="x"))
    with pytest.raises(InputError, match="did you mean"):
        add_recommendation(session, "D1.1.9", "x", "high")
    assert session.assessment.review.is_empty()


def test_recommendation_ids_count_up_and_are_not_reused(session) -> None:
    ids = [add_recommendation(session, u, "do it", "high").id for u in ("D1", "D1.1", "D2.3")]
    assert ids == ["R1", "R2", "R3"]
    session.assessment.review = session.assessment.review.model_copy(
        update={"recommendations": [r for r in session.assessment.review.recommendations if r.id != "R2"]})
    assert next_recommendation_id(session.assessment.review) == "R4"


def test_owner_is_a_known_or_a_new_organisation_but_not_a_typo(session) -> None:
    with pytest.raises(InputError, match="did you mean Ministry of Digital Affairs"):
        add_recommendation(session, "D1", "x", "low", owner="Ministry of Digital Afairs")
    rec = add_recommendation(session, "D1", "x", "low", owner="ministry of digital affairs")
    assert rec.owner == "Ministry of Digital Affairs"  # spelled as known
    rec = add_recommendation(session, "D1", "x", "low", owner="National Audit Office")
    assert rec.owner == "National Audit Office"  # a new organisation is welcome (issue 20.5)


def test_gap_marked_twice_is_one_gap_and_closing_removes_it_from_open_gaps(session) -> None:
    mark_gap(session, Gap(unit="D1.3.2", kind="desk-research", note="first"))
    mark_gap(session, Gap(unit="D1.3.2", kind="desk-research", note="second"))
    assert [g.note for g in open_gaps(session.assessment)] == ["second"]
    assert close_gaps(session, "D1.3.2") == 1
    assert open_gaps(session.assessment) == []
    with pytest.raises(InputError):
        mark_gap(session, Gap(unit="D1.3", kind="desk-research"))  # a factor with aspects: not a unit


def test_setting_a_recommendation_done_keeps_its_references_on_disk(session) -> None:
    add_recommendation(session, "D1.1", "Adopt the strategy", "high")
    ref = Reference(kind="official-document", title="Strategy 2027", url="https://gov.example/s")
    update_recommendation(session, "R1", status="done", references=[ref])
    session.save()
    again = AssessmentSession.open(session.path)
    r1 = again.assessment.review.recommendation("R1")
    assert (r1.status, r1.references) == ("done", [ref])


# --- follow-up and report -----------------------------------------------------------------------


def test_follow_up_reports_only_changed_units_and_recommendation_statuses() -> None:
    old = _assessment(recommendations=[
        Recommendation(id="R1", unit="D2.3", text="a", priority="high"),
        Recommendation(id="R2", unit="D5", text="b", priority="low")])
    old.indicators = {"D2.3": {"stage": "start-up"}, "D3.4": {"stage": "formative"},
                      "D1.1.1": {"stage": "formative", "evidence": "old words"}}
    new = old.model_copy(deep=True)
    new.indicators = {"D2.3": {"stage": "established"}, "D3.4": {"stage": "start-up"},
                      "D1.1.1": {"stage": "formative", "evidence": "new words"}}
    done = new.review.recommendations[0].model_copy(update={"status": "done", "references": [
        Reference(kind="legal-act", title="Data Protection Act", url="https://law.example/dpa")]})
    new.review = new.review.model_copy(update={"recommendations": [done, new.review.recommendations[1]]})
    fu = follow_up(CMM, old, new).to_dict()
    assert fu["changes"] == [
        {"id": "D2.3", "before": "start-up", "after": "established", "direction": "up"},
        {"id": "D3.4", "before": "formative", "after": "start-up", "direction": "down"},
    ]
    assert fu["unchanged"] == len(CMM.units) - 2
    assert [(r["id"], r["status_before"], r["status_after"]) for r in fu["recommendations"]] == [
        ("R1", "proposed", "done"), ("R2", "proposed", "proposed")]
    assert fu["recommendations"][0]["references"] == [
        {"kind": "legal-act", "title": "Data Protection Act", "url": "https://law.example/dpa"}]
    assert list(fu) == ["changes", "recommendations", "unchanged"]


def test_report_leaves_out_internal_and_consultation_notes_and_contacts() -> None:
    a = _assessment(
        context="Examplia is small.",
        clusters=[StakeholderCluster(id="C1", name="Government", contacts=["jane@secret.example"])],
        sessions=[ConsultationSession(id="S1", day=dt.date(2026, 3, 9), cluster="C1",
                                      place="https://meet.example/private-room")],
        findings=[SessionFinding(session="S1", units=["D1.1.1"], text="SAID-IN-THE-ROOM")],
        recommendations=[Recommendation(id="R1", unit="D1.1", text="Adopt <b>it</b>", priority="high")],
    )
    a.indicators = {"D1.1.1": {"stage": "formative", "evidence": "Draft published",
                               "notes": "INTERNAL-NOTE"}}
    for page in (render_html(CMM, a, score(CMM, a)), render_markdown(CMM, a, score(CMM, a))):
        for secret in ("INTERNAL-NOTE", "SAID-IN-THE-ROOM", "jane@secret", "private-room", "<b>it"):
            assert secret not in page
        assert "Examplia is small." in page and "Draft published" in page


def test_review_edits_survive_a_merging_save_after_someone_else_saved(session) -> None:
    other = AssessmentSession.open(session.path)
    other.set_stage("D2.3", "formative")
    other.save()
    add_recommendation(session, "D2", "Mine, made while the other saved", "high")
    session.save_merging()
    on_disk = AssessmentSession.open(session.path).assessment
    assert [r.text for r in on_disk.review.recommendations] == ["Mine, made while the other saved"]
    assert on_disk.record("D2.3").stage == "formative"


nasty = st.sampled_from(["<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>",
                         "javascript:alert(1)", "# heading | pipe", "plain words"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rv=reviews(), words=nasty)
def test_the_report_of_any_review_is_inert_html_and_markdown(rv: Review, words: str) -> None:
    a = _assessment()
    a.review = rv.model_copy(update={"context": words, "recommendations": [
        r.model_copy(update={"text": words, "owner": words}) for r in rv.recommendations]})
    page = render_html(CMM, a, score(CMM, a))
    assert "<script" not in page and "<img" not in page and 'href="javascript' not in page
    md = render_markdown(CMM, a, score(CMM, a))
    assert not re.search(r"(?<!\\)<(script|img)", md) and "\n# heading" not in md
