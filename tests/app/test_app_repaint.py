"""What a key or the first screen redraws (issue 24): the screen opens on its first unit
without a later scroll; `s` swaps the two columns; the footer is rebuilt only when the keys
it shows change."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Footer

from ncsi_tui.app.screens.assessment import AssessmentScreen
from ncsi_tui.app.widgets.navigator import Navigator
from ncsi_tui.app.widgets.points_summary import PointsSummary


async def test_first_screen_shows_the_first_unit_at_the_top_without_a_scroll(
        example_dir: Path, make_app) -> None:
    app = make_app(example_dir / "example.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AssessmentScreen)
        nav = screen.query_one(Navigator)
        assert screen.current == "1.1" and nav.current_unit == "1.1"
        assert nav.scroll_y == 0 and nav.cursor_line == nav._leaves["1.1"].line


async def test_s_swaps_unit_pane_and_summary_and_back(example_dir: Path, make_app) -> None:
    app = make_app(example_dir / "example.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        unit, side = screen.query_one("#unit"), screen.query_one("#side")
        assert unit.display and not side.display
        await pilot.press("n", "m")  # 1.2 met (2 points) while the summary is hidden
        await pilot.press("s")
        await pilot.pause()
        assert side.display and not unit.display
        summary = screen.query_one(PointsSummary)
        assert summary.region and "Index 41/77" in str(summary.render())
        await pilot.press("s")
        await pilot.pause()
        assert unit.display and not side.display


async def test_footer_is_rebuilt_only_when_its_keys_change(example_dir: Path, make_app) -> None:
    app = make_app(example_dir / "example.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(Footer)
        keys = list(footer.children)
        await pilot.press("n", "p", "m")
        await pilot.pause()
        assert list(footer.children) == keys  # the same widgets: nothing rebuilt
        await pilot.press("e")  # typing: letter keys type, the footer shows other keys
        await pilot.pause()
        typing = list(footer.children)
        assert typing != keys
        await pilot.press("escape")
        await pilot.pause()
        assert [k.description for k in footer.children] == [k.description for k in keys]
