"""Start screen: list, open, and a new assessment through the dialog (real keys)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from textual.widgets import DataTable

from ncsi_tui.app.screens.assessment import AssessmentScreen
from ncsi_tui.app.screens.dialogs.new_assessment import NewAssessmentDialog
from ncsi_tui.app.screens.start import StartScreen, list_assessments
from ncsi_tui.core.model.catalogue import Catalogues


def test_listing_scores_through_the_core_and_reports_unreadable_files(example_dir: Path) -> None:
    (example_dir / "broken.toml").write_text("schema = [\n")
    rows = list_assessments(example_dir, Catalogues())
    good = next(r for r in rows if r.path.name == "example.toml")
    assert (good.country, good.framework, good.score, good.assessed) == (
        "XE Examplia", "ncsi-2.0", "50.65", "63%")
    bad = next(r for r in rows if r.path.name == "broken.toml")
    assert bad.problem and bad.changed is None
    assert rows[-1] is bad  # unknown change time sorts last


async def test_enter_opens_the_highlighted_assessment(example_dir: Path, make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, StartScreen)
        await app.workers.wait_for_complete()  # rows are read in a worker
        await pilot.pause()
        assert app.screen.query_one(DataTable).row_count == 1
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, AssessmentScreen)
        assert app.screen.session.path.name == "example.toml"


async def test_new_assessment_with_country_suggestions(example_dir: Path, make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause(0.3)
        dialog = app.screen
        assert isinstance(dialog, NewAssessmentDialog)
        await pilot.press(*"serb")
        await pilot.pause()
        assert dialog.query_one("#suggestions").option_count >= 1
        await pilot.press("enter")  # one suggestion: enter picks it (Serbia)
        await pilot.pause()
        assert dialog.country_code == "RS"
        assert app.focused is dialog.query_one("#title")
        await pilot.press(*"Trial 2026", "enter", "enter", *"Ministry", "enter", "enter")
        await pilot.pause(0.5)
        assert isinstance(app.screen, AssessmentScreen)
    files = sorted(p.name for p in example_dir.glob("*.toml"))
    created = [f for f in files if f != "example.toml"]
    assert len(created) == 1 and created[0].startswith("rs-")
    data = tomllib.loads((example_dir / created[0]).read_text())
    assert data["country"]["code"] == "RS" and data["title"] == "Trial 2026"
    assert data["organisations"] == ["Ministry"]


async def test_new_assessment_needs_a_country(example_dir: Path, make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause(0.3)
        await pilot.click("#create")
        await pilot.pause()
        assert "Country: pick one" in str(app.screen.query_one("#error").render())
        await pilot.press("escape")
        assert isinstance(app.screen, StartScreen)


async def test_open_path_completes_and_clears_a_stale_error(example_dir: Path, make_app) -> None:
    """Issue 20.7: `o` completes a typed name (right takes it) and an error goes as one
    types; issue 17.1: a name of the listed folder only."""
    from textual.widgets import Input, Label

    from ncsi_tui.app.screens.dialogs.new_assessment import OpenPathDialog

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, OpenPathDialog)
        await pilot.press(*"nothing-here", "enter")
        await pilot.pause()
        assert "no nothing-here.toml" in str(dialog.query_one("#error", Label).render())
        await pilot.press(*["backspace"] * len("nothing-here"))
        await pilot.pause()
        assert str(dialog.query_one("#error", Label).render()) == ""
        await pilot.press(*"../assessments/example.toml", "enter")  # issue 17.1: names only
        await pilot.pause()
        assert "is a path" in str(dialog.query_one("#error", Label).render())
        dialog.query_one("#path", Input).value = ""
        await pilot.press(*"ex")  # a name of the listed folder completes
        await pilot.pause(0.3)
        await pilot.press("right")
        assert dialog.query_one("#path", Input).value == "example.toml"
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert type(app.screen).__name__ == "AssessmentScreen"


async def test_an_empty_folder_offers_the_examples_and_e_copies_them(
        tmp_path: Path, monkeypatch, make_app) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app(folder=Path("fresh"))
    async with app.run_test(size=(80, 24)) as pilot:
        empty = app.screen.query_one("#empty")
        assert empty.display and "e to copy the example" in str(empty.render())
        await pilot.press("e")
        for _ in range(50):
            await pilot.pause(0.05)
            if app.screen.query_one(DataTable).row_count == 2:
                break
        assert app.screen.query_one(DataTable).row_count == 2
        assert not app.screen.query_one("#empty").display
        await pilot.press("e")  # again: nothing is replaced, the person is told why
        await pilot.pause(0.3)
    names = sorted(p.name for p in (tmp_path / "fresh").iterdir())
    assert names == ["example-cmm.toml", "example.toml"]
    bundled = Path(__file__).resolve().parents[2] / "ncsi_tui" / "examples" / "example.toml"
    assert (tmp_path / "fresh" / "example.toml").read_bytes() == bundled.read_bytes()


async def test_new_assessment_dialog_traps(example_dir: Path, make_app) -> None:
    """Issue 20.5: down then the first enter picks the highlighted country; the title is
    filled in (never saved empty); the reference date can be set, checked as typed."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause(0.3)
        dialog = app.screen
        await pilot.press(*"Monte", "down")
        await pilot.pause()
        options = dialog.query_one("#suggestions")
        assert options.get_option_at_index(options.highlighted).id == "ME"
        assert app.focused is dialog.query_one("#country")  # the list is no focus stop
        await pilot.press("enter")
        await pilot.pause()
        assert dialog.country_code == "ME"
        title = dialog.query_one("#title")
        assert title.value.startswith("Montenegro NCSI self-assessment ")
        title.clear()  # an empty title is given the default, not saved empty
        await pilot.press("enter", *["backspace"] * 10, *"2025-13-01")
        await pilot.pause()
        assert "Reference date: month 13 does not exist" in str(dialog.query_one("#error").render())
        await pilot.press(*["backspace"] * 5, *"12-31")
        await pilot.pause()
        assert str(dialog.query_one("#error").render()) == ""
        await pilot.click("#create")
        await pilot.pause(0.5)
        assert isinstance(app.screen, AssessmentScreen)
    created = [p for p in example_dir.glob("*.toml") if p.name != "example.toml"]
    assert len(created) == 1
    data = tomllib.loads(created[0].read_text())
    assert data["country"]["code"] == "ME"
    assert str(data["reference_date"]) == "2025-12-31"
    assert data["title"].startswith("Montenegro ") and data["title"].endswith(" 2025")


async def test_rows_that_arrive_after_the_screen_has_gone_are_dropped_quietly(
        tmp_path: Path, make_app) -> None:
    """Leaving (or quitting) while the worker still reads: its last batches find no table
    and are dropped; nothing raises (issue 24, seen when quitting during a long read)."""
    folder = tmp_path / "region"
    folder.mkdir()
    text = (Path(__file__).resolve().parents[2] / "ncsi_tui" / "examples"
            / "example.toml").read_bytes()
    for i in range(40):
        (folder / f"xe-{i:02d}.toml").write_bytes(text)
    app = make_app(folder=folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StartScreen)
        assert len(screen.query_one(DataTable).columns) >= 5
        app.exit()
    late = list_assessments(folder, Catalogues())[:2]
    screen._add_rows(late, "reading 2/40…")  # what a worker hands over after the exit
    screen._finish(late)
    screen.action_reload()
