"""The base of the review dialogs: what was typed goes to `apply`, which changes the session
or returns what is wrong (shown in the dialog, which stays open)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label


class EditDialog(ModalScreen[bool]):
    """Dismisses with True once `apply(self.values())` accepted the change, False on cancel."""

    apply: Callable[[Any], str | None]

    def values(self) -> Any:
        """What the dialog's fields hold, in the form `apply` takes."""
        raise NotImplementedError

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_submit() if event.button.id == "keep" else self.action_cancel()

    def action_submit(self) -> None:
        problem = self.apply(self.values())
        if problem:
            self.query_one("#error", Label).update("‼ " + problem)
        else:
            self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
