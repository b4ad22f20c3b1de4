"""Messages that cross screens. Widget messages nest in their widget."""

from __future__ import annotations

from pathlib import Path

from textual.message import Message


class OpenAssessment(Message):
    """Open this file on the assessment screen (posted by the start screen and dialogs)."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
