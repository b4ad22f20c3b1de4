"""One line under the screen: saved / unsaved / saving / conflict, the file, the figures.

Words first, so the state reads the same without colour. `clock` is a hook that tests
replace to freeze the time shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

clock: Callable[[], dt.datetime] = dt.datetime.now


class StatusLine(Static):
    DEFAULT_CSS = """
    StatusLine { height: 1; background: $panel; color: $foreground; padding: 0 1; }
    """

    state: reactive[str] = reactive("saved")
    detail: reactive[str] = reactive("")
    figures: reactive[str] = reactive("")

    def __init__(self, file_name: str, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.file_name = file_name
        self.saved_at: str = ""

    def mark_saved(self) -> None:
        self.saved_at = clock().strftime("%H:%M:%S")
        self.state = "saved"
        self.mutate_reactive(StatusLine.state)

    def render(self) -> Text:
        words = {
            "saved": f"● saved {self.saved_at}".rstrip(),
            "unsaved": "○ unsaved changes",
            "saving": "◌ saving…",
            "conflict": "‼ changed on disk: ctrl+s to resolve",
            "error": "‼ not saved: see message",
            "read-only": "read-only",
        }.get(self.state, self.state)
        text = Text.assemble((words, "bold"), " · ", self.file_name)
        if self.figures:
            text.append(" · " + self.figures)
        if self.detail:
            text.append(" · " + self.detail, style="dim")
        if self.state in ("unsaved", "conflict"):
            # the whole line bold: drawn so, not a class (a class restyles the widget, 1 ms
            # of every edit's first frame, issue 24)
            text.stylize("bold")
        return text
