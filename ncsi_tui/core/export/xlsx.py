"""XLSX export (openpyxl): the assessment as a workbook a colleague can edit and send back.

Sheets: ``About`` (country, framework, total index or stage profile, how to send it back),
``Indicators`` (one row a unit: id as text, section or factor, name, points or stage,
status, evidence; ids and names locked), ``References`` (one row a reference, every field
a person can edit) and a very hidden ``ncsi`` sheet holding the version exported (the base
of the three-way merge that ``ncsi import sheet`` does). Internal notes and the review are
never written. Same content, same bytes: document and zip dates are fixed.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from ncsi_tui import __version__
from ncsi_tui.core.export import _common as c
from ncsi_tui.core.export._office import fixed_zip, xml_safe
from ncsi_tui.core.judge.readiness import Finding
from ncsi_tui.core.judge.scoring import MaturityScore, PointsScore, Score, reconfirm_note
from ncsi_tui.core.model import workbook as wb_layout
from ncsi_tui.core.model.assessment import STATUSES, Assessment
from ncsi_tui.core.model.catalogue import REFERENCE_KINDS, Catalogue
from ncsi_tui.core.model.workbook import Column

BINARY = True
_HEAD = Font(bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="DDE4EE")
_WRAP = Alignment(wrap_text=True, vertical="top")
_OPEN = Protection(locked=False)


def text_cell(cell: Cell, value: object) -> None:
    """Put ``value`` as text: never a formula, never a number (``1.10`` stays ``1.10``)."""
    cell.value = "" if value is None else xml_safe(str(value))
    cell.data_type = "s"


def _header(ws: Worksheet, columns: tuple[Column, ...]) -> None:
    for i, col in enumerate(columns, 1):
        cell = ws.cell(row=1, column=i)
        text_cell(cell, col.heading)
        cell.font, cell.fill = _HEAD, _HEAD_FILL
        ws.column_dimensions[get_column_letter(i)].width = col.width
        if col.kind == "text":
            ws.column_dimensions[get_column_letter(i)].number_format = "@"
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}1"


def _put(ws: Worksheet, row: int, columns: tuple[Column, ...], values: dict[str, object]) -> None:
    for i, col in enumerate(columns, 1):
        cell = ws.cell(row=row, column=i)
        value = values.get(col.field)
        if col.kind == "date":
            cell.value = value if isinstance(value, dt.date) else None
            cell.number_format = "yyyy-mm-dd"
        elif col.kind == "number" and isinstance(value, int):
            cell.value = value
        else:
            text_cell(cell, value)
        cell.alignment = _WRAP
        if col.editable:
            cell.protection = _OPEN


def _units_sheet(ws: Worksheet, cat: Catalogue, a: Assessment) -> None:
    columns = wb_layout.unit_columns(cat.scoring)
    _header(ws, columns)
    row = 1
    for group, unit in cat.walk_units():
        rec = a.record(unit.id)
        row += 1
        values: dict[str, object] = {
            "id": unit.id, "group": group.id, "top": cat.top_of[group.id].id,
            "name": unit.name, "points": unit.points or 0, "evidence": rec.evidence,
            "status": rec.status, "stage": rec.stage or "", "target_stage": rec.target_stage or "",
            "reconfirm": "yes" if rec.reconfirm else "",
        }
        _put(ws, row, columns, values)
    field = "status" if cat.scoring == "points" else "stage"
    choices = STATUSES if cat.scoring == "points" else cat.stage_ids
    letter = get_column_letter([col.field for col in columns].index(field) + 1)
    dv = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True,
                        showErrorMessage=True, errorTitle="Not a choice",
                        error="Choose one of: " + ", ".join(choices))
    dv.add(f"{letter}2:{letter}{max(row, 2)}")
    ws.add_data_validation(dv)
    # ids and names are the catalogue's: locked, the editable columns open
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.autoFilter = False
    ws.protection.sort = False


def _references_sheet(ws: Worksheet, cat: Catalogue, a: Assessment) -> None:
    columns = wb_layout.REFERENCE_COLUMNS
    _header(ws, columns)
    row = 1
    for _, unit in cat.walk_units():
        for ref in a.record(unit.id).references:
            row += 1
            _put(ws, row, columns, {"unit": unit.id, **ref.model_dump()})
    kinds = DataValidation(type="list", formula1='"' + ",".join(REFERENCE_KINDS) + '"',
                           allow_blank=True)
    if len('"' + ",".join(REFERENCE_KINDS) + '"') <= 255:  # Excel's limit for a list
        kinds.add(f"B2:B{row + 200}")
        ws.add_data_validation(kinds)
    access = DataValidation(type="list", formula1='"public,restricted"', allow_blank=True)
    access.add(f"J2:J{row + 200}")
    ws.add_data_validation(access)


def _about_sheet(ws: Worksheet, cat: Catalogue, a: Assessment, score: Score) -> None:
    lines: list[tuple[str, str]] = [
        ("Assessment", a.title or f"{a.country.name} {cat.framework}"),
        ("Country", f"{a.country.name} ({a.country.code})"),
        ("Framework", f"{cat.title} ({cat.id})"),
        ("Reference date", a.reference_date.isoformat()),
    ]
    if isinstance(score, PointsScore):
        t = score.total
        lines.append(("Total index", f"{t.percent:.2f} ({t.points}/{t.max} points)"))
        lines.append(("Indicators", f"{score.met} met, {score.not_met} not met, "
                                    f"{score.not_assessed} not assessed{reconfirm_note(score)}"))
        lines += [(f"Section {s.id}", f"{s.name}: {s.label()}") for s in score.sections]
    elif isinstance(score, MaturityScore):
        for d in score.dimensions:
            for f in d.factors:
                rng = c.stage_name(cat, f.stage_min)
                if f.stage_max != f.stage_min:
                    rng += " to " + c.stage_name(cat, f.stage_max)
                lines.append((f.id, f"{f.name}: {rng}"))
    reconfirm = sum(1 for r in a.indicators.values() if r.reconfirm)
    if reconfirm:
        lines.append(("To re-confirm", f"{reconfirm} record(s) carried forward, not re-confirmed"))
    lines += [
        ("", ""),
        ("How to send it back", "Edit Status (or Stage) and Evidence on the Indicators (or Units) sheet "
         "and the rows of the References sheet (add a row per reference, with its unit id). "
         "IDs and names are the framework's and stay as they are."),
        ("Then", "ncsi import sheet THIS.xlsx --into ASSESSMENT.toml — your changes are merged "
         "with what was recorded meanwhile; nothing is overwritten without asking."),
        ("Written by", f"ncsi-tui {__version__}"),
    ]
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 90
    for i, (k, v) in enumerate(lines, 1):
        text_cell(ws.cell(row=i, column=1), k)
        text_cell(ws.cell(row=i, column=2), v)
        ws.cell(row=i, column=1).font = _HEAD
        ws.cell(row=i, column=2).alignment = _WRAP


def _meta_sheet(ws: Worksheet, a: Assessment) -> None:
    text_cell(ws.cell(row=1, column=1), wb_layout.MARKER)
    ws.cell(row=1, column=2).value = wb_layout.WORKBOOK_VERSION
    text_cell(ws.cell(row=2, column=1), "framework")
    text_cell(ws.cell(row=2, column=2), a.framework)
    text_cell(ws.cell(row=3, column=1), "base")
    for i, piece in enumerate(wb_layout.chunks(wb_layout.base_json(a))):
        text_cell(ws.cell(row=3 + i, column=2), piece)
    ws.sheet_state = "veryHidden"


def render(cat: Catalogue, a: Assessment, score: Score, findings: list[Finding]) -> bytes:
    """The workbook's bytes. Findings are not part of it (the About sheet has the figures)."""
    book = Workbook()
    about = book.active
    about.title = wb_layout.ABOUT_SHEET
    _about_sheet(about, cat, a, score)
    units = book.create_sheet(wb_layout.units_sheet(cat.scoring))
    _units_sheet(units, cat, a)
    _references_sheet(book.create_sheet(wb_layout.REFERENCES_SHEET), cat, a)
    _meta_sheet(book.create_sheet(wb_layout.META_SHEET), a)
    book.active = 1
    stamp = (a.updated or dt.datetime.combine(a.reference_date, dt.time())).replace(tzinfo=None)
    book.properties.created = book.properties.modified = stamp
    book.properties.creator = book.properties.lastModifiedBy = "ncsi-tui"
    book.properties.title = a.title or cat.title
    buf = io.BytesIO()
    # ExcelWriter, not book.save(): save() stamps the document with the time of day
    ExcelWriter(book, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED)).save()
    return fixed_zip(buf.getvalue())
