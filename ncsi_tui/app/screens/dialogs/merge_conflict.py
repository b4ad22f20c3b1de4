"""The same field was changed here and by someone else: choose which version to keep.

Shown on save when core/files/merge.py finds a field both sides changed differently (a
unit's status, evidence, ...; a file field; a review item), and on opening a file with an
unfinished git merge; everything else was merged without asking. Each conflict shows that
one field, both versions side by side, and a choice (yours is preselected: it is what is on
screen). The version not chosen is kept in a conflict note beside the file, which the
dialog says. Answer: {key: "mine" | "theirs"}, or None (escape: decide later).
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, RadioButton, RadioSet, Static

from ncsi_tui.app.bindings import DIALOG
from ncsi_tui.core.files.merge import Conflict, Side
from ncsi_tui.core.model.catalogue import Catalogue

MAX_TEXT_LINES = 6


def _short(text: str) -> str:
    lines = text.strip().splitlines() or ["(empty)"]
    if len(lines) > MAX_TEXT_LINES:
        lines = [*lines[:MAX_TEXT_LINES], f"… ({len(lines) - MAX_TEXT_LINES} more lines)"]
    return "\n".join(lines)


def describe_value(name: str, value: Any) -> str:
    """One field's value as the person will recognise it (plain text, no colour)."""
    if value in (None, "", []):
        return "not assessed" if name in ("stage", "target_stage", "status") else "(empty)"
    if name == "reconfirm":
        return "to be confirmed again" if value else "confirmed"
    if name == "references":
        return "\n".join(f"[{i}] {r.title}" for i, r in enumerate(value, 1))
    if hasattr(value, "model_dump"):  # a review item, the country
        data = value.model_dump(exclude_defaults=True)
        return _short("\n".join(f"{k}: {v}" for k, v in data.items() if k != "references"))
    return _short(str(value))


def describe_side(conflict: Conflict, side: Side, catalogue: Catalogue) -> str:
    """The one field both changed, this side's value and who wrote it."""
    name = conflict.field
    label = name.replace("_", " ")
    text = describe_value(name, conflict.value(side))
    out = [f"{label}: {text}" if "\n" not in text else f"{label}:\n{text}"]
    by = conflict.by(side)
    at = conflict.mine_at if side == "mine" else conflict.theirs_at
    if by:
        out.append(f"by {by} {at.strftime('%H:%M UTC') if at else ''}".rstrip())
    return "\n".join(out)


def _label(side: str, chosen: bool) -> str:
    return ("Keep yours" if side == "mine" else "Keep theirs") + (" (chosen)" if chosen else "")


class MergeConflictDialog(ModalScreen[dict[str, Side] | None]):
    BINDINGS = [
        *DIALOG,
        Binding("ctrl+s", "submit", "Save", priority=True, id="merge.submit",
                tooltip="Save, keeping the versions chosen"),
    ]
    DEFAULT_CSS = """
    MergeConflictDialog { align: center middle; }
    MergeConflictDialog > Vertical {
        width: 100; max-width: 100%; height: auto; max-height: 100%;
        border: round $error; background: $surface; padding: 0 1;
    }
    MergeConflictDialog #title { text-style: bold; }
    MergeConflictDialog VerticalScroll { height: auto; max-height: 16; margin: 1 0 0 0; }
    MergeConflictDialog .conflict { height: auto; margin-bottom: 1; }
    MergeConflictDialog .head { text-style: bold; }
    MergeConflictDialog .sides { height: auto; }
    MergeConflictDialog .side { width: 1fr; height: auto; padding-right: 1; }
    MergeConflictDialog RadioSet { width: auto; height: auto; layout: horizontal; }
    MergeConflictDialog #note { color: $text-muted; }
    MergeConflictDialog #buttons { height: auto; align-horizontal: right; }
    MergeConflictDialog Button { margin-left: 1; }
    """

    def __init__(self, conflicts: list[Conflict], catalogue: Catalogue) -> None:
        super().__init__()
        self.conflicts = conflicts
        self.catalogue = catalogue

    def _heading(self, c: Conflict) -> str:
        if c.kind == "field":
            return f"Field {c.key}"
        unit = self.catalogue.unit_index.get(c.unit)
        name = f"{c.unit} {unit.name}" if unit else c.unit
        return f"{name}: {c.field.replace('_', ' ')}"

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("‼ Changed here and in someone else's save: choose what to keep",
                        id="title")
            with VerticalScroll():
                for i, c in enumerate(self.conflicts):
                    with Vertical(classes="conflict"):
                        yield Static(self._heading(c), classes="head", markup=False)
                        with Horizontal(classes="sides"):
                            yield Static("YOURS\n" + describe_side(c, "mine", self.catalogue),
                                         markup=False, classes="side", id=f"mine-{i}")
                            yield Static("THEIRS\n" + describe_side(c, "theirs", self.catalogue),
                                         markup=False, classes="side", id=f"theirs-{i}")
                        with RadioSet(id=f"choice-{i}", compact=True):
                            yield RadioButton(_label("mine", True), value=True,
                                              id=f"keep-mine-{i}")
                            yield RadioButton(_label("theirs", False), id=f"keep-theirs-{i}")
            yield Static("The version not kept is saved in a conflict note beside the file.",
                         id="note")
            with Horizontal(id="buttons"):
                yield Button("Save (ctrl+s)", id="save", compact=True)
                yield Button("All yours", id="all-mine", compact=True)
                yield Button("All theirs", id="all-theirs", compact=True)
                yield Button("Later (esc)", id="later", compact=True)

    def on_mount(self) -> None:
        self.query_one("#choice-0", RadioSet).focus()

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        """Say the choice in words too: the radio dot differs only by colour."""
        i = (event.radio_set.id or "").removeprefix("choice-")
        for side in ("mine", "theirs"):
            button = self.query_one(f"#keep-{side}-{i}", RadioButton)
            button.label = _label(side, button.value)

    def choices(self) -> dict[str, Side]:
        out: dict[str, Side] = {}
        for i, c in enumerate(self.conflicts):
            theirs = self.query_one(f"#keep-theirs-{i}", RadioButton).value
            out[c.key] = "theirs" if theirs else "mine"
        return out

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        button = event.button.id
        if button == "later":
            self.dismiss(None)
        elif button in ("all-mine", "all-theirs"):
            side = button.removeprefix("all-")
            self.dismiss({c.key: side for c in self.conflicts})  # type: ignore[misc]
        else:
            self.action_submit()

    def action_submit(self) -> None:
        self.dismiss(self.choices())

    def action_cancel(self) -> None:
        self.dismiss(None)
