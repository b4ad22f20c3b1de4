"""A move between units paints the navigator's cursor first and the unit's panes in the
next frame (issue 24: keys within 1.5x a bare Textual app's Down). Whatever comes right
after a move, in one burst, still acts on the unit the cursor is on: text typed after tab
or e goes into that unit, a status key marks it, and the panes end on it."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from ncsi_tui.app.screens.assessment import AssessmentScreen
from ncsi_tui.app.widgets.evidence_editor import DocumentArea, UnitStatus
from ncsi_tui.app.widgets.indicator_pane import IndicatorPane
from ncsi_tui.app.widgets.navigator import Navigator
from tests.app.bursts import burst, settle


def saved(path: Path, unit: str) -> dict[str, object]:
    return tomllib.loads(path.read_text(encoding="utf-8"))["indicators"].get(unit, {})


async def test_moves_in_a_burst_end_with_the_panes_on_the_cursor(example_dir: Path,
                                                                 make_app) -> None:
    app = make_app(example_dir / "example.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AssessmentScreen)
        burst(app, "n", "n", "n", "p", "n", "u")
        await settle(pilot, lambda: screen.shown == screen.current != "1.1")
        nav = screen.query_one(Navigator)
        assert screen.shown == screen.current == nav.current_unit
        unit = screen.current
        assert str(screen.query_one(IndicatorPane).render()).startswith(f"{unit}  ")


async def test_text_typed_after_n_and_tabs_goes_into_the_next_unit(example_dir: Path,
                                                                  make_app) -> None:
    path = example_dir / "example.toml"
    before = saved(path, "1.1")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, "n", "tab", "tab", *"Zq", "ctrl+s")  # the unit column, then its text
        await settle(pilot, lambda: b"Zq" in path.read_bytes())
        screen = app.screen
        assert isinstance(screen, AssessmentScreen)
        assert screen.query_one("#evidence", DocumentArea).text.startswith("Zq")
    assert str(saved(path, "1.2")["evidence"]).startswith("Zq")
    assert saved(path, "1.1") == before


async def test_text_typed_after_n_and_e_and_a_mark_after_n_act_on_the_cursor_unit(
        example_dir: Path, make_app) -> None:
    path = example_dir / "example.toml"
    before = saved(path, "1.1")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AssessmentScreen)
        burst(app, "n", "e", *" Zq", "escape", "n", "m", "ctrl+s")
        await settle(pilot, lambda: b"Zq" in path.read_bytes()
                     and screen.session.record("1.3").status == "met"
                     and screen.shown == "1.3")
        assert "met" in str(screen.query_one(UnitStatus).render())
    assert str(saved(path, "1.2")["evidence"]).endswith(" Zq")
    assert saved(path, "1.3")["status"] == "met"
    assert saved(path, "1.1") == before



async def test_status_keys_keep_the_status_pane_height(example_dir: Path, make_app) -> None:
    """m, x and c change the status's words, never the pane's height at 80 columns (the
    keys stand on their own line): a status key redraws those lines, not the column."""
    app = make_app(example_dir / "example.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        status = app.screen.query_one(UnitStatus)
        heights = set()
        for key, words in (("x", "not met"), ("m", "met"), ("c", "not assessed"),
                           ("m", "met")):
            await pilot.press(key)
            await pilot.pause()
            first = str(status.render()).splitlines()[0]
            assert first.startswith("Status: ") and first.endswith(f" {words}")
            heights.add(status.size.height)
        assert heights == {3}  # status, keys, last change


async def test_a_focus_change_redraws_the_navigators_cursor_line_only(example_dir: Path,
                                                                      make_app) -> None:
    """e and escape: the navigator draws its cursor's line again (focused, then not) and
    keeps the rest, without a restyle (Textual's costs 3-4 ms and draws the scrollbar
    again); what it shows is what it draws from scratch."""
    app = make_app(example_dir / "example.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        nav = app.screen.query_one(Navigator)
        await pilot.press("n")
        await pilot.pause()
        y = nav.cursor_line - nav.scroll_offset.y
        focused = nav.render_line(y)
        drawn: list[int] = []
        render_line = nav.render_line
        nav.render_line = lambda line: drawn.append(line) or render_line(line)  # type: ignore[method-assign]
        restyled: list[object] = []
        update_styles = app.update_styles
        app.update_styles = lambda node, animate=True: (  # type: ignore[method-assign]
            restyled.append(node) or update_styles(node, animate))
        for key, focus in (("e", False), ("escape", True)):
            drawn.clear()
            await pilot.press(key)
            await pilot.pause()
            await pilot.pause()
            assert nav.has_focus is focus
            assert drawn == [y]
            assert nav not in restyled and restyled  # the evidence box is restyled
            shown = [render_line(line) for line in range(nav.size.height)]
            nav._line_cache.clear()
            assert shown == [render_line(line) for line in range(nav.size.height)]
        assert render_line(y) == focused
        nav.blur()
        await pilot.pause()
        assert render_line(y) != focused  # the cursor shows where the focus is


async def test_kept_styles_follow_a_theme_and_a_focus_change(example_dir: Path,
                                                             make_app) -> None:
    """The navigator and the evidence box keep their line and component styles between
    refreshes (Textual drops them on each): after a theme change or a focus change they
    draw with the styles Textual would give them."""
    from textual.widget import Widget

    from ncsi_tui.app.widgets.evidence_editor import DocumentArea

    app = make_app(example_dir / "example.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        nav = app.screen.query_one(Navigator)
        box = app.screen.query_one("#evidence", DocumentArea)
        names = {nav: ("tree--cursor", "tree--guides", "navigator--cursor-away"),
                 box: ("text-area--cursor", "text-area--cursor-line", "text-area--gutter")}

        def styles() -> list[object]:
            got = []
            for widget, components in names.items():
                kept = [widget.get_component_rich_style(n) for n in components]
                assert kept == [Widget.get_component_rich_style(widget, n) for n in components]
                assert widget.rich_style == Widget.rich_style.fget(widget)  # type: ignore[attr-defined]
                got += [*kept, widget.rich_style]
            return got

        before = styles()
        for step in ("textual-light", "e", "nord", "escape"):
            if step in ("e", "escape"):
                await pilot.press(step)
            else:
                app.theme = step
            await pilot.pause()
            await pilot.pause()
            after = styles()
            if step not in ("e", "escape"):  # a theme changes them (the focus may not)
                assert after != before
            before = after


async def test_a_move_out_of_view_centres_the_cursor_and_the_next_moves_scroll_nothing(
        example_dir: Path, make_app) -> None:
    """Past the navigator's bottom edge the cursor's line comes to the middle of the view
    (Tree scrolls one line per key, and each scroll redraws the whole navigator)."""
    app = make_app(example_dir / "example.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        nav = app.screen.query_one(Navigator)
        height = nav.scrollable_content_region.height
        while nav.scroll_y == 0:
            await pilot.press("n")
            await pilot.pause()
        line = nav.cursor_line
        assert nav.scroll_y == line - height // 2  # the cursor in the middle
        top, unscrolled = int(nav.scroll_y), 0
        while True:  # the moves down to the bottom edge again scroll nothing
            await pilot.press("n")
            await pilot.pause()
            if nav.cursor_line >= top + height:
                break
            assert nav.scroll_y == top
            unscrolled += 1
        assert unscrolled >= 3
        assert nav.scroll_y == nav.cursor_line - height // 2  # out of view: centred again
        top = int(nav.scroll_y)
        await pilot.press("p")
        await pilot.pause()
        assert nav.scroll_y == top  # back up within the view: no scroll either


@pytest.mark.parametrize("keys", [("slash", *"11.4", "enter", "slash", "escape"),
                                  ("slash", *"11.4", "enter", "slash", *"crisis", "escape")],
                         ids=["picked", "left"])
async def test_after_the_filter_the_cursor_unit_is_in_view(example_dir: Path, make_app,
                                                          keys: tuple[str, ...]) -> None:
    """The filter rebuilds the tree; the unit the cursor is on, far down, comes into view
    (a scroll right after the rebuild, before its scrollbar was back, was refused)."""
    app = make_app(example_dir / "example.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        for _ in range(3):
            await pilot.pause()
        nav = app.screen.query_one(Navigator)
        top, height = int(nav.scroll_y), nav.scrollable_content_region.height
        assert nav.current_unit == app.screen.current
        assert top > 0 and top <= nav.cursor_line < top + height


async def test_the_navigators_names_are_fitted_to_one_width_scrollbar_or_not(
        example_dir: Path, make_app) -> None:
    """Names are fitted to the navigator's width; its scrollbar, gone while the filter
    shows a few units and back after, cut the points at the end of every line ("2p" as
    "2", in tmux after `/ 11.4 enter / escape`): the width is the same with it or not."""
    app = make_app(example_dir / "example.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        nav = app.screen.query_one(Navigator)
        width = nav.scrollable_content_region.width
        await pilot.press("slash", *"crisis")
        for _ in range(3):
            await pilot.pause()
        assert len(nav.visible_units()) < nav.size.height  # no scrollbar needed now
        assert nav.scrollable_content_region.width == width
        lines = [nav.render_line(y).text.rstrip() for y in range(nav.size.height)]
        units = [line for line in lines if any(m in line for m in ("✓ ", "✗ ", "· "))]
        assert units and all(line.endswith("p") for line in units), units
