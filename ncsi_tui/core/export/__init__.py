"""Exports of an assessment: pure functions of (catalogue, assessment, score, findings).

One module per format (``html``, ``markdown``, ``csv``, ``json``); each has a
``render(catalogue, assessment, score, findings) -> str``. :data:`FORMATS` maps the
names that ``ncsi export --format`` and the app accept to those functions. Internal
notes (``Record.notes``) are never read here.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from ncsi_tui.core.assessment import Assessment
from ncsi_tui.core.catalogue import Catalogue
from ncsi_tui.core.checks import Finding
from ncsi_tui.core.scoring import Score

Renderer = Callable[[Catalogue, Assessment, Score, list[Finding]], str]

#: format name -> (module, file extension)
FORMATS: dict[str, tuple[str, str]] = {
    "html": ("html", "html"),
    "md": ("markdown", "md"),
    "csv": ("csv", "csv"),
    "json": ("json", "json"),
}


def renderer(fmt: str) -> Renderer:
    """The render function of a format name (html, md, csv, json)."""
    module, _ = FORMATS[fmt]
    return importlib.import_module(f"{__name__}.{module}").render


def export(
    fmt: str, catalogue: Catalogue, assessment: Assessment, score: Score, findings: list[Finding]
) -> str:
    """The text of one export; the caller writes it where the user asked."""
    return renderer(fmt)(catalogue, assessment, score, findings)
