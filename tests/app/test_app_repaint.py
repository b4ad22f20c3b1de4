"""What a key or the first screen redraws (issue 24): the screen opens on its first unit
without a later scroll; `s` swaps the two columns; the footer repaints in place (no
layout) only when the keys it shows change."""

from __future__ import annotations

from pathlib import Path

import pytest

from ncsi_tui.app.screens.assessment import AssessmentScreen
from ncsi_tui.app.widgets.footer import KeysFooter
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


async def test_footer_changes_its_keys_in_place_without_a_layout(
        example_dir: Path, make_app, monkeypatch: pytest.MonkeyPatch) -> None:
    """`e` and `escape` change the keys the footer shows: the same single widget repaints
    its line; no layout of the screen, no recompose, no widget mounted for it."""
    app = make_app(example_dir / "example.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(KeysFooter)
        keys = footer.shown_keys()
        calls: list[str] = []
        refresh = KeysFooter.refresh

        def recording(self: KeysFooter, *args: object, **kwargs: object) -> object:
            if self is footer:
                calls.append("layout" if kwargs.get("layout") or kwargs.get("recompose")
                             else "repaint")
            return refresh(self, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(KeysFooter, "refresh", recording)
        await pilot.press("n", "p", "m")
        await pilot.pause()
        assert footer.shown_keys() == keys and calls == []  # the same keys: not even a repaint
        await pilot.press("e")  # typing: letter keys type, the footer shows other keys
        await pilot.pause()
        typing = footer.shown_keys()
        assert typing != keys and ("esc", "Leave field") in typing
        await pilot.press("escape")
        await pilot.pause()
        assert footer.shown_keys() == keys
        assert calls == ["repaint", "repaint"]  # one repaint a change, never a layout
        assert app.screen.query_one(KeysFooter) is footer and not footer.children


async def test_the_first_s_makes_the_summary_once_at_the_width_it_is_shown_at(
        example_dir: Path, make_app, monkeypatch) -> None:
    """The summary's width does not change when its scrollbar appears (a stable gutter),
    so its first showing makes its text once: it was made three times (44, 46, 44 cells),
    each a layout of the whole screen."""
    widths: list[int] = []
    make_text = PointsSummary.make_text
    monkeypatch.setattr(PointsSummary, "make_text",
                        lambda self, score, width: widths.append(width) or make_text(
                            self, score, width))
    app = make_app(example_dir / "example.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        widths.clear()
        await pilot.press("s")
        for _ in range(4):
            await pilot.pause(0.05)
        summary = app.screen.query_one(PointsSummary)
        assert widths == [summary.content_size.width]
        assert app.screen.query_one("#side").display
