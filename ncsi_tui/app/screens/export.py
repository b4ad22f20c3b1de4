"""The export dialog: the same packs as ``ncsi export``, from the open assessment.

Built with the assessment screen's :class:`AssessmentSession`; renders the assessment as
it is in memory (edits not yet saved included) through :func:`ncsi_tui.core.export.export`
and writes it with :func:`ncsi_tui.core.export.write_export`. Dismisses with the path
written, or None. Internal notes are never exported.

It takes a file **name**, not a path (:func:`ncsi_tui.core.files.places.export_in`): the
export goes into the assessment's folder, or the export folder when one is configured
(``ncsi --export-dir``). A session started with ``--read-only`` (a reviewer) exports only
into a configured export folder, never into the team's folder.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, RadioButton, RadioSet

from ncsi_tui.core.errors import InputError
from ncsi_tui.core.export import FORMATS, default_name, export, write_export
from ncsi_tui.core.files.places import export_in
from ncsi_tui.core.files.session import AssessmentSession
from ncsi_tui.core.judge.readiness import run_checks

#: format -> what it is for, as the dialog shows it; a format of ``FORMATS`` missing here
#: is offered under its name.
LABELS = {
    "html": "HTML — printable pack with charts (print to PDF from a browser)",
    "md": "Markdown — for documents and review tickets",
    "csv": "CSV — one row per unit, for spreadsheets",
    "json": "JSON — everything, for other tools",
    "report-html": "Review report draft, HTML (printable)",
    "report-md": "Review report draft, Markdown",
    "xlsx": "XLSX — workbook to send out and take back (ncsi import sheet)",
    "docx": "DOCX — the pack as a Word document",
    "report-docx": "Review report draft, Word",
    "pdf": "PDF — the HTML pack printed (needs Chromium)",
}


def export_folder(app: object, session: AssessmentSession) -> Path | None:
    """Where this session's exports go: the configured export folder, else the
    assessment's folder; None for a ``--read-only`` session without an export folder."""
    configured = getattr(app, "export_dir", None)
    if configured is not None:
        return Path(configured)
    if getattr(app, "read_only", False):
        return None
    return session.path.parent


class _ShapeMixin:
    """A toggle whose mark is empty when off, so its state reads without colour."""

    ON = "●"
    value: bool

    @property
    def BUTTON_INNER(self) -> str:
        return self.ON if self.value else " "


class FormatButton(_ShapeMixin, RadioButton):
    """A format choice: ● when chosen."""


class ShapeCheckbox(_ShapeMixin, Checkbox):
    """A checkbox: X when ticked."""

    ON = "X"


BINDINGS = [
    Binding("escape", "cancel", "Cancel", id="export.cancel", tooltip="Close without exporting"),
    Binding(
        "ctrl+s",
        "submit",
        "Export",
        priority=True,
        id="export.submit",
        tooltip="Write the export file",
    ),
]


class ExportScreen(ModalScreen[Path | None]):
    """Pick a format and a file; ctrl+s writes it."""

    BINDINGS = BINDINGS
    DEFAULT_CSS = """
    ExportScreen { align: center middle; }
    ExportScreen > Vertical {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    ExportScreen #export-title { text-style: bold; }
    ExportScreen RadioSet { width: 100%; border: none; padding: 0; }
    ExportScreen #export-where { height: auto; }
    ExportScreen #export-where, ExportScreen #export-error { width: 100%; }
    ExportScreen #export-error { color: $error; height: auto; }
    ExportScreen #export-buttons { height: auto; align-horizontal: right; }
    ExportScreen Button { margin-left: 1; }
    """

    def __init__(self, session: AssessmentSession, fmt: str = "html") -> None:
        super().__init__()
        self.session = session
        self.fmt = fmt if fmt in FORMATS else "html"
        self.folder: Path | None = None

    def default(self, fmt: str) -> str:
        """The proposed file name: the assessment's name with the format's extension."""
        return default_name(Path(self.session.path.name), fmt).name

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(
                f"Export {self.session.path.name} (internal notes are never exported)",
                id="export-title", markup=False,
            )
            with RadioSet(id="export-format"):
                for fmt in FORMATS:
                    yield FormatButton(LABELS.get(fmt, fmt), value=fmt == self.fmt,
                                       id=f"format-{fmt}")
            yield Label("", id="export-where", markup=False)
            yield Input(self.default(self.fmt), id="export-path",
                        placeholder="file name (written in the folder above)")
            yield ShapeCheckbox(
                "Include the readiness findings and open work", value=True, id="export-findings"
            )
            yield Label("", id="export-error", markup=False)
            with Horizontal(id="export-buttons"):
                yield Button("Export (ctrl+s)", id="export-go", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="export-cancel", compact=True)

    def on_mount(self) -> None:
        self.folder = export_folder(self.app, self.session)
        where = self.query_one("#export-where", Label)
        if self.folder is None:
            where.update("Read-only session: exports need an export folder (ncsi "
                         "--export-dir DIR); nothing can be written here.")
        else:
            where.update(f"Writes into {self.folder.resolve()}/ as:")
        self.query_one(RadioSet).focus()

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        new = (event.pressed.id or "").removeprefix("format-")
        path_input = self.query_one("#export-path", Input)
        if path_input.value.strip() in ("", self.default(self.fmt)):
            path_input.value = self.default(new)
        self.fmt = new

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "export-go":
            self.action_submit()
        else:
            self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def action_submit(self) -> None:
        value = self.query_one("#export-path", Input).value
        error = self.query_one("#export-error", Label)
        if self.folder is None:
            error.update("Not written: a read-only session exports only into an export "
                         "folder (ncsi --export-dir DIR).")
            return
        cat, a = self.session.catalogue, self.session.assessment
        with_findings = self.query_one("#export-findings", Checkbox).value
        findings = run_checks(cat, a) if with_findings else []
        try:
            path = export_in(self.folder, value, FORMATS[self.fmt][1], self.session.path)
            write_export(
                path,
                export(self.fmt, cat, a, self.session.score(), findings),
                assessment_path=self.session.path,
            )
        except InputError as exc:
            error.update(f"Not written. {exc}")
            return
        self.app.notify(f"Wrote {path.resolve()} ({self.fmt})", timeout=8, markup=False)
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)
