"""Adding a framework without code: a spreadsheet (CSV) filled from a methodology document.

One row per indicator. Columns (header names, any order; see docs/catalogue-sheet-example.csv):

    category            optional: category / pillar name (rows without one go to "Indicators")
    section_id          e.g. 1
    section_name        e.g. Cybersecurity policy
    id                  indicator id, e.g. 1.2
    name                indicator name
    points              whole number >= 0
    criterion           what must be true
    accepted_references the framework's words, e.g. "Legal act or official website"
    accepts             optional: reference kinds, separated by ';' (else derived from the words)
    window              optional: years as a number ("3"), or "in force"

Used by `ncsi catalogue from-csv`.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import tomli_w

from ncsi_tui.core.errors import InputError, read_limited
from ncsi_tui.core.model.catalogue import REFERENCE_KINDS, Catalogue

REQUIRED = ("section_id", "section_name", "id", "name", "points", "criterion")

#: Words of a methodology -> reference kinds (first match per phrase wins; order matters).
_PHRASES: tuple[tuple[str, str], ...] = (
    ("legal act", "legal-act"),
    ("enforcement act", "legal-act"),
    ("statute", "legal-act"),
    ("terms of reference", "official-document"),
    ("national strategy", "official-document"),
    ("official document", "official-document"),
    ("official public report", "official-report"),
    ("official report", "official-report"),
    ("curriculum", "official-curriculum"),
    ("study programme", "accredited-programme"),
    ("exercise", "exercise-record"),
    ("press release", "press-release"),
    ("project document", "project-document"),
    ("organisation's official website", "organisation-website"),
    ("official website of the", "organisation-website"),
    ("official website", "official-website"),
    ("website", "website"),
)


def kinds_from_words(text: str) -> tuple[str, ...]:
    """Reference kinds named in a methodology's words, in order of appearance."""
    low = text.casefold()
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for phrase, kind in _PHRASES:
        for m in re.finditer(re.escape(phrase), low):
            span = (m.start(), m.end())
            if any(a <= span[0] < b for a, b in taken):
                continue
            taken.append(span)
            found.append((m.start(), kind))
    out: list[str] = []
    for _, kind in sorted(found):
        if kind not in out:
            out.append(kind)
    return tuple(out)


def catalogue_from_csv(path: Path, *, cid: str, title: str, publisher: str = "") -> Catalogue:
    """Read a sheet into a checked Catalogue; errors name the sheet's line and column."""
    text = read_limited(Path(path))
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    reader.fieldnames = header
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise InputError(
            f"the sheet lacks column(s) {', '.join(missing)}",
            path=path,
            line=1,
            hint="first row must name the columns; see docs/catalogue-sheet-example.csv",
        )
    framework, _, methodology = cid.partition("-")
    categories: dict[str, dict[str, Any]] = {}
    sections: dict[str, dict[str, Any]] = {}
    for row in reader:
        line = reader.line_num
        row = {k: (v or "").strip() for k, v in row.items() if k}
        if not any(row.values()):
            continue

        def bad(col: str, msg: str, *, _line: int = line) -> InputError:
            column = header.index(col) + 1 if col in header else None
            return InputError(f"column {col}: {msg}", path=path, line=_line, column=column)

        for col in REQUIRED:
            if not row.get(col) and col != "criterion":
                raise bad(col, "is empty")
        try:
            points = int(row["points"])
        except ValueError:
            raise bad("points", f"'{row['points']}' is not a whole number") from None
        cat_name = row.get("category") or "Indicators"
        cat = categories.setdefault(
            cat_name, {"id": _slug(cat_name), "name": cat_name, "groups": []}
        )
        sid = row["section_id"]
        if sid not in sections:
            sections[sid] = {"id": sid, "name": row["section_name"], "units": []}
            cat["groups"].append(sections[sid])
        words = row.get("accepted_references", "")
        if row.get("accepts"):
            accepts = tuple(k.strip() for k in row["accepts"].split(";") if k.strip())
            unknown = [k for k in accepts if k not in REFERENCE_KINDS]
            if unknown:
                raise bad("accepts", f"unknown kind(s) {', '.join(unknown)}; known: "
                          + ", ".join(REFERENCE_KINDS))
        else:
            accepts = kinds_from_words(words)
        unit: dict[str, Any] = {
            "id": row["id"],
            "name": row["name"],
            "points": points,
            "criterion": row.get("criterion", ""),
            "accepted_text": words,
            "accepts": accepts,
        }
        window = row.get("window", "").casefold()
        if window:
            if window.isdigit():
                unit["window"] = {"rule": "within", "years": int(window),
                                  "text": f"Within the last {window} year(s)."}
            elif "force" in window or "valid" in window:
                unit["window"] = {"rule": "in-force",
                                  "text": "The document must be in force on the reference date."}
            else:
                raise bad("window", f"'{row['window']}': write a number of years or 'in force'")
        sections[sid]["units"].append(unit)
    if not sections:
        raise InputError("the sheet has no indicator rows", path=path)
    data = {
        "id": cid,
        "framework": framework,
        "methodology": methodology or "1",
        "title": title,
        "publisher": publisher,
        "scoring": "points",
        "levels": ("category", "section", "indicator"),
        "provenance": f"Made with `ncsi catalogue from-csv` from {Path(path).name}.",
        "groups": list(categories.values()),
    }
    try:
        return Catalogue.model_validate(data)
    except ValueError as exc:
        raise InputError(f"the sheet does not make a valid catalogue: {exc}", path=path) from None


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-") or "indicators"


def catalogue_toml(cat: Catalogue) -> str:
    """Canonical TOML text of a catalogue (what `from-csv` writes)."""
    data = cat.model_dump(by_alias=True, exclude_defaults=True)
    data = {"schema": 1, **data}
    return tomli_w.dumps(data, multiline_strings=True)
