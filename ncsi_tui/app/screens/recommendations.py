"""The recommendations screen (issue 12): the review's recommendations, their status and
the evidence of progress, for the open assessment.

Built with the assessment screen's :class:`AssessmentSession`; every edit goes through
core/files/review_edits.py (the same functions as ``ncsi recs``). After an edit it asks the
screen below to autosave (its ``schedule_autosave``) when there is one; ctrl+s saves now.
Opened from the plan screen (``r``) or from a ``bindings.VIEWS`` entry.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.suggester import SuggestFromList
from textual.widgets import Button, DataTable, Input, Label, Select

from ncsi_tui.app.plain import cells
from ncsi_tui.app.screens.dialogs.edit import EditDialog
from ncsi_tui.app.screens.dialogs.reference import ReferenceDialog
from ncsi_tui.app.widgets.footer import KeysFooter
from ncsi_tui.core.errors import InputError
from ncsi_tui.core.files.review_edits import add_recommendation, update_recommendation
from ncsi_tui.core.files.session import AssessmentSession
from ncsi_tui.core.model.catalogue import Unit
from ncsi_tui.core.model.fields import parse_date
from ncsi_tui.core.model.review import (
    PRIORITIES,
    REC_STATUSES,
    Recommendation,
    group_index,
    known_organisations,
    natural_key,
)
from ncsi_tui.core.model.text import strip_controls

BINDINGS = [
    Binding("a", "add", "Add", id="recommendations.add", tooltip="Add a recommendation"),
    Binding("e", "edit", "Edit", id="recommendations.edit",
            tooltip="Edit the highlighted recommendation (text, priority, owner, due, status)"),
    Binding("d", "done", "Done", id="recommendations.done", tooltip="Mark the highlighted one done"),
    Binding("r", "add_reference", "Add ref", id="recommendations.add-reference",
            tooltip="Add evidence of progress (a reference) to the highlighted one"),
    Binding("ctrl+s", "save", "Save", id="recommendations.save", priority=True,
            tooltip="Save now"),
    Binding("escape", "close", "Back", id="recommendations.close", tooltip="Back"),
]

Apply = Callable[[dict[str, Any]], str | None]


def after_edit(screen: Screen[Any], session: AssessmentSession) -> None:
    """Let the assessment screen below autosave, as it does for its own edits."""
    for below in reversed(screen.app.screen_stack[:-1]):
        schedule = getattr(below, "schedule_autosave", None)
        if callable(schedule) and getattr(below, "session", None) is session:
            schedule()
            return


async def save(screen: Screen[Any], session: AssessmentSession) -> None:
    """Save through the assessment screen below when there is one, else directly."""
    for below in reversed(screen.app.screen_stack[:-1]):
        save_now = getattr(below, "save_now", None)
        if callable(save_now) and getattr(below, "session", None) is session:
            await save_now()
            return
    try:
        await asyncio.to_thread(session.save_merging)
    except InputError as exc:
        screen.notify(f"Not saved. {exc}", severity="error", timeout=10)
        return
    screen.notify(f"Saved {session.path.name}")


def example_ids(session: AssessmentSession) -> str:
    """', e.g. 1.2 or 1' for the NCSI, ', e.g. D1.1.2 or D1.1' for the CMM: from the catalogue."""
    cat = session.catalogue
    unit = cat.units[0].id if cat.units else ""
    group = cat.leaf_groups[0].id if cat.leaf_groups else ""
    return f", e.g. {unit} or {group}" if unit and group else ""


class RecommendationDialog(EditDialog):
    """Add or edit one recommendation; `apply` makes the change or returns what is wrong."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel", tooltip="Close, change nothing"),
        Binding("ctrl+s", "submit", "Keep", priority=True, id="recommendation.submit",
                tooltip="Keep this recommendation"),
    ]
    DEFAULT_CSS = """
    RecommendationDialog { align: center middle; }
    RecommendationDialog > Vertical {
        width: 80; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    RecommendationDialog #heading { text-style: bold; width: 1fr; }
    RecommendationDialog .row { height: 1; margin-top: 1; }
    RecommendationDialog .row Label { width: 10; }
    RecommendationDialog .row Input, RecommendationDialog .row Select { width: 1fr; }
    RecommendationDialog #error { height: auto; margin-top: 1; text-style: bold; }
    RecommendationDialog #buttons { height: 1; margin-top: 1; align-horizontal: right; }
    RecommendationDialog #buttons Button { margin-left: 2; }
    """

    def __init__(self, heading: str, apply: Apply, rec: Recommendation | None,
                 organisations: list[str], unit: str = "", example: str = "") -> None:
        super().__init__()
        self.heading, self.apply, self.rec = heading, apply, rec
        self.example = example
        self.organisations = organisations
        self.unit = rec.unit if rec else unit

    def compose(self) -> ComposeResult:
        rec = self.rec
        with Vertical():
            yield Label(self.heading, id="heading", markup=False)
            for name, label, value, hint in (
                ("unit", "For", self.unit, f"unit or group id{self.example}"),
                ("text", "Text", rec.text if rec else "", "what should be done"),
                ("owner", "Owner", rec.owner if rec else "", "an organisation (tab completes)"),
                ("due", "Due", rec.due.isoformat() if rec and rec.due else "", "YYYY-MM-DD"),
            ):
                with Horizontal(classes="row"):
                    yield Label(label)
                    suggester = (SuggestFromList(self.organisations, case_sensitive=False)
                                 if name == "owner" else None)
                    yield Input(strip_controls(value), placeholder=hint, compact=True, id=name, suggester=suggester,
                                disabled=name == "unit" and rec is not None)
            with Horizontal(classes="row"):
                yield Label("Priority")
                yield Select([(p, p) for p in PRIORITIES], value=rec.priority if rec else "medium",
                             allow_blank=False, compact=True, id="priority")
            with Horizontal(classes="row"):
                yield Label("Status")
                yield Select([(s, s) for s in REC_STATUSES], value=rec.status if rec else "proposed",
                             allow_blank=False, compact=True, id="status")
            yield Label("", id="error", markup=False)
            with Horizontal(id="buttons"):
                yield Button("Keep (ctrl+s)", id="keep", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#text" if self.rec or self.unit else "#unit", Input).focus()

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {k: self.query_one(f"#{k}", Input).value.strip()
                               for k in ("unit", "text", "owner", "due")}
        out["priority"] = self.query_one("#priority", Select).value
        out["status"] = self.query_one("#status", Select).value
        return out



class RecommendationsScreen(Screen[None]):
    """Every recommendation of the review; keys add, edit, mark done, add evidence."""

    BINDINGS = BINDINGS
    DEFAULT_CSS = """
    RecommendationsScreen { layout: vertical; }
    RecommendationsScreen #recs-head { padding: 0 1; text-style: bold; width: 1fr; }
    RecommendationsScreen #recs-hint { padding: 0 1; color: $text-muted; }
    RecommendationsScreen DataTable { height: 1fr; }
    RecommendationsScreen #recs-text { width: 1fr; height: auto; max-height: 6; padding: 0 1;
        border-top: solid $panel; }
    """

    def __init__(self, session: AssessmentSession) -> None:
        super().__init__()
        self.session = session

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A read-only session (reviewers) offers looking, not editing."""
        return not self.session.read_only or action in ("close",)

    def compose(self) -> ComposeResult:
        yield Label("", id="recs-head", markup=False)
        yield Label("a add · e edit · d done · r add evidence · ctrl+s save · esc back",
                    id="recs-hint")
        table: DataTable[str] = DataTable(cursor_type="row", zebra_stripes=True)
        table.add_columns("Id", "For", "Priority", "Status", "Owner", "Due", "Refs", "Text")
        yield table
        yield Label("", id="recs-text", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.refresh_table()
        self.query_one(DataTable).focus()

    def recs(self) -> list[Recommendation]:
        return sorted(self.session.assessment.review.recommendations, key=lambda r: natural_key(r.id))

    def refresh_table(self, select: str | None = None) -> None:
        table = self.query_one(DataTable)
        current = select or self.current_id()
        table.clear()
        recs = self.recs()
        for r in recs:
            table.add_row(*cells(r.id, r.unit, r.priority, r.status, r.owner or "—",
                                 r.due.isoformat() if r.due else "—", str(len(r.references)),
                                 r.text), key=r.id)
        done = sum(r.status == "done" for r in recs)
        self.query_one("#recs-head", Label).update(
            f"Recommendations — {len(recs)}, {done} done"
            + ("" if recs else " (press a to add the first)"))
        ids = [r.id for r in recs]
        if current in ids:
            table.move_cursor(row=ids.index(current))
        self.show_text()

    def current_id(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_text()

    def show_text(self) -> None:
        rid = self.current_id()
        label = self.query_one("#recs-text", Label)
        if rid is None:
            label.update("")
            return
        r = self.session.assessment.review.recommendation(rid)
        refs = "; ".join(x.title for x in r.references)
        label.update(f"{r.id} {r.text}" + (f"\nEvidence: {refs}" if refs else ""))

    def _changed(self, rid: str | None = None) -> None:
        self.refresh_table(rid)
        after_edit(self, self.session)

    # --- actions -----------------------------------------------------------------------
    def _apply_add(self, values: dict[str, Any]) -> str | None:
        try:
            rec = add_recommendation(self.session, values["unit"], values["text"],
                                     values["priority"], owner=values["owner"],
                                     due=_date(values["due"]))
            if values["status"] != rec.status:
                update_recommendation(self.session, rec.id, status=values["status"])
        except InputError as exc:
            return exc.message + (f" — {exc.hint}" if exc.hint else "")
        self._changed(rec.id)
        return None

    def _apply_edit(self, rid: str) -> Apply:
        def apply(values: dict[str, Any]) -> str | None:
            try:
                update_recommendation(self.session, rid, text=values["text"],
                                      priority=values["priority"], owner=values["owner"],
                                      due=_date(values["due"]), status=values["status"])
            except InputError as exc:
                return exc.message + (f" — {exc.hint}" if exc.hint else "")
            self._changed(rid)
            return None

        return apply

    def action_add(self) -> None:
        self.app.push_screen(RecommendationDialog(
            "Add a recommendation", self._apply_add, None,
            known_organisations(self.session.assessment), example=example_ids(self.session)))

    def action_edit(self) -> None:
        rid = self.current_id()
        if rid is None:
            return
        rec = self.session.assessment.review.recommendation(rid)
        self.app.push_screen(RecommendationDialog(
            f"Edit {rid}", self._apply_edit(rid), rec, known_organisations(self.session.assessment),
            example=example_ids(self.session)))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def action_done(self) -> None:
        rid = self.current_id()
        if rid is not None:
            update_recommendation(self.session, rid, status="done")
            self._changed(rid)

    @work(exclusive=True, group="dialog")
    async def action_add_reference(self) -> None:
        rid = self.current_id()
        if rid is None:
            return
        rec = self.session.assessment.review.recommendation(rid)
        target = self.session.catalogue.unit_index.get(rec.unit)
        if target is None:
            g = group_index(self.session.catalogue)[rec.unit]
            target = Unit(id=g.id, name=g.name)
        ref = await self.app.push_screen_wait(ReferenceDialog(target, f"{rid} ({rec.unit})"))
        if ref is not None:
            update_recommendation(self.session, rid, references=[ref])
            self._changed(rid)

    @work(exclusive=True, group="save")
    async def action_save(self) -> None:
        await save(self, self.session)

    def action_close(self) -> None:
        self.dismiss(None)


def _date(text: str) -> dt.date | None:
    if not text:
        return None
    try:
        return parse_date(text)
    except ValueError as exc:
        raise InputError(f"Due: {exc}") from None
