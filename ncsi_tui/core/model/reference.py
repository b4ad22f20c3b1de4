"""A reference: one piece of evidence a reviewer can follow (a law, a strategy, a web page).

Its own module so that the assessment (records) and the review (recommendations, findings)
can both use it without importing each other.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, field_validator

from ncsi_tui.core.model.base import FileModel
from ncsi_tui.core.model.catalogue import REFERENCE_KINDS, suggest


class Reference(FileModel):
    """A piece of evidence: where a reviewer can see that the criterion holds."""

    kind: str = Field(description="One of the reference-kind vocabulary (REFERENCE_KINDS).")
    title: str = ""
    url: str = ""
    locator: str = Field(default="", description='Where in the source: "Article 4", "p. 37".')
    published: dt.date | None = None
    accessed: dt.date | None = None
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    access: Literal["public", "restricted"] = "public"
    quote: str = Field(default="", description="The passage that proves it, source language.")
    quote_en: str = Field(default="", description="Optional English translation of the quote.")

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, v: str) -> str:
        if v not in REFERENCE_KINDS:
            hint = suggest(v, list(REFERENCE_KINDS))
            raise ValueError(
                f"unknown reference kind '{v}'"
                + (f"; {hint}" if hint else "")
                + f" (known: {', '.join(REFERENCE_KINDS)})"
            )
        return v

    @field_validator("url")
    @classmethod
    def _url_shape(cls, v: str) -> str:
        if v and (any(c.isspace() for c in v.strip()) or len(v) > 2000):
            raise ValueError("a URL has no spaces and is shorter than 2000 characters")
        return v.strip()


def validity_text(ref: Reference) -> str:
    """'in force 2025-07-01 to 2030-12-31', 'in force from ...', 'valid until ...', or ''."""
    if ref.valid_from and ref.valid_until:
        return f"in force {ref.valid_from} to {ref.valid_until}"
    if ref.valid_from:
        return f"in force from {ref.valid_from}"
    if ref.valid_until:
        return f"valid until {ref.valid_until}"
    return ""


def reference_details(ref: Reference) -> list[str]:
    """The lines a reader sees below a reference's title: validity, quote, English rendering.

    Shared by ``ncsi show`` and the app's unit pane, so both say the same.
    """
    out = []
    if validity := validity_text(ref):
        out.append(validity)
    if ref.quote:
        out.append(f'quote: "{ref.quote}"')
    if ref.quote_en:
        out.append(f'in English: "{ref.quote_en}"')
    return out
