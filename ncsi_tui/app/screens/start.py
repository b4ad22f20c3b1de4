"""`ncsi`: the assessments in a folder (country, framework, title, score, share assessed,
last change; newest first), open one, start a new one, open a path, or see the folder's
regional overview (v).

The screen paints at once and fills its rows in a thread worker: each file's row comes
from :class:`ncsi_tui.core.files.rows.RowCache` (kept by file time and size), so a folder
of a thousand files shows its first screen before every file is read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Header, Label, Static
from textual.worker import get_current_worker

from ncsi_tui.app import bindings
from ncsi_tui.app.messages import OpenAssessment
from ncsi_tui.app.pacing import Pace
from ncsi_tui.app.plain import cells as plain_cells
from ncsi_tui.app.widgets.footer import KeysFooter
from ncsi_tui.core.errors import InputError
from ncsi_tui.core.files.examples import copy_examples
from ncsi_tui.core.files.merge import is_conflict_note
from ncsi_tui.core.files.rows import RowCache, default_cache_file
from ncsi_tui.core.files.session import AssessmentSession
from ncsi_tui.core.judge.overview_row import CONFLICT_NOTE, AssessmentRow, Row
from ncsi_tui.core.model.assessment import Assessment, Country
from ncsi_tui.core.model.catalogue import Catalogues


@dataclass(frozen=True)
class Listed:
    """One row of the start screen."""

    path: Path
    country: str
    framework: str
    title: str
    score: str
    assessed: str
    changed: dt.datetime | None
    problem: str = ""


def assessment_files(folder: Path) -> list[Path]:
    """The ``*.toml`` files of a folder (not its sub-folders), conflict notes left out."""
    if not folder.is_dir():
        return []
    return [p for p in sorted(folder.glob("*.toml")) if not is_conflict_note(p)]


def has_assessments(folder: Path) -> bool:
    """Whether the folder holds any file :func:`assessment_files` would list (stops at the
    first one: the empty-folder note shows at once, before any file is read)."""
    if not folder.is_dir():
        return False
    return any(not is_conflict_note(p) for p in folder.glob("*.toml"))


def listed(row: Row) -> Listed | None:
    """A start-screen row from an overview row; None for a conflict note."""
    path = Path(row.path)
    if not isinstance(row, AssessmentRow):
        if row.kind == CONFLICT_NOTE:
            return None
        return Listed(path, "?", "?", path.name, "", "", None, row.reason)
    figure = (f"{row.percent:.2f}" if row.percent is not None
              else f"{row.assessed_units}/{row.units}")
    changed = dt.datetime.fromisoformat(row.changed) if row.changed else None
    return Listed(path, f"{row.country} {row.country_name}", row.framework, row.title, figure,
                  f"{row.assessed:.0f}%", changed)


def newest_first(rows: Iterable[Listed]) -> list[Listed]:
    epoch = dt.datetime.min.replace(tzinfo=dt.UTC)
    return sorted(rows, key=lambda r: r.changed or epoch, reverse=True)


def list_assessments(folder: Path, catalogues: Catalogues,
                     cache: RowCache | None = None) -> list[Listed]:
    """Every *.toml in `folder`, scored by the core; unreadable ones listed with why."""
    cache = cache or RowCache(catalogues)
    rows = [r for r in map(listed, cache.read_all(assessment_files(folder))) if r is not None]
    return newest_first(rows)


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _fit_name(name: str, width: int) -> str:
    """A file name cut in the middle: its end (a year, a copy's suffix) tells it apart."""
    if len(name) <= width:
        return name
    head = (width - 1) // 2
    return name[:head] + "…" + name[len(name) - (width - 1 - head):]


class StartScreen(Screen[None]):
    CSS_PATH = "start.tcss"
    BINDINGS = bindings.START

    def __init__(self, folder: Path, catalogues: Catalogues) -> None:
        super().__init__()
        self.folder = folder
        self.catalogues = catalogues
        self.rows: list[Listed] = []
        self.title = "ncsi-tui"
        self.sub_title = "assessments"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label(self._heading("reading…"), id="heading", markup=False)
        yield Static(
            f"No assessments in {self.folder}/ yet.\n\nPress n to start one, o to open a file, "
            "or e to copy the example assessments (a fictional country) here to try the tool.",
            id="empty", markup=False,
        )
        yield DataTable(id="assessments", cursor_type="row")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.fill_table()
        self.query_one(DataTable).focus()
        self.query_one("#empty").set_class(not has_assessments(self.folder), "-on")
        # Reading starts after the first frame: a worker parsing files shares the
        # interpreter with the drawing, and the empty table must not wait for it.
        self.call_after_refresh(self.load_rows)

    def on_resize(self) -> None:
        self.fill_table()

    def action_reload(self) -> None:
        """Read the folder again, in a worker: the screen is usable while rows come in."""
        if not self.query(DataTable):  # closed while the examples were copied
            return
        self.rows = []
        self.fill_table()
        self.query_one("#empty").set_class(False, "-on")
        self.load_rows()

    def action_overview(self) -> None:
        from ncsi_tui.app.screens.overview import OverviewScreen

        self.app.push_screen(OverviewScreen(self.folder, self.catalogues))

    @work(thread=True, exclusive=True, group="start-rows")
    def load_rows(self) -> None:
        """Read each file's row (cached by time and size) and hand them over in batches
        (:class:`~ncsi_tui.app.pacing.Pace`: at once until the screen is full, then about
        once a second)."""
        worker = get_current_worker()
        files = assessment_files(self.folder)
        cache = RowCache(self.catalogues, default_cache_file())
        pace = Pace(max(self.app.size.height, 24))
        batch: list[Listed] = []
        for i, row in enumerate(cache.read_all(files), 1):
            if worker.is_cancelled:
                return
            item = listed(row)
            if item is not None:
                batch.append(item)
            if pace.due(i, len(batch)):
                self.app.call_from_thread(self._add_rows, batch, f"reading {i}/{len(files)}…")
                batch = []
        cache.save()
        if not worker.is_cancelled:
            self.app.call_from_thread(self._finish, batch)

    def _add_rows(self, batch: list[Listed], progress: str) -> None:
        if not self.query(DataTable):  # closed (or the app quitting) while the worker read
            return
        self.rows.extend(batch)
        table = self.query_one(DataTable)
        for r in batch:
            table.add_row(*self._cells(r))
        self.query_one("#heading", Label).update(self._heading(progress))

    def _finish(self, batch: list[Listed]) -> None:
        """All read: newest first, the cursor kept on the file it was on."""
        if not self.query(DataTable):  # closed (or the app quitting) while the worker read
            return
        table = self.query_one(DataTable)
        moved = self.rows and 0 < table.cursor_row < len(self.rows)  # by the user, while reading
        current = self.rows[table.cursor_row].path if moved else None
        self.rows = newest_first([*self.rows, *batch])
        self.fill_table()
        if current is not None:
            at = next((i for i, r in enumerate(self.rows) if r.path == current), 0)
            table.move_cursor(row=at)
        self.query_one("#heading", Label).update(self._heading(""))
        self.query_one("#empty").set_class(not self.rows, "-on")

    def _heading(self, progress: str) -> str:
        keys = "(enter opens · v overview of the folder)"
        return f"Assessments in {self.folder}/  " + (progress or keys)

    def _layout(self) -> tuple[int, bool, list[tuple[str, int]], int, int]:
        """Columns fit the width. The file name is always shown: it tells two copies of
        one assessment apart; times, the share done and long titles where there is room."""
        width = self.size.width or 80
        wide = width >= 110
        fixed = [("Country", 20 if wide else 12), ("Framework", 10 if wide else 8),
                 ("Score", 6 if wide else 5)]
        if width >= 100:
            fixed.append(("Done", 5))
        fixed.append(("Last change", 16 if wide else 10))
        file_w = 24 if wide else 16
        title_w = max(10, width - sum(w for _, w in fixed) - file_w - 2 * (len(fixed) + 2) - 2)
        return width, wide, fixed, title_w, file_w

    def _cells(self, r: Listed) -> list[str]:
        width, wide, fixed, title_w, file_w = self._layout()
        stamp = "%Y-%m-%d %H:%M" if wide else "%Y-%m-%d"
        when = r.changed.astimezone(dt.UTC).strftime(stamp) if r.changed else ""
        title = r.title if not r.problem else f"‼ unreadable: {r.problem}"
        cells = [_fit(r.country, fixed[0][1]), r.framework, _fit(title, title_w), r.score,
                 *([r.assessed] if width >= 100 else []), when]
        return list(plain_cells(*cells, _fit_name(r.path.name, file_w)))

    def fill_table(self) -> None:
        """(Re)build the columns for the width and every row read so far."""
        _, _, fixed, title_w, file_w = self._layout()
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        for label, w in [*fixed[:2], ("Title", title_w), *fixed[2:], ("File", file_w)]:
            table.add_column(label, width=w)
        for r in self.rows:
            table.add_row(*self._cells(r))
        if self.rows:
            table.move_cursor(row=min(max(row, 0), len(self.rows) - 1))

    def action_open_selected(self) -> None:
        table = self.query_one(DataTable)
        if self.rows and 0 <= table.cursor_row < len(self.rows):
            self.post_message(OpenAssessment(self.rows[table.cursor_row].path))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open_selected()

    @work(exclusive=True, group="examples", thread=True)
    def action_copy_examples(self) -> None:
        """Copy the bundled examples into the listed folder (never over a file), then list."""
        try:
            made = copy_examples(self.folder)
        except InputError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", timeout=10)
            return
        names = ", ".join(p.name for p in made)
        self.app.call_from_thread(self.notify, f"Copied {names} into {self.folder}/")
        self.app.call_from_thread(self.action_reload)

    @work(exclusive=True, group="dialog")
    async def action_open_path(self) -> None:
        from ncsi_tui.app.screens.dialogs.new_assessment import OpenPathDialog

        path = await self.app.push_screen_wait(OpenPathDialog(self.folder))
        if path is not None:
            self.post_message(OpenAssessment(path))

    @work(exclusive=True, group="dialog")
    async def action_new(self) -> None:
        from ncsi_tui.app.screens.dialogs.new_assessment import NewAssessmentDialog

        choices = []
        for cid in self.catalogues.ids:
            try:
                cat = self.catalogues.get(cid)
            except InputError:
                continue
            choices.append((f"{cat.title} ({cid}, {cat.scoring})", cid))
        if not choices:
            self.notify("No framework catalogues are installed.", severity="error")
            return
        spec = await self.app.push_screen_wait(NewAssessmentDialog(choices, self.folder))
        if spec is None:
            return
        try:
            cat = self.catalogues.get(spec.framework)
            a = Assessment(
                framework=cat.id,
                country=Country(code=spec.country),
                title=spec.title,
                reference_date=spec.reference_date,
                organisations=[spec.organisation] if spec.organisation else [],
            )
            spec.path.parent.mkdir(parents=True, exist_ok=True)
            AssessmentSession.create(spec.path, a, cat).save()
        except (InputError, ValueError, OSError) as exc:
            self.notify(f"Not created: {exc}", severity="error", timeout=10, markup=False)
            return
        self.action_reload()
        self.post_message(OpenAssessment(spec.path))
