"""The assessment screen: navigator, unit pane with evidence editor, live summary.

State lives here (the core session), not in the App or the widgets: widgets post what the
user did, this screen applies it through `AssessmentSession`, asks `core.scoring` for the
figures and shows them on the same keystroke. Saving: an exclusive, debounced autosave
worker that writes in a thread (see :mod:`autosave`).
"""

from __future__ import annotations

import functools
import importlib
import importlib.util

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Header, Input, TextArea

from ncsi_tui.app import bindings
from ncsi_tui.app.commands import UnitJumpProvider
from ncsi_tui.app.screens.autosave import AutosaveMixin
from ncsi_tui.app.screens.review_steps import ReviewStepsMixin
from ncsi_tui.app.screens.unit_view import UnitViewMixin
from ncsi_tui.app.widgets.evidence_editor import DocumentArea, EvidenceEditor, UnitStatus
from ncsi_tui.app.widgets.footer import KeysFooter
from ncsi_tui.app.widgets.indicator_pane import IndicatorPane, StageGrid
from ncsi_tui.app.widgets.maturity_profile import MaturityProfile
from ncsi_tui.app.widgets.navigator import Navigator
from ncsi_tui.app.widgets.points_summary import PointsSummary
from ncsi_tui.app.widgets.score_summary import ScoreSummary
from ncsi_tui.app.widgets.status_line import StatusLine
from ncsi_tui.app.widgets.unit_findings import UnitFindings
from ncsi_tui.core.errors import InputError
from ncsi_tui.core.files.session import AssessmentSession
from ncsi_tui.core.judge.scoring import MaturityScore, PointsScore, Score

WIDE = 120
EXTRA_WIDE = 180
_STATUS_ACTIONS = {"mark", "stage", "add_reference", "next_unit", "prev_unit", "next_open",
                   "toggle_summary", "edit_evidence", "filter", "finding", "gap", "target_stage"}
_WRITING_ACTIONS = {"add_reference", "save", "finding", "gap", "next_cycle"}


@functools.cache
def installed(module: str) -> bool:
    """Whether `module` (a view's screen) can be imported: asked once a run, not on every
    footer refresh (looking on disk took a third of reading the screen's keys)."""
    return importlib.util.find_spec(module) is not None


class AssessmentScreen(UnitViewMixin, AutosaveMixin, ReviewStepsMixin, Screen[None]):
    CSS_PATH = "assessment.tcss"
    BINDINGS = [*bindings.ASSESSMENT, *bindings.POINTS, *bindings.MATURITY,
                *bindings.REVIEW_STEPS, *bindings.VIEW_BINDINGS]
    COMMANDS = {UnitJumpProvider}
    #: the footer's order: the main action first, then what is used most (issue 20.3)
    FOOTER_FIRST = bindings.ASSESSMENT_FOOTER
    #: focused from the start (not the hidden filter box): the first frame's footer keys
    AUTO_FOCUS = "#navigator"

    # no repaint of its own: the panes it fills repaint what changes (a repaint of the
    # whole screen on every move between units doubled the time to the screen)
    current: reactive[str] = reactive("", init=False, repaint=False)

    def __init__(self, session: AssessmentSession, *, read_only: bool = False,
                 autosave_delay: float = 1.0) -> None:
        super().__init__()
        self.session = session
        self.read_only = read_only
        session.read_only = read_only
        self.setup_autosave(autosave_delay)
        self.setup_unit_view()
        #: the filter box, made by the first `/` (not a widget of the first screen; dialogs
        #: too are imported only where they open)
        self.filter_box: Input | None = None
        self.summary_on = False  # s on a narrow terminal: the summary instead of the unit
        cat, a = session.catalogue, session.assessment
        self.title = f"{a.country.name} · {cat.title} ({cat.id})"
        self.sub_title = a.title
        # styled for the terminal's width from the start (on_resize follows it): a class
        # set once mounted restyles every widget of the screen before the first frame
        self.set_class(self.app.size.width >= WIDE, "-wide", update=False)
        self.set_class(self.app.size.width >= EXTRA_WIDE, "-extra-wide", update=False)

    @property
    def is_maturity(self) -> bool:
        return self.session.catalogue.scoring == "maturity"

    # --- layout --------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        cat = self.session.catalogue
        yield Header()
        with Horizontal(id="body"):
            with Vertical(id="nav-col"):
                yield Navigator(cat, self.session.assessment, id="navigator")
            with VerticalScroll(id="unit"):
                yield IndicatorPane(id="indicator")
                yield UnitStatus(cat, read_only=self.read_only, id="unit-status")
                yield UnitFindings(id="unit-findings")
                if self.is_maturity:
                    yield StageGrid(cat, id="stages")
                yield EvidenceEditor(cat, read_only=self.read_only, id="editor")
            with VerticalScroll(id="side"):
                if self.is_maturity:
                    yield MaturityProfile(cat, id="summary")
                else:
                    yield PointsSummary(id="summary")
        yield StatusLine(self.session.path.name, id="status-line")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.show_columns()  # before the scores: a hidden summary only keeps them
        first = self.session.catalogue.units[0].id
        self.goto(first, scroll=False)  # no scroll before the first layout: one paint
        self.refresh_scores()
        self.refresh_findings()
        status = self.query_one(StatusLine)
        status.state = "read-only" if self.read_only else ("unsaved" if self.session.dirty else "saved")
        nav = self.query_one(Navigator)
        nav.focus()
        self.start_disk_watch()
        if self.session.assessment.unresolved:  # a git merge left fields to decide
            self.finish_merge()

    def on_resize(self) -> None:
        self.apply_width(self.size.width)

    def apply_width(self, width: int) -> None:
        wide = width >= WIDE
        if wide != self.has_class("-wide"):
            self.set_class(wide, "-wide")
            self.show_columns()
            self.refresh_bindings()  # the summary toggle shows only when narrow
        self.set_class(width >= EXTRA_WIDE, "-extra-wide")

    # --- showing (the unit: unit_view.py) -----------------------------------------
    def refresh_scores(self) -> Score:
        """Ask the core for the figures and show them (summary and status line)."""
        s = self.session.score()
        summary = self.query_one("#summary")
        if isinstance(s, PointsScore):
            assert isinstance(summary, PointsSummary)
            summary.show(s)
            figures = f"index {s.total.percent:.2f}"
            if not s.to_reconfirm:  # room at 80 columns for the count to re-confirm
                figures += f" ({s.total.points}/{s.total.max})"
            figures += f" · {s.units - s.not_assessed}/{s.units} assessed"
        else:
            assert isinstance(s, MaturityScore) and isinstance(summary, MaturityProfile)
            summary.show(s)
            figures = f"{s.assessed}/{s.units} assessed"
        if s.to_reconfirm:
            figures += f" · {s.to_reconfirm} to re-confirm"
        self.query_one(StatusLine).figures = figures
        return s

    def changed(self, unit_id: str, *, panes: bool = True) -> None:
        """After any edit: the unit's mark and status in the key's own frame, the autosave
        scheduled at once; its panes (`panes`: references, stage grid), the figures and
        the readiness marks right after that frame (`show_changes`)."""
        self.sync_panes()
        self.query_one(Navigator).refresh_unit(unit_id)
        self.query_one(UnitStatus).show_status(self.session.record(unit_id))
        self.show_changes_later(unit_id, panes=panes)
        self.schedule_autosave()

    def on_navigator_unit_highlighted(self, event: Navigator.UnitHighlighted) -> None:
        if self.filter_box is not None and self.focused is self.filter_box:
            return  # while filtering, the pick happens on enter
        # the cursor now, not the event's unit: a highlight posted before a later goto()
        # must not pull the screen back
        unit_id = self.query_one(Navigator).current_unit
        if unit_id is not None and unit_id != self.current:
            self.current = unit_id

    # --- keys ----------------------------------------------------------------------
    def typing(self) -> bool:
        """Whether the focus is in a text field: then no letter key is a command."""
        return isinstance(self.focused, TextArea | Input)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """False hides a key (not on this screen, read-only); None shows it disabled: while
        typing in a text box, letter keys type, and the footer stays the same."""
        cat = self.session.catalogue
        allowed = True
        if action == "mark":
            allowed = cat.scoring == "points" and not self.read_only
        elif action == "stage":
            n = int(parameters[0])  # type: ignore[call-overload]
            allowed = cat.scoring == "maturity" and not self.read_only and n <= len(cat.stages)
        elif action in _WRITING_ACTIONS or action == "edit_evidence":
            allowed = not self.read_only
        elif action == "target_stage":
            allowed = cat.scoring == "maturity" and not self.read_only
        elif action == "leave_field":
            return self.typing()
        elif action == "toggle_summary":
            allowed = not self.has_class("-wide")
        elif action == "open_view":
            view = next(v for v in bindings.VIEWS if v.name == parameters[0])
            allowed = installed(view.module)
        if allowed and action in _STATUS_ACTIONS and self.typing():
            return None
        return allowed

    def unit_to_mark(self) -> str | None:
        """The unit a status or stage key changes: the current one; None while typing, or
        while the navigator's cursor is on a heading (the panes still show the unit before,
        which may be out of the navigator's view: a key must not change it unseen)."""
        if self.typing() or not self.current:
            return None
        nav = self.query_one(Navigator)
        if self.focused is nav and nav.current_unit is None:
            self.notify(f"The cursor is on a heading, not on {self.current}: move onto a "
                        "unit first (n, p or the arrow keys).", severity="warning")
            return None
        return self.current

    def action_mark(self, status: str) -> None:
        unit = self.unit_to_mark()
        if unit is None:
            return
        before = self.session.record(unit)
        if self.session.set_status(unit, status) != before:
            self.changed(unit)

    def action_stage(self, number: int) -> None:
        unit = self.unit_to_mark()
        if unit is None:
            return
        stages = self.session.catalogue.stage_ids
        before = self.session.record(unit)
        if self.session.set_stage(unit, stages[number - 1] if number else None) != before:
            self.changed(unit)

    def _step(self, delta: int) -> None:
        order = self.query_one(Navigator).visible_units() or list(self.session.catalogue.unit_index)
        i = order.index(self.current) + delta if self.current in order else 0
        self.goto(order[max(0, min(len(order) - 1, i))])

    def action_next_unit(self) -> None:
        self._step(1)

    def action_prev_unit(self) -> None:
        self._step(-1)

    def action_next_open(self) -> None:
        order = list(self.session.catalogue.unit_index)
        start = order.index(self.current) + 1 if self.current in order else 0
        for uid in order[start:] + order[:start]:
            rec = self.session.record(uid)
            if (rec.stage is None) if self.is_maturity else (rec.status == "not-assessed"):
                self.goto(uid)
                return
        self.notify("Every unit is assessed.")

    async def action_filter(self) -> None:
        if self.filter_box is None:  # made on first use, mounted before the next key
            self.filter_box = Input(placeholder="filter: id or words (enter keeps, escape "
                                    "clears)", id="filter", compact=True)
            await self.query_one("#nav-col").mount(self.filter_box, before=0)
        self.filter_box.add_class("-on")
        self.filter_box.focus()

    def clear_filter(self) -> None:
        box = self.filter_box
        if box is not None:
            with box.prevent(Input.Changed):
                box.value = ""
            box.remove_class("-on")
        self.query_one(Navigator).set_filter("")

    @on(Input.Changed, "#filter")
    def filter_changed(self, event: Input.Changed) -> None:
        nav = self.query_one(Navigator)
        nav.set_filter(event.value)
        shown = nav.visible_units()
        if shown:
            nav.show_unit(self.current if self.current in shown else shown[0])

    @on(Input.Submitted, "#filter")
    def filter_submitted(self) -> None:
        nav = self.query_one(Navigator)
        if nav.current_unit:
            self.current = nav.current_unit
        nav.focus()

    def action_leave_field(self) -> None:
        if self.filter_box is not None and self.focused is self.filter_box:
            self.clear_filter()
            self.goto(self.current)
        # at once (widget.focus() waits for the next idle): the key typed right after
        # escape must already find the navigator focused
        self.set_focus(self.query_one(Navigator))

    def action_edit_evidence(self) -> None:
        if self.summary_on and not self.has_class("-wide"):
            self.summary_on = False  # the box is in the unit pane: show it, not type unseen
            self.show_columns()
        self.sync_panes()
        self.query_one("#evidence", DocumentArea).edit_at_end()

    def action_toggle_summary(self) -> None:
        self.summary_on = not self.summary_on
        self.show_columns()

    def show_columns(self) -> None:
        """The unit pane and the summary: both from 120 columns on, else the one `s` picked.
        Their `display` is set, not a class: a class change restyles every widget inside
        the column (dozens in the unit pane), which took longer than the whole redraw."""
        wide = self.has_class("-wide")
        if wide or self.summary_on:
            self.query_one("#summary", ScoreSummary).catch_up()  # no old figure shown
        self.query_one("#side").display = wide or self.summary_on
        self.query_one("#unit").display = wide or not self.summary_on

    def action_open_view(self, name: str) -> None:
        view = next(v for v in bindings.VIEWS if v.name == name)
        cls = getattr(importlib.import_module(view.module), view.cls)
        self.app.push_screen(cls(self.session), callback=self._view_closed)

    def _view_closed(self, result: object) -> None:
        """A view may dismiss with a unit id (readiness: enter on a finding): go there."""
        if isinstance(result, str) and result in self.session.catalogue.unit_index:
            self.goto(result)

    # --- evidence editor -----------------------------------------------------------
    def on_evidence_editor_text_changed(self, event: EvidenceEditor.TextChanged) -> None:
        before = self.session.record(event.unit_id)
        if self.session.set_text(event.unit_id, event.field, event.text) != before:
            self.changed(event.unit_id, panes=False)

    def on_evidence_editor_reference_requested(self, event: EvidenceEditor.ReferenceRequested) -> None:
        self.edit_reference(self.current, event.index)

    def on_evidence_editor_reference_remove(self, event: EvidenceEditor.ReferenceRemove) -> None:
        self.remove_reference(self.current, event.index)

    def action_add_reference(self) -> None:
        self.sync_panes()
        self.edit_reference(self.current, None)

    @work(exclusive=True, group="dialog")
    async def edit_reference(self, unit_id: str, index: int | None) -> None:
        from ncsi_tui.app.screens.dialogs.reference import ReferenceDialog

        unit = self.session.catalogue.unit(unit_id)
        refs = self.session.record(unit_id).references
        ref = refs[index] if index is not None and index < len(refs) else None
        result = await self.app.push_screen_wait(ReferenceDialog(unit, f"{unit.id} {unit.name}", ref))
        if result is None:
            return
        try:
            if ref is None:
                self.session.add_reference(unit_id, result)
            else:
                self.session.replace_reference(unit_id, index or 0, result)
        except InputError as exc:
            self.notify(str(exc), severity="error")
            return
        self.changed(unit_id)

    @work(exclusive=True, group="dialog")
    async def remove_reference(self, unit_id: str, index: int) -> None:
        from ncsi_tui.app.screens.dialogs.confirm import ConfirmDialog

        refs = self.session.record(unit_id).references
        if index >= len(refs):
            return
        answer = await self.app.push_screen_wait(
            ConfirmDialog(f"Remove reference {index + 1} of {unit_id}: “{refs[index].title}”?",
                          [("remove", "Remove"), ("keep", "Keep it (esc)")])
        )
        if answer == "remove":
            self.session.remove_reference(unit_id, index)
            self.changed(unit_id)
