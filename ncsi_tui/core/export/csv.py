"""CSV export: one row per unit, for spreadsheets.

Points frameworks: id, section, name, points, status, awarded, references,
first_reference_url, updated_at. Maturity frameworks: id, dimension, factor, aspect,
stage, evidence_count (the number of references recorded). Text cells that a spreadsheet
would run as a formula (starting with = + - @) are prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import io

from ncsi_tui.core.export import _common as c
from ncsi_tui.core.judge.readiness import Finding
from ncsi_tui.core.judge.scoring import Score
from ncsi_tui.core.model.assessment import Assessment
from ncsi_tui.core.model.catalogue import Catalogue

POINTS_COLUMNS = (
    "id",
    "section",
    "name",
    "points",
    "status",
    "awarded",
    "references",
    "first_reference_url",
    "updated_at",
)
MATURITY_COLUMNS = ("id", "dimension", "factor", "aspect", "stage", "evidence_count")


def safe(text: str) -> str:
    """Defuse spreadsheet formulas in a text cell."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def rows(cat: Catalogue, a: Assessment) -> list[dict[str, object]]:
    """The table as dicts keyed by column name (points or maturity columns)."""
    out: list[dict[str, object]] = []
    for group, unit in cat.walk_units():
        rec = a.record(unit.id)
        if cat.scoring == "points":
            out.append(
                {
                    "id": unit.id,
                    "section": group.id,
                    "name": safe(unit.name),
                    "points": unit.points or 0,
                    "status": rec.status,
                    "awarded": c.awarded(unit, rec),
                    "references": len(rec.references),
                    "first_reference_url": safe(rec.references[0].url) if rec.references else "",
                    "updated_at": rec.updated_at.isoformat() if rec.updated_at else "",
                }
            )
        else:
            aspect_less = len(group.units) == 1 and unit.id == group.id
            out.append(
                {
                    "id": unit.id,
                    "dimension": cat.top_of[group.id].id,
                    "factor": group.id,
                    "aspect": "" if aspect_less else safe(unit.name),
                    "stage": rec.stage or "not-assessed",
                    "evidence_count": len(rec.references),
                }
            )
    return out


def render(cat: Catalogue, a: Assessment, score: Score, findings: list[Finding]) -> str:
    buf = io.StringIO()
    columns = POINTS_COLUMNS if cat.scoring == "points" else MATURITY_COLUMNS
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows(cat, a))
    return buf.getvalue()
