"""Someone else has this assessment open: say who and since when, then read-only or edit.

Shown by :mod:`ncsi_tui.app.screens.opening` when opening finds a live entry in the
presence lock (core/files/presence.py). Answers: "read-only", "edit" (edit anyway: saves merge
field by field), or None (escape: do not open).
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from ncsi_tui.app.bindings import DIALOG
from ncsi_tui.core.files.presence import Holder


class OpenLockedDialog(ModalScreen[str | None]):
    BINDINGS = DIALOG
    DEFAULT_CSS = """
    OpenLockedDialog { align: center middle; }
    OpenLockedDialog > Vertical {
        width: 72; max-width: 100%; height: auto; max-height: 100%;
        border: round $warning; background: $surface; padding: 0 1;
    }
    OpenLockedDialog #title { text-style: bold; }
    OpenLockedDialog #who { margin: 1 0 0 0; }
    OpenLockedDialog #what { margin: 1 0; }
    OpenLockedDialog #buttons { height: auto; align-horizontal: right; }
    OpenLockedDialog Button { margin-left: 1; }
    """

    def __init__(self, path: Path, holders: list[Holder]) -> None:
        super().__init__()
        self.path = Path(path)
        self.holders = holders

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(f"‼ {self.path.name} is open for editing", id="title", markup=False)
            yield Static("\n".join(f"• {h.describe()}" for h in self.holders), id="who",
                         markup=False)  # names come from a file anyone in the folder can write
            yield Static(
                "Read-only: look at everything, change nothing.\n"
                "Edit anyway: both of you edit; saves merge field by field, and you are "
                "asked only when you both changed the same field of an indicator.\n"
                "Escape: do not open it.",
                id="what",
            )
            with Horizontal(id="buttons"):
                yield Button("Read-only", id="read-only", compact=True)
                yield Button("Edit anyway", id="edit", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#read-only", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None if event.button.id == "cancel" else event.button.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
