"""Issue 12 in the app: the plan screen (F9) and the recommendations screen (r from it).

Keys pressed as a user would, then the file on disk is read back.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Label

from ncsi_tui.app.screens.plan import FormDialog, PlanScreen
from ncsi_tui.app.screens.recommendations import RecommendationDialog, RecommendationsScreen


async def _type(pilot: Pilot, text: str) -> None:
    await pilot.press(*[("space" if ch == " " else ch) for ch in text])


async def test_add_a_recommendation_set_it_done_with_a_reference_and_save(cmm_file: Path,
                                                                            make_app, ncsi) -> None:
    r = ncsi("plan", "cluster", cmm_file, "C1", "--name", "Government ministries",
             "--org", "Ministry of Digital Affairs", "--covers", "D1")
    assert r.returncode == 0, r.stderr
    app = make_app(cmm_file)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f9")
        assert isinstance(app.screen, PlanScreen)
        await pilot.press("r")
        assert isinstance(app.screen, RecommendationsScreen)
        await pilot.press("a")
        assert isinstance(app.screen, RecommendationDialog)
        await _type(pilot, "D1.1")
        await pilot.press("enter")  # to the text field
        await _type(pilot, "Adopt the national strategy")
        await pilot.press("enter")
        await _type(pilot, "Ministry of Dig")
        await pilot.press("right")  # accept the suggested organisation
        await pilot.press("enter")
        await _type(pilot, "2027-03-01")
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RecommendationsScreen)
        rec = screen.session.assessment.review.recommendation("R1")
        assert (rec.unit, rec.owner, rec.priority, rec.status) == (
            "D1.1", "Ministry of Digital Affairs", "medium", "proposed")
        assert screen.query_one(DataTable).row_count == 1
        await pilot.press("d")
        assert rec.id == "R1" and screen.session.assessment.review.recommendation("R1").status == "done"
        await pilot.press("r")  # evidence of progress: the reference dialog
        await pilot.pause()
        await _type(pilot, "National Cybersecurity Strategy 2027")
        await pilot.press("enter")
        await _type(pilot, "https://gov.example/ncss")
        await pilot.press("ctrl+s")  # keep the reference
        await pilot.pause()
        assert isinstance(app.screen, RecommendationsScreen)
        await pilot.press("ctrl+s")  # save the file
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Evidence: National Cybersecurity Strategy 2027" in str(
            screen.query_one("#recs-text", Label).render())
    saved = tomllib.loads(cmm_file.read_text())["review"]["recommendations"]
    assert len(saved) == 1
    r1 = saved[0]
    assert (r1["id"], r1["unit"], r1["status"], r1["owner"], str(r1["due"])) == (
        "R1", "D1.1", "done", "Ministry of Digital Affairs", "2027-03-01")
    assert [(x["title"], x["url"]) for x in r1["references"]] == [
        ("National Cybersecurity Strategy 2027", "https://gov.example/ncss")]


async def test_a_wrong_unit_keeps_the_dialog_open_and_says_why(cmm_file: Path, make_app) -> None:
    app = make_app(cmm_file)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f9", "r", "a")
        await _type(pilot, "D9.9")
        await pilot.press("enter")
        await _type(pilot, "Something")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, RecommendationDialog)
        assert "has no" in str(app.screen.query_one("#error", Label).render())
        await pilot.press("escape")
        assert app.screen.session.assessment.review.recommendations == []


async def test_plan_screen_adds_a_cluster_and_a_session_and_warns_until_covered(cmm_file, make_app):
    app = make_app(cmm_file)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f9")
        await pilot.pause()  # a loaded machine: let each screen mount before the next key
        plan = app.screen
        assert isinstance(plan, PlanScreen)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert app.screen.query_one("#id", Input).value == "C1"
        await pilot.press("enter")
        await _type(pilot, "Everyone")
        await pilot.press("enter", "enter", "enter")  # organisations, contacts left empty
        await _type(pilot, "D1 D2 D3 D4 D5")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "! cluster C1: no session" in str(plan.query_one("#plan-warnings", Label).render())
        await pilot.press("s")
        await pilot.press("enter")  # id S1
        await _type(pilot, "2026-03-09")
        await pilot.press("enter")
        await _type(pilot, "09:00")
        await pilot.press("enter")
        await _type(pilot, "C1")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        assert "✓ every aspect covered" in str(plan.query_one("#plan-warnings", Label).render())
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
    review = tomllib.loads(cmm_file.read_text())["review"]
    assert [c["id"] for c in review["clusters"]] == ["C1"]
    assert [(s["id"], s["cluster"], str(s["day"])) for s in review["sessions"]] == [
        ("S1", "C1", "2026-03-09")]


async def test_follow_up_screen_shows_what_moved_and_the_recommendations(cmm_file: Path, ncsi):
    from textual.app import App
    from textual.widgets import Markdown

    from ncsi_tui.app.screens.follow_up import FollowUpScreen
    from ncsi_tui.core.files.session import AssessmentSession

    assert ncsi("recs", "add", cmm_file, "D1.1", "--text", "Adopt it", "--priority", "high").returncode == 0
    old = AssessmentSession.open(cmm_file).assessment
    assert ncsi("record", cmm_file, "D1.1.2", "--stage", "established").returncode == 0
    assert ncsi("recs", "set", cmm_file, "R1", "--status", "done").returncode == 0
    session = AssessmentSession.open(cmm_file)

    class Host(App[None]):
        def on_mount(self) -> None:
            self.push_screen(FollowUpScreen(session, old, "review.toml"))

    app = Host()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        md = app.screen.query_one(Markdown).source
        assert "D1.1.2 Content: Formative → Established (▲ up) — R1" in md
        assert "— proposed → done" in md
        await pilot.press("escape")
        assert not isinstance(app.screen, FollowUpScreen)


async def test_country_context_keeps_its_paragraphs(cmm_file: Path, make_app) -> None:
    app = make_app(cmm_file)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f9", "t")
        await _type(pilot, "First paragraph.")
        await pilot.press("enter", "enter")
        await _type(pilot, "Second one.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert tomllib.loads(cmm_file.read_text())["review"]["context"] == "First paragraph.\n\nSecond one."


async def test_read_only_plan_and_recommendations_offer_no_edits(cmm_file: Path, make_app) -> None:
    from ncsi_tui.app.screens.recommendations import RecommendationsScreen

    before = cmm_file.read_bytes()
    app = make_app(cmm_file, read_only=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        await pilot.press("c", "t")  # add cluster, context: refused
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, RecommendationsScreen)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, RecommendationsScreen)
        assert not app.screen.session.dirty
        await pilot.press("ctrl+q")
    assert cmm_file.read_bytes() == before


def test_a_read_only_session_refuses_every_change(example: Path) -> None:
    import pytest

    from ncsi_tui.core.errors import InputError
    from ncsi_tui.core.files.review_edits import set_context
    from ncsi_tui.core.files.session import AssessmentSession

    s = AssessmentSession.open(example)
    s.read_only = True
    for change in (lambda: s.set_status("1.2", "met"), lambda: set_context(s, "x"), s.save):
        with pytest.raises(InputError, match="read-only"):
            change()
