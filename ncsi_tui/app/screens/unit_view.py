"""Showing the current unit: the navigator's cursor and the unit's panes (framework text,
status, findings, evidence). Mixed into AssessmentScreen.

A move paints the navigator's cursor first and fills the panes in the next frame (issue 24:
a key shows its effect within 1.5x a bare Textual app's Down; moves in a burst fill the
panes once). Whatever reads or edits the panes first brings them to the current unit
(`sync_panes`): an edit, `e`, `r`, and any focus change away from the navigator.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Input

from ncsi_tui.app.widgets.evidence_editor import EvidenceEditor, UnitStatus
from ncsi_tui.app.widgets.indicator_pane import IndicatorPane, StageGrid
from ncsi_tui.app.widgets.navigator import Navigator
from ncsi_tui.app.widgets.unit_findings import UnitFindings
from ncsi_tui.core.judge.readiness import (
    Finding,
    check_unit,
    findings_by_unit,
    run_checks,
    units_to_recheck,
)
from ncsi_tui.core.model.review import unit_review_notes

if TYPE_CHECKING:
    from ncsi_tui.app.screens.assessment import AssessmentScreen


class UnitViewMixin:
    def setup_unit_view(self) -> None:
        self.unit_findings: dict[str, list[Finding]] = {}
        #: the unit the panes show: `current`, or for a moment after a move the one before
        self.shown = ""
        self._show_queued = False
        self._focus_moving = False  # within set_focus (see refresh)
        #: edited units whose panes, figures and readiness wait for the next frame, and
        #: whether their panes changed too (see show_changes_later)
        self._changes: dict[str, bool] = {}

    def goto(self: AssessmentScreen, unit_id: str, *, scroll: bool = True) -> None:
        """Make `unit_id` current: cursor in the navigator, its text in the panes (after the
        next frame, see `watch_current`)."""
        nav = self.query_one(Navigator)
        if not nav.show_unit(unit_id, scroll=scroll):
            self.clear_filter()
            nav.show_unit(unit_id, scroll=scroll)
        self.current = unit_id

    def watch_current(self: AssessmentScreen, unit_id: str) -> None:
        if not self.shown:  # opening: the panes in the first frame
            self.show_unit(unit_id)
        elif not self._show_queued:
            # a move: the navigator's cursor is painted first, the panes in the next frame
            # (moves in a burst show the panes once, for the last unit)
            self._show_queued = True
            self.call_after_refresh(self._show_queued_unit)

    def _show_queued_unit(self: AssessmentScreen) -> None:
        self._show_queued = False
        self.sync_panes()

    def sync_panes(self: AssessmentScreen) -> None:
        """Show the current unit in the panes now if they still show the one before: before
        anything that reads or edits them (a key, a focus change)."""
        if self.current and self.shown != self.current:
            self.show_unit(self.current)

    def set_focus(self: AssessmentScreen, widget: Widget | None,  # type: ignore[misc]
                  scroll_visible: bool = True, from_app_focus: bool = False) -> None:
        """Focus `widget`; the panes show the current unit first (tab or a click right
        after a move types into the unit the cursor is on)."""
        if widget is not None and not isinstance(widget, Navigator | Input):
            self.sync_panes()
        self._focus_moving = True
        try:
            super().set_focus(widget, scroll_visible, from_app_focus)  # type: ignore[misc]
        finally:
            self._focus_moving = False

    def refresh(self: AssessmentScreen, *regions: Region, repaint: bool = True,  # type: ignore[misc]
                layout: bool = False, recompose: bool = False) -> AssessmentScreen:
        """Textual repaints the whole screen on every focus change (`focused` is a plain
        reactive); the widgets that gain and lose the focus repaint themselves (their
        styles change), so that whole-screen repaint is skipped: e, tab and escape redraw
        two widgets, not every line."""
        if self._focus_moving and not (regions or layout or recompose):
            return self
        return super().refresh(*regions, repaint=repaint, layout=layout,  # type: ignore[misc]
                               recompose=recompose)

    def show_unit(self: AssessmentScreen, unit_id: str) -> None:
        self.shown = unit_id
        cat, rec = self.session.catalogue, self.session.record(unit_id)
        self.query_one(IndicatorPane).show(cat, unit_id)
        self.query_one(UnitStatus).show_status(rec)
        self.show_unit_findings(unit_id)
        if self.is_maturity:
            self.query_one(StageGrid).show(unit_id, rec)
        self.query_one(EvidenceEditor).show(unit_id, rec)
        self.query_one("#unit", VerticalScroll).scroll_home(animate=False)

    def show_changes_later(self: AssessmentScreen, unit_id: str, *, panes: bool) -> None:
        """After an edit of `unit_id`: the rest of what it changes right after the frame
        that shows its mark (a key shows its effect within 1.5x a bare Textual app's Down,
        issue 24); edits in a burst (typing) show it once."""
        if not self._changes:
            self.call_after_refresh(self.show_changes)
        self._changes[unit_id] = self._changes.get(unit_id, False) or panes

    def show_changes(self: AssessmentScreen) -> None:
        """The edited units' panes (if they are shown), readiness marks, and the figures."""
        changes, self._changes = self._changes, {}
        for unit_id, panes in changes.items():
            if panes and unit_id == self.shown:
                rec = self.session.record(unit_id)
                self.query_one(EvidenceEditor).show_references(rec)
                if self.is_maturity:
                    self.query_one(StageGrid).show(unit_id, rec)
            self.recheck(unit_id)
        if changes:
            self.refresh_scores()

    def refresh_findings(self: AssessmentScreen) -> None:
        """Every unit's readiness findings (the core decides what): on opening, after a
        reload and after a review change, which can touch any unit."""
        self.unit_findings = findings_by_unit(run_checks(self.session.catalogue,
                                                         self.session.assessment))
        self.show_findings()

    def recheck(self: AssessmentScreen, unit_id: str) -> None:
        """After an edit of one unit (in the frame after its mark, see show_changes):
        re-check only the units that edit can change, and show the findings."""
        cat, a = self.session.catalogue, self.session.assessment
        for uid in units_to_recheck(cat, unit_id):
            self.unit_findings[uid] = check_unit(cat, a, uid)
        self.show_findings()

    def show_findings(self: AssessmentScreen) -> None:
        """Flag units with errors or warnings in the navigator; the current unit's pane
        (after an edit, in the frame after its mark: see show_changes)."""
        worst: dict[str, str] = {}
        for uid, found in self.unit_findings.items():
            severities = {f.severity for f in found}
            if "error" in severities:
                worst[uid] = "error"
            elif "warning" in severities:
                worst[uid] = "warning"
        self.query_one(Navigator).set_findings(worst)
        if self.shown:
            self.show_unit_findings(self.shown)

    def show_unit_findings(self: AssessmentScreen, unit_id: str) -> None:
        """The unit's own findings in its pane: why it carries ⚑ or ⚐, and the fixing key."""
        found: list[Finding] = self.unit_findings.get(unit_id, [])
        notes = unit_review_notes(self.session.catalogue, self.session.assessment, unit_id)
        self.query_one(UnitFindings).show_findings(found, maturity=self.is_maturity, review=notes)
