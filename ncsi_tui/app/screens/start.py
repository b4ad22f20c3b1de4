"""`ncsi`: the assessments in a folder (country, framework, title, score, share assessed,
last change; newest first), open one, start a new one, or open a path."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Header, Label, Static

from ncsi_tui.app import bindings
from ncsi_tui.app.messages import OpenAssessment
from ncsi_tui.app.plain import cells as plain_cells
from ncsi_tui.app.screens.dialogs.new_assessment import NewAssessmentDialog, OpenPathDialog
from ncsi_tui.app.widgets.footer import KeysFooter
from ncsi_tui.core.errors import InputError
from ncsi_tui.core.files import storage
from ncsi_tui.core.files.examples import copy_examples
from ncsi_tui.core.files.session import AssessmentSession
from ncsi_tui.core.judge.scoring import PointsScore, score
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


def list_assessments(folder: Path, catalogues: Catalogues) -> list[Listed]:
    """Every *.toml in `folder`, scored by the core; unreadable ones listed with why."""
    rows: list[Listed] = []
    for path in sorted(folder.glob("*.toml")) if folder.is_dir() else []:
        if ".toml.conflict-" in path.name:  # a conflict note (core/files/merge.py), not an assessment
            continue
        try:
            a = storage.load(path).assessment
            cat = catalogues.get(a.framework)
            s = score(cat, a)
        except InputError as exc:
            rows.append(Listed(path, "?", "?", path.name, "", "", None, exc.message))
            continue
        figure = (f"{s.total.percent:.2f}" if isinstance(s, PointsScore)
                  else f"{s.assessed}/{s.units}")
        changed = a.updated or a.created
        rows.append(Listed(path, f"{a.country.code} {a.country.name}", a.framework, a.title,
                           figure, f"{s.assessed_share:.0f}%", changed))
    epoch = dt.datetime.min.replace(tzinfo=dt.UTC)
    return sorted(rows, key=lambda r: r.changed or epoch, reverse=True)


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
        yield Label(f"Assessments in {self.folder}/  (enter opens · n new · o open by name)",
                    id="heading", markup=False)
        yield Static(
            f"No assessments in {self.folder}/ yet.\n\nPress n to start one, o to open a file, "
            "or e to copy the example assessments (a fictional country) here to try the tool.",
            id="empty", markup=False,
        )
        yield DataTable(id="assessments", cursor_type="row")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.action_reload()
        self.query_one(DataTable).focus()

    def on_resize(self) -> None:
        self.fill_table()

    def action_reload(self) -> None:
        self.rows = list_assessments(self.folder, self.catalogues)
        self.fill_table()
        self.query_one("#empty").set_class(not self.rows, "-on")

    def fill_table(self) -> None:
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
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        for label, w in [*fixed[:2], ("Title", title_w), *fixed[2:], ("File", file_w)]:
            table.add_column(label, width=w)
        for r in self.rows:
            stamp = "%Y-%m-%d %H:%M" if wide else "%Y-%m-%d"
            when = r.changed.astimezone(dt.UTC).strftime(stamp) if r.changed else ""
            title = r.title if not r.problem else f"‼ unreadable: {r.problem}"
            cells = [_fit(r.country, fixed[0][1]), r.framework, _fit(title, title_w), r.score,
                     *([r.assessed] if width >= 100 else []), when]
            table.add_row(*plain_cells(*cells, _fit_name(r.path.name, file_w)))
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
        path = await self.app.push_screen_wait(OpenPathDialog(self.folder))
        if path is not None:
            self.post_message(OpenAssessment(path))

    @work(exclusive=True, group="dialog")
    async def action_new(self) -> None:
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
                reference_date=dt.date.today(),
                organisations=[spec.organisation] if spec.organisation else [],
            )
            spec.path.parent.mkdir(parents=True, exist_ok=True)
            AssessmentSession.create(spec.path, a, cat).save()
        except (InputError, ValueError, OSError) as exc:
            self.notify(f"Not created: {exc}", severity="error", timeout=10, markup=False)
            return
        self.action_reload()
        self.post_message(OpenAssessment(spec.path))
