"""CSV export: one row per unit, for spreadsheets, with the evidence and its references.

Points frameworks: id, section, name, points, status, awarded, evidence, reference_count,
references, reference_urls, to_reconfirm, updated_at. Maturity frameworks: id, dimension,
factor, aspect, stage, target_stage, evidence, reference_count, references,
reference_urls, to_reconfirm. ``references`` holds one line a reference ("Legal act:
Title, Article 4, published 2021-03-01"), ``reference_urls`` the URLs one a line.

Made to open right in Excel by a double click: UTF-8 *with* a byte-order mark (else
Excel reads "înalt" as "Ã®nalt"), and ids that Excel would turn into numbers (``1.10``
into 1.1) written as text (``="1.10"``). ``excel=False`` gives plain UTF-8 and the ids
as they are, for scripts (``ncsi export --format csv --plain``). Text cells that a
spreadsheet would run as a formula (starting with = + - @, tab or CR) are prefixed with
an apostrophe.
"""

from __future__ import annotations

import csv
import io
import re

from ncsi_tui.core.export import _common as c
from ncsi_tui.core.judge.readiness import Finding
from ncsi_tui.core.judge.scoring import Score
from ncsi_tui.core.model.assessment import Assessment, Record
from ncsi_tui.core.model.catalogue import Catalogue

POINTS_COLUMNS = (
    "id", "section", "name", "points", "status", "awarded", "evidence", "reference_count",
    "references", "reference_urls", "to_reconfirm", "updated_at",
)
MATURITY_COLUMNS = (
    "id", "dimension", "factor", "aspect", "stage", "target_stage", "evidence",
    "reference_count", "references", "reference_urls", "to_reconfirm",
)
BOM = "\ufeff"
#: what Excel reads as a number (and then shows differently): 1.10, 2, 1.2.3 as a date...
_NUMBER_LIKE = re.compile(r"^[0-9][0-9.,/-]*$")
#: a number-like id kept as text for Excel: a formula of a constant, harmless
_EXCEL_TEXT = re.compile(r'="[0-9][0-9.,/-]*"')


FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def safe(value: object) -> object:
    """Defuse spreadsheet formulas in a text cell (OWASP "CSV injection": a leading
    apostrophe); numbers are left as numbers. Every text cell passes through here."""
    if not isinstance(value, str):
        return value
    return "'" + value if value[:1] in FORMULA_START else value


def id_cell(uid: str, excel: bool) -> str:
    """A unit id Excel keeps as text (``="1.10"``); ids are ``[A-Za-z0-9._-]`` only."""
    return f'="{uid}"' if excel and _NUMBER_LIKE.match(uid) else safe(uid)


def _references(rec: Record) -> tuple[str, str]:
    lines = [safe(f"{ref.title or 'untitled'} — " + ", ".join(c.reference_details(ref)))
             for ref in rec.references]
    urls = [safe(ref.url) for ref in rec.references if ref.url]
    return "\n".join(lines), "\n".join(urls)


def rows(cat: Catalogue, a: Assessment, *, excel: bool = True) -> list[dict[str, object]]:
    """The table as dicts keyed by column name (points or maturity columns)."""
    out: list[dict[str, object]] = []
    for group, unit in cat.walk_units():
        rec = a.record(unit.id)
        refs, urls = _references(rec)
        common = {
            "id": id_cell(unit.id, excel),
            "evidence": safe(rec.evidence),
            "reference_count": len(rec.references),
            "references": refs,
            "reference_urls": urls,
            "to_reconfirm": "yes" if rec.reconfirm else "",
        }
        if cat.scoring == "points":
            out.append({
                **common,
                "section": id_cell(group.id, excel),
                "name": safe(unit.name),
                "points": unit.points or 0,
                "status": rec.status,
                "awarded": c.awarded(unit, rec),
                "updated_at": rec.updated_at.isoformat() if rec.updated_at else "",
            })
        else:
            aspect_less = len(group.units) == 1 and unit.id == group.id
            out.append({
                **common,
                "dimension": safe(cat.top_of[group.id].id),
                "factor": safe(group.id),
                "aspect": "" if aspect_less else safe(unit.name),
                "stage": rec.stage or "not-assessed",
                "target_stage": rec.target_stage or "",
            })
    return out


def render_csv(cat: Catalogue, a: Assessment, *, excel: bool = True) -> str:
    """The CSV text; ``excel`` adds the byte-order mark and keeps number-like ids as text."""
    buf = io.StringIO()
    columns = POINTS_COLUMNS if cat.scoring == "points" else MATURITY_COLUMNS
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    # every text cell defused, but for the ="1.10" that id_cell makes of a number-like id
    writer.writerows({k: v if isinstance(v, str) and _EXCEL_TEXT.fullmatch(v) else safe(v)
                      for k, v in row.items()} for row in rows(cat, a, excel=excel))
    return (BOM if excel else "") + buf.getvalue()


def render(cat: Catalogue, a: Assessment, score: Score, findings: list[Finding]) -> str:
    """The export package's renderer: the Excel-friendly CSV."""
    return render_csv(cat, a)
