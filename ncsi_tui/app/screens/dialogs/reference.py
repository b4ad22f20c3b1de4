"""Add or edit one reference: kind, title, URL, locator, published and accessed dates.

Each field is checked as it is typed, by the core Reference model itself (one set of rules
for the CLI, the file and the app). Returns the Reference, or None on escape.
"""

from __future__ import annotations

import datetime as dt

from pydantic import ValidationError
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select

from ncsi_tui.app.bindings import REFERENCE_DIALOG
from ncsi_tui.core.model.assessment import Reference
from ncsi_tui.core.model.catalogue import REFERENCE_KINDS, Unit

FIELDS = (
    ("title", "Title", "what the document is called"),
    ("url", "URL", "https://…"),
    ("locator", "Where", "Article 4, p. 37, section 2.1"),
    ("published", "Published", "YYYY-MM-DD"),
    ("accessed", "Accessed", "YYYY-MM-DD (today if empty)"),
)


class ReferenceDialog(ModalScreen[Reference | None]):
    """A small form over the assessment screen."""

    BINDINGS = REFERENCE_DIALOG
    DEFAULT_CSS = """
    ReferenceDialog { align: center middle; }
    ReferenceDialog > Vertical {
        width: 78; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    ReferenceDialog #heading { text-style: bold; width: 1fr; }
    ReferenceDialog .row { height: 1; margin-top: 1; }
    ReferenceDialog .row Label { width: 11; }
    ReferenceDialog .row.-focused Label { text-style: bold reverse; }
    ReferenceDialog .row Input, ReferenceDialog .row Select { width: 1fr; }
    ReferenceDialog #error { height: auto; margin-top: 1; text-style: bold; }
    ReferenceDialog #buttons { height: 1; margin-top: 1; align-horizontal: right; }
    ReferenceDialog #buttons Button { margin-left: 2; }
    """

    def __init__(self, unit: Unit, unit_label: str, ref: Reference | None = None) -> None:
        super().__init__()
        self.unit = unit
        self.unit_label = unit_label
        self.ref = ref

    def kind_options(self) -> list[tuple[str, str]]:
        accepted = [k for k in self.unit.accepts if k in REFERENCE_KINDS]
        rest = [k for k in REFERENCE_KINDS if k not in accepted]
        return [(f"✓ {REFERENCE_KINDS[k]}", k) for k in accepted] + [
            (REFERENCE_KINDS[k], k) for k in rest
        ]

    def compose(self) -> ComposeResult:
        ref = self.ref
        kind = ref.kind if ref else (self.unit.accepts[0] if self.unit.accepts else "unspecified")
        verb = "Edit" if ref else "Add"
        with Vertical():
            yield Label(f"{verb} a reference for {self.unit_label}", id="heading",
                        markup=False)
            with Horizontal(classes="row"):
                yield Label("Kind")
                yield Select(self.kind_options(), value=kind, allow_blank=False, compact=True,
                             id="kind")
            for name, label, placeholder in FIELDS:
                value = getattr(ref, name, None) if ref else None
                text = value.isoformat() if isinstance(value, dt.date) else (value or "")
                with Horizontal(classes="row"):
                    yield Label(label)
                    yield Input(text, placeholder=placeholder, compact=True, id=name)
            yield Label("✓ marks the kinds this indicator accepts." if self.unit.accepts else "",
                        id="error", markup=False)
            with Horizontal(id="buttons"):
                yield Button("Keep (ctrl+s)", id="keep", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()

    def values(self) -> dict[str, object]:
        out: dict[str, object] = {"kind": self.query_one("#kind", Select).value}
        for name, _, _ in FIELDS:
            text = self.query_one(f"#{name}", Input).value.strip()
            if text:
                out[name] = text
        if self.ref is not None:  # keep the fields this form does not show
            keep = self.ref.model_dump(exclude={"kind", *(f for f, _, _ in FIELDS)})
            out = {**keep, **out}
        return out

    def problems(self, final: bool) -> list[str]:
        """People's words for what is wrong; while typing, an empty title is not yet wrong."""
        data = self.values()
        if "title" not in data:
            if not final:
                data = {**data, "title": "…"}
            else:
                return ["Title: give the document's title"]
        try:
            Reference.model_validate(data)
        except ValidationError as exc:
            out = []
            for err in exc.errors():
                field = str(err["loc"][0]) if err["loc"] else ""
                label = dict((f, lab) for f, lab, _ in FIELDS).get(field, field)
                msg = err["msg"].removeprefix("Value error, ")
                if "date" in err["type"]:
                    msg = "write the date as YYYY-MM-DD, e.g. 2024-05-31"
                out.append(f"{label}: {msg}")
            return out
        return []

    def on_input_changed(self, event: Input.Changed) -> None:
        found = self.problems(final=False)
        self.query_one("#error", Label).update("‼ " + found[0] if found else "")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == FIELDS[-1][0]:
            self.action_submit()
        else:
            self.focus_next()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "keep":
            self.action_submit()
        else:
            self.action_cancel()

    def action_submit(self) -> None:
        found = self.problems(final=True)
        if found:
            self.query_one("#error", Label).update("‼ " + found[0])
            return
        data = self.values()
        data.setdefault("accessed", dt.date.today().isoformat())
        self.dismiss(Reference.model_validate(data))

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        for row in self.query(".row"):
            row.set_class(event.widget in row.children, "-focused")

    def action_cancel(self) -> None:
        self.dismiss(None)
