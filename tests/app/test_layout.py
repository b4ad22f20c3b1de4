"""Issue 20.4: room for the work. The unit pane is the widest pane where the summary shows
beside it, the navigator gives up columns on narrow terminals, and names cut to fit are
still told apart."""

from __future__ import annotations

from pathlib import Path

import pytest

from ncsi_tui.app.widgets.navigator import Navigator, fit_name


@pytest.mark.parametrize("size", [(120, 30), (200, 50)])
async def test_the_unit_pane_is_the_widest(example_dir: Path, make_app, size) -> None:
    app = make_app(example_dir / "example.toml")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.screen
        unit, nav, side = (screen.query_one(f"#{i}").region.width
                           for i in ("unit", "nav-col", "side"))
        assert unit > nav and unit > side, (unit, nav, side)


async def test_narrow_terminals_keep_the_navigator_narrow(example_dir: Path, make_app) -> None:
    app = make_app(example_dir / "example.toml")
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#nav-col").region.width <= 25


async def test_names_cut_to_fit_stay_apart(example_dir: Path, make_app) -> None:
    app = make_app(example_dir / "example.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        nav = app.screen.query_one(Navigator)
        labels = {uid: str(nav._leaves[uid].label) for uid in ("1.1", "1.2", "1.3", "1.4")}
        names = [label.split(" ", 2)[2].rsplit(" ", 1)[0] for label in labels.values()]
        assert len(set(names)) == 4, labels
        assert all(len(label) <= nav.scrollable_content_region.width for label in labels.values())


def test_fit_name_keeps_the_distinct_words() -> None:
    sib = ["Cyber security policy unit", "Cyber security policy coordination format"]
    assert fit_name(sib[0], 40, sib) == sib[0]
    assert fit_name(sib[0], 18, sib) == "Cyber…policy unit"
    assert fit_name(sib[1], 26, sib) == "Cyber…coordination format"
    assert fit_name("Timestamping", 6, sib) == "Times…"
