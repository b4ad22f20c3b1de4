"""The CMM 2021 catalogue: its shape as the facts file gives it, its caveats, and its scoring.

The expected structure below is the specification copied from
``shared/frameworks/cmm-2021.md`` (factor ids, aspect counts, aspect-less factors); the
catalogue is data, so these tests are what stops a later edit from losing a unit.
"""

from __future__ import annotations

import ast
import datetime as dt
import tomllib
from pathlib import Path

import pytest

from ncsi_tui.core.errors import InputError
from ncsi_tui.core.files import storage
from ncsi_tui.core.judge.scoring import MaturityScore, score, summary_dict
from ncsi_tui.core.model.assessment import Assessment, Country, Record
from ncsi_tui.core.model.catalogue import Catalogue, Catalogues, load_catalogue
from tests.conftest import ROOT

CMM = ROOT / "ncsi_tui" / "catalogue" / "cmm-2021.toml"
STAGES = ("start-up", "formative", "established", "strategic", "dynamic")

#: factor id -> number of aspects (0: the factor is staged whole), per the facts file.
FACTOR_ASPECTS = {
    "D1.1": 4, "D1.2": 3, "D1.3": 3, "D1.4": 3,
    "D2.1": 3, "D2.2": 5, "D2.3": 0, "D2.4": 0, "D2.5": 0,
    "D3.1": 4, "D3.2": 2, "D3.3": 2, "D3.4": 0,
    "D4.1": 4, "D4.2": 4, "D4.3": 4, "D4.4": 3,
    "D5.1": 3, "D5.2": 2, "D5.3": 0, "D5.4": 2, "D5.5": 4, "D5.6": 2,
}  # fmt: skip

#: Where the facts file marks a name or a structure *unverified*.
UNVERIFIED = ("D1.4.3", "D2.1", "D3.1", "D3.4", "D4.4", "D5.3", "D5.4", "D5.4.1", "D5.6", "D5.6.2")


@pytest.fixture(scope="module")
def cmm() -> Catalogue:
    return load_catalogue(CMM)


def test_is_found_as_a_maturity_framework_by_id_and_family(cmm: Catalogue) -> None:
    cats = Catalogues()
    assert cats.resolve("cmm") == "cmm-2021"
    assert cats.get("cmm-2021") == cmm
    assert cmm.scoring == "maturity"
    assert cmm.levels == ("dimension", "factor", "aspect")


def test_stages_are_the_five_cmm_stages_in_order_with_descriptions(cmm: Catalogue) -> None:
    assert cmm.stage_ids == STAGES
    assert [s.name for s in cmm.stages] == [
        "Start-up", "Formative", "Established", "Strategic", "Dynamic"
    ]
    assert all(len(s.description) > 40 for s in cmm.stages)


def test_five_dimensions_twenty_three_factors_fifty_seven_aspects(cmm: Catalogue) -> None:
    assert [g.id for g in cmm.groups] == ["D1", "D2", "D3", "D4", "D5"]
    assert [len(g.groups) for g in cmm.groups] == [4, 5, 4, 4, 6]
    assert [g.id for g in cmm.leaf_groups] == list(FACTOR_ASPECTS)
    aspects = [u for g, u in cmm.walk_units() if u.id != g.id]
    whole = [u.id for g, u in cmm.walk_units() if u.id == g.id]
    assert len(aspects) == 57 == sum(FACTOR_ASPECTS.values())
    assert whole == ["D2.3", "D2.4", "D2.5", "D3.4", "D5.3"]
    assert len(cmm.units) == 62
    per_dimension = [sum(1 for s in d.groups for u in s.units if u.id != s.id) for d in cmm.groups]
    assert per_dimension == [13, 8, 8, 15, 13]
    assert cmm.summary_line() == "5 dimensions, 23 factors, 57 aspects, 62 units"


def test_aspect_ids_are_factor_id_plus_position(cmm: Catalogue) -> None:
    for factor in cmm.leaf_groups:
        n = FACTOR_ASPECTS[factor.id]
        expected = [f"{factor.id}.{i}" for i in range(1, n + 1)] if n else [factor.id]
        assert [u.id for u in factor.units] == expected
        if not n:
            assert factor.units[0].name == factor.name


def test_known_names_from_the_facts_file(cmm: Catalogue) -> None:
    assert cmm.unit("D1.1.1").name == "Strategy Development"
    assert cmm.unit("D1.1.2").name == "Content"
    assert cmm.unit("D2.3").name == "User Understanding of Personal Information Protection Online"
    assert cmm.unit("D4.1.4").name == "Human Rights Impact Assessment"
    assert cmm.unit("D5.5.4").name == "Cyber Insurance"
    factor_names = {g.id: g.name for g in cmm.leaf_groups}
    assert factor_names["D1.3"] == "Critical Infrastructure (CI) Protection"
    assert factor_names["D5.6"] == "Responsible Disclosure"


def test_every_unit_has_a_description_and_a_line_for_each_stage_in_order(cmm: Catalogue) -> None:
    for unit in cmm.units:
        assert unit.description, unit.id
        assert tuple(unit.stages) == STAGES, unit.id
        assert all(len(line) >= 10 and line.endswith(".") for line in unit.stages.values()), unit.id
        assert unit.points is None and not unit.accepts  # the CMM has no points, no kind list


def test_unverified_marks_are_kept_as_provenance(cmm: Catalogue) -> None:
    assert "UNVERIFIED" in cmm.provenance and "secondary source" in cmm.provenance
    nodes = {g.id: g for g in cmm.walk_groups()} | dict(cmm.unit_index)
    for node_id in UNVERIFIED:
        assert "Unverified" in nodes[node_id].provenance, node_id
    marked = [n for n, node in nodes.items() if "nverified" in node.provenance]
    assert sorted(marked) == sorted(UNVERIFIED)


def test_catalogue_file_has_no_key_the_schema_drops(cmm: Catalogue) -> None:
    """Every key in the TOML reaches the model (extra='forbid' proves it; this proves a round trip)."""
    raw = tomllib.loads(CMM.read_text("utf-8"))
    assert Catalogue.model_validate(raw) == cmm
    assert raw["groups"][1]["groups"][0]["provenance"].startswith("Unverified")


def test_a_factor_id_is_refused_with_its_aspects_named(cmm: Catalogue) -> None:
    with pytest.raises(InputError) as info:
        cmm.unit("D1.2")
    assert "D1.2 is a factor" in info.value.hint and "D1.2.1, D1.2.2, D1.2.3" in info.value.hint


# --- scoring, by hand ------------------------------------------------------------------


def _assessment(stages: dict[str, str]) -> Assessment:
    return Assessment(
        framework="cmm-2021",
        country=Country(code="XE", name="Examplia"),
        reference_date=dt.date(2026, 3, 1),
        indicators={uid: Record(stage=s, evidence="seen") for uid, s in stages.items()},
    )


def test_factor_range_and_dimension_counts_by_hand(cmm: Catalogue) -> None:
    a = _assessment(
        {"D1.1.1": "strategic", "D1.1.3": "formative", "D1.1.4": "formative", "D2.4": "dynamic"}
    )
    s = score(cmm, a)
    assert isinstance(s, MaturityScore)
    d1 = s.factor_index["D1.1"]
    assert (d1.stage_min, d1.stage_max) == ("formative", "strategic")
    assert d1.units == (("D1.1.1", "strategic"), ("D1.1.2", None), ("D1.1.3", "formative"),
                        ("D1.1.4", "formative"))
    assert s.dimensions[0].stage_counts == {
        "start-up": 0, "formative": 2, "established": 0, "strategic": 1, "dynamic": 0
    }
    assert s.factor_index["D2.4"].stage_min == s.factor_index["D2.4"].stage_max == "dynamic"
    assert s.factor_index["D1.2"].stage_min is None
    assert (s.assessed, s.not_assessed) == (4, 58)
    assert s.assessed_share == 6.45  # 4/62 = 6.4516...
    assert summary_dict(cmm, a, s)["units"] == {"assessed": 4, "not_assessed": 58, "to_reconfirm": 0}


def test_canonical_text_round_trips_a_cmm_assessment(cmm: Catalogue, tmp_path: Path) -> None:
    a = _assessment({"D5.6.2": "start-up", "D1.1.1": "established"})
    a.indicators["D1.1.1"].target_stage = "strategic"
    text = storage.dumps(a, cmm)
    assert text.index('"D1.1.1"') < text.index('"D5.6.2"')  # catalogue order, not insertion
    assert 'target_stage = "strategic"' in text
    assert storage.dumps(storage.parse(text), cmm) == text


# --- nothing branches on a framework's id ------------------------------------------------

PACKAGE = ROOT / "ncsi_tui"


def _framework_names() -> set[str]:
    names: set[str] = set()
    for path in (ROOT / "ncsi_tui" / "catalogue").glob("*.toml"):
        raw = tomllib.loads(path.read_text("utf-8"))
        names |= {raw["id"], raw["framework"]}
    return names


def id_comparisons(source: str, names: set[str]) -> list[int]:
    """Lines where code compares to, tests membership of, prefix-matches or dispatches on a
    framework id or family name: `== "cmm-2021"`, `in ("ncsi-2.0", ...)`, `.startswith("cmm")`,
    `case "cmm-2021":`, `{"ncsi-2.0": ...}`."""

    def named(node: ast.AST | None) -> bool:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            v = node.value
            return v in names or any(v.startswith(n + "-") for n in names)
        if isinstance(node, ast.Tuple | ast.List | ast.Set):
            return any(named(e) for e in node.elts)
        return False

    def branches(node: ast.AST) -> bool:
        if isinstance(node, ast.Compare):
            return any(named(x) for x in [node.left, *node.comparators])
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            return node.func.attr in ("startswith", "endswith") and any(map(named, node.args))
        if isinstance(node, ast.MatchValue):
            return named(node.value)
        if isinstance(node, ast.Dict):
            return any(named(k) for k in node.keys)
        return False

    lines = [node.lineno for node in ast.walk(ast.parse(source)) if branches(node)]
    return lines


def test_the_detector_finds_each_way_of_branching_on_an_id() -> None:
    names = {"cmm-2021", "cmm", "ncsi-2.0", "ncsi"}
    bad = [
        'if cat.id == "cmm-2021": pass',
        'x = a.framework in ("ncsi-2.0", "ncsi-3.0")',
        'y = cat.id.startswith("cmm")',
        'z = "ncsi" != cat.framework',
        'match cat.id:\n    case "cmm-2021":\n        pass',
        'r = {"cmm-2021": 1}[cat.id]',
    ]
    for snippet in bad:
        assert id_comparisons(snippet, names), snippet
    fine = 'if cat.scoring == "maturity": pass\nhelp_text = "catalogue id (ncsi-2.0)"\nprog = "ncsi"'
    assert id_comparisons(fine, names) == []


@pytest.mark.parametrize("part", ["app", "cli", "core"])
def test_no_code_branches_on_a_framework_id(part: str) -> None:
    names = _framework_names()
    assert {"cmm-2021", "ncsi-2.0", "cmm", "ncsi"} <= names
    files = sorted((PACKAGE / part).rglob("*.py"))
    assert files, f"no source found under ncsi_tui/{part}"
    found = {
        str(f.relative_to(ROOT)): hits
        for f in files
        if (hits := id_comparisons(f.read_text("utf-8"), names))
    }
    assert found == {}, "branch on scoring kind, not on a framework id: " + repr(found)
