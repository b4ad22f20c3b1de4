"""A merge that is not finished yet: one field changed differently on two sides.

``ncsi merge`` (git's merge driver, core/files/gitmerge.py) writes the fields it cannot
merge into the file as ``[[unresolved]]`` tables, so the file stays valid TOML that every
command can read; each command then refuses to score it and says how to finish
(``ncsi resolve`` or the app). The layout is documented in docs/assessment-format.md.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from ncsi_tui.core.model.base import FileModel


class Unresolved(FileModel):
    """Both versions of one field that two sides changed differently."""

    unit: str = Field(default="", description='The unit id ("1.1"); empty for a file field.')
    field: str = Field(
        description='A record field ("evidence"), a file field ("title") or a review item '
        '("review.recommendations.R1").'
    )
    ours: Any = Field(default=None, description="The value on our side (absent: empty).")
    theirs: Any = Field(default=None, description="The value on their side (absent: empty).")
    base: Any = Field(default=None, description="The value both started from.")
    ours_by: str = Field(default="", description="Who wrote our version, when known.")
    theirs_by: str = Field(default="", description="Who wrote their version, when known.")

    @property
    def key(self) -> str:
        """``1.1.evidence``, ``title``, ``review.recommendations.R1``: how messages name it."""
        return f"{self.unit}.{self.field}" if self.unit else self.field
