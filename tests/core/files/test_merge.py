"""Two people, one file: field-level three-way merge on save (core/files/merge.py, fieldmerge.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ncsi_tui.core.errors import ConflictError
from ncsi_tui.core.files import merge, storage
from ncsi_tui.core.files.session import AssessmentSession
from ncsi_tui.core.model.assessment import Assessment, Record


def open_as(path: Path, user: str, monkeypatch: pytest.MonkeyPatch) -> AssessmentSession:
    monkeypatch.setenv("NCSI_USER", user)
    return AssessmentSession.open(path)


def on_disk(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))["indicators"]


def test_changes_to_different_indicators_are_both_kept(example, monkeypatch):
    a = open_as(example, "amina", monkeypatch)
    b = open_as(example, "boris", monkeypatch)
    a.set_text("1.1", "evidence", "Amina's evidence")
    b.set_status("2.3", "not-met")
    a.save_merging()
    report = b.save_merging()

    assert report.merged and report.kept_mine == ("2.3",) and report.took_theirs == ("1.1",)
    assert report.note is None
    disk = on_disk(example)
    assert disk["1.1"]["evidence"] == "Amina's evidence"
    assert disk["1.1"]["updated_by"] == "amina"
    assert disk["2.3"]["status"] == "not-met"
    assert disk["2.3"]["updated_by"] == "boris"
    # B's session now holds the merge, so B's next save is an ordinary one
    assert b.record("1.1").evidence == "Amina's evidence"
    assert not b.changed_on_disk() and not b.dirty


def test_same_indicator_without_a_resolver_writes_nothing(example, monkeypatch):
    a = open_as(example, "amina", monkeypatch)
    b = open_as(example, "boris", monkeypatch)
    a.set_text("1.1", "evidence", "Amina's")
    b.set_text("1.1", "evidence", "Boris's")
    a.save_merging()
    before = example.read_bytes()
    with pytest.raises(merge.UnresolvedConflicts) as info:
        b.save_merging()
    assert [c.key for c in info.value.conflicts] == ["1.1.evidence"]
    assert info.value.conflicts[0].differences() == ["evidence"]
    assert "1.1 evidence" in info.value.message
    assert example.read_bytes() == before
    assert b.record("1.1").evidence == "Boris's"  # still in B's session: nothing lost


@pytest.mark.parametrize("choice", ["mine", "theirs"])
def test_same_indicator_asks_and_keeps_the_other_version_in_a_note(example, monkeypatch, choice):
    a = open_as(example, "amina", monkeypatch)
    b = open_as(example, "boris", monkeypatch)
    a.set_text("1.1", "evidence", "Amina's")
    b.set_text("1.1", "evidence", "Boris's")
    b.set_status("2.3", "not-met")  # not in conflict: saved without asking
    a.save_merging()
    asked = []

    def resolve(conflicts):
        asked.extend(c.key for c in conflicts)
        return {"1.1.evidence": choice}

    report = b.save_merging(resolve)
    assert asked == ["1.1.evidence"]
    kept, lost = ("Boris's", "Amina's") if choice == "mine" else ("Amina's", "Boris's")
    assert on_disk(example)["1.1"]["evidence"] == kept
    assert on_disk(example)["2.3"]["status"] == "not-met"
    assert report.choices == (("1.1.evidence", choice),)
    # the losing version is recoverable: a conflict note that is itself an assessment file
    assert report.note is not None and report.note.parent == example.parent
    assert report.note.name.startswith("example.toml.conflict-boris-")
    assert merge.is_conflict_note(report.note)
    note = storage.load(report.note)
    assert note.has_comments
    assert list(note.assessment.indicators) == ["1.1"]
    assert note.assessment.indicators["1.1"].evidence == lost
    if choice == "mine":  # Amina's version was on disk before: also in the .bak
        assert "Amina's" in storage.backup_path(example).read_text(encoding="utf-8")


def test_note_is_readable_with_ncsi_show(example, monkeypatch, ncsi):
    a = open_as(example, "amina", monkeypatch)
    b = open_as(example, "boris", monkeypatch)
    a.set_text("1.1", "evidence", "Amina's words")
    b.set_text("1.1", "evidence", "Boris's words")
    a.save_merging()
    report = b.save_merging(lambda cs: {c.key: "theirs" for c in cs})
    out = ncsi("show", report.note, "1.1")
    assert out.returncode == 0, out.stderr
    assert "Boris's words" in out.stdout


def test_resolver_that_cancels_writes_nothing(example, monkeypatch):
    a = open_as(example, "amina", monkeypatch)
    b = open_as(example, "boris", monkeypatch)
    a.set_text("1.1", "evidence", "y")
    b.set_text("1.1", "evidence", "x")
    a.save_merging()
    before = example.read_bytes()
    with pytest.raises(merge.UnresolvedConflicts):
        b.save_merging(lambda cs: None)
    assert example.read_bytes() == before
    assert not list(example.parent.glob("*.conflict-*"))


def test_identical_change_on_both_sides_is_no_conflict(example, monkeypatch):
    a = open_as(example, "amina", monkeypatch)
    b = open_as(example, "boris", monkeypatch)
    a.set_status("2.3", "not-met")
    b.set_status("2.3", "not-met")
    a.save_merging()
    report = b.save_merging()
    assert report.merged and report.note is None
    assert on_disk(example)["2.3"]["status"] == "not-met"


def test_top_level_fields_merge_like_indicators(example, monkeypatch):
    a = open_as(example, "amina", monkeypatch)
    b = open_as(example, "boris", monkeypatch)
    a.assessment.title = "Amina's title"
    b.assessment.organisations = ["CERT-XE"]
    a.save_merging()
    b.save_merging()
    data = tomllib.loads(example.read_text(encoding="utf-8"))
    assert data["title"] == "Amina's title" and data["organisations"] == ["CERT-XE"]

    c = open_as(example, "carla", monkeypatch)
    d = open_as(example, "dan", monkeypatch)
    c.assessment.title = "C"
    d.assessment.title = "D"
    c.save_merging()
    with pytest.raises(merge.UnresolvedConflicts) as info:
        d.save_merging()
    assert [(x.key, x.kind) for x in info.value.conflicts] == [("title", "field")]
    report = d.save_merging(lambda cs: {"title": "mine"})
    assert tomllib.loads(example.read_text(encoding="utf-8"))["title"] == "D"
    assert storage.load(report.note).assessment.title == "C"


def test_removal_on_one_side_and_edit_on_other_is_a_conflict(example, monkeypatch):
    a = open_as(example, "amina", monkeypatch)
    b = open_as(example, "boris", monkeypatch)
    a.edit("1.2", lambda r: [setattr(r, f, v) for f, v in (("status", "not-assessed"),
                                                         ("evidence", ""), ("notes", ""))])
    assert "1.2" not in a.assessment.indicators
    b.set_text("1.2", "evidence", "more")
    a.save_merging()
    report = b.save_merging(lambda cs: {"1.2.evidence": "theirs"})
    assert "1.2" not in on_disk(example)
    assert storage.load(report.note).assessment.indicators["1.2"].evidence == "more"


def test_new_file_is_never_merged_with_a_strangers_file(example, monkeypatch):
    other = AssessmentSession.open(example)
    fresh = AssessmentSession.create(example, other.assessment.model_copy(deep=True),
                                     other.catalogue)
    with pytest.raises(ConflictError):
        fresh.save_merging()


def test_parallel_ncsi_record_processes_lose_no_change(example):
    """Eight `ncsi record` runs at once on eight indicators: all eight land in the file."""
    ids = ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "3.1", "3.2"]
    env = {**os.environ, "COLUMNS": "120"}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "ncsi_tui", "record", str(example), uid,
             "--evidence", f"parallel evidence {uid}"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**env, "NCSI_USER": f"user{i}"},
        )
        for i, uid in enumerate(ids)
    ]
    for p in procs:
        _, err = p.communicate(timeout=60)
        assert p.returncode == 0, err
    disk = on_disk(example)
    for i, uid in enumerate(ids):
        assert disk[uid]["evidence"] == f"parallel evidence {uid}"
        assert disk[uid]["updated_by"] == f"user{i}"


# --- the merge rules as properties ------------------------------------------------------

_records = st.one_of(
    st.none(),
    st.builds(
        Record,
        status=st.sampled_from(["met", "not-met"]),
        evidence=st.sampled_from(["", "a", "b"]),
    ),
)
_sides = st.dictionaries(st.sampled_from(["1.1", "1.2", "2.3"]), _records, max_size=3)


def _make(records: dict[str, Record | None]) -> Assessment:
    a = Assessment.model_validate(
        {"framework": "ncsi-2.0", "country": {"code": "XE", "name": "Examplia"},
         "reference_date": "2025-06-30"}
    )
    a.indicators = {k: v for k, v in records.items() if v is not None}
    return a


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(base=_sides, mine=_sides, theirs=_sides)
def test_merge_keeps_every_one_sided_change_and_asks_about_the_rest(base, mine, theirs):
    b, m, t = _make(base), _make(mine), _make(theirs)
    result = merge.merge(b, m, t)
    conflicted = {c.key for c in result.conflicts}
    for uid in {"1.1", "1.2", "2.3"}:
        rb, rm, rt = (x.record(uid) for x in (b, m, t))
        got = result.merged.record(uid)
        mine_all = result.resolved({k: "mine" for k in conflicted}).record(uid)
        for name in ("status", "evidence"):
            vb, vm, vt = (getattr(r, name) for r in (rb, rm, rt))
            if f"{uid}.{name}" in conflicted:
                assert vm != vb and vt != vb and vm != vt
                assert getattr(got, name) == vt  # until chosen, the disk version stays
                assert getattr(mine_all, name) == vm
            elif vm == vb:
                assert getattr(got, name) == vt  # theirs' change (or none) kept
            else:
                assert getattr(got, name) == vm  # mine's change kept
    # merging with no change on one side gives the other side exactly
    assert merge.merge(b, b, t).merged.indicators == t.indicators
    assert merge.merge(b, m, b).merged.indicators == m.indicators


def test_an_editor_takes_in_a_colleagues_save_without_writing(example, monkeypatch):
    a = open_as(example, "amina", monkeypatch)
    b = open_as(example, "boris", monkeypatch)
    b.set_status("2.3", "not-met")  # unsaved in B
    a.set_text("1.1", "evidence", "Amina's")
    a.save_merging()
    written = example.read_bytes()
    result = merge.follow_disk(b)
    assert result.conflicts == [] and result.took_theirs == ["1.1"]
    assert example.read_bytes() == written  # following writes nothing
    assert b.record("1.1").evidence == "Amina's" and b.record("2.3").status == "not-met"
    assert b.dirty and not b.changed_on_disk()
    b.save()  # an ordinary save now: the revision is the disk's
    assert on_disk(example)["1.1"]["evidence"] == "Amina's"
    assert on_disk(example)["2.3"]["status"] == "not-met"


def test_following_leaves_a_conflict_for_the_save_to_ask(example, monkeypatch):
    a = open_as(example, "amina", monkeypatch)
    b = open_as(example, "boris", monkeypatch)
    a.set_text("1.1", "evidence", "Amina's")
    b.set_text("1.1", "evidence", "Boris's")
    a.save_merging()
    result = merge.follow_disk(b)
    assert [c.key for c in result.conflicts] == ["1.1.evidence"]
    assert b.record("1.1").evidence == "Boris's" and b.changed_on_disk()


def test_a_file_broken_on_disk_is_a_conflict_not_a_merge(example, monkeypatch, ncsi):
    b = open_as(example, "boris", monkeypatch)
    b.set_status("2.3", "not-met")
    broken = example.read_text(encoding="utf-8").replace('title = "Examplia', "title = Examplia")
    example.write_text(broken, encoding="utf-8")
    with pytest.raises(ConflictError) as info:
        b.save_merging()
    assert "cannot be merged" in info.value.message and info.value.line == 3
    assert example.read_text(encoding="utf-8") == broken


def test_every_top_level_field_but_indicators_and_updated_is_merged():
    # a field added to the model later must not lose one side's change silently
    assert set(merge.top_fields()) == set(Assessment.model_fields) - {
        "indicators", "updated", "review", "organisations", "unresolved"}


def test_the_note_says_whose_version_it_keeps(example, monkeypatch):
    a = open_as(example, "amina", monkeypatch)
    b = open_as(example, "boris", monkeypatch)
    a.set_text("1.1", "evidence", "Amina's")
    b.set_text("1.1", "evidence", "Boris's")
    a.save_merging()
    report = b.save_merging(lambda cs: {"1.1.evidence": "mine"})
    head = report.note.read_text(encoding="utf-8").splitlines()[:3]
    assert "NOT kept when boris saved" in head[0]
    assert head[2] == "#   1.1.evidence: amina's version (not kept)"
