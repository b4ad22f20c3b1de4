"""The readiness screen: the findings of ``ncsi check`` for the open assessment.

Built with the assessment screen's :class:`AssessmentSession` and rendering the same
:func:`ncsi_tui.core.judge.readiness.run_checks` list as the CLI: problems grouped by section (or
factor), then the open work by points. Enter on a finding dismisses the screen with that
unit's id (for ``push_screen(..., callback)``) and posts :class:`ReadinessScreen.JumpTo`
to the screen below, so the assessment screen can go to the unit either way.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from ncsi_tui.app.widgets.footer import KeysFooter
from ncsi_tui.core.files.session import AssessmentSession
from ncsi_tui.core.judge.readiness import Finding, counts, run_checks

#: A mark and a word per severity: readable without colour (NO_COLOR, vt100).
MARKS = {
    "error": ("✗ error", "bold red"),
    "warning": ("! warning", "yellow"),
    "info": ("· open", "dim"),
}

BINDINGS = [
    Binding(
        "enter",
        "jump",
        "Go to",
        id="readiness.jump",
        tooltip="Go to the indicator of the highlighted finding",
    ),
    Binding("g", "gap", "Gap", id="readiness.gap",
            tooltip="Mark or close a gap on the highlighted finding's unit"),
    Binding("escape", "close", "Back", id="readiness.close", tooltip="Back to the assessment"),
    Binding(
        "f5",
        "refresh",
        "Check again",
        id="readiness.refresh",
        tooltip="Run the readiness rules again",
    ),
]


class ReadinessScreen(Screen[str | None]):
    """Every finding for the open assessment; enter goes to the unit."""

    BINDINGS = BINDINGS
    DEFAULT_CSS = """
    ReadinessScreen { layout: vertical; }
    ReadinessScreen #readiness-head { padding: 0 1; text-style: bold; width: 1fr; }
    ReadinessScreen #readiness-hint { padding: 0 1; color: $text-muted; }
    ReadinessScreen OptionList { height: 1fr; border: none; padding: 0 1; }
    """

    class JumpTo(Message):
        """The user chose a finding: show this unit."""

        def __init__(self, unit_id: str) -> None:
            super().__init__()
            self.unit_id = unit_id

    def __init__(self, session: AssessmentSession) -> None:
        super().__init__()
        self.session = session
        self.findings: list[Finding] = []
        self._leaving = False

    def compose(self) -> ComposeResult:
        yield Label("", id="readiness-head", markup=False)
        yield Label(
            "enter: go to the unit · g: mark or close its gap · f5: check again · esc: back",
            id="readiness-hint"
        )
        yield OptionList(id="findings")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.action_refresh()
        self.query_one(OptionList).focus()

    def on_screen_resume(self) -> None:
        self.action_refresh()

    def action_refresh(self) -> None:
        """Run the rules on the assessment as it is now (edits included, saved or not)."""
        cat = self.session.catalogue
        self.findings = run_checks(cat, self.session.assessment)
        n = counts(self.findings)
        verdict = "not ready: fix the errors" if n["error"] else "no errors"
        work = f", {n['info']} open" if cat.scoring == "points" else ""
        head = f"Readiness — {n['error']} error(s), {n['warning']} warning(s){work} — {verdict}"
        self.query_one("#readiness-head", Label).update(head)
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        options.set_options(self._options())
        if self.findings:
            first = next(i for i, o in enumerate(options.options) if not o.disabled)
            options.highlighted = highlighted if highlighted is not None else first

    def _options(self) -> list[Option]:
        cat = self.session.catalogue
        names = {g.id: g.name for g in cat.walk_groups()}
        level = cat.levels[-2].capitalize() if len(cat.levels) > 1 else "Group"
        out: list[Option] = []
        group = None
        id_width = max((len(f.unit_id) for f in self.findings), default=4)
        for i, f in enumerate(self.findings):
            heading = (
                "Open work, most points first"
                if f.severity == "info"
                else (f"{level} {f.group_id} {names.get(f.group_id, '')}")
            )
            if heading != group:
                group = heading
                out.append(Option(Text(heading, style="bold underline"), disabled=True))
            word, style = MARKS[f.severity]
            if f.severity == "info":
                unit = cat.unit_index.get(f.unit_id)
                text = f"+{f.points} {unit.name if unit else ''}"
            else:
                text = f.message
            line = Table.grid(padding=(0, 1), expand=True)
            line.add_column(width=9, no_wrap=True)
            line.add_column(width=id_width, no_wrap=True)
            line.add_column(ratio=1)
            line.add_row(Text(word, style=style), Text(f.unit_id, style="bold"), Text(text))
            out.append(Option(line, id=str(i)))
        if not self.findings:
            out.append(Option(Text("Nothing to fix: every rule passes."), disabled=True))
        return out

    def selected(self) -> Finding | None:
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return None
        option = options.get_option_at_index(options.highlighted)
        return self.findings[int(option.id)] if option.id is not None else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_jump()

    def action_jump(self) -> None:
        finding = self.selected()
        if finding is None or self._leaving:
            return
        self._leaving = True
        below = self.app.screen_stack[-2] if len(self.app.screen_stack) > 1 else None
        if below is not None:
            below.post_message(self.JumpTo(finding.unit_id))
        self.dismiss(finding.unit_id)

    def action_gap(self) -> None:
        """Open gaps are closed here, not with `ncsi gap --close`: the unit's gap dialog."""
        finding = self.selected()
        below = self.app.screen_stack[-2] if len(self.app.screen_stack) > 1 else None
        if finding is None or not hasattr(below, "action_gap") or self.session.read_only:
            return
        below.goto(finding.unit_id)  # type: ignore[union-attr]
        below.action_gap()  # type: ignore[union-attr]

    def action_close(self) -> None:
        self.dismiss(None)
