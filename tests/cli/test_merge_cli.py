"""`ncsi merge`, `ncsi resolve` and the refusal of unfinished merges (issue 21), in process."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from ncsi_tui.cli import main
from ncsi_tui.core.files.session import AssessmentSession


def version(example: Path, name: str, user: str, monkeypatch, **edits: tuple[str, str]) -> Path:
    """A copy of the example with `edits` {unit: (field, value)} made by `user`."""
    path = example.with_name(name)
    shutil.copyfile(example, path)
    monkeypatch.setenv("NCSI_USER", user)
    s = AssessmentSession.open(path)
    for unit, (field, value) in edits.items():
        if field == "status":
            s.set_status(unit.replace("_", "."), value)
        else:
            s.set_text(unit.replace("_", "."), field, value)
    s.save()
    return path


def test_clean_merge_exits_0_and_replaces_ours(example, monkeypatch, capsys):
    ours = version(example, "ours.toml", "amina", monkeypatch, **{"1_1": ("status", "not-met")})
    theirs = version(example, "theirs.toml", "boris", monkeypatch,
                     **{"1_1": ("evidence", "B"), "9_1": ("evidence", "B9")})
    assert main(["merge", str(example), str(ours), str(theirs)]) == 0
    recs = tomllib.loads(ours.read_text(encoding="utf-8"))["indicators"]
    assert (recs["1.1"]["status"], recs["1.1"]["evidence"], recs["9.1"]["evidence"]) == (
        "not-met", "B", "B9")
    assert "merged into" in capsys.readouterr().out


def test_conflict_exits_1_writes_valid_toml_to_out_and_every_command_refuses(
        example, monkeypatch, capsys):
    ours = version(example, "ours.toml", "amina", monkeypatch, **{"1_1": ("evidence", "A")})
    theirs = version(example, "theirs.toml", "boris", monkeypatch, **{"1_1": ("evidence", "B")})
    before = ours.read_bytes()
    out = example.with_name("out.toml")
    assert main(["merge", str(example), str(ours), str(theirs), "-o", str(out)]) == 1
    assert ours.read_bytes() == before  # -o: OURS untouched
    said = capsys.readouterr().out
    assert "1.1.evidence (ours by amina, theirs by boris)" in said
    data = tomllib.loads(out.read_text(encoding="utf-8"))
    assert data["indicators"]["1.1"]["evidence"] == "A"  # ours stays in place
    [entry] = data["unresolved"]
    assert (entry["unit"], entry["field"], entry["ours"], entry["theirs"]) == (
        "1.1", "evidence", "A", "B")
    assert (entry["ours_by"], entry["theirs_by"]) == ("amina", "boris")
    for argv in (["summary", str(out)], ["check", str(out)], ["diff", str(example), str(out)],
                 ["record", str(out), "1.2", "--status", "met"]):
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert "unresolved merge in 1.1.evidence" in err, err
        assert "ncsi resolve" in err
    # resolve: a wrong key says which there are; the right one finishes it
    assert main(["resolve", str(out), "1.1", "notes", "--take", "ours"]) == 2
    assert "unresolved: 1.1.evidence" in capsys.readouterr().err
    monkeypatch.setenv("NCSI_USER", "carla")
    assert main(["resolve", str(out), "1.1.evidence", "--take", "theirs"]) == 0
    assert "no unresolved field left" in capsys.readouterr().out
    data = tomllib.loads(out.read_text(encoding="utf-8"))
    assert "unresolved" not in data and data["indicators"]["1.1"]["evidence"] == "B"
    [note] = example.parent.glob("out.toml.conflict-carla-*.toml")
    assert "#   1.1.evidence: amina's version (not kept)" in note.read_text(encoding="utf-8")
    assert main(["summary", str(out)]) == 0


def test_same_file_merged_twice_gives_the_same_bytes(example, monkeypatch):
    ours = version(example, "ours.toml", "amina", monkeypatch, **{"1_1": ("evidence", "A")})
    theirs = version(example, "theirs.toml", "boris", monkeypatch, **{"1_1": ("evidence", "B")})
    one, two = example.with_name("1.toml"), example.with_name("2.toml")
    main(["merge", str(example), str(ours), str(theirs), "-o", str(one)])
    main(["merge", str(example), str(ours), str(theirs), "-o", str(two)])
    assert one.read_bytes() == two.read_bytes()


@pytest.mark.parametrize("bad", ["missing", "markers", "framework", "not-toml"])
def test_bad_input_exits_2_and_writes_nothing(example, monkeypatch, capsys, bad):
    ours = version(example, "ours.toml", "amina", monkeypatch, **{"1_1": ("evidence", "A")})
    theirs = example.with_name("theirs.toml")
    text = example.read_text(encoding="utf-8")
    if bad == "markers":
        text = text.replace("[indicators.\"1.1\"]", "<<<<<<< HEAD\n=======\n>>>>>>> b\n"
                            "[indicators.\"1.1\"]", 1)
    elif bad == "framework":
        text = text.replace('framework = "ncsi-2.0"', 'framework = "cmm-2021"')
    elif bad == "not-toml":
        text = "this is = = not toml"
    if bad != "missing":
        theirs.write_text(text, encoding="utf-8")
    before = ours.read_bytes()
    assert main(["merge", str(example), str(ours), str(theirs)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "error:" in err
    assert ours.read_bytes() == before


def test_git_markers_name_their_lines(example, capsys):
    lines = example.read_text(encoding="utf-8").splitlines()
    lines[10:11] = ["<<<<<<< HEAD", lines[10], "=======", "updated = 2025-07-01 10:00:00Z",
                    ">>>>>>> team-b"]
    example.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for argv in (["summary", str(example)], ["show", str(example), "1.1"]):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert f"{example}:11: unfinished git merge" in err
        assert "markers at lines 11, 13, 15" in err
        assert "git checkout --merge -- example.toml" in err


def test_a_ruler_in_evidence_is_not_a_marker(example, monkeypatch, capsys):
    monkeypatch.setenv("NCSI_USER", "amina")
    s = AssessmentSession.open(example)
    s.set_text("1.1", "evidence", "Heading\n=======\n<<<<<<< not a marker alone")
    s.save()
    assert main(["summary", str(example)]) == 0
