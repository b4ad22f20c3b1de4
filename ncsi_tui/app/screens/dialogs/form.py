"""A small form of one-line fields and choices, for the review steps done from the
assessment and follow-up screens (a finding, a gap, a target stage, next year's
assessment, saving the follow-up).

Each text field may carry a core rule (core/model/fields.py) checked as it is typed; on
ctrl+s the values go to `apply`, which makes the change through the core or returns what is
wrong (shown in the dialog, which stays open). An optional second action (closing a unit's
gaps) goes to `extra`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select

from ncsi_tui.app.screens.dialogs.edit import EditDialog
from ncsi_tui.core.model.text import strip_controls


@dataclass(frozen=True)
class Text:
    """A one-line text field; `check` names what is wrong as it is typed (None: fine)."""

    name: str
    label: str
    value: str = ""
    placeholder: str = ""
    check: Callable[[str], str | None] | None = None


@dataclass(frozen=True)
class Choice:
    """A pick from a short list: (label shown, value) pairs."""

    name: str
    label: str
    options: list[tuple[str, str]] = field(default_factory=list)
    value: str = ""


Row = Text | Choice


class FormDialog(EditDialog):
    """Dismisses with True once `apply(values)` (or `extra()`) accepted, False on escape."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel", tooltip="Close, change nothing"),
        Binding("ctrl+s", "submit", "Keep", priority=True, id="review-form.submit",
                tooltip="Keep what the form says"),
    ]
    DEFAULT_CSS = """
    FormDialog { align: center middle; }
    FormDialog > Vertical {
        width: 78; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    FormDialog #heading { text-style: bold; width: 1fr; }
    FormDialog #form-note { height: auto; width: 1fr; color: $text-muted; }
    FormDialog .row { height: 1; margin-top: 1; }
    FormDialog .row Label { width: 12; }
    FormDialog .row.-focused Label { text-style: bold reverse; }
    FormDialog .row Input, FormDialog .row Select { width: 1fr; }
    FormDialog #error { height: auto; width: 1fr; margin-top: 1; text-style: bold; }
    FormDialog #buttons { height: 1; margin-top: 1; align-horizontal: right; }
    FormDialog #buttons Button { margin-left: 2; }
    """

    def __init__(self, heading: str, rows: list[Row], apply: Callable[[dict[str, str]], str | None],
                 *, note: str = "", keep: str = "Keep",
                 extra: tuple[str, Callable[[], str | None]] | None = None) -> None:
        super().__init__()
        self.heading, self.rows, self.apply = heading, rows, apply
        self.note, self.keep, self.extra = note, keep, extra

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.heading, id="heading")
            if self.note:
                yield Label(self.note, id="form-note")
            for row in self.rows:
                with Horizontal(classes="row"):
                    yield Label(row.label)
                    if isinstance(row, Text):
                        yield Input(strip_controls(row.value), placeholder=row.placeholder, compact=True,
                                    id=row.name)
                    else:
                        yield Select(row.options, value=row.value or row.options[0][1],
                                     allow_blank=False, compact=True, id=row.name)
            yield Label("", id="error")
            with Horizontal(id="buttons"):
                yield Button(f"{self.keep} (ctrl+s)", id="keep", variant="primary", compact=True)
                if self.extra:
                    yield Button(self.extra[0], id="extra", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        first = self.query(Input).first() if self.query(Input) else self.query(Select).first()
        first.focus()

    def values(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for row in self.rows:
            if isinstance(row, Text):
                out[row.name] = self.query_one(f"#{row.name}", Input).value.strip()
            else:
                out[row.name] = str(self.query_one(f"#{row.name}", Select).value)
        return out

    def on_input_changed(self, event: Input.Changed) -> None:
        problems = [f"{row.label}: {problem}" for row in self.rows
                    if isinstance(row, Text) and row.check
                    and (text := self.query_one(f"#{row.name}", Input).value.strip())
                    and (problem := row.check(text))]
        self.query_one("#error", Label).update("‼ " + problems[0] if problems else "")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """The extra button; Keep and Cancel are EditDialog's (Textual calls both handlers,
        so the base one is kept from running here)."""
        if event.button.id == "extra" and self.extra:
            event.stop()
            event.prevent_default()
            problem = self.extra[1]()
            if problem:
                self.query_one("#error", Label).update("‼ " + problem)
            else:
                self.dismiss(True)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        for row in self.query(".row"):
            row.set_class(event.widget in row.children, "-focused")
