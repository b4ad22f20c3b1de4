"""The key contract as data: every Binding has an id, a description and a tooltip.

Screens take their BINDINGS from here, the help screen (`?`) and docs/keys.md list them
from here, and tests/app/test_bindings.py holds the contract. To give a new screen a key
from the assessment screen, add one line to :data:`VIEWS` (module path, class name, key):
the assessment screen grows an ``open_view`` binding for it, hidden until the module exists.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class View:
    """A screen that opens on top of the assessment screen, constructed with the session."""

    name: str
    module: str
    cls: str
    key: str
    description: str
    tooltip: str = ""


#: Screens other modules provide; each gets a binding `assessment.view.<name>`.
VIEWS: tuple[View, ...] = (
    View("readiness", "ncsi_tui.app.screens.readiness", "ReadinessScreen", "f6", "Readiness",
         "Readiness: every finding a reviewer would raise, enter goes to it"),
    View("compare", "ncsi_tui.app.screens.compare", "CompareScreen", "f7", "Compare",
         "Compare with another version or year (and the follow-up from there)"),
    View("export", "ncsi_tui.app.screens.export", "ExportScreen", "f8", "Export",
         "Export a report or the data to a file"),
    View("plan", "ncsi_tui.app.screens.plan", "PlanScreen", "f9", "Plan",
         "Plan the review: stakeholder clusters, consultation sessions, context"),
    View("recommendations", "ncsi_tui.app.screens.recommendations", "RecommendationsScreen",
         "f10", "Recommendations", "Recommendations of the review and their follow-up"),
)

APP: list[Binding] = [
    Binding("ctrl+q", "quit", "Quit", priority=True, id="app.quit",
            tooltip="Quit; unsaved changes are saved first (asks only if that fails)"),
    Binding("question_mark", "help", "Help", id="app.help", key_display="?",
            tooltip="Every key of the current screen"),
    Binding("ctrl+p", "command_palette", "Jump", id="app.palette", show=False,
            tooltip="Command palette: jump to an indicator by id or words"),
]

START: list[Binding] = [
    Binding("enter", "open_selected", "Open", id="start.open", tooltip="Open the highlighted assessment"),
    Binding("n", "new", "New", id="start.new", tooltip="Start a new assessment"),
    Binding("o", "open_path", "Open by name", id="start.open-path",
            tooltip="Open a file of this folder by its name"),
    Binding("e", "copy_examples", "Examples", id="start.examples", show=False,
            tooltip="Copy the bundled example assessments into this folder, to try the tool"),
    Binding("v", "overview", "Overview", id="start.overview",
            tooltip="All assessments in this folder side by side: ranked, sections, errors"),
    Binding("f5", "reload", "Refresh", id="start.refresh", show=False,
            tooltip="Read the folder again"),
]

OVERVIEW: list[Binding] = [
    Binding("enter", "open_selected", "Open", id="overview.open",
            tooltip="Open the highlighted country's assessment"),
    Binding("s", "next_sort", "Sort", id="overview.sort",
            tooltip="Order by total, country, date, share assessed, errors"),
    Binding("escape", "close", "Back", id="overview.close", tooltip="Back to the start screen"),
    Binding("f5", "reload", "Refresh", id="overview.refresh", show=False,
            tooltip="Read the folder again"),
]

#: Keys of the assessment screen common to both scoring kinds.
ASSESSMENT: list[Binding] = [
    Binding("ctrl+s", "save", "Save", id="assessment.save", priority=True,
            tooltip="Save now (autosave also runs a moment after each change)"),
    Binding("n", "next_unit", "Next", id="assessment.next", tooltip="Next indicator"),
    Binding("p", "prev_unit", "Prev", id="assessment.prev", tooltip="Previous indicator"),
    Binding("u", "next_open", "Next open", id="assessment.next-not-assessed",
            tooltip="Next indicator not assessed yet"),
    Binding("slash", "filter", "Filter", id="assessment.filter", key_display="/",
            tooltip="Filter the navigator by id or words"),
    Binding("e", "edit_evidence", "Edit", id="assessment.edit-evidence",
            tooltip="Type the evidence text, at its end (escape leaves the text box)"),
    Binding("r", "add_reference", "Ref", id="assessment.add-reference",
            tooltip="Add a reference in a dialog"),
    Binding("s", "toggle_summary", "Summary", id="assessment.toggle-summary",
            tooltip="Show or hide the summary (always shown on wide terminals)"),
    # priority: leaves the box at once, so a key typed right after escape (a burst over
    # SSH) already goes to the navigator, not into the text
    Binding("escape", "leave_field", "Leave field", id="assessment.leave-field", priority=True,
            tooltip="Leave the text box, back to the navigator"),
]

#: Status keys of a points framework (NCSI).
POINTS: list[Binding] = [
    Binding("m", "mark('met')", "Met", id="assessment.mark-met", tooltip="Mark met"),
    Binding("x", "mark('not-met')", "Not met", id="assessment.mark-not-met", tooltip="Mark not met"),
    Binding("c", "mark('not-assessed')", "Clear", id="assessment.mark-not-assessed",
            tooltip="Back to not assessed"),
]

#: Stage keys of a maturity framework (CMM): 1..5 pick the stage in catalogue order.
MATURITY: list[Binding] = [
    # the footer shows one of them, as "1-5 Stage" (the app gives the catalogue's range)
    *[
        Binding(str(i), f"stage({i})", "Stage" if i == 1 else f"Stage {i}", show=i == 1,
                id=f"assessment.stage-{i}", tooltip=f"Set stage {i} (in the catalogue's order)")
        for i in range(1, 10)
    ],
    Binding("0", "stage(0)", "Clear stage", show=False, id="assessment.stage-clear",
            tooltip="Back to not assessed"),
]

#: Review steps on the current unit (app/screens/review_steps.py): the CLI's `finding`,
#: `gap`, `record --target-stage` and `new --from`, without leaving the app.
REVIEW_STEPS: list[Binding] = [
    Binding("f", "finding", "Finding", id="assessment.finding", show=False,
            tooltip="Note what a consultation session said about this unit"),
    Binding("g", "gap", "Gap", id="assessment.gap", show=False,
            tooltip="Mark this unit as a gap (desk research, follow-up), or close its gaps"),
    Binding("t", "target_stage", "Target stage", id="assessment.target-stage", show=False,
            tooltip="The stage aimed for next (maturity models)"),
    Binding("ctrl+n", "next_cycle", "Next year", id="assessment.next-cycle", show=False,
            tooltip="Start next year's assessment from this one (carry forward)"),
]

VIEW_BINDINGS: list[Binding] = [
    Binding(v.key, f"open_view('{v.name}')", v.description, id=f"assessment.view.{v.name}",
            tooltip=v.tooltip or f"Open the {v.description.lower()} screen")
    for v in VIEWS
]

#: The assessment screen's footer order: the main action first (status or stage), then
#: what is used most; keys not named follow. At 80 columns the first nine fit. While a
#: text box has focus, its letters type (Textual hides the letter keys): escape, save and
#: quit then come first, at the same place as ever relative to each other.
ASSESSMENT_FOOTER: tuple[str, ...] = (
    "mark('met')", "mark('not-met')", "mark('not-assessed')", "stage(1)",
    "edit_evidence", "add_reference", "toggle_summary", "leave_field", "help", "save", "quit",
    # read-only, the editing keys are gone: what a reviewer does comes next
    "open_view('readiness')", "open_view('compare')", "open_view('export')",
    "next_unit", "prev_unit", "next_open", "filter",
)

#: Dialog keys: escape backs out of any dialog.
DIALOG: list[Binding] = [
    Binding("escape", "cancel", "Cancel", id="dialog.cancel", tooltip="Close without changing anything"),
]

REFERENCE_DIALOG: list[Binding] = [
    *DIALOG,
    Binding("ctrl+s", "submit", "Keep", priority=True, id="reference.submit",
            tooltip="Keep this reference"),
]

#: Every group, for the help screen and docs/keys.md.
ALL: dict[str, list[Binding]] = {
    "Everywhere": APP,
    "Start screen": START,
    "Overview screen": OVERVIEW,
    "Assessment screen": ASSESSMENT,
    "Points frameworks (NCSI)": POINTS,
    "Maturity frameworks (CMM)": [b for b in MATURITY if b.key in "123450"],
    "Review steps": REVIEW_STEPS,
    "Other screens": VIEW_BINDINGS,
    "Dialogs": REFERENCE_DIALOG,
}
