"""The workbook contract: the sheets and columns of an exported assessment workbook (XLSX).

One place for what ``ncsi export --format xlsx`` writes (core/export/xlsx.py) and what
``ncsi import sheet F.xlsx --into F.toml`` reads back (core/importers/sheet.py): sheet
names, column headings, which columns a colleague may edit, and the version the workbook
was exported from (the *base* of the three-way merge on import).

The base is the public part of the assessment (no internal notes, no review: neither ever
leaves the tool) as JSON in a very hidden sheet, so the import needs nothing but the
workbook and the assessment file. Pure data; no I/O.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ncsi_tui.core.model.assessment import Assessment

#: The hidden sheet that marks a workbook as ours and holds the base version.
META_SHEET = "ncsi"
MARKER = "ncsi-tui workbook"
WORKBOOK_VERSION = 1
#: A cell holds at most 32,767 characters: the base JSON is split over rows of this size.
CHUNK = 30_000
REFERENCES_SHEET = "References"
ABOUT_SHEET = "About"


@dataclass(frozen=True)
class Column:
    """One column of a sheet: the field it holds, its heading, width and whether it is edited."""

    field: str
    heading: str
    width: int
    editable: bool = False
    kind: str = "text"  # text | date | number


POINTS_COLUMNS: tuple[Column, ...] = (
    Column("id", "ID", 8),
    Column("group", "Section", 9),
    Column("name", "Indicator", 38),
    Column("points", "Points", 7, kind="number"),
    Column("status", "Status", 13, editable=True),
    Column("evidence", "Evidence", 70, editable=True),
    Column("reconfirm", "To re-confirm", 11),
)
MATURITY_COLUMNS: tuple[Column, ...] = (
    Column("id", "ID", 9),
    Column("top", "Dimension", 10),
    Column("group", "Factor", 9),
    Column("name", "Aspect or factor", 38),
    Column("stage", "Stage", 13, editable=True),
    Column("target_stage", "Target stage", 13, editable=True),
    Column("evidence", "Evidence", 70, editable=True),
    Column("reconfirm", "To re-confirm", 11),
)
REFERENCE_COLUMNS: tuple[Column, ...] = (
    Column("unit", "Unit ID", 9, editable=True),
    Column("kind", "Kind", 18, editable=True),
    Column("title", "Title", 36, editable=True),
    Column("url", "URL", 36, editable=True),
    Column("locator", "Where (article, page)", 18, editable=True),
    Column("published", "Published", 12, editable=True, kind="date"),
    Column("accessed", "Accessed", 12, editable=True, kind="date"),
    Column("valid_from", "Valid from", 12, editable=True, kind="date"),
    Column("valid_until", "Valid until", 12, editable=True, kind="date"),
    Column("access", "Access", 11, editable=True),
    Column("quote", "Quote (original language)", 40, editable=True),
    Column("quote_en", "Quote (English)", 40, editable=True),
)


def units_sheet(scoring: str) -> str:
    """The unit sheet's name: ``Indicators`` (points) or ``Units`` (maturity aspects, factors)."""
    return "Indicators" if scoring == "points" else "Units"


def unit_columns(scoring: str) -> tuple[Column, ...]:
    """The unit sheet's columns for a scoring kind (``points`` or ``maturity``)."""
    return POINTS_COLUMNS if scoring == "points" else MATURITY_COLUMNS


def public_base(a: Assessment) -> Assessment:
    """The assessment as a workbook shows it: internal notes and the review left out."""
    records = {
        uid: rec.model_copy(update={"notes": ""})
        for uid, rec in a.indicators.items()
        if not rec.model_copy(update={"notes": ""}).is_empty()
    }
    return a.model_copy(update={"indicators": records, "review": type(a.review)()}, deep=True)


def base_json(a: Assessment) -> str:
    """The base version as JSON text (see :func:`public_base`)."""
    return json.dumps(public_base(a).model_dump(mode="json", by_alias=True), sort_keys=True,
                      ensure_ascii=False, separators=(",", ":"))


def base_from_json(text: str) -> Assessment:
    """The base version read back; raises ValueError (pydantic) on a damaged text."""
    data: dict[str, Any] = json.loads(text)
    return Assessment.model_validate(data)


def chunks(text: str) -> list[str]:
    """``text`` cut into cell-sized pieces (at least one, possibly empty)."""
    return [text[i : i + CHUNK] for i in range(0, len(text), CHUNK)] or [""]
