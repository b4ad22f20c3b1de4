"""A workbook sent back by a colleague: what they changed, as an assessment to merge.

``ncsi export --format xlsx`` writes a workbook that records the version it was exported
from (core/model/workbook.py). :func:`read_workbook` reads a colleague's edited copy back:
status or stage, target stage and evidence per unit from the unit sheet, and the references
of every unit from the References sheet. The result is *theirs* for a three-way merge with
the file as it is now (*mine*) against the exported version (*base*): changes made to the
file since the export are kept, a clash is reported (core/files/merge.py).

Every cell that does not parse is reported by sheet, row and column (``References!F7``),
all at once; ids and names are the catalogue's and are never taken from the sheet (an
edited name is a warning). Callers: ``ncsi import sheet`` (cli/commands/import_sheet.py).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ncsi_tui.core.disk import read_bytes
from ncsi_tui.core.errors import InputError
from ncsi_tui.core.model import workbook as layout
from ncsi_tui.core.model.assessment import STATUSES, Assessment, Record
from ncsi_tui.core.model.catalogue import Catalogue
from ncsi_tui.core.model.reference import Reference
from ncsi_tui.core.model.workbook import Column

#: Status words people type, as the file spells them.
_STATUS_WORDS = {s.replace("-", " "): s for s in STATUSES} | {s: s for s in STATUSES} | {"": "not-assessed"}


@dataclass
class SheetResult:
    """What a workbook says: the base it was exported from, theirs, and notes for the user."""

    base: Assessment
    theirs: Assessment
    changed: list[str] = field(default_factory=list)  # unit ids the sheet changed
    warnings: list[str] = field(default_factory=list)


def _cell_ref(sheet: str, row: int, col: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{sheet}!{get_column_letter(col)}{row}"


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip("\r") if isinstance(value, str) else str(value)


def _date(value: Any) -> dt.date | None:
    """A date cell, or text written YYYY-MM-DD; ValueError names the problem."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a date: write it YYYY-MM-DD") from None


def _load(path: Path) -> Any:
    from openpyxl import load_workbook

    raw = read_bytes(path, what="workbook")  # a regular file, at most the size limit
    try:
        return load_workbook(io.BytesIO(raw), data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InputError(f"not an Excel workbook (.xlsx): {exc}", path=path,
                         hint="save it as .xlsx (Excel Workbook) and try again") from None


def _base(book: Any, path: Path) -> Assessment:
    if layout.META_SHEET not in book.sheetnames:
        raise InputError("this workbook was not exported by ncsi-tui (no version to merge against)",
                         path=path, hint="export one with `ncsi export FILE --format xlsx -o F.xlsx`")
    meta = book[layout.META_SHEET]
    if meta.cell(row=1, column=1).value != layout.MARKER:
        raise InputError("the workbook's ncsi sheet is damaged", path=path,
                         hint="export the workbook again")
    pieces = []
    row = 3
    while (value := meta.cell(row=row, column=2).value) is not None:
        pieces.append(str(value))
        row += 1
    try:
        return layout.base_from_json("".join(pieces))
    except (ValueError, ValidationError) as exc:
        raise InputError(f"the version recorded in the workbook cannot be read: {exc}",
                         path=path, hint="export the workbook again") from None


def _header_map(ws: Any, columns: tuple[Column, ...], problems: list[str]) -> dict[str, int]:
    """field -> column number, found by heading (people move columns)."""
    by_heading = {c.heading.casefold(): c.field for c in columns}
    found: dict[str, int] = {}
    for cell in ws[1]:
        name = _text(cell.value).strip().casefold()
        if name in by_heading:
            found[by_heading[name]] = cell.column
    for c in columns:
        if c.editable and c.field not in found:
            problems.append(f"{ws.title}!1: the column '{c.heading}' is missing")
    return found


def _read_units(ws: Any, cat: Catalogue, base: Assessment, problems: list[str],
                warnings: list[str]) -> dict[str, dict[str, Any]]:
    columns = layout.unit_columns(cat.scoring)
    cols = _header_map(ws, columns, problems)
    if "id" not in cols:
        problems.append(f"{ws.title}!1: the column 'ID' is missing")
        return {}
    out: dict[str, dict[str, Any]] = {}
    for row in range(2, ws.max_row + 1):
        def get(name: str, row: int = row) -> Any:
            return ws.cell(row=row, column=cols[name]).value if name in cols else None

        uid = _text(get("id")).strip()
        if not uid:
            continue
        if uid not in cat.unit_index:
            problems.append(f"{_cell_ref(ws.title, row, cols['id'])}: {cat.id} has no unit "
                            f"'{uid}' (ids are the framework's: do not edit them)")
            continue
        name = _text(get("name")).strip()
        if "name" in cols and name and name != cat.unit_index[uid].name:
            warnings.append(f"{_cell_ref(ws.title, row, cols['name'])}: the name of {uid} was "
                            "edited; names are the framework's, the edit is ignored")
        values: dict[str, Any] = {"evidence": _text(get("evidence")).replace("\r\n", "\n")}
        if cat.scoring == "points":
            word = _text(get("status")).strip().casefold()
            if word not in _STATUS_WORDS:
                problems.append(f"{_cell_ref(ws.title, row, cols['status'])}: '{word}' is not a "
                                f"status of {uid} (met, not met, not assessed)")
                continue
            values["status"] = _STATUS_WORDS[word]
        else:
            for name in ("stage", "target_stage"):
                stage = _text(get(name)).strip().casefold() or None
                if stage is not None and stage not in cat.stage_ids:
                    problems.append(f"{_cell_ref(ws.title, row, cols[name])}: '{stage}' is not a "
                                    f"stage of {uid} ({', '.join(cat.stage_ids)})")
                values[name] = stage
        out[uid] = values
    return out


def _read_references(ws: Any, cat: Catalogue, problems: list[str]) -> dict[str, list[Reference]]:
    cols = _header_map(ws, layout.REFERENCE_COLUMNS, problems)
    out: dict[str, list[Reference]] = {}
    if "unit" not in cols:
        return out
    for row in range(2, ws.max_row + 1):
        raw = {c.field: ws.cell(row=row, column=cols[c.field]).value
               for c in layout.REFERENCE_COLUMNS if c.field in cols}
        if all(v is None or _text(v).strip() == "" for v in raw.values()):
            continue  # an empty row
        uid = _text(raw.pop("unit")).strip()
        if uid not in cat.unit_index:
            problems.append(f"{_cell_ref(ws.title, row, cols['unit'])}: '{uid}' is not a unit "
                            f"of {cat.id}: write the id of the indicator the reference is for")
            continue
        data: dict[str, Any] = {}
        bad = False
        for c in layout.REFERENCE_COLUMNS[1:]:
            if c.field not in raw:
                continue
            if c.kind == "date":
                try:
                    data[c.field] = _date(raw[c.field])
                except ValueError as exc:
                    problems.append(f"{_cell_ref(ws.title, row, cols[c.field])}: {exc}")
                    bad = True
            else:
                data[c.field] = _text(raw[c.field]).strip()
        data["access"] = data.get("access") or "public"
        if bad:
            continue
        try:
            ref = Reference.model_validate(data)
        except ValidationError as exc:
            for e in exc.errors():
                where = str(e["loc"][0]) if e["loc"] else "kind"
                col = cols.get(where, cols["unit"])
                problems.append(f"{_cell_ref(ws.title, row, col)}: {e['msg'].removeprefix('Value error, ')}")
            continue
        out.setdefault(uid, []).append(ref)
    return out


def read_workbook(path: Path, cat: Catalogue, *, user: str, now: dt.datetime) -> SheetResult:
    """Read an edited workbook exported from an assessment of ``cat``.

    Returns the base (as exported), theirs (the base with the sheet's edits, each changed
    record stamped with ``user`` and ``now``) and warnings. Raises InputError listing every
    cell that does not parse (sheet, row, column), or when the workbook is not ours or is of
    another framework.
    """
    book = _load(Path(path))
    base = _base(book, Path(path))
    if base.framework != cat.id:
        raise InputError(f"the workbook is of {base.framework}, the assessment of {cat.id}",
                         path=path, hint="import it into an assessment of the same framework")
    problems: list[str] = []
    warnings: list[str] = []
    units_name = layout.units_sheet(cat.scoring)
    if units_name not in book.sheetnames or layout.REFERENCES_SHEET not in book.sheetnames:
        raise InputError(f"the workbook lacks the '{units_name}' or "
                         f"'{layout.REFERENCES_SHEET}' sheet", path=path,
                         hint="keep the sheets as exported; export again if they were removed")
    units = _read_units(book[units_name], cat, base, problems, warnings)
    refs = _read_references(book[layout.REFERENCES_SHEET], cat, problems)
    if problems:
        raise InputError(f"{len(problems)} cell(s) cannot be read:\n  " + "\n  ".join(problems),
                         path=path, hint="correct those cells and import again; nothing was written")
    theirs = base.model_copy(deep=True)
    records = dict(theirs.indicators)
    changed: list[str] = []
    for uid in cat.unit_index:
        old = base.record(uid)
        update = dict(units.get(uid, {}))
        update["references"] = refs.get(uid, [])
        if uid not in units:  # row deleted: keep what the base had for the unit's fields
            update = {"references": update["references"]}
        new = old.model_copy(update=update)
        if cat.scoring == "points" and new.status == "not-assessed" and "status" not in update:
            new = new.model_copy(update={"status": old.status})
        if _content(new) != _content(old):
            new = new.model_copy(update={"updated_by": user, "updated_at": now,
                                         "reconfirm": False})
            changed.append(uid)
            if new.is_empty():
                records.pop(uid, None)
            else:
                records[uid] = new
    theirs.indicators = records
    return SheetResult(base, theirs, changed, warnings)


def adopt_internal(result: SheetResult, current: Assessment) -> SheetResult:
    """Give base and theirs the internal fields of the file as it is now.

    A workbook never carries internal notes or the review, so it can change neither: for
    the three-way merge they are "unchanged by the sheet" (the file's own values), never
    "removed". Returns a new result; ``current`` is not changed.
    """

    def adopt(a: Assessment) -> Assessment:
        records = {}
        for uid in set(a.indicators) | {u for u, r in current.indicators.items() if r.notes}:
            rec = a.record(uid).model_copy(update={"notes": current.record(uid).notes})
            if not rec.is_empty():
                records[uid] = rec
        return a.model_copy(update={"indicators": records,
                                    "review": current.review.model_copy(deep=True)})

    return SheetResult(adopt(result.base), adopt(result.theirs), result.changed, result.warnings)


def _content(rec: Record) -> dict[str, Any]:
    data = rec.model_dump()
    for k in ("updated_by", "updated_at", "reconfirm"):
        data.pop(k)
    return data
