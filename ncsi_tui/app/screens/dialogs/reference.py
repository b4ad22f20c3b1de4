"""Add or edit one reference: kind, title, URL, locator, dates (published, accessed, in
force from and until), public or restricted access, the quote and its English rendering.

Each field is checked as it is typed, by the core's field rules (core/model/fields.py) and
the Reference model: one set of rules for the CLI, the file, the readiness check and the
app. Returns the Reference, or None on escape.
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
from ncsi_tui.core.model.fields import date_problem, parse_date, url_problem
from ncsi_tui.core.model.text import strip_controls

FIELDS = (
    ("title", "Title", "what the document is called"),
    ("url", "URL", "https://…"),
    ("locator", "Where", "Article 4, p. 37, section 2.1"),
    ("published", "Published", "YYYY-MM-DD"),
    ("accessed", "Accessed", "YYYY-MM-DD (today if empty)"),
    ("valid_from", "In force", "YYYY-MM-DD: from (empty: since published)"),
    ("valid_until", "Until", "YYYY-MM-DD: valid until (empty: no end)"),
    ("quote", "Quote", "the passage that proves it, in its language"),
    ("quote_en", "English", "the quote's English rendering (optional)"),
)
DATE_FIELDS = ("published", "accessed", "valid_from", "valid_until")
ACCESS = [("Public: anyone can read it", "public"),
          ("Restricted: not published (shown to reviewers on request)", "restricted")]
#: The kind a new reference gets where the unit names none it accepts (CMM aspects):
#: a real kind, so the draft is not at once a readiness finding.
DEFAULT_KIND = "official-document"


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
    ReferenceDialog .row { height: 1; }
    ReferenceDialog #kind-row { margin-top: 1; }
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
        kind = ref.kind if ref else (self.unit.accepts[0] if self.unit.accepts else DEFAULT_KIND)
        verb = "Edit" if ref else "Add"
        with Vertical():
            yield Label(f"{verb} a reference for {self.unit_label}", id="heading",
                        markup=False)
            with Horizontal(classes="row", id="kind-row"):
                yield Label("Kind")
                yield Select(self.kind_options(), value=kind, allow_blank=False, compact=True,
                             id="kind")
            for name, label, placeholder in FIELDS:
                value = getattr(ref, name, None) if ref else None
                text = value.isoformat() if isinstance(value, dt.date) else (value or "")
                with Horizontal(classes="row"):
                    yield Label(label)
                    yield Input(strip_controls(text), placeholder=placeholder, compact=True, id=name)
                if name == "valid_until":
                    with Horizontal(classes="row"):
                        yield Label("Access")
                        yield Select(ACCESS, value=ref.access if ref else "public",
                                     allow_blank=False, compact=True, id="access")
            yield Label("✓ marks the kinds this indicator accepts." if self.unit.accepts else "",
                        id="error", markup=False)
            with Horizontal(id="buttons"):
                yield Button("Keep (ctrl+s)", id="keep", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()

    def values(self) -> dict[str, object]:
        out: dict[str, object] = {"kind": self.query_one("#kind", Select).value,
                                  "access": self.query_one("#access", Select).value}
        for name, _, _ in FIELDS:
            text = self.query_one(f"#{name}", Input).value.strip()
            if text:
                out[name] = text
        if self.ref is not None:  # keep the fields this form does not show
            keep = self.ref.model_dump(exclude={"kind", "access", *(f for f, _, _ in FIELDS)})
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
        labels = dict((f, lab) for f, lab, _ in FIELDS)
        out = []  # the field rules first: they name the actual problem
        if (url := data.get("url")) and (problem := url_problem(str(url))):
            out.append(f"URL: {problem}")
        for name in DATE_FIELDS:
            if name in data and isinstance(data[name], str):
                if problem := date_problem(data[name]):
                    out.append(f"{labels[name]}: {problem}")
                else:
                    data[name] = parse_date(data[name]).isoformat()
        if out:
            return out
        try:
            Reference.model_validate(data)
        except ValidationError as exc:
            for err in exc.errors():
                field = str(err["loc"][0]) if err["loc"] else ""
                msg = err["msg"].removeprefix("Value error, ")
                out.append(f"{labels.get(field, field)}: {msg}")
            return out
        if (data.get("valid_from") and data.get("valid_until")
                and str(data["valid_from"]) > str(data["valid_until"])):
            return ["Until: the document cannot end before it is in force"]
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
        for name in DATE_FIELDS:
            if isinstance(data.get(name), str):
                data[name] = parse_date(str(data[name]))
        data.setdefault("accessed", dt.date.today())
        self.dismiss(Reference.model_validate(data))

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        for row in self.query(".row"):
            row.set_class(event.widget in row.children, "-focused")

    def action_cancel(self) -> None:
        self.dismiss(None)
