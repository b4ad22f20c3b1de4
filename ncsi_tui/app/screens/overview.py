"""The regional overview of a folder (from the start screen, `v`): every assessment under
it side by side, one block per framework, ranked by the total index, with a section heat
map, share assessed, records to re-confirm and readiness errors; enter opens the
highlighted country's assessment.

The same figures as ``ncsi overview`` (:func:`ncsi_tui.core.compare.overview.build_overview`
over rows from :class:`ncsi_tui.core.files.rows.RowCache`). The screen paints at once and a
thread worker reads the files, rows appearing as they are read; the ranking is laid out
once every file is in.
"""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Header, Label
from textual.worker import get_current_worker

from ncsi_tui.app import bindings
from ncsi_tui.app.messages import OpenAssessment
from ncsi_tui.app.pacing import Pace
from ncsi_tui.app.widgets.footer import KeysFooter
from ncsi_tui.core.compare.overview import FrameworkTable, Overview, build_overview
from ncsi_tui.core.errors import InputError
from ncsi_tui.core.files.rows import RowCache, default_cache_file, find_files
from ncsi_tui.core.judge.overview_row import AssessmentRow, Row
from ncsi_tui.core.model.catalogue import Catalogues

HEAT = "·░▒▓█"  # 0, 1-24, 25-49, 50-74, 75-100 percent (as `ncsi overview` prints it)
SORTS = ("total", "country", "date", "assessed", "errors")
#: Fits 80 columns with the cell padding and a scroll bar (23 cells: the CMM's factors).
COLUMNS = (("#", 3), ("Country", 13), ("Date", 10), ("Index", 6), ("Sections", 23),
           ("Done", 4), ("⚑", 1), ("✗", 2))


def heat(value: float | None) -> str:
    if value is None or value <= 0:
        return HEAT[0]
    return HEAT[min(4, 1 + int(value // 25))]


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


class OverviewScreen(Screen[None]):
    """All assessments under a folder; rows carry the path to open."""

    CSS_PATH = "overview.tcss"
    BINDINGS = bindings.OVERVIEW

    def __init__(self, folder: Path, catalogues: Catalogues) -> None:
        super().__init__()
        self.folder = folder
        self.catalogues = catalogues
        self.rows: list[Row] = []
        self.overview: Overview | None = None
        self.sort = "total"
        self.paths: list[Path | None] = []  # per table row: the file to open, or None
        self.title = "ncsi-tui"
        self.sub_title = "overview"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label(f"Overview of {self.folder}/: reading…", id="overview-head")
        yield DataTable(id="overview", cursor_type="row", zebra_stripes=False)
        yield Label("", id="overview-legend")
        yield KeysFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label, width in COLUMNS:
            table.add_column(label, width=width)
        table.focus()
        self.call_after_refresh(self.load_rows)  # after the first frame (see StartScreen)

    # --- reading ---------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="overview-rows")
    def load_rows(self) -> None:
        worker = get_current_worker()
        try:
            files = find_files([self.folder])
        except InputError as exc:
            self.app.call_from_thread(self._say, f"Cannot read {self.folder}: {exc.message}")
            return
        cache = RowCache(self.catalogues, default_cache_file())
        pace = Pace(max(self.app.size.height, 24))  # at once until the screen is full
        batch: list[Row] = []
        for i, row in enumerate(cache.read_all(files), 1):
            if worker.is_cancelled:
                return
            batch.append(row)
            if pace.due(i, len(batch)):
                self.app.call_from_thread(self._add_rows, batch, i, len(files))
                batch = []
        cache.save()
        if not worker.is_cancelled:
            self.app.call_from_thread(self._finish, batch)

    def _say(self, text: str) -> None:
        if not self.query(DataTable):  # closed (or the app quitting) while the worker read
            return
        self.query_one("#overview-head", Label).update(text)

    def _add_rows(self, batch: list[Row], done: int, total: int) -> None:
        """While reading: rows in the order read, unranked."""
        if not self.query(DataTable):  # closed (or the app quitting) while the worker read
            return
        self.rows.extend(batch)
        table = self.query_one(DataTable)
        for row in batch:
            if isinstance(row, AssessmentRow):
                table.add_row("", *self._cells(row))
                self.paths.append(Path(row.path))
        self._say(f"Overview of {self.folder}/: reading {done}/{total}…")

    def _finish(self, batch: list[Row]) -> None:
        if not self.query(DataTable):  # closed (or the app quitting) while the worker read
            return
        self.rows.extend(batch)
        self.lay_out()

    # --- the ranked table --------------------------------------------------------------
    def lay_out(self) -> None:
        """One block per framework, ranked (points) or by country (maturity), then the
        regional mean and median, then the files that could not be read."""
        self.overview = ov = build_overview(self.rows, self.catalogues, sort=self.sort)
        table = self.query_one(DataTable)
        current = self.selected_path() if table.cursor_row > 0 else None  # moved by the user
        table.clear()
        self.paths = []
        for t in ov.frameworks:
            self._block(table, t)
        for s in ov.unreadable:
            self._add(table, None, "", "‼ " + Path(s.path).name, "unreadable", "", s.reason)
        if current in self.paths:
            table.move_cursor(row=self.paths.index(current))
        n = sum(len(t.rows) for t in ov.frameworks)
        left_out = len(ov.not_assessments)
        self._say(f"{self.folder}/: {n} assessments, by {self.sort}"
                  + (f", {len(ov.unreadable)} unreadable" if ov.unreadable else "")
                  + (f", {left_out} other files left out" if left_out else ""))
        self.query_one("#overview-legend", Label).update(
            f"{HEAT[4]}{HEAT[3]}{HEAT[2]}{HEAT[1]}{HEAT[0]} section % 75+/50+/25+/1+/0 · "
            "CMM: top stage 1-5 · ⚑ re-confirm · ✗ errors")

    def _add(self, table: DataTable, path: Path | None, *cells: str) -> None:
        table.add_row(*cells, *([""] * (len(COLUMNS) - len(cells))))
        self.paths.append(path)

    def _block(self, table: DataTable, t: FrameworkTable) -> None:
        what = "ranked by the index" if t.kind != "maturity" else "stages: not ranked"
        self._add(table, None, "", f"▸ {t.id}", f"{len(t.rows)} files", "", what)
        for r, rank in zip(t.rows, t.ranks, strict=True):
            self._add(table, Path(r.path), str(rank or ""), *self._cells(r, t))
        if len(t.rows) > 1 and t.kind != "maturity":
            for label, total, attr in (("mean", t.total_mean, "mean"),
                                       ("median", t.total_median, "median")):
                figure = "" if total is None else f"{total:.2f}"
                self._add(table, None, "", f"  regional {label}", "", figure,
                          "".join(heat(getattr(s, attr)) for s in t.sections))

    def _cells(self, r: AssessmentRow, t: FrameworkTable | None = None) -> list[str]:
        if r.percent is not None:
            index = f"{r.percent:.2f}"
            sections = "".join(heat(s["percent"]) for s in r.sections)
        else:
            index = f"{r.assessed_units}/{r.units}"
            stages = t.stages if t is not None else ()
            sections = "".join(
                str(stages.index(s["stage_max"]) + 1) if s["stage_max"] in stages else
                ("·" if s["stage_max"] is None else "?") for s in r.sections)
        return [_fit(f"{r.country} {r.country_name}", COLUMNS[1][1]), r.reference_date, index,
                _fit(sections, COLUMNS[4][1]), f"{r.assessed:.0f}%", str(r.to_reconfirm),
                str(r.errors)]

    # --- actions -------------------------------------------------------------------------
    def selected_path(self) -> Path | None:
        row = self.query_one(DataTable).cursor_row
        return self.paths[row] if 0 <= row < len(self.paths) else None

    def action_open_selected(self) -> None:
        path = self.selected_path()
        if path is None:
            self.notify("Pick a country's row to open its assessment.", timeout=4)
            return
        self.post_message(OpenAssessment(path))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_selected()

    def action_next_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        if self.overview is not None:
            self.lay_out()

    def action_reload(self) -> None:
        self.rows, self.paths, self.overview = [], [], None
        self.query_one(DataTable).clear()
        self.load_rows()

    def action_close(self) -> None:
        self.dismiss(None)
