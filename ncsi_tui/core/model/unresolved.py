"""A merge that is not finished yet: one field changed differently on two sides.

``ncsi merge`` (git's merge driver, core/files/gitmerge.py) writes the fields it cannot
merge into the file as ``[[unresolved]]`` tables, so the file stays valid TOML that every
command can read; each command then refuses to score it and says how to finish
(``ncsi resolve`` or the app). The layout is documented in docs/assessment-format.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ncsi_tui.core.model.data import FileData


@dataclass(init=False)
class Unresolved(FileData):
    """Both versions of one field that two sides changed differently."""

    #: The unit id ("1.1"); empty for a file field.
    unit: str = ""
    #: A record field ("evidence"), a file field ("title") or a review item
    #: ("review.recommendations.R1").
    field: str
    #: The value on our side (absent: empty).
    ours: Any = None
    #: The value on their side (absent: empty).
    theirs: Any = None
    #: The value both started from.
    base: Any = None
    #: Who wrote our version, when known.
    ours_by: str = ""
    #: Who wrote their version, when known.
    theirs_by: str = ""

    @property
    def key(self) -> str:
        """``1.1.evidence``, ``title``, ``review.recommendations.R1``: how messages name it."""
        return f"{self.unit}.{self.field}" if self.unit else self.field
