"""The review done in the app alone (issue 19.4): a finding from a consultation session, a
gap marked and closed, a target stage, next year's assessment from this one; and findings
and gaps another session adds from the CLI are shown. Real keys in, the file on disk read."""

from __future__ import annotations

import tomllib
from pathlib import Path

from textual.widgets import Input, Select

from ncsi_tui.app.screens.assessment import AssessmentScreen
from ncsi_tui.app.screens.dialogs.form import FormDialog
from ncsi_tui.app.widgets.unit_findings import UnitFindings


def _on_disk(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


async def _save(app, pilot) -> None:
    await pilot.press("ctrl+s")
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_finding_gap_and_target_stage_from_the_app(cmm_file: Path, ncsi, make_app) -> None:
    for args in (("plan", "cluster", cmm_file, "C1", "--name", "Government", "--org", "Ministry"),
                 ("plan", "session", cmm_file, "S1", "--day", "2026-01-10", "--cluster", "C1")):
        assert ncsi(*args).returncode == 0
    app = make_app(cmm_file, autosave_delay=3600)  # saved by ctrl+s only
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, AssessmentScreen) and screen.current == "D1.1.1"
        # a finding: f, the unit is filled in, the session is the plan's
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert app.focused is app.screen.query_one("#units", Input)
        await pilot.press("enter", *"Budget agreed", "ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert "heard in S1: Budget agreed" in str(screen.query_one(UnitFindings).render())
        # a gap: follow-up with C1, then closed
        await pilot.press("g")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#kind", Select).value = "follow-up"
        dialog.query_one("#cluster", Select).value = "C1"
        dialog.query_one("#note", Input).focus()
        await pilot.press(*"ask for the budget", "ctrl+s")
        await pilot.pause()
        pane = str(screen.query_one(UnitFindings).render())
        assert "gap (open): follow-up with C1" in pane and "g marks or closes" in pane
        await _save(app, pilot)
        gaps = _on_disk(cmm_file)["review"]["gaps"]
        assert gaps == [{"unit": "D1.1.1", "kind": "follow-up", "cluster": "C1",
                         "note": "ask for the budget"}]
        await pilot.press("g")
        await pilot.pause()
        await pilot.click("#extra")  # "Close open gaps"
        await pilot.pause()
        assert app.screen is screen
        # a target stage: t, pick the fourth stage
        await pilot.press("t")
        await pilot.pause()
        target = app.screen.query_one("#target", Select)
        assert app.focused is target
        await pilot.press("enter", "down", "down", "down", "down", "enter", "ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        await _save(app, pilot)
    data = _on_disk(cmm_file)
    assert data["review"]["findings"] == [{"session": "S1", "units": ["D1.1.1"],
                                           "text": "Budget agreed"}]
    assert data["review"]["gaps"][0]["closed"] is True
    assert data["indicators"]["D1.1.1"]["target_stage"] == "strategic"


async def test_finding_without_a_session_says_where_to_add_one(cmm_file: Path, make_app) -> None:
    before = cmm_file.read_bytes()
    app = make_app(cmm_file, autosave_delay=3600)  # saved by ctrl+s only
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, AssessmentScreen)
        assert any("f9 opens the plan" in str(n.message) for n in app._notifications)
    assert cmm_file.read_bytes() == before


async def test_next_years_assessment_from_this_one(example_dir: Path, make_app) -> None:
    path = example_dir / "example.toml"
    before = path.read_bytes()
    app = make_app(path, autosave_delay=3600)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+n")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        assert dialog.query_one("#path", Input).value == "example-2026.toml"
        assert dialog.query_one("#date", Input).value == "2026-06-30"
        await pilot.press("tab", *"2026-02-30")  # tab to the date: its text is selected
        await pilot.pause()
        assert "February 2026 has 28 days" in str(dialog.query_one("#error").render())
        await pilot.press(*["backspace"] * 10, *"2026-06-30", "ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AssessmentScreen)
        assert screen.session.path == example_dir / "example-2026.toml"
        assert "30 to re-confirm" in str(screen.query_one("#status-line").render())
    new = _on_disk(example_dir / "example-2026.toml")
    assert str(new["reference_date"]) == "2026-06-30"
    assert all(r.get("reconfirm") for r in new["indicators"].values())
    assert path.read_bytes() == before  # this year's file is as it was


async def test_findings_and_gaps_added_from_the_cli_are_shown(cmm_file: Path, ncsi,
                                                             make_app) -> None:
    for args in (("plan", "cluster", cmm_file, "C1", "--name", "Government"),
                 ("plan", "session", cmm_file, "S1", "--day", "2026-01-10", "--cluster", "C1")):
        assert ncsi(*args).returncode == 0
    app = make_app(cmm_file, autosave_delay=3600)  # saved by ctrl+s only
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        pane = screen.query_one(UnitFindings)
        assert "heard in" not in str(pane.render())
        assert ncsi("finding", cmm_file, "S1", "D1.1.1", "--text", "Law in parliament"
                    ).returncode == 0
        assert ncsi("gap", cmm_file, "D1.1.1", "--desk-research").returncode == 0
        screen.check_disk()
        await pilot.pause()
        text = str(pane.render())
        assert "heard in S1: Law in parliament" in text
        assert "gap (open): needs desk research" in text


async def test_the_follow_up_is_saved_from_the_app(cmm_file: Path, ncsi) -> None:
    from textual.app import App

    from ncsi_tui.app.screens.follow_up import FollowUpScreen
    from ncsi_tui.core.files.session import AssessmentSession

    assert ncsi("recs", "add", cmm_file, "D1.1", "--text", "Adopt it").returncode == 0  # medium
    old = AssessmentSession.open(cmm_file).assessment
    assert ncsi("record", cmm_file, "D1.1.2", "--stage", "established").returncode == 0
    session = AssessmentSession.open(cmm_file)

    class Host(App[None]):
        def on_mount(self) -> None:
            self.push_screen(FollowUpScreen(session, old, "review.toml"))

    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        assert dialog.query_one("#path", Input).value == "cmm-follow-up.md"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FollowUpScreen)
        await pilot.press("ctrl+s", "end", *["backspace"] * 2, *"html", "ctrl+s")
        await pilot.pause()
    md = (cmm_file.parent / "cmm-follow-up.md").read_text(encoding="utf-8")
    assert "D1.1.2 Content: Formative → Established" in md and "R1" in md
    html = (cmm_file.parent / "cmm-follow-up.html").read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html") and "R1" in html


async def test_an_open_gap_is_closed_from_the_readiness_screen(cmm_file: Path, ncsi,
                                                              make_app) -> None:
    from textual.widgets import OptionList

    from ncsi_tui.app.screens.readiness import ReadinessScreen

    assert ncsi("gap", cmm_file, "D1.1.2", "--desk-research").returncode == 0
    app = make_app(cmm_file, autosave_delay=3600)  # saved by ctrl+s only
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReadinessScreen)
        gap_at = next(i for i, f in enumerate(screen.findings) if f.rule == "review.open-gap")
        options = screen.query_one(OptionList)
        options.highlighted = next(i for i, o in enumerate(options.options) if o.id == str(gap_at))
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        await pilot.click("#extra")
        await pilot.pause()
        assert app.screen is screen
        assert not any(f.rule == "review.open-gap" for f in screen.findings)
        await pilot.press("escape", "ctrl+s")
        await app.workers.wait_for_complete()
    assert _on_disk(cmm_file)["review"]["gaps"][0]["closed"] is True
