"""The navigator marks indicators with readiness findings, and keeps the marks current."""

from __future__ import annotations

from pathlib import Path

from ncsi_tui.app.screens.assessment import AssessmentScreen
from ncsi_tui.app.widgets.navigator import FLAGS, Navigator


async def test_navigator_flags_findings_and_clears_them_after_a_fix(example_dir: Path, make_app) -> None:
    app = make_app(example_dir / "example.toml")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, AssessmentScreen)
        nav = screen.query_one(Navigator)
        # 6.2 is met but has no evidence text: an error; 1.1 is clean
        assert FLAGS["error"] in nav.unit_label("6.2").plain
        assert not any(f in nav.unit_label("1.1").plain for f in FLAGS.values())
        screen.goto("6.2")
        await pilot.pause()
        await pilot.press("x")  # not met: open work, no longer a readiness error
        await pilot.pause()
        assert nav.flags.get("6.2") is None
        assert FLAGS["error"] not in nav.unit_label("6.2").plain
        await pilot.press("m")  # met again without evidence text: flagged again
        await pilot.pause()
        assert nav.flags.get("6.2") == "error"
