"""Text from files shown as typed: no markup effect, no terminal control characters.

Titles, evidence, ids and names come from files colleagues (or a hostile sheet) wrote.
Textual reads ``[...]`` in a plain string as markup: ``[/x]`` crashes the screen,
``Law [draft]`` shows as "Law ", ``[@click=...]`` makes an action. Every widget that shows
such text gets it through :func:`plain` (a ``rich.text.Text``, never parsed) or is made
with ``markup=False``; notifications are never markup (``NcsiApp.notify``).
"""

from __future__ import annotations

from rich.text import Text

from ncsi_tui.core.model.text import strip_controls


def plain(value: object) -> object:
    """A string as un-parsed Text without control characters; anything else unchanged."""
    if isinstance(value, str):
        return Text(strip_controls(value))
    return value


def cells(*values: object) -> list[object]:
    """A table row's cells through :func:`plain`."""
    return [plain(v) for v in values]
