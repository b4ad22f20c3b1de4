"""Exports of an assessment: pure functions of (catalogue, assessment, score, findings).

One module per format (``html``, ``markdown``, ``csv``, ``json``, ``xlsx``, ``docx``, ...);
each has a ``render(catalogue, assessment, score, findings) -> str`` (text formats) or
``-> bytes`` (binary formats: XLSX, DOCX, PDF; see :func:`is_binary`). :data:`FORMATS` maps the
names that ``ncsi export --format`` and the app accept to those functions. Internal
notes (``Record.notes``) are never read here.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from pathlib import Path

from ncsi_tui.core.disk import write_atomic
from ncsi_tui.core.errors import InputError
from ncsi_tui.core.judge.readiness import Finding
from ncsi_tui.core.judge.scoring import Score
from ncsi_tui.core.model.assessment import Assessment
from ncsi_tui.core.model.catalogue import Catalogue
from ncsi_tui.core.model.text import strip_controls

Renderer = Callable[[Catalogue, Assessment, Score, list[Finding]], "str | bytes"]

#: format name -> (module, file extension)
FORMATS: dict[str, tuple[str, str]] = {
    "html": ("html", "html"),
    "md": ("markdown", "md"),
    "csv": ("csv", "csv"),
    "json": ("json", "json"),
    # the review report draft (core/export/report.py, issue 12)
    "report-html": ("report_html", "report.html"),
    "report-md": ("report_md", "report.md"),
    # office documents (openpyxl, python-docx) and a PDF printed by Chromium
    "xlsx": ("xlsx", "xlsx"),
    "docx": ("docx", "docx"),
    "report-docx": ("report_docx", "report.docx"),
    "pdf": ("pdf", "pdf"),
}
#: formats whose export is bytes, not text
BINARY_FORMATS = frozenset({"xlsx", "docx", "report-docx", "pdf"})


def renderer(fmt: str) -> Renderer:
    """The render function of a format name (html, md, csv, json)."""
    module, _ = FORMATS[fmt]
    return importlib.import_module(f"{__name__}.{module}").render


def is_binary(fmt: str) -> bool:
    """True for formats written as bytes (XLSX, DOCX, PDF): not for a terminal."""
    return fmt in BINARY_FORMATS


def export(
    fmt: str, catalogue: Catalogue, assessment: Assessment, score: Score, findings: list[Finding]
) -> str | bytes:
    """One export: text without control characters (text from files could otherwise
    drive the terminal that shows it), or bytes for a binary format; the caller writes
    it where asked."""
    out = renderer(fmt)(catalogue, assessment, score, findings)
    return strip_controls(out) if isinstance(out, str) else out


def default_name(assessment_path: Path, fmt: str) -> Path:
    """`example.toml` -> `example.html` beside it: where the app proposes to write."""
    return Path(assessment_path).with_suffix("." + FORMATS[fmt][1])


def write_export(path: Path, text: str | bytes, assessment_path: Path | None = None) -> None:
    """Write an export atomically (never half a file); never over the assessment itself."""
    path = Path(path)
    if assessment_path is not None and path.resolve() == Path(assessment_path).resolve():
        raise InputError(
            "the output would overwrite the assessment itself",
            path=path,
            hint="choose another file name",
        )
    if path.resolve() == Path(os.devnull).resolve():
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        return
    folder = path.resolve().parent
    if not folder.is_dir():
        raise InputError("the output folder does not exist", path=path, hint="create it first")
    try:  # random temp name, exclusive, every byte, fsynced; no temp file left on failure
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        write_atomic(path, data, through_symlink=False)
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror or exc}", path=path,
                         hint="nothing was written; check the folder's free space") from None
