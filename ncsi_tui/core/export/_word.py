"""Building blocks of the Word documents (python-docx): headings, tables, references.

Only the built-in named styles (Title, Heading 1-3, Table Grid, List Number, Quote), so a
ministry restyles the whole document by changing its styles, as Word users expect. Shared
by the submission pack (docx.py) and the review report draft (report_docx.py).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.shared import Pt

from ncsi_tui import __version__
from ncsi_tui.core.export import _common as c
from ncsi_tui.core.export._office import fixed_zip
from ncsi_tui.core.judge.scoring import MaturityScore, PointsScore, Score, reconfirm_note
from ncsi_tui.core.model.assessment import Assessment
from ncsi_tui.core.model.catalogue import Catalogue
from ncsi_tui.core.model.reference import Reference


def new_document(cat: Catalogue, a: Assessment, title: str) -> DocumentObject:
    """A document with its properties set from the assessment (fixed dates: same bytes)."""
    doc = Document()
    props = doc.core_properties
    props.title = title
    props.author = props.last_modified_by = "ncsi-tui"
    props.subject = f"{cat.title} ({cat.id})"
    props.language = a.language or "en"
    stamp = (a.updated or dt.datetime.combine(a.reference_date, dt.time())).replace(tzinfo=None)
    props.created = props.modified = stamp
    props.revision = 1
    props.comments = f"Made with ncsi-tui {__version__}"
    return doc


def to_bytes(doc: DocumentObject) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return fixed_zip(buf.getvalue())


def table(doc: DocumentObject, header: Sequence[str], rows: Sequence[Sequence[Any]],
          widths: Sequence[float] | None = None) -> None:
    """A grid table with a bold header row that repeats on every printed page."""
    t = doc.add_table(rows=1, cols=len(header))
    t.style = "Table Grid"
    for cell, text in zip(t.rows[0].cells, header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(str(text)).bold = True
    _repeat_header(t.rows[0])
    for row in rows:
        cells = t.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = "" if value is None else str(value)
    if widths:
        from docx.shared import Cm

        for row in t.rows:
            for cell, w in zip(row.cells, widths, strict=True):
                cell.width = Cm(w)


def _repeat_header(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def references(doc: DocumentObject, refs: Sequence[Reference]) -> None:
    """Numbered references: title, URL, details; the quote and its English rendering below."""
    for ref in refs:
        p = doc.add_paragraph(style="List Number")
        p.add_run(ref.title.strip() or ref.url or "Untitled reference").bold = True
        details = " · ".join(c.reference_details(ref))
        p.add_run(f" — {details}")
        if ref.url:
            p.add_run(f"\n{ref.url}").font.size = Pt(9)
        if ref.quote:
            doc.add_paragraph(f"“{ref.quote}”", style="Quote")
            if ref.quote_en:
                doc.add_paragraph(f"In English: “{ref.quote_en}”", style="Quote")


def profile(doc: DocumentObject, cat: Catalogue, score: Score) -> None:
    """The total index and the profile as tables (the HTML export's chart, in words)."""
    if isinstance(score, PointsScore):
        t = score.total
        p = doc.add_paragraph()
        p.add_run("Total index: ").bold = True
        p.add_run(f"{t.percent:.2f} ({t.points} of {t.max} points); "
                  f"{score.met} met, {score.not_met} not met, {score.not_assessed} not assessed"
                  f"{reconfirm_note(score)}")
        table(doc, [cat.levels[-2].capitalize(), "Name", "Points", "%"],
              [(s.id, s.name, f"{s.points}/{s.max}", f"{s.percent:.0f}%")
               for s in score.sections], widths=(2, 9, 2.5, 2))
        return
    assert isinstance(score, MaturityScore)
    rows = []
    for d in score.dimensions:
        for f in d.factors:
            lo, hi = c.stage_name(cat, f.stage_min), c.stage_name(cat, f.stage_max)
            words = "Not assessed" if f.stage_min is None else (lo if lo == hi else f"{lo} to {hi}")
            rows.append((f.id, f.name, words))
    table(doc, [cat.levels[-2].capitalize(), "Name", "Stage"], rows, widths=(2, 10, 4))
