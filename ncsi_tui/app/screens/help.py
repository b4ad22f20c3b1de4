"""`?`: every key, from the one declaration in bindings.py."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from ncsi_tui.app import bindings


def keys_table() -> Table:
    table = Table(box=None, show_header=False, padding=(0, 1), expand=True)
    table.add_column("key", style="bold", no_wrap=True, width=12)
    table.add_column("what", ratio=1)
    for title, group in bindings.ALL.items():
        table.add_row("", "")
        table.add_row(f"[u]{title}[/u]", "")
        for b in group:
            key = b.key_display or b.key.split(",")[0]
            table.add_row(key, b.tooltip or b.description)
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = [*bindings.DIALOG, Binding("question_mark", "cancel", "Close", id="help.close", show=False)]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Vertical {
        width: 84; max-width: 100%; height: 90%; border: round $accent;
        background: $surface; padding: 0 1;
    }
    HelpScreen #title { text-style: bold; }
    """

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Keys (escape closes) · the mouse works too", id="title")
            with VerticalScroll():
                yield Static(keys_table())
                yield Static(
                    "\nMarks: ✓ met · ✗ not met · · not assessed · ! met but no evidence yet;"
                    " maturity: the stage number 1-5.\nAfter the id: ⚑ a readiness error,"
                    " ⚐ a warning (f6 lists them).\nStatus keys never act while you type in"
                    " a text box: press escape to leave it first."
                )

    def action_cancel(self) -> None:
        self.dismiss(None)
