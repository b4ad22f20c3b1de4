"""`ncsi export`: HTML, Markdown, CSV and JSON packs from real files; notes never leak."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest

from ncsi_tui.core.files.session import AssessmentSession
from ncsi_tui.core.model.assessment import Assessment, Country, Record, Reference
from ncsi_tui.core.model.catalogue import Catalogues
from ncsi_tui.core.model.review import Gap, Review, SessionFinding

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "ncsi_tui" / "examples" / "example.toml"
DATA = ROOT / "tests" / "data" / "readiness"
SCHEMA = json.loads((ROOT / "docs" / "export-json.schema.json").read_text())
FORMATS = ("html", "md", "csv", "json")
SECRET = "INTERNAL-NOTE-7f3a do not send"
EVIDENCE = "Article 4 of the Information Security Act sets up the unit."


def write(path: Path, framework: str, records: dict[str, Record], **extra: object) -> Path:
    cat = Catalogues([DATA]).get(framework)
    a = Assessment(
        framework=cat.id,
        country=Country(code="RS"),
        title="Serbia 2023",
        reference_date=dt.date(2023, 6, 1),
        indicators=records,
        **extra,  # type: ignore[arg-type]
    )
    AssessmentSession.create(path, a, cat).save()
    return path


def ref(**kw: object) -> Reference:
    base = {
        "kind": "legal-act",
        "title": "Information Security Act",
        "url": "https://gov.example/isa",
        "locator": "Article 4",
        "published": dt.date(2016, 1, 29),
    }
    return Reference(**{**base, **kw})  # type: ignore[arg-type]


def export(ncsi, path: Path, fmt: str, *extra: object) -> str:
    r = ncsi("export", path, "--format", fmt, *extra)
    assert r.returncode == 0, r.stderr
    return r.stdout


def test_html_of_the_example_is_self_contained_with_chart_and_every_section(ncsi):
    html = export(ncsi, EXAMPLE, "html")
    assert html.startswith("<!DOCTYPE html>")
    assert "<script" not in html.lower()
    assert not re.search(r"""<(link|img|iframe|object)\b|src=|@import|url\(\s*['"]?http""", html)
    assert "<style>" in html and "@media print" in html and "break-before: page" in html
    assert html.count("<svg") == 1 and html.count('class="bar"') >= 11
    cat = Catalogues().get("ncsi-2.0")
    for section in cat.leaf_groups:
        assert f'id="g-{section.id}"' in html and section.name in html
    for unit in cat.units:
        assert f'id="u-{unit.id}"' in html
    summary = json.loads(ncsi("summary", EXAMPLE, "--json").stdout)
    assert f">{summary['total']['percent']:.2f}<" in html  # the total, as scoring computed it
    assert '<a href="https://example.org/examplia/ministry-statute">' in html  # references as links
    assert "section 12" in html and "published 2021-03-01" in html  # locator and date


def test_nothing_from_the_outside_becomes_markup_in_html_or_markdown(tmp_path, ncsi):
    path = write(
        tmp_path / "x.toml",
        "ncsi-2.0",
        {
            "1.1": Record(
                status="met",
                evidence="<script>alert(1)</script>\n# not a heading | pipe",
                references=[
                    ref(title='"><img src=x onerror=alert(1)>', url="javascript:alert(1)"),
                    ref(title="Decree [draft]", url="https://gov.example/a?b=1&c=<2>"),
                ],
            )
        },
    )
    html = export(ncsi, path, "html")
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img" not in html and 'href="javascript' not in html
    assert 'href="https://gov.example/a?b=1&amp;c=&lt;2&gt;"' in html
    md = export(ncsi, path, "md")
    assert "<script>" not in md and "\\<script\\>" in md
    assert "\\# not a heading \\| pipe" in md
    assert "](javascript" not in md
    assert "[Decree \\[draft\\]](<https://gov.example/a?b=1&c=%3C2%3E>)" in md


def test_internal_notes_never_appear_in_any_export(tmp_path, ncsi):
    review = Review.model_validate(
        {
            "clusters": [{"id": "C1", "name": "CSIRT", "contacts": [f"Ana, {SECRET}"]}],
            "sessions": [{"id": "S1", "day": "2023-05-02", "cluster": "C1"}],
            "findings": [SessionFinding(session="S1", units=["1.1"], text=SECRET)],
            "gaps": [Gap(unit="1.2", kind="desk-research", note=SECRET)],
        }
    )
    path = write(
        tmp_path / "n.toml",
        "ncsi-2.0",
        {
            "1.1": Record(status="met", evidence=EVIDENCE, notes=SECRET, references=[ref()]),
            "1.2": Record(status="not-met", notes=SECRET),
        },
        review=review,
    )
    assert SECRET in path.read_text()  # the file holds it ...
    for fmt in FORMATS:
        out = export(ncsi, path, fmt)
        assert SECRET not in out and "7f3a" not in out, fmt  # ... no export does
        if fmt != "csv":
            assert EVIDENCE in out or EVIDENCE.replace(".", "\\.") in out, fmt
    doc = json.loads(export(ncsi, path, "json"))
    assert all("notes" not in r for r in doc["assessment"]["indicators"].values())
    assert doc["assessment"]["review"]["clusters"][0]["name"] == "CSIRT"


def csv_rows(text: str) -> list[dict[str, str]]:
    """Rows of an Excel-style CSV: byte-order mark first, number-like ids as ="1.10"."""
    assert text.startswith("\ufeff"), "the CSV opens right in Excel: UTF-8 with a BOM"
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    for r in rows:
        for key in ("id", "section"):
            if key in r and r[key].startswith('="'):
                r[key] = r[key][2:-1]
    return rows


def test_csv_has_one_row_per_indicator_in_catalogue_order(ncsi):
    text = export(ncsi, EXAMPLE, "csv")
    rows = csv_rows(text)
    cat = Catalogues().get("ncsi-2.0")
    assert [r["id"] for r in rows] == [u.id for u in cat.units]
    assert list(rows[0]) == [
        "id", "section", "name", "points", "status", "awarded", "evidence", "reference_count",
        "references", "reference_urls", "to_reconfirm", "updated_at",
    ]
    first = rows[0]
    assert (first["section"], first["points"], first["status"], first["awarded"]) == (
        "1",
        "3",
        "met",
        "3",
    )
    assert first["reference_urls"] == "https://example.org/examplia/ministry-statute"
    assert first["evidence"].startswith("The Cyber Policy Department")
    assert first["references"].startswith("Statute of the Ministry of Digital Affairs — Legal act")
    assert "section 12, published 2021-03-01" in first["references"]
    summary = json.loads(ncsi("summary", EXAMPLE, "--json").stdout)
    assert sum(int(r["awarded"]) for r in rows) == summary["total"]["points"]
    assert sum(r["status"] == "met" for r in rows) == summary["indicators"]["met"]


def test_csv_defuses_spreadsheet_formulas(tmp_path, ncsi):
    path = write(
        tmp_path / "f.toml",
        "ncsi-2.0",
        {"1.1": Record(status="met", evidence="x", references=[ref(url="https://e.example/=1")])},
    )
    text = export(ncsi, path, "csv")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    # the only formula is the id kept as text, a constant: ="1.1"
    assert all(re.fullmatch(r'="[0-9.]+"', r["id"]) for r in rows)
    assert not any(v.startswith(("=", "+", "@")) for r in rows for k, v in r.items()
                   if k not in ("id", "section"))


def test_maturity_exports_chart_per_dimension_and_unit_csv(tmp_path, ncsi):
    path = write(
        tmp_path / "m.toml",
        "mmtest-1",
        {
            "D1.1.1": Record(
                stage="established", evidence="Adopted 2022.", references=[ref(), ref(title="B")]
            ),
            "D1.1.2": Record(stage="strategic", evidence="Funded.", references=[ref()]),
            "D1.2": Record(stage="formative", evidence="Ad hoc team."),
        },
    )
    extra = ("--catalogue-dir", DATA)
    html = export(ncsi, path, "html", *extra)
    assert html.count("<svg") == 2  # one maturity chart per dimension
    assert "Established to Strategic" in html and "not assessed" in html
    assert "A strategy is adopted." in html  # what the chosen stage means
    assert "National strategy &lt;draft&gt;" in html
    rows = csv_rows(export(ncsi, path, "csv", *extra))
    assert list(rows[0]) == ["id", "dimension", "factor", "aspect", "stage", "target_stage",
                             "evidence", "reference_count", "references", "reference_urls",
                             "to_reconfirm"]
    by_id = {r["id"]: r for r in rows}
    assert len(rows) == 5
    assert {k: by_id["D1.1.1"][k] for k in ("id", "dimension", "factor", "aspect", "stage",
                                             "evidence", "reference_count")} == {
        "id": "D1.1.1",
        "dimension": "D1",
        "factor": "D1.1",
        "aspect": "Strategy development",
        "stage": "established",
        "evidence": "Adopted 2022.",
        "reference_count": "2",
    }
    assert by_id["D1.2"]["aspect"] == "" and by_id["D2.1.2"]["stage"] == "not-assessed"
    md = export(ncsi, path, "md", *extra)
    assert "| D1.1 | National strategy \\<draft\\> | Established to Strategic | `███▒░` |" in md
    doc = json.loads(export(ncsi, path, "json", *extra))
    jsonschema.validate(doc, SCHEMA, format_checker=jsonschema.FormatChecker())
    assert doc["score"]["kind"] == "maturity"


def test_json_validates_against_its_documented_schema_and_embeds_the_summary(ncsi):
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    doc = json.loads(export(ncsi, EXAMPLE, "json"))
    jsonschema.validate(doc, SCHEMA, format_checker=jsonschema.FormatChecker())
    summary = json.loads(ncsi("summary", EXAMPLE, "--json").stdout)
    assert summary.pop("schema_version") == 1 and doc["schema_version"] == 1
    assert summary.pop("catalogue_origin") == "bundled with ncsi-tui (ncsi-2.0.toml)"
    assert doc["score"] == summary
    check = json.loads(ncsi("check", EXAMPLE, "--json").stdout)
    assert doc["findings"] == check["findings"] and doc["finding_counts"] == check["counts"]
    broken = json.loads(json.dumps(doc))
    next(iter(broken["assessment"]["indicators"].values()))["notes"] = "x"
    with pytest.raises(jsonschema.ValidationError):  # the schema itself forbids notes
        jsonschema.validate(broken, SCHEMA)


def test_markdown_carries_the_same_content(ncsi):
    md = export(ncsi, EXAMPLE, "md")
    cat = Catalogues().get("ncsi-2.0")
    for section in cat.leaf_groups:
        assert f"### {section.id}. {section.name}" in md
    assert "**Total: 39/77 = 50.65**" in md
    assert "#### 1.1 Cyber security policy unit — ✓ met, 3/3 points" in md
    assert "## Readiness check" in md
    assert "## Readiness check" not in export(ncsi, EXAMPLE, "md", "--no-findings")


def test_output_file_and_refusals(tmp_path, ncsi):
    copy = tmp_path / "example.toml"
    shutil.copyfile(EXAMPLE, copy)
    out = tmp_path / "pack.html"
    r = ncsi("export", copy, "--format", "html", "-o", out)
    assert r.returncode == 0 and r.stdout == "" and "wrote" in r.stderr
    assert out.read_text().startswith("<!DOCTYPE html>")
    assert out.stat().st_mode & 0o044  # readable by others as any new file, not 0600
    r = ncsi("export", copy, "--format", "html", "-o", copy)
    assert r.returncode == 2 and "overwrite the assessment" in r.stderr
    assert copy.read_bytes() == EXAMPLE.read_bytes()
    r = ncsi("export", copy, "--format", "csv", "-o", tmp_path / "no" / "such" / "dir.csv")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert ncsi("export", copy, "--format", "odt").returncode == 2


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium not installed")
def test_html_prints_to_pdf_with_headless_chromium(tmp_path, ncsi):
    html, pdf = tmp_path / "pack.html", tmp_path / "pack.pdf"
    assert ncsi("export", EXAMPLE, "--format", "html", "-o", html).returncode == 0
    subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--no-pdf-header-footer",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--print-to-pdf={pdf}",
            html.as_uri(),
        ],
        capture_output=True,
        timeout=90,
        check=False,
    )
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
    assert pages >= 13  # the summary, then each of the 12 sections starts a page
