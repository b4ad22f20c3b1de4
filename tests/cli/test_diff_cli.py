"""`ncsi diff` through the real console script, on real files with known differences."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from ncsi_tui.core.files.session import AssessmentSession
from ncsi_tui.core.model.assessment import Assessment, Country
from ncsi_tui.core.model.catalogue import Catalogues
from tests import diff_cases as case


@pytest.fixture
def versions(example: Path, tmp_path: Path) -> tuple[Path, Path]:
    return example, case.year_after(example, tmp_path / "next.toml")


def test_a_file_against_itself_prints_no_differences_and_exits_0(ncsi, example: Path) -> None:
    r = ncsi("diff", example, example)
    assert r.returncode == 0, r.stderr
    assert "no differences" in r.stdout
    j = ncsi("diff", example, example, "--json")
    assert j.returncode == 0 and json.loads(j.stdout)["equal"] is True


def test_text_report_shows_deltas_gains_losses_and_word_changes(ncsi, versions) -> None:
    r = ncsi("diff", *versions, env={"NO_COLOR": "1"})
    assert r.returncode == 1, r.stderr
    out = r.stdout
    lines = out.splitlines()
    total = next(line for line in lines if "Total" in line and "/77" in line)
    assert f"{case.TOTAL_BEFORE}/77" in total and f"{case.TOTAL_AFTER}/77" in total
    assert total.rstrip().endswith(f"+{case.TOTAL_AFTER - case.TOTAL_BEFORE}")
    row = next(line for line in lines if "Cyber security policy development" in line)
    assert row.split()[0] == "1" and row.rstrip().endswith("+2")
    row3 = next(line for line in lines if "Education and professional development" in line)
    assert row3.rstrip().endswith("-1")
    assert "Gained (2)" in out and "Lost (1)" in out
    gained = out.split("Gained (2)")[1].split("Lost (1)")[0]
    assert (
        "1.2 " in gained and "+2 points" in gained and "12.1 " in gained and "+3 points" in gained
    )
    assert "3.1 " in out.split("Lost (1)")[1] and "-1 point" in out
    # evidence as a word diff whose marks read without colour
    assert "{+and coordinates+}" in out
    assert f"+ reference {case.NEW_REFERENCE.kind}: {case.NEW_REFERENCE.title}" in out
    assert f"- reference organisation-website: {case.REMOVED_REFERENCE_TITLE}" in out
    assert "4.4 " in out and "recorded only in old" in out
    assert "\x1b[" not in out


def test_json_report_holds_exactly_the_known_differences(ncsi, versions) -> None:
    r = ncsi("diff", *versions, "--json")
    assert r.returncode == 1, r.stderr
    data = json.loads(r.stdout)
    assert data["gained"] == case.GAINED and data["lost"] == case.LOST
    assert {s["id"]: s["delta"] for s in data["sections"] if s["delta"]} == case.SECTION_DELTAS
    assert (data["total"]["before"], data["total"]["after"]) == (
        case.TOTAL_BEFORE,
        case.TOTAL_AFTER,
    )
    assert data["content_changed"] == case.CONTENT_CHANGED
    changed = {u["id"]: u for u in data["units"]}
    assert changed["1.1"]["evidence"]["removed"] and changed["1.1"]["evidence"]["added"]
    assert changed["1.2"]["notes"]["after"] == "Council statute adopted in May."
    assert changed["2.2"]["references"]["added"][0]["url"] == case.NEW_REFERENCE.url


def test_markdown_report(ncsi, versions) -> None:
    r = ncsi("diff", *versions, "--format", "md")
    assert r.returncode == 1, r.stderr
    assert r.stdout.startswith("# Comparison: ")
    assert "| 1 | Cyber security policy development | 5/7 | 7/7 | +2 |" in r.stdout
    assert "**and coordinates**" in r.stdout
    assert "## Gained (2)" in r.stdout


def test_bad_input_exits_2_without_a_traceback(ncsi, example: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("framework = [\n", encoding="utf-8")
    for args in [
        (example,),
        (example, broken),
        (example, tmp_path / "missing.toml"),
        (example, example, "--rev", "HEAD"),
    ]:
        r = ncsi("diff", *args)
        assert r.returncode == 2, (args, r.stdout)
        assert "Traceback" not in r.stderr and "error:" in r.stderr


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
[[groups]]
id = "D2"
name = "Culture"
[[groups.groups]]
id = "D2.1"
name = "Mindset"
units = [{id = "D2.1.1", name = "Awareness"}, {id = "D2.1.2", name = "Trust"}]
"""


def _cmm(path: Path, stages: dict[str, str], evidence: str = "") -> Path:
    body = [
        'schema = 1\nframework = "mini-1"\nreference_date = 2025-06-30\n[country]\ncode = "EE"\n'
    ]
    for uid, stage in stages.items():
        body.append(f'[indicators."{uid}"]\nstage = "{stage}"\n')
        if uid == "D1.1.2" and evidence:
            body.append(f'evidence = "{evidence}"\n')
    path.write_text("".join(body), encoding="utf-8")
    return path


def test_maturity_diff_lists_exactly_the_units_whose_stage_changed(ncsi, tmp_path: Path) -> None:
    cats = tmp_path / "cats"
    cats.mkdir()
    (cats / "mini-1.toml").write_text(MINI, encoding="utf-8")
    old = _cmm(
        tmp_path / "old.toml",
        {"D1.1.1": "formative", "D1.1.2": "start-up", "D1.2": "established", "D2.1.1": "formative"},
    )
    new = _cmm(
        tmp_path / "new.toml",
        {"D1.1.1": "established", "D1.1.2": "start-up", "D1.2": "formative", "D2.1.2": "start-up"},
        evidence="Drafting began.",
    )
    r = ncsi("diff", old, new, "--json", "--catalogue-dir", cats)
    assert r.returncode == 1, r.stderr
    data = json.loads(r.stdout)
    assert data["kind"] == "maturity"
    assert {(c["id"], c["direction"]) for c in data["stage_changes"]} == {
        ("D1.1.1", "up"),
        ("D1.2", "down"),
        ("D2.1.1", "down"),
        ("D2.1.2", "up"),
    }
    dims = {d["id"]: d for d in data["dimensions"]}
    # D1 keeps one unit per stage although three units moved: counts alone would hide it
    assert (
        dims["D1"]["before"]
        == dims["D1"]["after"]
        == {"start-up": 1, "formative": 1, "established": 1}
    )
    assert dims["D2"]["before"] == {"start-up": 0, "formative": 1, "established": 0}
    assert dims["D2"]["after"] == {"start-up": 1, "formative": 0, "established": 0}
    assert data["content_changed"] == ["D1.1.2"]
    text = ncsi("diff", old, new, "--catalogue-dir", cats, env={"NO_COLOR": "1"}).stdout
    block = text.split("Stage changed (4)")[1]
    assert "▲ up   D1.1.1 Development: formative → established" in block
    assert "▼ down D1.2 Response: established → formative" in block
    assert "▼ down D2.1.1 Awareness: formative → not-assessed" in block
    assert "D1.1.2" not in block.split("Evidence")[0]


def test_diff_works_on_the_bundled_cmm_catalogue(ncsi, tmp_path: Path) -> None:
    cat = Catalogues().get("cmm-2021")
    first, second, third = (u.id for u in cat.units[:3])
    last = cat.units[-1].id
    old = AssessmentSession.create(
        tmp_path / "cmm-old.toml",
        Assessment(
            framework=cat.id, country=Country(code="RS"), reference_date=dt.date(2025, 1, 1)
        ),
        cat,
    )
    for uid, stage in (
        (first, cat.stage_ids[1]),
        (second, cat.stage_ids[2]),
        (third, cat.stage_ids[0]),
    ):
        old.set_stage(uid, stage)
    old.save()
    new = AssessmentSession.open(old.path)
    new.path, new.revision = tmp_path / "cmm-new.toml", None
    new.set_stage(first, cat.stage_ids[3])  # up two stages
    new.set_stage(second, cat.stage_ids[1])  # down one
    new.set_stage(last, cat.stage_ids[0])  # assessed for the first time
    new.set_text(third, "evidence", "Unchanged stage, new words.")
    new.save()
    r = ncsi("diff", old.path, new.path, "--json")
    assert r.returncode == 1, r.stderr
    data = json.loads(r.stdout)
    assert [(c["id"], c["direction"]) for c in data["stage_changes"]] == [
        (first, "up"),
        (second, "down"),
        (last, "up"),
    ]
    assert data["units_assessed"] == {"before": 3, "after": 4}
    assert data["content_changed"] == [third]


def test_no_notes_leaves_internal_notes_out(ncsi, versions) -> None:
    r = ncsi("diff", *versions, "--json", "--no-notes")
    assert r.returncode == 1, r.stderr
    data = json.loads(r.stdout)
    assert "Council statute" not in r.stdout
    assert all(u["notes"] is None for u in data["units"])
    assert data["content_changed"] == [u for u in case.CONTENT_CHANGED if u != "1.2"]
    assert data["gained"] == case.GAINED  # 1.2 is still gained
