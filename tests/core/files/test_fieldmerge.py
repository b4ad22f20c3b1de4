"""Field by field inside a unit (issue 16.2): core/files/fieldmerge.py and the notes."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from ncsi_tui.core.files import merge, storage
from ncsi_tui.core.files.fieldmerge import merge_list
from ncsi_tui.core.files.session import AssessmentSession
from ncsi_tui.core.model.assessment import Reference
from ncsi_tui.core.model.review import Recommendation


def open_as(path: Path, user: str, monkeypatch: pytest.MonkeyPatch) -> AssessmentSession:
    monkeypatch.setenv("NCSI_USER", user)
    return AssessmentSession.open(path)


def on_disk(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def test_status_on_one_side_and_evidence_on_the_other_merge_without_a_question(
        example, monkeypatch):
    """The fault of issue 16.2: B edits 7.1's evidence while A marks it met."""
    a = open_as(example, "amina", monkeypatch)
    b = open_as(example, "boris", monkeypatch)
    assert a.record("7.1").status != "met"
    a.set_status("7.1", "met")
    b.set_text("7.1", "evidence", "Boris's evidence")
    a.save_merging()
    report = b.save_merging()  # no resolver: a question would raise
    assert report.merged and report.note is None
    rec = on_disk(example)["indicators"]["7.1"]
    assert rec["status"] == "met" and rec["evidence"] == "Boris's evidence"


def test_two_references_added_on_two_sides_are_both_kept(example, monkeypatch):
    a = open_as(example, "amina", monkeypatch)
    b = open_as(example, "boris", monkeypatch)
    before = [r.title for r in a.record("1.1").references]
    a.add_reference("1.1", Reference(kind="legal-act", title="Amina's act"))
    b.add_reference("1.1", Reference(kind="official-document", title="Boris's strategy"))
    a.save_merging()
    b.save_merging()
    titles = [r["title"] for r in on_disk(example)["indicators"]["1.1"]["references"]]
    assert titles == [*before, "Amina's act", "Boris's strategy"]


def test_a_reference_removed_on_one_side_and_one_added_on_the_other(example, monkeypatch):
    a = open_as(example, "amina", monkeypatch)
    b = open_as(example, "boris", monkeypatch)
    refs = a.record("1.1").references
    assert refs
    a.remove_reference("1.1", 0)
    b.add_reference("1.1", Reference(kind="official-document", title="Boris's strategy"))
    a.save_merging()
    b.save_merging()
    titles = [r["title"] for r in on_disk(example)["indicators"]["1.1"]["references"]]
    assert refs[0].title not in titles and "Boris's strategy" in titles
    assert [t for t in titles if t != "Boris's strategy"] == [r.title for r in refs[1:]]


def test_same_field_asks_about_that_field_only_and_the_loser_is_told(example, monkeypatch):
    a = open_as(example, "amina", monkeypatch)
    b = open_as(example, "boris", monkeypatch)
    a.set_status("1.1", "not-met")
    a.set_text("1.1", "evidence", "Amina's evidence")
    b.set_text("1.1", "evidence", "Boris's evidence")
    b.set_text("1.1", "notes", "Boris's note")
    a.save_merging()
    asked = []

    def resolve(conflicts):
        asked.extend((c.key, c.differences(), c.mine, c.theirs, c.mine_by, c.theirs_by)
                     for c in conflicts)
        return {"1.1.evidence": "mine"}

    report = b.save_merging(resolve)
    assert asked == [("1.1.evidence", ["evidence"], "Boris's evidence", "Amina's evidence",
                      "boris", "amina")]
    rec = on_disk(example)["indicators"]["1.1"]
    assert (rec["status"], rec["evidence"], rec["notes"]) == (
        "not-met", "Boris's evidence", "Boris's note")
    # the losing version is in the note, that field only, under its author's name
    note = storage.load(report.note).assessment
    assert note.indicators["1.1"].evidence == "Amina's evidence"
    assert note.indicators["1.1"].status == "not-assessed" and not note.indicators["1.1"].notes
    assert note.indicators["1.1"].updated_by == "amina"
    # and amina, whose version it was, is told by name and field where it went
    told = merge.notices(example, "amina", since=a.base.updated and None)
    assert [(n.keys, n.by, n.note) for n in told] == [(("1.1.evidence",), "boris", report.note)]
    assert "boris kept another version of 1.1.evidence" in str(told[0])
    assert report.note.name in str(told[0])
    assert merge.notices(example, "boris") == []


def test_notices_only_since_a_time(example, monkeypatch):
    import datetime as dt

    a = open_as(example, "amina", monkeypatch)
    b = open_as(example, "boris", monkeypatch)
    a.set_text("1.1", "evidence", "A")
    b.set_text("1.1", "evidence", "B")
    a.save_merging()
    b.save_merging(lambda cs: {c.key: "mine" for c in cs})
    later = dt.datetime(2999, 1, 1, tzinfo=dt.UTC)
    assert merge.notices(example, "amina", since=later) == []
    assert len(merge.notices(example, "amina")) == 1


def test_review_and_file_fields_merge_by_item(example, monkeypatch):
    a = open_as(example, "amina", monkeypatch)
    b = open_as(example, "boris", monkeypatch)
    ra = Recommendation(id="R1", unit="1.1", text="Amina's", priority="high")
    rb = Recommendation(id="R2", unit="1.2", text="Boris's", priority="low")
    a.assessment.review = a.assessment.review.model_copy(update={"recommendations": [ra]})
    a.assessment.organisations = [*a.assessment.organisations, "Ministry A"]
    b.assessment.review = b.assessment.review.model_copy(
        update={"recommendations": [rb], "context": "Boris's context"})
    b.assessment.organisations = [*b.assessment.organisations, "Ministry B"]
    a.save_merging()
    b.save_merging()
    data = on_disk(example)
    assert [r["id"] for r in data["review"]["recommendations"]] == ["R1", "R2"]
    assert data["review"]["context"] == "Boris's context"
    assert data["organisations"][-2:] == ["Ministry A", "Ministry B"]


def test_the_same_recommendation_changed_twice_is_one_question(example, monkeypatch):
    seed = open_as(example, "seed", monkeypatch)
    seed.assessment.review = seed.assessment.review.model_copy(update={"recommendations": [
        Recommendation(id="R1", unit="1.1", text="Start", priority="high")]})
    seed.save()
    a = open_as(example, "amina", monkeypatch)
    b = open_as(example, "boris", monkeypatch)
    for s, text in ((a, "A"), (b, "B")):
        r = s.assessment.review.recommendations[0].model_copy(update={"text": text})
        s.assessment.review = s.assessment.review.model_copy(update={"recommendations": [r]})
    a.save_merging()
    with pytest.raises(merge.UnresolvedConflicts) as info:
        b.save_merging()
    assert [c.key for c in info.value.conflicts] == ["review.recommendations.R1"]
    b.save_merging(lambda cs: {c.key: "mine" for c in cs})
    assert on_disk(example)["review"]["recommendations"][0]["text"] == "B"


@pytest.mark.parametrize(("b", "m", "t", "want"), [
    ([1, 2], [1, 2, 3], [1, 2, 4], [1, 2, 4, 3]),  # theirs saved first
    ([1, 2, 3], [1, 3], [1, 2, 3, 4], [1, 3, 4]),
    ([1, 2, 3], [1, 9, 3], [1, 2, 3, 4], [1, 9, 3, 4]),  # a replaced item stays in place
    ([1], [1, 5], [1, 5], [1, 5]),  # both added the same: once
    ([1, 2], [2], [1], []),
])
def test_lists_merge_as_sets(b, m, t, want):
    assert merge_list(b, m, t) == want
