"""The plan screen (issue 12): stakeholder clusters and the consultation plan of a review.

Built with the assessment screen's :class:`AssessmentSession` (``bindings.VIEWS`` opens it
with F9). Shows the clusters and the sessions by day, and warns, as ``ncsi plan`` does,
about units no session covers and clusters without a session. Edits go through
core/files/review_edits.py; ``r`` opens the recommendations screen.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.suggester import SuggestFromList
from textual.widgets import Button, DataTable, Input, Label, TextArea

from ncsi_tui.app.plain import cells
from ncsi_tui.app.screens.dialogs.edit import EditDialog
from ncsi_tui.app.screens.recommendations import RecommendationsScreen, after_edit, save
from ncsi_tui.app.widgets.footer import KeysFooter
from ncsi_tui.core.errors import InputError
from ncsi_tui.core.files.review_edits import (
    put_cluster,
    put_session,
    remove_cluster,
    remove_session,
    set_context,
)
from ncsi_tui.core.files.session import AssessmentSession
from ncsi_tui.core.model.fields import date_problem, normal_time, parse_date, time_problem
from ncsi_tui.core.model.review import (
    ConsultationSession,
    StakeholderCluster,
    plan_coverage,
    session_covers,
    sessions_by_day,
)
from ncsi_tui.core.model.text import strip_controls

BINDINGS = [
    Binding("c", "add_cluster", "Cluster", id="plan.add-cluster", tooltip="Add a stakeholder cluster"),
    Binding("s", "add_session", "Session", id="plan.add-session", tooltip="Add a consultation session"),
    Binding("e", "edit", "Edit", id="plan.edit", tooltip="Edit the highlighted cluster or session"),
    Binding("delete", "remove", "Remove", id="plan.remove",
            tooltip="Remove the highlighted cluster or session"),
    Binding("t", "context", "Context", id="plan.context", tooltip="Country context for the report"),
    Binding("r", "recommendations", "Recommendations", id="plan.recommendations",
            tooltip="The review's recommendations"),
    Binding("ctrl+s", "save", "Save", id="plan.save", priority=True, tooltip="Save now"),
    Binding("escape", "close", "Back", id="plan.close", tooltip="Back"),
]

Field = tuple[str, str, str, str]  # name, label, value, placeholder
Apply = Callable[[dict[str, str]], str | None]


class FormDialog(EditDialog):
    """A few one-line fields; `apply` makes the change or returns what is wrong."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel", tooltip="Close, change nothing"),
        Binding("ctrl+s", "submit", "Keep", priority=True, id="form.submit", tooltip="Keep"),
    ]
    DEFAULT_CSS = """
    FormDialog { align: center middle; }
    FormDialog > Vertical {
        width: 80; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    FormDialog #heading { text-style: bold; width: 1fr; }
    FormDialog .row { height: 1; margin-top: 1; }
    FormDialog .row Label { width: 14; }
    FormDialog .row Input { width: 1fr; }
    FormDialog #error { height: auto; margin-top: 1; text-style: bold; }
    FormDialog #buttons { height: 1; margin-top: 1; align-horizontal: right; }
    FormDialog #buttons Button { margin-left: 2; }
    """

    def __init__(self, heading: str, fields: list[Field], apply: Apply,
                 suggestions: dict[str, list[str]] | None = None, locked: str = "",
                 checks: dict[str, Callable[[str], str | None]] | None = None) -> None:
        super().__init__()
        self.heading, self.fields, self.apply = heading, fields, apply
        self.suggestions = suggestions or {}
        self.locked = locked
        self.checks = checks or {}

    def on_input_changed(self, event: Input.Changed) -> None:
        """Each field with a core rule (dates, times) is checked as it is typed."""
        labels = {name: label for name, label, _, _ in self.fields}
        problems = [f"{labels[name]}: {problem}" for name, check in self.checks.items()
                    if (text := self.query_one(f"#{name}", Input).value.strip())
                    and (problem := check(text))]
        self.query_one("#error", Label).update("‼ " + problems[0] if problems else "")

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.heading, id="heading", markup=False)
            for name, label, value, hint in self.fields:
                with Horizontal(classes="row"):
                    yield Label(label)
                    words = self.suggestions.get(name)
                    yield Input(strip_controls(value), placeholder=hint, compact=True, id=name,
                                disabled=name == self.locked,
                                suggester=SuggestFromList(words) if words else None)
            yield Label("", id="error", markup=False)
            with Horizontal(id="buttons"):
                yield Button("Keep (ctrl+s)", id="keep", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        next(i for i in self.query(Input) if not i.disabled).focus()

    def values(self) -> dict[str, str]:
        return {i.id or "": i.value.strip() for i in self.query(Input)}


class ContextDialog(EditDialog):
    """The country context: several paragraphs, so a text area rather than a line."""

    BINDINGS = FormDialog.BINDINGS
    DEFAULT_CSS = """
    ContextDialog { align: center middle; }
    ContextDialog > Vertical {
        width: 90; max-width: 100%; height: 20; max-height: 100%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    ContextDialog #heading { text-style: bold; width: 1fr; }
    ContextDialog TextArea { height: 1fr; }
    ContextDialog #error { height: auto; text-style: bold; }
    """

    def __init__(self, text: str, apply: Callable[[str], str | None]) -> None:
        super().__init__()
        self.text, self.apply = text, apply

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Country context for the report (ctrl+s keep · esc cancel)", id="heading")
            yield TextArea(strip_controls(self.text), soft_wrap=True, id="context")
            yield Label("", id="error", markup=False)

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def values(self) -> str:
        return self.query_one(TextArea).text


def _words(text: str) -> list[str]:
    return [w for w in text.replace(",", " ").split() if w]


def _items(text: str) -> list[str]:
    return [w.strip() for w in text.split(";") if w.strip()]


class PlanScreen(Screen[None]):
    """Clusters and sessions of the review, with what the plan leaves out."""

    BINDINGS = BINDINGS
    DEFAULT_CSS = """
    PlanScreen { layout: vertical; }
    PlanScreen #plan-head { padding: 0 1; text-style: bold; width: 1fr; }
    PlanScreen #plan-warnings { padding: 0 1; height: auto; max-height: 5; }
    PlanScreen .caption { padding: 0 1; color: $text-muted; margin-top: 1; }
    PlanScreen DataTable { height: 1fr; }
    """

    def __init__(self, session: AssessmentSession) -> None:
        super().__init__()
        self.session = session

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A read-only session (reviewers) offers looking, not editing."""
        return not self.session.read_only or action in ("close", "recommendations")

    def compose(self) -> ComposeResult:
        yield Label("", id="plan-head", markup=False)
        yield Label("", id="plan-warnings", markup=False)
        yield Label("Stakeholder clusters (c add · e edit · del remove)", classes="caption")
        clusters: DataTable[str] = DataTable(cursor_type="row", id="clusters")
        clusters.add_columns("Id", "Cluster", "Speaks to", "Organisations")
        yield clusters
        yield Label("Consultation sessions (s add · tab switches tables)", classes="caption")
        sessions: DataTable[str] = DataTable(cursor_type="row", id="sessions")
        sessions.add_columns("Day", "Time", "Id", "Cluster", "Covers", "Place")
        yield sessions
        yield KeysFooter()

    def on_mount(self) -> None:
        self.refresh_plan()
        self.query_one("#clusters", DataTable).focus()

    def on_screen_resume(self) -> None:
        self.refresh_plan()

    def refresh_plan(self) -> None:
        rv = self.session.assessment.review
        cat = self.session.catalogue
        clusters = self.query_one("#clusters", DataTable)
        clusters.clear()
        for c in rv.clusters:
            clusters.add_row(*cells(c.id, c.name, ", ".join(c.covers), "; ".join(c.organisations)),
                             key=c.id)
        sessions = self.query_one("#sessions", DataTable)
        sessions.clear()
        days = sessions_by_day(rv)
        for day, items in days:
            for s in items:
                sessions.add_row(*cells(day.isoformat(), s.time, s.id, s.cluster,
                                        ", ".join(session_covers(rv, s)), s.place), key=s.id)
        self.query_one("#plan-head", Label).update(
            f"Plan — {len(rv.clusters)} cluster(s), {len(rv.sessions)} session(s), {len(days)} "
            f"day(s) · {len(rv.recommendations)} recommendation(s): r")
        cov = plan_coverage(cat, self.session.assessment)
        lines = [f"! {u} {cat.unit_index[u].name}: covered by no session"
                 for u in cov.uncovered_units[:3]]
        if len(cov.uncovered_units) > 3:
            lines.append(f"! … and {len(cov.uncovered_units) - 3} more {cat.levels[-1]}s uncovered")
        lines += [f"! cluster {c}: no session" for c in cov.clusters_without_session]
        self.query_one("#plan-warnings", Label).update(
            "\n".join(lines) if lines else f"✓ every {cat.levels[-1]} covered, every cluster met")

    def _selected(self) -> tuple[str, str] | None:
        table = self.focused if isinstance(self.focused, DataTable) else None
        if table is None or not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return (table.id or "", str(key))

    def _changed(self) -> None:
        self.refresh_plan()
        after_edit(self, self.session)

    def _try(self, change: Callable[[], object]) -> str | None:
        try:
            change()
        except (InputError, ValueError) as exc:
            return getattr(exc, "message", None) or str(exc).splitlines()[-1]
        self._changed()
        return None

    # --- clusters ----------------------------------------------------------------------
    def _cluster_dialog(self, c: StakeholderCluster | None) -> None:
        def apply(v: dict[str, str]) -> str | None:
            return self._try(lambda: put_cluster(self.session, StakeholderCluster(
                id=v["id"], name=v["name"], organisations=_items(v["orgs"]),
                contacts=_items(v["contacts"]), covers=_words(v["covers"]))))

        fields = [
            ("id", "Id", c.id if c else f"C{len(self.session.assessment.review.clusters) + 1}", "C1"),
            ("name", "Name", c.name if c else "", "Government ministries"),
            ("orgs", "Organisations", "; ".join(c.organisations) if c else "", "separate with ;"),
            ("contacts", "Contacts", "; ".join(c.contacts) if c else "", "separate with ;"),
            ("covers", "Speaks to", " ".join(c.covers) if c else "",
             " ".join(g.id for g in self.session.catalogue.leaf_groups[:2]) + " (ids)"),
        ]
        self.app.push_screen(FormDialog("Edit cluster" if c else "Add a stakeholder cluster",
                                        fields, apply, locked="id" if c else ""))

    def action_add_cluster(self) -> None:
        self._cluster_dialog(None)

    # --- sessions ----------------------------------------------------------------------
    def _session_dialog(self, s: ConsultationSession | None) -> None:
        rv = self.session.assessment.review

        def apply(v: dict[str, str]) -> str | None:
            try:
                day = parse_date(v["day"])
            except ValueError as exc:
                return f"Day: {exc}"
            try:
                time = normal_time(v["time"])
            except ValueError as exc:
                return f"Time: {exc}"
            return self._try(lambda: put_session(self.session, ConsultationSession(
                id=v["id"], day=day, time=time, cluster=v["cluster"],
                covers=_words(v["covers"]), place=v["place"])))

        fields = [
            ("id", "Id", s.id if s else f"S{len(rv.sessions) + 1}", "S1"),
            ("day", "Day", s.day.isoformat() if s else "", "YYYY-MM-DD"),
            ("time", "Time", s.time if s else "", "HH:MM-HH:MM, e.g. 09:00-11:00"),
            ("cluster", "Cluster", s.cluster if s else "", "cluster id (tab completes)"),
            ("covers", "Covers", " ".join(s.covers) if s else "", "ids; empty = the cluster's"),
            ("place", "Place", s.place if s else "", "room or video link"),
        ]
        self.app.push_screen(FormDialog("Edit session" if s else "Add a consultation session",
                                        fields, apply, {"cluster": [c.id for c in rv.clusters]},
                                        locked="id" if s else "",
                                        checks={"day": date_problem, "time": time_problem}))

    def action_add_session(self) -> None:
        self._session_dialog(None)

    # --- both ----------------------------------------------------------------------------
    def action_edit(self) -> None:
        picked = self._selected()
        if picked is None:
            return
        rv = self.session.assessment.review
        table, key = picked
        if table == "clusters":
            self._cluster_dialog(rv.cluster(key))
        else:
            self._session_dialog(next(s for s in rv.sessions if s.id == key))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def action_remove(self) -> None:
        picked = self._selected()
        if picked is None:
            return
        table, key = picked
        remove = remove_cluster if table == "clusters" else remove_session
        problem = self._try(lambda: remove(self.session, key))
        if problem:
            self.notify(problem, severity="warning")

    def action_context(self) -> None:
        def apply(text: str) -> str | None:
            return self._try(lambda: set_context(self.session, text))

        self.app.push_screen(ContextDialog(self.session.assessment.review.context, apply))

    def action_recommendations(self) -> None:
        self.app.push_screen(RecommendationsScreen(self.session))

    @work(exclusive=True, group="save")
    async def action_save(self) -> None:
        await save(self, self.session)

    def action_close(self) -> None:
        self.dismiss(None)

