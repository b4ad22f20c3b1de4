"""The overview screen (v on the start screen): every assessment under the folder, ranked per
framework; enter opens one. Rows are read in a worker: the screen is there first."""

from __future__ import annotations

import threading
from pathlib import Path

from textual.widgets import DataTable

from ncsi_tui.app.screens.assessment import AssessmentScreen
from ncsi_tui.app.screens.overview import OverviewScreen
from ncsi_tui.app.screens.start import StartScreen
from ncsi_tui.core.files import rows as rows_module
from tests.region_cases import build_region


async def _settled(app, pilot) -> None:
    """Every row read (the start and overview screens read them in workers)."""
    rows: list = []
    for _ in range(20):  # the screens start reading after their first frame
        rows = [w for w in app.workers if w.group in ("start-rows", "overview-rows")]
        if rows:
            break
        await pilot.pause(0.01)
    if rows:  # (an empty list would mean every worker)
        await app.workers.wait_for_complete(rows)
    await pilot.pause()


async def test_overview_lists_the_folder_and_enter_opens_an_assessment(
        tmp_path: Path, monkeypatch, make_app) -> None:
    region = build_region(tmp_path / "assessments")
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _settled(app, pilot)
        assert isinstance(app.screen, StartScreen)
        await pilot.press("v")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, OverviewScreen)
        await _settled(app, pilot)
        ov = screen.overview
        assert ov is not None
        assert [t.id for t in ov.frameworks] == ["cmm-2021", "ncsi-2.0"]
        listed = {p for p in screen.paths if p is not None}
        assert len(listed) == 12  # sub-folders too; the note and the broken file are not rows
        assert {p.resolve() for p in listed} == {
            region[c].resolve() for c in region if c not in ("broken", "note")}
        # the first NCSI row is rank 1: go there and open it
        ncsi = next(t for t in ov.frameworks if t.id == "ncsi-2.0")
        target = Path(ncsi.rows[0].path)
        row = screen.paths.index(target)
        table = screen.query_one(DataTable)
        for _ in range(row - table.cursor_row):
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, AssessmentScreen)
        assert app.screen.session.path.resolve() == target.resolve()


async def test_enter_on_a_heading_row_opens_nothing(tmp_path: Path, monkeypatch,
                                                    make_app) -> None:
    build_region(tmp_path / "assessments")
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _settled(app, pilot)
        app.screen.action_overview()
        await pilot.pause()
        await _settled(app, pilot)
        assert app.screen.paths[0] is None  # "▸ cmm-2021"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        await pilot.press("s")  # sort by country: still every row
        assert app.screen.sort == "country"
        assert len([p for p in app.screen.paths if p]) == 12
        await pilot.press("escape")
        assert isinstance(app.screen, StartScreen)


async def test_start_screen_paints_before_the_files_are_read(example_dir: Path, monkeypatch,
                                                             make_app) -> None:
    for i in range(5):
        (example_dir / f"copy-{i}.toml").write_bytes((example_dir / "example.toml").read_bytes())
    gate = threading.Event()
    real = rows_module.read_row

    def slow_read(path, catalogues):
        gate.wait(10)
        return real(path, catalogues)

    monkeypatch.setattr(rows_module, "read_row", slow_read)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StartScreen)  # up and painted, nothing read yet
        assert screen.query_one(DataTable).row_count == 0
        assert "reading" in str(screen.query_one("#heading").render())
        gate.set()
        await _settled(app, pilot)
        assert screen.query_one(DataTable).row_count == 6
        assert "reading" not in str(screen.query_one("#heading").render())


async def test_the_palette_reaches_the_overview(example_dir: Path, make_app) -> None:
    from ncsi_tui.app.commands import BindingsProvider

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _settled(app, pilot)
        labels = [e[0] for e in BindingsProvider(app.screen)._entries()]
        assert any(label.endswith("(v)") for label in labels), labels
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"overview")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, OverviewScreen)


async def test_rows_after_the_overview_has_gone_are_dropped_quietly(
        tmp_path: Path, monkeypatch, make_app) -> None:
    """A worker's last batch after the screen was closed finds no table: nothing raises."""
    build_region(tmp_path / "assessments")
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _settled(app, pilot)
        await pilot.press("v")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, OverviewScreen)
        await _settled(app, pilot)
        late = list(screen.rows[:2])
        app.exit()
    screen._say("reading…")
    screen._add_rows(late, 2, 12)
    screen._finish(late)
