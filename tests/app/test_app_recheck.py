"""Edits re-check only the unit they change (issue 24): a typed character updates that
unit's readiness finding and flag at once, without running every rule over the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from ncsi_tui.app.screens import unit_view as unit_view_module
from ncsi_tui.app.screens.assessment import AssessmentScreen
from ncsi_tui.app.widgets.navigator import FLAGS, Navigator
from ncsi_tui.app.widgets.unit_findings import UnitFindings


def _rules(screen: AssessmentScreen, unit_id: str) -> set[str]:
    return {f.rule for f in screen.unit_findings.get(unit_id, [])}


async def test_typed_evidence_clears_and_brings_back_the_finding_of_that_unit(
        example_dir: Path, make_app, monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app(example_dir / "example.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, AssessmentScreen)
        nav = screen.query_one(Navigator)
        others = {uid: list(f) for uid, f in screen.unit_findings.items() if uid != "6.2"}

        def whole_file(*_: object) -> None:
            raise AssertionError("an edit of one unit re-ran the whole-file check")

        monkeypatch.setattr(unit_view_module, "run_checks", whole_file)
        screen.goto("6.2")  # met, with no evidence text: a readiness error
        await pilot.pause()
        assert "evidence.missing" in _rules(screen, "6.2")
        assert nav.flags.get("6.2") == "error"
        await pilot.press("e", "A")
        await pilot.pause()
        assert "evidence.missing" not in _rules(screen, "6.2")
        assert FLAGS["error"] not in nav.unit_label("6.2").plain
        assert "no evidence text" not in str(screen.query_one(UnitFindings).render())
        await pilot.press("backspace")  # empty again: the finding is back, pane and flag
        await pilot.pause()
        assert "evidence.missing" in _rules(screen, "6.2")
        assert nav.flags.get("6.2") == "error"
        assert "no evidence text" in str(screen.query_one(UnitFindings).render())
        assert {uid: f for uid, f in screen.unit_findings.items() if uid != "6.2"} == others


async def test_a_stage_re_checks_the_other_aspects_of_its_factor(cmm_file: Path, make_app) -> None:
    """stage.aspect-not-assessed compares a unit with its group: setting one stage
    flags the factor's units left open, and clearing it takes the flags away."""
    app = make_app(cmm_file)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, AssessmentScreen)
        group = screen.session.catalogue.unit_parent["D1.2.1"]
        siblings = [u.id for u in group.units if u.id != "D1.2.1"]
        assert not any("stage.aspect-not-assessed" in _rules(screen, u) for u in siblings)
        screen.goto("D1.2.1")
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        assert all("stage.aspect-not-assessed" in _rules(screen, u) for u in siblings)
        await pilot.press("0")
        await pilot.pause()
        assert not any("stage.aspect-not-assessed" in _rules(screen, u) for u in siblings)
