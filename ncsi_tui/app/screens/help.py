"""`?`: the keys of the screen in front (its own, where the cursor is, everywhere), from
the one declaration in bindings.py as the screen has them now: an NCSI assessment lists
no stage keys, the plan screen its own keys; then what the marks mean there."""

from __future__ import annotations

import re

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

from ncsi_tui.app import bindings
from ncsi_tui.app.widgets import marks


def screen_keys(screen: Screen) -> dict[str, list[ActiveBinding]]:
    """The keys `screen` has now, grouped: its own, the focused widget's, the app's.

    Only the app's keys (each has an id), not Textual's tab, copy or cursor keys."""
    groups: dict[str, list[ActiveBinding]] = {"This screen": [], "Where the cursor is": [],
                                              "Everywhere": []}
    seen: set[tuple[int, str]] = set()
    for active in screen.active_bindings.values():
        b, node = active.binding, active.node
        if not b.id or (id(node), b.action) in seen or b.action == "command_palette":
            continue  # no id: Textual's own (tab, copy, cursor keys), not the app's contract
        seen.add((id(node), b.action))
        if node is screen:
            groups["This screen"].append(active)
        elif node is screen.app:
            groups["Everywhere"].append(active)
        else:
            groups["Where the cursor is"].append(active)
    palette = next((b for b in bindings.APP if b.action == "command_palette"), None)
    if palette is not None:
        groups["Everywhere"].append(ActiveBinding(screen.app, palette, True, palette.tooltip))
    return {title: keys for title, keys in groups.items() if keys}


def marks_text(screen: Screen) -> str:
    """What the marks mean on an assessment screen, for its scoring kind."""
    session = getattr(screen, "session", None)
    if session is None:
        return ""
    if session.catalogue.scoring == "maturity":
        n = len(session.catalogue.stages)
        text = (f"Marks: the stage number 1-{n} (in the catalogue's order) · "
                f"{marks.OPEN} not assessed.")
    else:
        text = (f"Marks: {marks.MET} met · {marks.NOT_MET} not met · {marks.OPEN} not assessed"
                f" · {marks.NO_EVIDENCE} met but no evidence yet.")
    return (text + f"\nAfter the id: {marks.FLAG_ERROR} a readiness error, {marks.FLAG_WARNING}"
            " a warning (f6 lists them).\nStatus keys never act while you type in a text box:"
            " press escape to leave it first.")


class HelpScreen(ModalScreen[None]):
    BINDINGS = [*bindings.DIALOG, Binding("question_mark", "cancel", "Close", id="help.close", show=False)]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Vertical {
        width: 84; max-width: 100%; height: 90%; border: round $accent;
        background: $surface; padding: 0 1;
    }
    HelpScreen #title { text-style: bold; }
    HelpScreen .heading { text-style: bold underline; margin-top: 1; width: 100%; }
    HelpScreen #marks { margin-top: 1; width: 100%; }
    """

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.shown = screen
        self.groups = screen_keys(screen)

    def compose(self) -> ComposeResult:
        name = re.sub(r"(?<!^)(?=[A-Z])", " ", type(self.shown).__name__).lower()
        with Vertical():
            yield Label(f"Keys: {name} (escape closes) · the mouse works too", id="title")
            with VerticalScroll():
                for title, keys in self.groups.items():
                    yield Label(title, classes="heading")
                    yield Static(self._table(keys))
                text = marks_text(self.shown)
                if text:
                    yield Static(text, id="marks")

    def _table(self, keys: list[ActiveBinding]) -> Table:
        table = Table(box=None, show_header=False, padding=(0, 1), expand=True)
        table.add_column("key", style="bold", no_wrap=True, min_width=6)
        table.add_column("what", ratio=1)
        for active in keys:
            b = active.binding
            table.add_row(self.app.get_key_display(b), b.tooltip or b.description)
        return table

    def action_cancel(self) -> None:
        self.dismiss(None)
