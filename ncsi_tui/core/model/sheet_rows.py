"""Rows of a sheet a person filled in: a CSV file (any common encoding) or an Excel workbook.

One reader for every sheet the product takes in (catalogue sheets today), so that every
problem is named where the person will look for it: ``sheet.csv:7:3`` for a CSV file (line,
column) and ``Sheet1!C7`` for a workbook (sheet, row, column).
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ncsi_tui.core.disk import read_bytes, read_text
from ncsi_tui.core.errors import InputError

#: Encodings officials meet in legacy CSV files (Central and Western European Windows).
LEGACY_ENCODINGS = ("cp1250", "cp1252", "iso-8859-2", "iso-8859-1", "utf-8", "utf-16")


@dataclass(frozen=True)
class Place:
    """Where a row is: the file, and a line (CSV) or a sheet and row (workbook)."""

    path: Path
    line: int
    sheet: str | None = None
    header: tuple[str, ...] = ()

    def error(self, col: str, msg: str) -> InputError:
        """A problem in column ``col`` of this row, located as the person would look."""
        number = self.header.index(col) + 1 if col in self.header else None
        if self.sheet is None:
            return InputError(f"column {col}: {msg}", path=self.path, line=self.line,
                              column=number)
        from openpyxl.utils import get_column_letter

        cell = f"{self.sheet}!{get_column_letter(number) if number else ''}{self.line}"
        return InputError(f"{cell} (column {col}): {msg}", path=self.path)


@dataclass
class SheetRows:
    """The header (lower-cased names) and the non-empty rows, each with its place."""

    path: Path
    header: list[str]
    rows: list[tuple[Place, dict[str, str]]] = field(default_factory=list)

    def __iter__(self) -> Iterator[tuple[Place, dict[str, str]]]:
        return iter(self.rows)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _from_csv(path: Path, encoding: str | None) -> SheetRows:
    if encoding:
        try:
            text = read_bytes(path, what="sheet").decode(encoding)
        except LookupError:
            raise InputError(f"unknown encoding '{encoding}'", path=path,
                             hint="e.g. " + ", ".join(LEGACY_ENCODINGS)) from None
        except UnicodeDecodeError as exc:
            raise InputError(f"not {encoding} text (byte {exc.start})", path=path,
                             hint="try another --encoding: " + ", ".join(LEGACY_ENCODINGS)) from None
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror}", path=path) from None
        text = text.removeprefix("\ufeff")
    else:
        try:
            text = read_text(path, what="sheet")
        except InputError as exc:
            if "UTF-8" in exc.message or "utf-8" in exc.message:
                raise InputError(exc.message, path=path,
                                 hint="a legacy sheet? give its encoding: --encoding cp1250 "
                                 "(Central European) or cp1252 (Western)") from None
            raise
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    reader.fieldnames = header
    out = SheetRows(path, header)
    for row in reader:
        clean = {k: (v or "").strip() for k, v in row.items() if k}
        if any(clean.values()):
            out.rows.append((Place(path, reader.line_num, None, tuple(header)), clean))
    return out


def _from_xlsx(path: Path) -> SheetRows:
    from openpyxl import load_workbook

    try:
        raw = read_bytes(path, what="workbook")  # a regular file, at most the size limit
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InputError(f"not an Excel workbook (.xlsx): {exc}", path=path,
                         hint="save it as .xlsx (Excel Workbook), or as CSV") from None
    ws = book.worksheets[0]
    rows = ws.iter_rows(values_only=True)
    first = next(rows, None) or ()
    header = [_cell_text(h).lower() for h in first]
    out = SheetRows(path, header)
    for number, values in enumerate(rows, start=2):
        row = {h: _cell_text(v) for h, v in zip(header, values, strict=False) if h}
        if any(row.values()):
            out.rows.append((Place(path, number, ws.title, tuple(header)), row))
    book.close()
    return out


def read_rows(path: Path, encoding: str | None = None) -> SheetRows:
    """The rows of a CSV (UTF-8 by default; ``encoding`` for legacy files) or XLSX file.

    Raises InputError naming the file when it cannot be read or decoded.
    """
    path = Path(path)
    if path.suffix.casefold() in (".xlsx", ".xlsm"):
        return _from_xlsx(path)
    return _from_csv(path, encoding)
