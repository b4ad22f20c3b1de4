"""What the two live summaries (points: PointsSummary, maturity: MaturityProfile) share:
their text is made for the width they have, and not at all while they are hidden.

On a narrow terminal the summary is hidden until `s` shows it instead of the unit pane;
making its text on every status key while nobody sees it was a good part of the key's time
(issue 24). A hidden summary only keeps the latest score; `catch_up` makes the text just
before the screen shows it again, so it never shows an old figure.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from rich.text import Text
from textual.dom import DOMNode
from textual.widgets import Static

from ncsi_tui.app.widgets.indicator_pane import update_in_place

S = TypeVar("S")

#: the content width guessed before the summary was ever laid out (cells)
GUESS = 44


class ScoreSummary(Static, Generic[S]):
    """A Static showing a core score; subclasses make the text (`make_text`)."""

    #: the latest score shown or kept
    last: S | None = None
    #: the content width the text was last made for (0: none yet)
    made_for = 0
    #: a score came while hidden: its text is still to be made
    stale = False

    def make_text(self, score: S, width: int) -> Text:
        """The text for `score` in `width` cells (at least 30)."""
        raise NotImplementedError

    def hidden(self) -> bool:
        """Whether it or a container around it is not displayed (s on a narrow terminal)."""
        return not all(node.display for node in self.ancestors_with_self
                       if isinstance(node, DOMNode))

    def show(self, score: S) -> None:
        """Show `score`; while hidden, only keep it."""
        self.last = score
        if self.hidden():
            self.stale = True
            return
        self.stale = False
        self.made_for = self.content_size.width or self.made_for
        update_in_place(self, self.make_text(score, max(30, self.made_for or GUESS)))

    def catch_up(self) -> None:
        """Before it is shown again: the text of the latest score (the layout that shows it
        measures it)."""
        if self.stale and self.last is not None:
            self.stale = False
            self.made_for = self.made_for or GUESS  # no second text if the guess was right
            self.update(self.make_text(self.last, max(30, self.made_for)), layout=False)

    def on_resize(self) -> None:
        """Make the text again for a new width (not when shown again at the same width)."""
        if self.last is not None and (self.stale or self.content_size.width != self.made_for):
            self.show(self.last)
