"""A reference: one piece of evidence a reviewer can follow (a law, a strategy, a web page).

Its own module so that the assessment (records) and the review (recommendations, findings)
can both use it without importing each other.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from ncsi_tui.core.model.catalogue import REFERENCE_KINDS, suggest
from ncsi_tui.core.model.data import Check, FileData


def _known_kind(v: str) -> str:
    if v not in REFERENCE_KINDS:
        hint = suggest(v, list(REFERENCE_KINDS))
        raise ValueError(
            f"unknown reference kind '{v}'"
            + (f"; {hint}" if hint else "")
            + f" (known: {', '.join(REFERENCE_KINDS)})"
        )
    return v


def _url_shape(v: str) -> str:
    if v and (any(c.isspace() for c in v.strip()) or len(v) > 2000):
        raise ValueError("a URL has no spaces and is shorter than 2000 characters")
    return v.strip()


@dataclass(init=False)
class Reference(FileData):
    """A piece of evidence: where a reviewer can see that the criterion holds."""

    #: One of the reference-kind vocabulary (REFERENCE_KINDS).
    kind: str
    title: str = ""
    url: str = ""
    #: Where in the source: "Article 4", "p. 37".
    locator: str = ""
    published: dt.date | None = None
    accessed: dt.date | None = None
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    access: Literal["public", "restricted"] = "public"
    #: The passage that proves it, in the source's language.
    quote: str = ""
    #: Optional English translation of the quote.
    quote_en: str = ""

    __checks__ = {"kind": Check(after=_known_kind), "url": Check(after=_url_shape)}


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
