"""What the team recorded for one unit: status or stage, evidence text, references, notes.

The editor only shows and reports; the screen applies every change through the core
session (so `updated_by` / `updated_at` are stamped in one place) and reloads the editor.
Programmatic loads are wrapped in ``prevent(TextArea.Changed)`` so moving to another unit
can never write one unit's text into the next.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, DataTable, Label, Static, TextArea

from ncsi_tui.app.plain import cells
from ncsi_tui.app.widgets.indicator_pane import update_in_place
from ncsi_tui.app.widgets.kept_styles import KeptStyles
from ncsi_tui.app.widgets.marks import stage_mark, status_mark, unit_marks
from ncsi_tui.core.model.assessment import Record
from ncsi_tui.core.model.catalogue import Catalogue
from ncsi_tui.core.model.reference import reference_details
from ncsi_tui.core.model.text import strip_controls


class ReferenceTable(DataTable[str]):
    """References of the unit; enter edits, delete removes."""

    BINDINGS = [
        Binding("delete,backspace", "remove", "Remove ref", id="reference.remove",
                tooltip="Remove the highlighted reference"),
    ]

    class RemoveRequested(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def action_remove(self) -> None:
        if self.row_count:
            self.post_message(self.RemoveRequested(self.cursor_row))


class DocumentArea(TextArea, KeptStyles):
    """A text box with the usual document keys on top of TextArea's own: ctrl+home and
    ctrl+end go to the start and end of the whole text (shift selects on the way)."""

    BINDINGS = [
        Binding("ctrl+home", "document_start", "Start of text", show=False,
                id="text.start", tooltip="Cursor to the start of the text"),
        Binding("ctrl+end", "document_end", "End of text", show=False,
                id="text.end", tooltip="Cursor to the end of the text"),
        Binding("ctrl+shift+home", "document_start(True)", "Select to start", show=False,
                id="text.select-start", tooltip="Select to the start of the text"),
        Binding("ctrl+shift+end", "document_end(True)", "Select to end", show=False,
                id="text.select-end", tooltip="Select to the end of the text"),
    ]

    def watch_has_focus(self, has_focus: bool) -> None:
        """Textual restyles a widget as soon as its focus changes: 2-3 ms for a text box,
        before the frame that shows the cursor in it (`e`, issue 24). Here the restyle
        comes right after that frame: only the border's colour waits one frame."""
        self.call_after_refresh(self._restyle)

    def _restyle(self) -> None:
        if self.is_attached:
            self.update_node_styles()

    def load_text(self, text: str) -> None:
        """Load `text` without terminal control characters: a colleague's ``ESC]0;...`` in
        evidence would otherwise reach the terminal (issue 17.7). Newlines and tabs stay."""
        super().load_text(strip_controls(text))

    #: texts longer than this are shown as a preview of their start until the box is
    #: focused: wrapping a megabyte on every move between units would stall the screen
    LARGE = 20_000
    PREVIEW = 2_000

    _full: str | None = None  # the whole text while only a preview is loaded

    @property
    def value(self) -> str:
        """The whole text, also while only its start is shown."""
        return self.text if self._full is None else self._full

    @property
    def previewing(self) -> bool:
        return self._full is not None

    def show_text(self, value: str) -> None:
        """Load `value` without reporting it as an edit; a large text not being edited
        loads only its start (the rest when the box gets the focus)."""
        if value == self.value and (self._full is None or not self.has_focus):
            return
        large = len(value) > self.LARGE and not self.has_focus
        self._full = value if large else None
        with self.prevent(TextArea.Changed):
            self.load_text(self._preview(value) if large else value)

    def _preview(self, value: str) -> str:
        start = value[: self.PREVIEW].rsplit("\n", 1)[0]
        return (f"{start}\n… {len(value):,} characters in all: e or tab shows the whole "
                "text")

    def load_whole(self) -> None:
        """Replace a preview with the whole text (to edit it)."""
        if self._full is not None:
            value, self._full = self._full, None
            with self.prevent(TextArea.Changed):
                self.load_text(value)

    def on_focus(self) -> None:
        self.load_whole()

    def action_document_start(self, select: bool = False) -> None:
        self.move_cursor((0, 0), select=select)

    def action_document_end(self, select: bool = False) -> None:
        self.move_cursor(self.document.end, select=select)

    def edit_at_end(self) -> None:
        """Focus with the cursor after the last character: text typed now is added."""
        self.load_whole()
        # at once, not at the next idle as focus() would: the box shows the focus in the
        # key's own frame, and a key typed right after e already types into it
        self.screen.set_focus(self)
        self.move_cursor(self.document.end)


class UnitStatus(Static):
    """The recorded status (points) or stage (maturity) with its keys, and who set it last."""

    DEFAULT_CSS = """
    UnitStatus { height: auto; padding: 0 1; margin-top: 1; }
    """

    def __init__(self, catalogue: Catalogue, *, read_only: bool = False, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.catalogue = catalogue
        self.read_only = read_only

    last: Record | None = None
    #: the content width the text was last made for (0: none yet)
    made_for = 0

    def on_resize(self) -> None:
        """Make the text again for a new width: the keys may fit beside the status now."""
        if self.last is not None and self.content_size.width != self.made_for:
            self.show_status(self.last)

    def show_status(self, rec: Record) -> None:
        """The status (stage) and its keys, then who changed it last.

        The keys go beside the status when they fit there whatever the status, else on a
        line of their own for every status: m, x, c (1-5, 0) never change the pane's
        height, so a status key redraws these lines only, not the whole column."""
        self.last = rec
        self.made_for = self.content_size.width
        points = self.catalogue.scoring == "points"
        if points:
            mark, words = status_mark(rec)
            keys = "m met · x not met · c clear"
        else:
            mark, words = stage_mark(self.catalogue, rec)
            n = len(self.catalogue.stages)
            keys = f"1-{n} set stage · 0 clear"
        if self.read_only:  # what a reviewer can do instead
            keys = "read-only · f6 findings · f7 compare · f8 export"
        head = "Status: " if points else "Stage: "
        longest = max(cell_len(f"{m} {w}") for m, w in unit_marks(self.catalogue))
        beside = cell_len(head) + longest + 2 + cell_len(keys) + 2 <= (self.made_for or 80)
        line = Text.assemble((head, "bold"), (f"{mark} {words}", "bold reverse"),
                             "  " if beside else "\n", (f"({keys})", "dim"))
        if rec.updated_by:
            stamp = rec.updated_at.strftime("%Y-%m-%d %H:%M UTC") if rec.updated_at else ""
            line.append(f"\nlast change: {rec.updated_by} {stamp}".rstrip(), style="dim")
        update_in_place(self, line)


class EvidenceEditor(Vertical):
    """Evidence, references and internal notes of the current unit."""

    DEFAULT_CSS = """
    EvidenceEditor { height: auto; padding: 0 1; }
    EvidenceEditor .label { text-style: bold; margin-top: 1; }
    EvidenceEditor TextArea { height: 6; }
    EvidenceEditor #notes { height: 4; }
    EvidenceEditor ReferenceTable { height: auto; max-height: 8; }
    EvidenceEditor #ref-detail { height: auto; padding: 0 1; display: none; }
    EvidenceEditor #ref-detail.-some { display: block; }
    EvidenceEditor ReferenceTable:focus > .datatable--cursor { text-style: bold reverse; }
    EvidenceEditor #ref-bar { height: auto; }
    EvidenceEditor #ref-bar Button { margin-right: 1; min-width: 0; width: auto; }
    """

    class TextChanged(Message):
        """The user edited evidence or notes of `unit_id`."""

        def __init__(self, unit_id: str, field: str, text: str) -> None:
            super().__init__()
            self.unit_id = unit_id
            self.field = field
            self.text = text

    class ReferenceRequested(Message):
        """Open the reference dialog: `index` None adds, a number edits."""

        def __init__(self, index: int | None) -> None:
            super().__init__()
            self.index = index

    class ReferenceRemove(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, catalogue: Catalogue, *, read_only: bool = False, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.catalogue = catalogue
        self.read_only = read_only
        self.unit_id: str | None = None
        self._shown_refs: list[object] | None = None

    def compose(self) -> ComposeResult:
        yield Label("Evidence (read-only)" if self.read_only
                    else "Evidence (e to type, escape to leave)", classes="label")
        yield DocumentArea(id="evidence", soft_wrap=True, read_only=self.read_only,
                           tab_behavior="focus")
        yield Label("References", classes="label", id="refs-label")
        table = ReferenceTable(id="references", cursor_type="row", zebra_stripes=False)
        table.add_columns("#", "Kind", "Title", "Where", "Published")
        yield table
        yield Static("", id="ref-detail")
        with Horizontal(id="ref-bar") as bar:
            bar.display = not self.read_only  # a reviewer adds no reference
            # for the mouse: each has a key, so tab skips them (tab goes evidence ->
            # references -> notes, the order on screen, and never to a button cut off)
            for label, bid in (("Add (r)", "add-ref"), ("Edit (enter)", "edit-ref"),
                               ("Remove (del)", "remove-ref")):
                button = Button(label, id=bid, compact=True, disabled=self.read_only)
                button.can_focus = False
                yield button
        yield Label("Internal notes (never exported)", classes="label")
        yield DocumentArea(id="notes", soft_wrap=True, read_only=self.read_only,
                           tab_behavior="focus")

    def show(self, unit_id: str, rec: Record) -> None:
        """Load a unit's record without reporting it as an edit."""
        self.unit_id = unit_id
        for field in ("evidence", "notes"):
            self.query_one(f"#{field}", DocumentArea).show_text(getattr(rec, field))
        self.show_references(rec)

    def show_references(self, rec: Record) -> None:
        table = self.query_one(ReferenceTable)
        if rec.references == self._shown_refs and table.row_count == len(rec.references):
            return  # nothing to redraw: keeps a move between units cheap
        self._shown_refs = list(rec.references)
        row = table.cursor_row
        table.clear()
        for i, ref in enumerate(rec.references, 1):
            table.add_row(*cells(
                str(i),
                ref.kind,
                ref.title,
                ref.locator or ref.url,
                ref.published.isoformat() if ref.published else "",
            ))
        table.can_focus = bool(rec.references)  # an empty table is no stop for tab
        self.show_reference_detail(rec, table.cursor_row)
        if not rec.references:
            self.query_one("#refs-label", Label).update(
                "References: none" if self.read_only else "References: none yet (r adds one)",
                layout=False)
        else:
            self.query_one("#refs-label", Label).update(f"References ({len(rec.references)})",
                                                        layout=False)
            table.move_cursor(row=min(row, table.row_count - 1))

    def show_reference_detail(self, rec: Record, row: int) -> None:
        """The highlighted reference's details the table has no room for: URL, access,
        validity, quote and its English rendering."""
        detail = self.query_one("#ref-detail", Static)
        if not rec.references:
            detail.set_class(False, "-some")
            update_in_place(detail, Text())
            return
        index = max(0, min(row, len(rec.references) - 1))
        ref = rec.references[index]
        text = Text(f"[{index + 1}] ", style="bold")
        text.append(ref.url or "no URL")
        text.append(" · restricted" if ref.access == "restricted" else " · public")
        if ref.accessed:
            text.append(f" · accessed {ref.accessed}")
        for line in reference_details(ref):
            text.append("\n" + line)
        detail.set_class(True, "-some")
        update_in_place(detail, text)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if self._shown_refs:
            self.show_reference_detail(Record.model_construct(references=self._shown_refs),
                                       event.cursor_row)

    # --- what the user did ---------------------------------------------------------
    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        if self.unit_id is None or self.read_only:
            return
        if isinstance(event.text_area, DocumentArea) and event.text_area.previewing:
            return  # never a preview as the text: only the whole text is recorded
        field = event.text_area.id or "evidence"
        self.post_message(self.TextChanged(self.unit_id, field, event.text_area.text))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if not self.read_only:
            self.post_message(self.ReferenceRequested(event.cursor_row))

    def on_reference_table_remove_requested(self, event: ReferenceTable.RemoveRequested) -> None:
        event.stop()
        if not self.read_only:
            self.post_message(self.ReferenceRemove(event.index))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        table = self.query_one(ReferenceTable)
        if event.button.id == "add-ref":
            self.post_message(self.ReferenceRequested(None))
        elif table.row_count and event.button.id == "edit-ref":
            self.post_message(self.ReferenceRequested(table.cursor_row))
        elif table.row_count and event.button.id == "remove-ref":
            self.post_message(self.ReferenceRemove(table.cursor_row))
