"""Exports of any valid assessment: HTML holds only our own tags, JSON fits its schema,
CSV has one row per unit, and internal notes appear nowhere (hypothesis)."""

from __future__ import annotations

import csv
import datetime as dt
import html as html_lib
import io
import json
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from ncsi_tui.core.export import FORMATS, export, is_binary
from ncsi_tui.core.judge.readiness import run_checks
from ncsi_tui.core.judge.scoring import score
from ncsi_tui.core.model.assessment import Assessment, Country, Record, Reference
from ncsi_tui.core.model.catalogue import REFERENCE_KINDS, Catalogue, Catalogues, load_catalogue

ROOT = Path(__file__).resolve().parents[3]
SCHEMA = json.loads((ROOT / "docs" / "export-json.schema.json").read_text())
NOTE = "SECRET-NOTE"
#: Every tag the HTML export writes itself; user text must never add one.
OUR_TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "header",
    "main",
    "footer",
    "section",
    "article",
    "figure",
    "figcaption",
    "svg",
    "defs",
    "pattern",
    "rect",
    "line",
    "text",
    "h1",
    "h2",
    "h3",
    "h4",
    "p",
    "span",
    "strong",
    "div",
    "dl",
    "dt",
    "dd",
    "ol",
    "li",
    "a",
    "code",
    "blockquote",
    "table",
    "caption",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.hrefs: list[str] = []
        self.handlers: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        for name, value in attrs:
            if name == "href" and not (value or "").startswith("#"):
                self.hrefs.append(value or "")
            if name.startswith("on"):
                self.handlers.append(name)


@pytest.fixture(scope="module")
def catalogues() -> dict[str, Catalogue]:
    return {
        "points": Catalogues().get("ncsi-2.0"),
        "maturity": load_catalogue(ROOT / "tests" / "data" / "readiness" / "mmtest-1.toml"),
    }


TOKENS = [*"ab <>&\"'|#*_[]()`\\=+-@\n", "é", "—", "<script>", "</p>", "javascript:", "${x}"]
nasty = st.lists(st.sampled_from(TOKENS), max_size=12).map("".join)
urls = st.sampled_from(
    [
        "",
        "https://gov.example/a?b=1&c=2",
        "http://x.example/<i>",
        "javascript:alert(1)",
        "www.gov.example",
        "https://gov.example/(x)\"y'",
    ]
)
dates = st.none() | st.dates(dt.date(2010, 1, 1), dt.date(2030, 1, 1))
references = st.builds(
    Reference,
    kind=st.sampled_from(list(REFERENCE_KINDS)),
    title=nasty,
    url=urls,
    locator=nasty,
    published=dates,
    valid_until=dates,
    access=st.sampled_from(["public", "restricted"]),
    quote=nasty,
    quote_en=nasty,
)


@st.composite
def assessments(draw: st.DrawFn, cat: Catalogue) -> Assessment:
    ids = draw(st.lists(st.sampled_from([u.id for u in cat.units]), unique=True, max_size=5))
    records = {}
    for uid in ids:
        rec = Record(
            evidence=draw(nasty),
            notes=NOTE + draw(nasty),
            references=draw(st.lists(references, max_size=3)),
        )
        if cat.scoring == "points":
            rec.status = draw(st.sampled_from(["met", "not-met", "not-assessed"]))
        else:
            rec.stage = draw(st.none() | st.sampled_from(cat.stage_ids))
        records[uid] = rec
    return Assessment(
        framework=cat.id,
        country=Country(code="RS"),
        title=draw(nasty),
        reference_date=dt.date(2023, 6, 1),
        organisations=[draw(nasty)],
        indicators=records,
    )


@pytest.mark.parametrize("kind", ["points", "maturity"])
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_office_exports_of_any_assessment_hold_the_evidence_and_no_notes(catalogues, kind,
                                                                         data):
    """XLSX and DOCX (the PDF is a browser run: tests/cli/test_office_cli.py prints one)."""
    cat = catalogues[kind]
    a = data.draw(assessments(cat))
    s, findings = score(cat, a), run_checks(cat, a)
    for fmt in ("xlsx", "docx", "report-docx"):
        assert NOTE not in office_text(export(fmt, cat, a, s, findings)), fmt
    book = load_workbook(io.BytesIO(export("xlsx", cat, a, s, findings)))
    units = book["Indicators" if kind == "points" else "Units"]
    col = [c.value for c in units[1]].index("Evidence") + 1
    sheet_evidence = {units.cell(row=r, column=1).value: units.cell(row=r, column=col).value or ""
                      for r in range(2, units.max_row + 1)}
    assert sheet_evidence == {u.id: a.record(u.id).evidence for u in cat.units}


def office_text(data: bytes) -> str:
    """All the text of an office file (XLSX, DOCX): every XML part of the zip, unescaped."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = " ".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
    return html_lib.unescape(xml)


@pytest.mark.parametrize("kind", ["points", "maturity"])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_export_of_any_assessment_is_safe_and_complete(catalogues, kind, data):
    cat = catalogues[kind]
    a = data.draw(assessments(cat))
    s, findings = score(cat, a), run_checks(cat, a)
    out = {fmt: export(fmt, cat, a, s, findings) for fmt in FORMATS if not is_binary(fmt)}
    for fmt, text in out.items():
        assert NOTE not in text, fmt

    parser = Tags()
    parser.feed(out["html"])
    assert parser.tags <= OUR_TAGS
    assert not parser.handlers
    assert all(h.startswith(("http://", "https://")) for h in parser.hrefs)

    doc = json.loads(out["json"])
    jsonschema.validate(doc, SCHEMA)
    assert {uid: r["evidence"] for uid, r in doc["assessment"]["indicators"].items()} == {
        uid: r.evidence for uid, r in a.indicators.items()
    }

    rows = list(csv.reader(io.StringIO(out["csv"].removeprefix("\ufeff"), newline="")))
    assert [r[0].removeprefix('="').removesuffix('"') for r in rows[1:]] == [u.id for u in cat.units]
    assert all(len(r) == len(rows[0]) for r in rows)
