"""Pairing units across catalogues (issue 23): crosswalk rows, else id *and* name."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ncsi_tui.core.compare.carry_forward import carry_forward
from ncsi_tui.core.compare.diff import compare
from ncsi_tui.core.compare.pairing import pair_units, pairing_for
from ncsi_tui.core.compare.trend import build_trend, scores_through_pairs
from ncsi_tui.core.errors import InputError
from ncsi_tui.core.model.assessment import Assessment, Country, Record
from ncsi_tui.core.model.catalogue import Catalogue, Catalogues
from ncsi_tui.core.model.catalogue_sheet import catalogue_from_csv, catalogue_toml
from ncsi_tui.core.model.crosswalk import crosswalk_for, find_crosswalk

ROOT = Path(__file__).resolve().parents[3]
SHEET = ROOT / "docs" / "catalogue-sheet-example.csv"


def ncsi30(tmp_path: Path) -> Catalogues:
    """A team's NCSI 3.0 catalogue from the example sheet (section 1, as verified)."""
    cat = catalogue_from_csv(SHEET, cid="ncsi-3.0", title="NCSI 3.0 (partial)")
    (tmp_path / "ncsi-3.0.toml").write_text(catalogue_toml(cat), encoding="utf-8")
    return Catalogues([tmp_path])


def ncsi20_file() -> Assessment:
    return Assessment(
        framework="ncsi-2.0",
        country=Country(code="EE"),
        reference_date=dt.date(2025, 6, 30),
        indicators={
            "1.1": Record(status="met", evidence="The ministry's policy unit."),
            "1.2": Record(status="not-met", evidence="Council announced, no statute."),
            "1.3": Record(status="met", evidence="Strategy 2024-2030 in force."),
            "1.4": Record(status="met", evidence="Action plan 2025-2026."),
            "2.1": Record(status="met", evidence="Threat analysis unit."),
        },
    )


def test_the_shipped_crosswalk_is_partial_and_pairs_section_1_as_the_facts_say(
    tmp_path: Path,
) -> None:
    cats = ncsi30(tmp_path)
    cw = find_crosswalk(cats, "ncsi-2.0", "ncsi-3.0")
    assert cw is not None and cw.partial
    old, new = cats.get("ncsi-2.0"), cats.get("ncsi-3.0")
    assert cw.problems(old, new) == []
    p = pair_units(old, new, cw)
    moves = {x.old: (x.new, x.relation, x.reconfirm) for x in p.pairs}
    assert moves == {
        ("1.1",): ("1.2", "renamed", True),
        ("1.2",): ("1.3", "renamed", True),
        ("1.3",): ("1.4", "renamed", True),
        ("1.4",): ("1.5", "renamed", True),
    }
    assert p.only_new == ("1.1",) and "new in ncsi-3.0" in p.unpaired[-1].reason
    assert "2.1" in p.only_old and len(p.only_old) == 42


def test_fault_1_carry_to_3_0_follows_the_crosswalk_not_the_ids(tmp_path: Path) -> None:
    cats = ncsi30(tmp_path)
    old_cat, new_cat = cats.get("ncsi-2.0"), cats.get("ncsi-3.0")
    r = carry_forward(ncsi20_file(), old_cat, new_cat, reference_date=dt.date(2026, 6, 30),
                      crosswalk=crosswalk_for(cats, "ncsi-2.0", "ncsi-3.0"))
    got = r.assessment.indicators
    # 2.0 1.4 (implementation plan) -> 3.0 1.5 (action plan), to re-confirm
    assert got["1.5"].evidence == "Action plan 2025-2026." and got["1.5"].reconfirm
    assert "criterion of ncsi-3.0 1.5 differs" in got["1.5"].notes
    # 3.0 1.3 is policy coordination: it gets 2.0 1.2's coordination record, not the strategy
    assert got["1.3"].status == "not-met" and "Council" in got["1.3"].evidence
    assert got["1.4"].evidence == "Strategy 2024-2030 in force."
    assert "1.1" not in got  # high-level leadership is new in 3.0: nothing to carry
    assert all(rec.reconfirm for rec in got.values())
    assert r.dropped == ("2.1",) and "not in the crosswalk" in r.left_behind[0].reason
    assert len(r.criterion_changed) == 4


def test_without_a_crosswalk_only_units_whose_id_and_name_agree_are_carried(
    tmp_path: Path,
) -> None:
    cats = ncsi30(tmp_path)
    old_cat, new_cat = cats.get("ncsi-2.0"), cats.get("ncsi-3.0")
    r = carry_forward(ncsi20_file(), old_cat, new_cat, reference_date=dt.date(2026, 6, 30))
    assert r.assessment.indicators == {}
    assert r.dropped == ("1.1", "1.2", "1.3", "1.4", "2.1")
    assert "same id, other name" in r.left_behind[0].reason


def cmm2016(tmp_path: Path) -> Catalogues:
    """A 2016-like catalogue made for the test: same id D1.4, another name (not the real text)."""
    (tmp_path / "cmm-2016.toml").write_text(
        'schema = 1\nid = "cmm-2016"\nframework = "cmm"\nmethodology = "2016"\n'
        'title = "CMM 2016-like (test)"\nscoring = "maturity"\n'
        'levels = ["dimension", "factor", "aspect"]\n'
        + "".join(f'[[stages]]\nid = "{s}"\nname = "{s}"\n' for s in
                  ("start-up", "formative", "established", "strategic", "dynamic"))
        + '[[groups]]\nid = "D1"\nname = "Policy"\n'
        '[[groups.groups]]\nid = "D1.4"\nname = "Crisis Management"\n'
        '[[groups.groups.units]]\nid = "D1.4"\nname = "Crisis Management"\n',
        encoding="utf-8",
    )
    return Catalogues([tmp_path])


def cmm_files(cats: Catalogues) -> tuple[Catalogue, Assessment, Catalogue, Assessment]:
    old_cat, new_cat = cats.get("cmm-2016"), cats.get("cmm-2021")
    old = Assessment(framework="cmm-2016", country=Country(code="XK"),
                     reference_date=dt.date(2019, 3, 1),
                     indicators={"D1.4": Record(stage="formative", evidence="Crisis plan")})
    new = Assessment(framework="cmm-2021", country=Country(code="XK"),
                     reference_date=dt.date(2025, 3, 1),
                     indicators={"D1.4.1": Record(stage="start-up", evidence="No strategy")})
    return old_cat, old, new_cat, new


def test_fault_2_a_2016_factor_is_not_read_as_the_2021_factor_of_the_same_id(
    tmp_path: Path,
) -> None:
    old_cat, old, new_cat, new = cmm_files(cmm2016(tmp_path))
    d = compare(old_cat, old, new_cat, new)
    assert d.note.startswith("different catalogues (cmm-2016 -> cmm-2021)")
    assert d.to_dict()["different_catalogues"] == d.note
    assert [f for f in d.factors if f.before != f.after] == []  # no D1.4 "formative → start-up"
    assert d.stage_changes == ()
    assert {u.id for u in d.unpaired} == {"D1.4", "D1.4.1"}


def test_fault_2_trend_has_nothing_to_show_when_no_unit_pairs(tmp_path: Path) -> None:
    cats = cmm2016(tmp_path)
    old_cat, old, new_cat, new = cmm_files(cats)
    with pytest.raises(InputError, match="no unit of cmm-2021 pairs"):
        scores_through_pairs([("2019", old_cat, old), ("2025", new_cat, new)],
                             lambda a, b: crosswalk_for(cats, a, b))


def test_roll_ups_across_catalogues_go_through_paired_units_only(tmp_path: Path) -> None:
    cats = ncsi30(tmp_path)
    old_cat, new_cat = cats.get("ncsi-2.0"), cats.get("ncsi-3.0")
    old = ncsi20_file()
    new = Assessment(framework="ncsi-3.0", country=Country(code="EE"),
                     reference_date=dt.date(2026, 6, 30),
                     indicators={"1.1": Record(status="met"), "1.5": Record(status="met")})
    d = compare(old_cat, old, new_cat, new, crosswalk=crosswalk_for(cats, old_cat.id, new_cat.id))
    (s1,) = d.sections
    # before: 2.0 1.1-1.4 (7 points, 1.2 not met: 5); after: 3.0 1.2-1.5 (12 points), 1.5 met
    assert (s1.before, s1.max_before, s1.after, s1.max_after) == (5, 7, 3, 12)
    assert d.total is not None and d.total.max_before == 7  # section 2.1 is not paired
    plan = next(u for u in d.units if u.id == "1.5")
    assert plan.old_id == "1.4" and plan.criterion_changed and plan.label == "1.5 (was 1.4)"
    assert "1.1" not in {u.id for u in d.gained}  # new in 3.0: unpaired, not "gained"
    trend = build_trend(*scores_through_pairs(
        [("2025", old_cat, old), ("2026", new_cat, new)],
        lambda a, b: crosswalk_for(cats, a, b)))
    assert trend.note.startswith("different catalogues")
    assert trend.total.values == (5, 3) and trend.total.maximum == 12


def test_the_same_catalogue_pairs_every_unit_with_itself() -> None:
    cats = Catalogues()
    cat = cats.get("ncsi-2.0")
    p = pairing_for(cats, cat, cat)
    assert not p.different and p.note == "" and len(p.pairs) == 46 and p.unpaired == ()


def test_a_follow_up_across_editions_follows_a_recommendation_into_the_new_unit(
    tmp_path: Path,
) -> None:
    from ncsi_tui.core.compare.follow_up import follow_up
    from ncsi_tui.core.export.follow_up import render_html, render_markdown
    from ncsi_tui.core.model.review import Recommendation, Review

    cats = ncsi30(tmp_path)
    old_cat, new_cat = cats.get("ncsi-2.0"), cats.get("ncsi-3.0")
    old = ncsi20_file().model_copy(update={"review": Review(recommendations=[
        Recommendation(id="R1", unit="1.2", text="Adopt the council statute", priority="high"),
    ])})
    new = Assessment(framework="ncsi-3.0", country=Country(code="EE"),
                     reference_date=dt.date(2026, 6, 30),
                     indicators={"1.3": Record(status="met", evidence="Statute adopted."),
                                 "1.1": Record(status="met")})
    fu = follow_up(new_cat, old, new, old_cat=old_cat,
                   crosswalk=crosswalk_for(cats, old_cat.id, new_cat.id))
    assert fu.note.startswith("different catalogues (ncsi-2.0 -> ncsi-3.0)")
    moved = {c.id: c for c in fu.changes}
    # 2.0 1.2 (coordination, not met) -> 3.0 1.3 (met): R1 asked for it; 3.0 1.1 is new
    assert moved["1.3"].before == "not-met" and moved["1.3"].recommendations == ("R1",)
    assert "1.1" not in moved
    assert next(iter(fu.to_dict())) == "different_catalogues"
    assert title_line(render_markdown(new_cat, fu)).endswith("(different catalogues)")
    assert "as of 2026-06-30 (different catalogues)</title>" in render_html(new_cat, fu)


def title_line(md: str) -> str:
    """The first line a reader sees (after the generator comment that marks our exports)."""
    return next(line for line in md.splitlines() if not line.startswith("<!--"))
