"""Adding a framework without code: a sheet (CSV or XLSX) filled from a methodology document.

Two kinds of sheet, told apart by their columns (header names, any order):

**Points** (NCSI-like; see docs/catalogue-sheet-example.csv), one row per indicator:

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

**Maturity** (CMM-like: the CMM 2016 edition, a national maturity model; see
docs/catalogue-sheet-maturity-example.csv), one row per aspect, or per factor staged as a
whole, and the stages given on the command line (``--stages "Start-up, Formative, ..."``):

    dimension_id, dimension_name, factor_id, factor_name   e.g. D1, ..., D1.1, ...
    id, name            optional: the aspect (empty: the factor is staged as a whole)
    description         optional: what the unit is about
    one column per stage id (e.g. start-up)   optional: what that stage looks like

Rows are read by core/model/sheet_rows.py (UTF-8 CSV, ``encoding`` for legacy CSV, or the
first sheet of a workbook); problems name the line and column, or the sheet cell.
Used by `ncsi catalogue from-csv`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import tomli_w

from ncsi_tui.core.errors import InputError
from ncsi_tui.core.model.catalogue import REFERENCE_KINDS, Catalogue
from ncsi_tui.core.model.sheet_rows import SheetRows, read_rows

#: What an id from a sheet may hold: no formula (``=HYPERLINK(...)``), markup, space or
#: control character can enter a catalogue, and from there every export and screen.
SHEET_ID = re.compile(r"[A-Za-z0-9._-]+")
REQUIRED = ("section_id", "section_name", "id", "name", "points", "criterion")
MATURITY_REQUIRED = ("dimension_id", "dimension_name", "factor_id", "factor_name")

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


def catalogue_from_sheet(
    path: Path,
    *,
    cid: str,
    title: str,
    publisher: str = "",
    encoding: str | None = None,
    stages: list[str] | None = None,
) -> Catalogue:
    """Read a sheet (CSV or XLSX) into a checked Catalogue, points or maturity by its columns.

    ``stages`` (names, lowest first) is required for a maturity sheet. Raises InputError
    naming the line and column (CSV) or the cell (XLSX) of the first problem.
    """
    sheet = read_rows(Path(path), encoding)
    if all(c in sheet.header for c in MATURITY_REQUIRED):
        return _maturity(sheet, cid=cid, title=title, publisher=publisher, stages=stages or [])
    missing = [c for c in REQUIRED if c not in sheet.header]
    if missing:
        raise InputError(
            f"the sheet lacks column(s) {', '.join(missing)}",
            path=path,
            line=1,
            hint="first row must name the columns: a points sheet (see "
            "docs/catalogue-sheet-example.csv) or a maturity sheet with "
            + ", ".join(MATURITY_REQUIRED),
        )
    return _points(sheet, cid=cid, title=title, publisher=publisher)


#: the earlier name (CSV only), kept for callers
def catalogue_from_csv(path: Path, *, cid: str, title: str, publisher: str = "") -> Catalogue:
    """Read a points sheet; see :func:`catalogue_from_sheet`."""
    return catalogue_from_sheet(path, cid=cid, title=title, publisher=publisher)


def _points(sheet: SheetRows, *, cid: str, title: str, publisher: str) -> Catalogue:
    path = sheet.path
    framework, _, methodology = cid.partition("-")
    categories: dict[str, dict[str, Any]] = {}
    sections: dict[str, dict[str, Any]] = {}
    for place, row in sheet:
        bad = place.error
        for col in REQUIRED:
            if not row.get(col) and col != "criterion":
                raise bad(col, "is empty")
        for col in ("section_id", "id"):
            if not SHEET_ID.fullmatch(row[col]):
                raise bad(col, f"{row[col]!r} is not an id: use letters, digits, '.', '_' "
                          "and '-' only (as 1.2 or D1.1)")
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
    return _validated(path, {
        "id": cid,
        "framework": framework,
        "methodology": methodology or "1",
        "title": title,
        "publisher": publisher,
        "scoring": "points",
        "levels": ("category", "section", "indicator"),
        "provenance": f"Made with `ncsi catalogue from-csv` from {Path(path).name}.",
        "groups": list(categories.values()),
    })


def _maturity(sheet: SheetRows, *, cid: str, title: str, publisher: str,
              stages: list[str]) -> Catalogue:
    path = sheet.path
    if len(stages) < 2:
        raise InputError("a maturity sheet needs its stages, lowest first", path=path,
                         hint='add --stages "Start-up, Formative, Established, Strategic, '
                         'Dynamic" (the model\'s own stage names)')
    stage_list = [{"id": _slug(s), "name": s.strip()} for s in stages]
    framework, _, methodology = cid.partition("-")
    dims: dict[str, dict[str, Any]] = {}
    factors: dict[str, dict[str, Any]] = {}
    for place, row in sheet:
        for col in MATURITY_REQUIRED:
            if not row.get(col):
                raise place.error(col, "is empty")
        dim = dims.setdefault(row["dimension_id"], {
            "id": row["dimension_id"], "name": row["dimension_name"], "groups": []})
        fid = row["factor_id"]
        if fid not in factors:
            factors[fid] = {"id": fid, "name": row["factor_name"], "units": []}
            dim["groups"].append(factors[fid])
        uid, name = row.get("id", ""), row.get("name", "")
        if bool(uid) != bool(name):
            raise place.error("name" if uid else "id", "give both the aspect's id and name, "
                              "or neither (the factor is then staged as a whole)")
        looks = {s["id"]: row[s["id"]] for s in stage_list if row.get(s["id"])}
        factors[fid]["units"].append({
            "id": uid or fid, "name": name or row["factor_name"],
            "description": row.get("description", ""), "stages": looks,
        })
    if not factors:
        raise InputError("the sheet has no rows", path=path)
    for f in factors.values():
        if len(f["units"]) > 1 and any(u["id"] == f["id"] for u in f["units"]):
            raise InputError(f"factor {f['id']} has aspects and a row without one",
                             path=path, hint="give every row of a factor with aspects its "
                             "aspect id and name")
    return _validated(path, {
        "id": cid,
        "framework": framework,
        "methodology": methodology or "1",
        "title": title,
        "publisher": publisher,
        "scoring": "maturity",
        "levels": ("dimension", "factor", "aspect"),
        "stages": stage_list,
        "provenance": f"Made with `ncsi catalogue from-csv` from {Path(path).name}.",
        "groups": list(dims.values()),
    })


def _validated(path: Path, data: dict[str, Any]) -> Catalogue:
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
