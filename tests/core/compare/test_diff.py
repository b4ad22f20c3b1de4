"""core.diff on real files: exactly the gains, losses, evidence changes and deltas made."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ncsi_tui.core.compare.diff import compare, word_diff
from ncsi_tui.core.errors import InputError
from ncsi_tui.core.files.session import AssessmentSession
from ncsi_tui.core.model.catalogue import Catalogues
from tests import diff_cases as case


def _diff(old: Path, new: Path, cats: Catalogues | None = None):
    a, b = AssessmentSession.open(old, cats), AssessmentSession.open(new, cats)
    return compare(
        a.catalogue, a.assessment, b.catalogue, b.assessment, old_label=old.name, new_label=new.name
    )


@pytest.fixture
def versions(example: Path, tmp_path: Path) -> tuple[Path, Path]:
    return example, case.year_after(example, tmp_path / "next.toml")


def test_a_file_against_itself_has_no_differences(example: Path) -> None:
    d = _diff(example, example)
    assert d.equal
    assert d.units == () and d.header == ()
    assert all(s.delta == 0 for s in d.sections)


def test_year_after_gives_exactly_the_gains_losses_and_section_deltas(versions) -> None:
    d = _diff(*versions)
    assert not d.equal
    assert [u.id for u in d.gained] == case.GAINED
    assert [u.id for u in d.lost] == case.LOST
    assert [u.id for u in d.with_direction("changed")] == case.STATUS_ONLY
    assert {s.id: s.delta for s in d.sections if s.delta} == case.SECTION_DELTAS
    assert (d.total.before, d.total.after, d.total.delta) == (
        case.TOTAL_BEFORE,
        case.TOTAL_AFTER,
        case.TOTAL_AFTER - case.TOTAL_BEFORE,
    )
    assert d.total.percent_after == round(case.TOTAL_AFTER / 77 * 100, 2)
    for u in d.gained:
        assert u.points_after == case.POINTS[u.id]


def test_year_after_lists_evidence_reference_and_note_changes(versions) -> None:
    d = _diff(*versions)
    by_id = {u.id: u for u in d.content_changes}
    assert list(by_id) == case.CONTENT_CHANGED
    ev = by_id["1.1"].evidence
    assert ev is not None and by_id["1.1"].notes is None
    assert [t.strip() for op, t in ev.words() if op != "equal"] == ["and coordinates"]
    assert ev.removed_lines and ev.added_lines  # one-line evidence: the line was replaced
    assert by_id["1.2"].notes is not None and by_id["1.2"].evidence is None
    assert by_id["2.2"].references.added == (case.NEW_REFERENCE,)
    assert not by_id["2.2"].references.removed
    assert [r.title for r in by_id["4.1"].references.removed] == [case.REMOVED_REFERENCE_TITLE]
    assert [u.id for u in d.only_in("old")] == ["4.4"]
    assert [u.id for u in d.only_in("new")] == ["5.2"]


def test_json_carries_the_same_facts(versions) -> None:
    data = json.loads(json.dumps(_diff(*versions).to_dict()))
    assert data["equal"] is False and data["kind"] == "points"
    assert data["gained"] == case.GAINED and data["lost"] == case.LOST
    assert {s["id"]: s["delta"] for s in data["sections"] if s["delta"]} == case.SECTION_DELTAS
    assert data["total"]["delta"] == case.TOTAL_AFTER - case.TOTAL_BEFORE
    assert data["content_changed"] == case.CONTENT_CHANGED
    assert data["only_old"] == ["4.4"] and data["only_new"] == ["5.2"]
    unit = next(u for u in data["units"] if u["id"] == "4.1")
    assert unit["references"]["removed"][0]["title"] == case.REMOVED_REFERENCE_TITLE


def test_a_save_that_only_restamps_a_record_is_no_difference(example: Path, tmp_path: Path) -> None:
    other = tmp_path / "restamped.toml"
    s = AssessmentSession.open(example)
    s.path = other
    s.revision = None
    s.edit("1.1", lambda r: setattr(r, "updated_by", "someone-else"))
    s.save()
    assert _diff(example, other).equal


def test_word_diff_keeps_every_word_of_both_texts() -> None:
    before, after = "the quick brown fox.", "the slow brown fox jumps."
    runs = word_diff(before, after)
    assert "".join(t for op, t in runs if op != "insert") == before
    assert "".join(t for op, t in runs if op != "delete") == after


def _mini(tmp_path: Path, cid: str, family: str, scoring: str = "points") -> Path:
    folder = tmp_path / "cats"
    folder.mkdir(exist_ok=True)
    (folder / f"{cid}.toml").write_text(
        f'id = "{cid}"\nframework = "{family}"\nmethodology = "{cid.split("-")[1]}"\n'
        f'title = "{cid}"\nscoring = "points"\nlevels = ["section", "indicator"]\n'
        '[[groups]]\nid = "1"\nname = "One"\n'
        '[[groups.units]]\nid = "1.1"\nname = "Kept"\npoints = 2\n'
        f'[[groups.units]]\nid = "1.{2 if cid.endswith("1") else 3}"\nname = "Own"\npoints = 1\n',
        encoding="utf-8",
    )
    return folder


def _file(path: Path, framework: str, records: str) -> Path:
    path.write_text(
        f'schema = 1\nframework = "{framework}"\nreference_date = 2025-06-30\n'
        f'[country]\ncode = "EE"\n{records}',
        encoding="utf-8",
    )
    return path


def test_two_methodologies_of_one_framework_pair_by_id_and_name_and_say_so(tmp_path: Path) -> None:
    _mini(tmp_path, "toy-1", "toy")
    cats = Catalogues([_mini(tmp_path, "toy-2", "toy")])
    old = _file(
        tmp_path / "o.toml",
        "toy-1",
        '[indicators."1.1"]\nstatus = "met"\n[indicators."1.2"]\nstatus = "met"\n',
    )
    new = _file(
        tmp_path / "n.toml",
        "toy-2",
        '[indicators."1.1"]\nstatus = "met"\n[indicators."1.3"]\nstatus = "met"\n',
    )
    d = _diff(old, new, cats)
    assert d.mapping is not None and not d.equal
    assert d.mapping.only_old == ("1.2",) and d.mapping.only_new == ("1.3",)
    assert "paired only where id and name agree" in d.to_dict()["mapping"]["note"]
    assert d.to_dict()["different_catalogues"] == d.mapping.note
    # a unit of one catalogue only is listed as unpaired, never as gained or lost
    assert d.gained == () and d.lost == ()
    assert [u.id for u in d.unpaired] == ["1.2", "1.3"]
    assert "1.1" not in {u.id for u in d.units}


def test_different_frameworks_are_refused_with_a_clear_error(tmp_path: Path) -> None:
    _mini(tmp_path, "toy-1", "toy")
    cats = Catalogues([_mini(tmp_path, "other-1", "other")])
    old = _file(tmp_path / "o.toml", "toy-1", "")
    new = _file(tmp_path / "n.toml", "other-1", "")
    with pytest.raises(InputError, match="different frameworks"):
        _diff(old, new, cats)


_words = st.lists(
    st.sampled_from(["a", "b", "policy", "CERT", ".", ",", " ", "  ", "\n", "é"]), max_size=30
).map("".join)


@given(_words, _words)
def test_word_diff_reconstructs_both_texts(before: str, after: str) -> None:
    runs = word_diff(before, after)
    assert "".join(t for op, t in runs if op != "insert") == before
    assert "".join(t for op, t in runs if op != "delete") == after
    assert all(t for _, t in runs)
