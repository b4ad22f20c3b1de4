"""Maturity frameworks on the assessment screen: driven by catalogue.scoring only."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from textual.widgets import TextArea

from ncsi_tui.app.widgets.indicator_pane import StageGrid
from ncsi_tui.app.widgets.maturity_profile import MaturityProfile
from ncsi_tui.app.widgets.navigator import Navigator


def _profile(app) -> str:
    """The profile as `s` shows it at 80 columns (hidden until then, it makes its text for
    the latest score just before it is shown)."""
    profile = app.screen.query_one(MaturityProfile)
    profile.catch_up()
    return str(profile.render())


async def test_stage_3_on_d111_shows_established_before_save(cmm_file: Path, make_app) -> None:
    app = make_app(cmm_file)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert screen.current == "D1.1.1"
        assert "D1.1   ░▒░░░ Formative" not in _profile(app)
        assert "D1.1   ██░░░ Formative\n" in _profile(app)
        await pilot.press("3")
        # D1.1 now ranges formative (D1.1.2) to established (D1.1.1), before any save
        assert "D1.1   ██▒░░ Formative to Established" in _profile(app)
        assert "stages 1:0 2:1 3:1 4:0 5:0" in _profile(app)
        assert "▶3 Established (chosen)" in str(screen.query_one("#stage-3").render())
        assert "3 D1.1.1" in str(screen.query_one(Navigator).unit_label("D1.1.1"))
        assert tomllib.loads(cmm_file.read_text())["indicators"].get("D1.1.1") is None
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.focused, TextArea)
        await pilot.press(*"Strategy 2024 3", "escape")
        assert screen.session.record("D1.1.1").stage == "established"
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
    rec = tomllib.loads(cmm_file.read_text())["indicators"]["D1.1.1"]
    assert rec["stage"] == "established"
    assert rec["evidence"] == "Strategy 2024 3"
    assert "status" not in rec


async def test_zero_clears_the_stage_and_keys_above_the_scale_do_nothing(mini_file, make_app) -> None:
    path, cats = mini_file
    app = make_app(path, catalogues=cats)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert len(screen.query_one(StageGrid).children) == 3
        await pilot.press("4")  # three stages only
        assert screen.session.record("A.1.1").stage is None
        await pilot.press("2")
        assert screen.session.record("A.1.1").stage == "mid"
        assert "A.1    ██░ Mid" in _profile(app)
        await pilot.press("m")  # a points key does nothing on a maturity catalogue
        assert screen.session.record("A.1.1").status == "not-assessed"
        await pilot.press("0")
        assert screen.session.record("A.1.1").stage is None
        await pilot.press("u", "u")  # next not assessed: A.1.2, then A.2 (staged whole)
        assert screen.current == "A.2"
        await pilot.press("3", "ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert tomllib.loads(path.read_text())["indicators"] == {
        "A.2": {"stage": "high", "updated_by": "tester",
                "updated_at": tomllib.loads(path.read_text())["indicators"]["A.2"]["updated_at"]}
    }


def test_the_app_never_branches_on_a_framework_id() -> None:
    root = Path(__file__).resolve().parents[2] / "ncsi_tui" / "app"
    mine = ["app.py", "bindings.py", "commands.py", "screens/assessment.py", "screens/autosave.py",
            "screens/start.py", "widgets", "screens/dialogs"]
    for name in mine:
        for f in ([root / name] if name.endswith(".py") else sorted((root / name).glob("*.py"))):
            text = f.read_text()
            assert not re.search(r"[\"'](cmm|ncsi)(-\d|[\"'])", text), f"{f} names a framework"
            assert not re.search(r"(cat|catalogue)\.(id|framework)\s*(==|!=|in\b)", text), f
            assert not re.search(r"\.framework\s*(==|!=|in\b)", text), f
