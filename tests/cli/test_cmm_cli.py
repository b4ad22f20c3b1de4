"""A CMM assessment end to end through the real `ncsi` command: frameworks, new, record,
show, summary (text and the --json contract of issue 11), usage errors, the bundled example."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ncsi_tui.cli.maturity_view import stage_arg
from ncsi_tui.core.errors import InputError
from ncsi_tui.core.model.catalogue import load_catalogue
from tests.conftest import ROOT

STAGES = ["start-up", "formative", "established", "strategic", "dynamic"]
EXAMPLE_CMM = ROOT / "ncsi_tui" / "examples" / "example-cmm.toml"


@pytest.fixture
def cmm_file(ncsi, tmp_path: Path) -> Path:
    path = tmp_path / "xe-cmm.toml"
    r = ncsi("new", path, "--framework", "cmm-2021", "--country", "XE",
             "--country-name", "Examplia", "--date", "2026-03-01")
    assert r.returncode == 0, r.stderr
    return path


@pytest.fixture
def ncsi_file(ncsi, tmp_path: Path) -> Path:
    path = tmp_path / "rs-ncsi.toml"
    r = ncsi("new", path, "--framework", "ncsi-2.0", "--country", "RS")
    assert r.returncode == 0, r.stderr
    return path


def test_frameworks_lists_both_kinds_with_unit_counts(ncsi):
    r = ncsi("frameworks", "--json")
    assert r.returncode == 0, r.stderr
    rows = {f["id"]: f for f in json.loads(r.stdout)["frameworks"]}
    assert rows["ncsi-2.0"]["kind"] == "points" and rows["ncsi-2.0"]["units"] == 46
    cmm = rows["cmm-2021"]
    assert cmm["kind"] == "maturity"
    assert (cmm["groups"], cmm["leaf_groups"], cmm["units"]) == (5, 23, 62)
    assert cmm["summary"] == "5 dimensions, 23 factors, 57 aspects, 62 units"

    text = ncsi("frameworks")
    assert text.returncode == 0, text.stderr
    rows = table_rows(text.stdout)
    assert rows["cmm-2021"][2] == "maturity"
    assert rows["cmm-2021"][3] == "5 dimensions, 23 factors, 57 aspects, 62 units"
    assert rows["ncsi-2.0"][2] == "points"
    assert rows["ncsi-2.0"][3] == "46 indicators, 77 points"


def table_rows(stdout: str) -> dict[str, list[str]]:
    """A rich table's rows by first cell, with cells wrapped over several lines joined again."""
    rows: dict[str, list[str]] = {}
    last: list[str] | None = None
    for line in stdout.splitlines():
        if not line.startswith("│"):
            continue
        cells = [c.strip() for c in line.strip("│").split("│")]
        if cells[0]:
            last = rows.setdefault(cells[0], cells)
        elif last is not None:
            last[:] = [f"{a} {b}".strip() for a, b in zip(last, cells, strict=True)]
    return rows


def test_new_by_family_name_makes_a_cmm_2021_file(ncsi, tmp_path):
    path = tmp_path / "a.toml"
    r = ncsi("new", path, "--framework", "cmm", "--country", "RS")
    assert r.returncode == 0, r.stderr
    assert 'framework = "cmm-2021"' in path.read_text("utf-8")


#: unit -> stage recorded through the CLI, at least one unit in every dimension.
RECORDED = {
    "D1.1.1": "formative", "D1.1.2": "established", "D1.1.3": "start-up",
    "D1.2.2": "strategic",
    "D2.1.1": "formative", "D2.1.3": "dynamic", "D2.3": "established",
    "D3.4": "start-up",
    "D4.1.1": "established", "D4.1.2": "established", "D4.1.3": "established",
    "D4.1.4": "established", "D4.3.2": "formative",
    "D5.6.1": "strategic", "D5.6.2": "start-up",
}  # fmt: skip


def test_stages_in_every_dimension_give_hand_computed_summary(ncsi, cmm_file):
    for uid, stage in RECORDED.items():
        r = ncsi("record", cmm_file, uid, "--stage", stage, "--evidence", f"seen for {uid}")
        assert r.returncode == 0, r.stderr
        assert f"{uid}: {stage}" in r.stdout
    # set, then cleared again: must not count
    assert ncsi("record", cmm_file, "D5.3", "--stage", "established").returncode == 0
    assert ncsi("record", cmm_file, "D5.3", "--stage", "not-assessed").returncode == 0

    r = ncsi("summary", cmm_file, "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert set(data) == {"schema_version", "framework", "country", "kind", "stages",
                         "dimensions", "units", "catalogue_origin"}
    assert data["catalogue_origin"].startswith("bundled with ncsi-tui")
    assert (data["framework"], data["country"], data["kind"]) == ("cmm-2021", "XE", "maturity")
    assert data["stages"] == STAGES
    assert [d["id"] for d in data["dimensions"]] == ["D1", "D2", "D3", "D4", "D5"]
    factors = {f["id"]: f for d in data["dimensions"] for f in d["factors"]}
    assert len(factors) == 23
    assert set(data["dimensions"][0]) == {"id", "name", "factors", "stage_counts"}
    assert set(factors["D1.1"]) == {"id", "name", "stage_min", "stage_max", "units"}

    # factor ranges, worked out by hand from RECORDED
    ranges = {fid: (f["stage_min"], f["stage_max"]) for fid, f in factors.items()}
    assert ranges["D1.1"] == ("start-up", "established")
    assert ranges["D1.2"] == ("strategic", "strategic")
    assert ranges["D2.1"] == ("formative", "dynamic")
    assert ranges["D2.3"] == ("established", "established")
    assert ranges["D3.4"] == ("start-up", "start-up")
    assert ranges["D4.1"] == ("established", "established")
    assert ranges["D4.3"] == ("formative", "formative")
    assert ranges["D5.6"] == ("start-up", "strategic")
    assert ranges["D5.3"] == (None, None)
    assessed_factors = {"D1.1", "D1.2", "D2.1", "D2.3", "D3.4", "D4.1", "D4.3", "D5.6"}
    assert {fid for fid, rng in ranges.items() if rng != (None, None)} == assessed_factors

    assert factors["D1.1"]["units"] == [
        {"id": "D1.1.1", "stage": "formative"},
        {"id": "D1.1.2", "stage": "established"},
        {"id": "D1.1.3", "stage": "start-up"},
        {"id": "D1.1.4", "stage": None},
    ]
    assert factors["D2.3"]["units"] == [{"id": "D2.3", "stage": "established"}]

    counts = {d["id"]: d["stage_counts"] for d in data["dimensions"]}
    zero = dict.fromkeys(STAGES, 0)
    assert counts["D1"] == {**zero, "start-up": 1, "formative": 1, "established": 1, "strategic": 1}
    assert counts["D2"] == {**zero, "formative": 1, "established": 1, "dynamic": 1}
    assert counts["D3"] == {**zero, "start-up": 1}
    assert counts["D4"] == {**zero, "formative": 1, "established": 4}
    assert counts["D5"] == {**zero, "start-up": 1, "strategic": 1}

    assert data["units"] == {"assessed": 15, "not_assessed": 47, "to_reconfirm": 0}  # 62 in all
    share = data["units"]["assessed"] / sum(data["units"].values())
    assert round(share * 100) == 24  # 15/62 = 24.2 %

    text = ncsi("summary", cmm_file, env={"COLUMNS": "160"})
    assert text.returncode == 0, text.stderr
    rows = {line.split()[0]: line for line in text.stdout.splitlines() if line.startswith("D")}
    assert "start-up to established" in rows["D1.1"]
    assert "not assessed" in rows["D5.3"]
    assert "15/62 units assessed (24%)" in text.stdout


def test_target_stage_and_stage_names_are_accepted_and_cleared(ncsi, cmm_file):
    r = ncsi("record", cmm_file, "D3.2.1", "--stage", "Formative", "--target-stage", "ESTABLISHED")
    assert r.returncode == 0, r.stderr
    assert "D3.2.1: formative (aiming for established)" in r.stdout
    text = cmm_file.read_text("utf-8")
    assert 'stage = "formative"' in text and 'target_stage = "established"' in text
    r = ncsi("record", cmm_file, "D3.2.1", "--target-stage", "none")
    assert r.returncode == 0, r.stderr
    assert "target_stage" not in cmm_file.read_text("utf-8")


def test_show_gives_five_stage_texts_with_the_recorded_one_marked(ncsi, cmm_file):
    ncsi("record", cmm_file, "D1.2.2", "--stage", "established", "--target-stage", "strategic",
         "--evidence", "CERT statute of 2024")
    r = ncsi("show", cmm_file, "D1.2.2", env={"COLUMNS": "200"})
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "D1.2.2 Organisation" in out
    assert "D1 Cybersecurity Policy and Strategy › D1.2 Incident Response" in out
    ladder = [line for line in out.splitlines()
              if any(name in line[:14] for name in ("Start-up", "Formative", "Established",
                                                     "Strategic", "Dynamic"))]
    assert [line.split()[-1] != "" for line in ladder] == [True] * 5
    marked = {line[2:14].strip(): line[0] for line in ladder}
    assert marked == {"Start-up": " ", "Formative": " ", "Established": "▶",
                      "Strategic": "◇", "Dynamic": " "}
    words = " ".join(out.split())
    assert "legal authority and out-of-hours cover" in words  # the unit's own established line
    assert "Stage Established (aiming for Strategic)" in out
    assert "CERT statute of 2024" in out
    assert "Criterion" not in out


def test_show_of_a_whole_factor_and_its_source_note(ncsi, cmm_file):
    r = ncsi("show", cmm_file, "D3.4", env={"COLUMNS": "200"})
    assert r.returncode == 0, r.stderr
    assert "What this factor covers" in r.stdout
    assert "Source note: Unverified: whether this factor has aspects" in r.stdout
    assert "Stage not assessed" in r.stdout


def _unchanged(ncsi, path: Path, *args: str) -> str:
    before = path.read_bytes()
    r = ncsi("record", path, *args)
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert "Traceback" not in r.stderr
    assert path.read_bytes() == before, "a refused command must not write"
    return r.stderr


def test_stage_on_a_points_framework_says_to_use_status(ncsi, ncsi_file):
    err = _unchanged(ncsi, ncsi_file, "1.1", "--stage", "formative")
    assert "scores points" in err and "--status met|not-met|not-assessed" in err
    err = _unchanged(ncsi, ncsi_file, "1.1", "--target-stage", "formative")
    assert "--target-stage" in err and "--status" in err


def test_status_on_a_maturity_framework_says_to_use_stage(ncsi, cmm_file):
    err = _unchanged(ncsi, cmm_file, "D1.1.1", "--status", "met")
    assert "maturity model" in err
    assert "--stage start-up|formative|established|strategic|dynamic" in err


def test_unknown_stage_and_factor_id_are_explained(ncsi, cmm_file):
    err = _unchanged(ncsi, cmm_file, "D1.1.1", "--stage", "formatve")
    assert "unknown stage 'formatve'" in err and "did you mean formative" in err
    assert "start-up, formative, established, strategic, dynamic" in err
    err = _unchanged(ncsi, cmm_file, "D1.1.1", "--stage", "")  # e.g. an unset shell variable
    assert "unknown stage ''" in err
    err = _unchanged(ncsi, cmm_file, "D1.1", "--stage", "formative")
    assert "D1.1 is a factor" in err and "D1.1.1, D1.1.2, D1.1.3, D1.1.4" in err


def test_bundled_cmm_example_is_canonical_and_checks(ncsi, tmp_path):
    assert EXAMPLE_CMM.exists(), "assessments/example-cmm.toml is bundled"
    r = ncsi("summary", EXAMPLE_CMM, "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert (data["framework"], data["country"], data["kind"]) == ("cmm-2021", "XE", "maturity")
    total = sum(data["units"].values())
    assert total == 62 and 15 <= data["units"]["assessed"] <= 30  # about a third
    assert all(d["stage_counts"] != dict.fromkeys(STAGES, 0) for d in data["dimensions"])

    # canonical: a no-op edit through the CLI writes the same bytes back
    copy = tmp_path / "example-cmm.toml"
    copy.write_bytes(EXAMPLE_CMM.read_bytes())
    first = next(f["units"][0] for d in data["dimensions"] for f in d["factors"]
                 if f["units"][0]["stage"])
    r = ncsi("record", copy, first["id"], "--stage", first["stage"])
    assert r.returncode == 0, r.stderr
    assert copy.read_bytes() == EXAMPLE_CMM.read_bytes()

    check = ncsi("check", EXAMPLE_CMM)
    assert check.returncode in (0, 1), check.stderr
    assert "Traceback" not in check.stderr and "error" not in check.stderr.lower()


# --- the stage words `--stage` accepts (library level, as the CLI calls it) -----------------

_CMM = load_catalogue(ROOT / "ncsi_tui" / "catalogue" / "cmm-2021.toml")
_WORDS = [w for s in _CMM.stages for w in (s.id, s.name)]


@given(word=st.sampled_from(_WORDS), case=st.sampled_from([str.upper, str.lower, str.title]),
       pad=st.sampled_from(["", " ", "\t"]))
def test_stage_words_resolve_to_the_stage_id_in_any_case(word: str, case, pad: str) -> None:
    stage_id = stage_arg(_CMM, pad + case(word) + pad)
    assert stage_id in _CMM.stage_ids
    assert stage_id == next(s.id for s in _CMM.stages if word in (s.id, s.name))


@given(text=st.text(max_size=20))
def test_any_other_word_is_refused_with_the_stage_list(text: str) -> None:
    word = text.strip().casefold()
    if word in {w.casefold() for w in _WORDS} | {"not-assessed", "none"}:
        assert stage_arg(_CMM, text) in (*_CMM.stage_ids, None)
        return
    with pytest.raises(InputError) as info:
        stage_arg(_CMM, text, "--target-stage")
    assert info.value.message.startswith("--target-stage: unknown stage")
    assert "start-up, formative, established, strategic, dynamic" in info.value.hint
