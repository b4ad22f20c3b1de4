"""Spreadsheets and Word documents, as ministries exchange them: real files through the CLI,
reopened with openpyxl and python-docx."""

from __future__ import annotations

import csv
import io
import re
import shutil
import tomllib
from pathlib import Path

import docx
import pytest
from openpyxl import Workbook, load_workbook

from tests.conftest import EXAMPLE

ROOT = Path(__file__).resolve().parents[2]
CMM_EXAMPLE = ROOT / "ncsi_tui" / "examples" / "example-cmm.toml"
NOTE = "Ask the State Chancellery when the council statute goes to government."


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    dst = tmp_path / "example.toml"
    shutil.copyfile(EXAMPLE, dst)
    return dst


def _export(ncsi, path: Path, fmt: str, out: Path) -> Path:
    r = ncsi("export", path, "--format", fmt, "-o", out)
    assert r.returncode == 0, r.stderr
    return out


def test_xlsx_has_ids_as_text_evidence_references_and_no_notes(ncsi, copy, tmp_path):
    book = load_workbook(_export(ncsi, copy, "xlsx", tmp_path / "ex.xlsx"))
    assert book.sheetnames == ["About", "Indicators", "References", "ncsi"]
    assert book["ncsi"].sheet_state == "veryHidden"
    units = book["Indicators"]
    header = [c.value for c in units[1]]
    assert header == ["ID", "Section", "Indicator", "Points", "Status", "Evidence",
                      "To re-confirm"]
    assert units.freeze_panes == "A2" and units.protection.sheet
    ids = [units.cell(row=r, column=1) for r in range(2, units.max_row + 1)]
    assert len(ids) == 46 and all(c.data_type == "s" for c in ids)
    by_id = {units.cell(row=r, column=1).value: r for r in range(2, units.max_row + 1)}
    row = by_id["1.1"]
    assert units.cell(row=row, column=5).value == "met"
    assert units.cell(row=row, column=6).value.startswith("The Cyber Policy Department")
    assert units.cell(row=row, column=6).alignment.wrap_text
    assert units.cell(row=row, column=5).protection.locked is False
    assert units.cell(row=row, column=1).protection.locked is not False
    refs = book["References"]
    first = [c.value for c in refs[2]]
    assert first[:4] == ["1.1", "legal-act", "Statute of the Ministry of Digital Affairs",
                         "https://example.org/examplia/ministry-statute"]
    assert "The Cyber Policy Department develops" in first[11]  # English rendering
    everything = " ".join(str(c.value) for ws in book.worksheets for row in ws.iter_rows()
                          for c in row if c.value is not None)
    assert NOTE not in everything and "State Chancellery" not in everything


def test_xlsx_export_is_the_same_bytes_twice(ncsi, copy, tmp_path):
    a = _export(ncsi, copy, "xlsx", tmp_path / "a.xlsx").read_bytes()
    b = _export(ncsi, copy, "xlsx", tmp_path / "b.xlsx").read_bytes()
    assert a == b


def test_xlsx_round_trip_merges_sheet_edits_with_changes_made_meanwhile(ncsi, copy, tmp_path):
    sheet = _export(ncsi, copy, "xlsx", tmp_path / "ex.xlsx")
    book = load_workbook(sheet)
    ws = book["Indicators"]
    rows = {ws.cell(row=r, column=1).value: r for r in range(2, ws.max_row + 1)}
    ws.cell(row=rows["1.2"], column=5).value = "met"  # a status, on an indicator with notes
    ws.cell(row=rows["1.3"], column=6).value = "Strategy adopted; see the new decree."
    refs = book["References"]
    refs.append(["1.3", "legal-act", "Decree 5/2025", "https://gov.example/decree-5",
                 "Art. 2", "2025-01-10", None, None, None, "public", "", ""])
    book.save(sheet)
    before = copy.read_text()
    r = ncsi("record", copy, "2.1", "--status", "met", "--evidence", "Analysis unit set up.")
    assert r.returncode == 0, r.stderr
    r = ncsi("import", "sheet", sheet, "--into", copy)
    assert r.returncode == 0, r.stderr
    assert "2 unit(s) updated" in " ".join(r.stdout.split())  # long tmp paths wrap
    text = copy.read_text()
    assert 'status = "met"\nevidence = "The Cyber Security Council' in text  # 1.2 met
    assert NOTE in text  # its internal note kept
    assert "Strategy adopted; see the new decree." in text and "Decree 5/2025" in text
    assert "Analysis unit set up." in text  # recorded meanwhile, kept
    # nothing else changed: every other indicator (and the review) is as before
    old, new = tomllib.loads(before), tomllib.loads(text)
    changed = {k for k in old["indicators"] | new["indicators"]
               if old["indicators"].get(k) != new["indicators"].get(k)}
    assert changed == {"1.2", "1.3", "2.1"}
    assert old.get("review") == new.get("review")
    assert ncsi("check", copy).returncode in (0, 1)  # still a valid assessment


def test_xlsx_import_clash_writes_nothing_and_take_decides(ncsi, copy, tmp_path):
    sheet = _export(ncsi, copy, "xlsx", tmp_path / "ex.xlsx")
    book = load_workbook(sheet)
    ws = book["Indicators"]
    rows = {ws.cell(row=r, column=1).value: r for r in range(2, ws.max_row + 1)}
    ws.cell(row=rows["2.1"], column=6).value = "The sheet's words."
    book.save(sheet)
    assert ncsi("record", copy, "2.1", "--evidence", "The file's words.").returncode == 0
    before = copy.read_bytes()
    r = ncsi("import", "sheet", sheet, "--into", copy)
    assert r.returncode == 1 and "2.1" in r.stderr and "--take" in r.stderr
    assert copy.read_bytes() == before
    r = ncsi("import", "sheet", sheet, "--into", copy, "--take", "sheet")
    assert r.returncode == 0, r.stderr
    assert "The sheet's words." in copy.read_text()


def test_xlsx_malformed_cells_are_named_by_sheet_row_and_column(ncsi, copy, tmp_path):
    sheet = _export(ncsi, copy, "xlsx", tmp_path / "ex.xlsx")
    book = load_workbook(sheet)
    ws = book["Indicators"]
    ws["E3"] = "done"
    book["References"]["F2"] = "2025-13-45"
    book.save(sheet)
    before = copy.read_bytes()
    r = ncsi("import", "sheet", sheet, "--into", copy)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "Indicators!E3" in r.stderr and "References!F2" in r.stderr
    assert copy.read_bytes() == before


def test_importing_a_foreign_workbook_is_refused_clearly(ncsi, copy, tmp_path):
    foreign = tmp_path / "other.xlsx"
    Workbook().save(foreign)
    r = ncsi("import", "sheet", foreign, "--into", copy)
    assert r.returncode == 2 and "not exported by ncsi-tui" in r.stderr
    (tmp_path / "fake.xlsx").write_text("not a zip")
    r = ncsi("import", "sheet", tmp_path / "fake.xlsx", "--into", copy)
    assert r.returncode == 2 and "not an Excel workbook" in r.stderr


def test_cmm_xlsx_round_trip_sets_a_stage(ncsi, tmp_path):
    path = tmp_path / "cmm.toml"
    shutil.copyfile(CMM_EXAMPLE, path)
    sheet = _export(ncsi, path, "xlsx", tmp_path / "cmm.xlsx")
    book = load_workbook(sheet)
    ws = book["Units"]
    assert [c.value for c in ws[1]][:6] == ["ID", "Dimension", "Factor", "Aspect or factor",
                                           "Stage", "Target stage"]
    rows = {ws.cell(row=r, column=1).value: r for r in range(2, ws.max_row + 1)}
    ws.cell(row=rows["D2.3"], column=5).value = "formative"
    book.save(sheet)
    r = ncsi("import", "sheet", sheet, "--into", path)
    assert r.returncode == 0, r.stderr
    assert '[indicators."D2.3"]\nstage = "formative"' in path.read_text()


def test_docx_pack_has_total_index_tables_evidence_quotes_and_no_notes(ncsi, copy, tmp_path):
    d = docx.Document(_export(ncsi, copy, "docx", tmp_path / "ex.docx"))
    text = "\n".join(p.text for p in d.paragraphs)
    cells = "\n".join(c.text for t in d.tables for row in t.rows for c in row.cells)
    summary = ncsi("summary", copy, "--json").stdout
    percent = re.search(r'"percent": ([0-9.]+)', summary).group(1)
    assert f"Total index: {float(percent):.2f}" in text
    assert "General cyber security indicators" in text and "general General" not in text
    heads = [p.text for p in d.paragraphs if p.style.name == "Heading 2"]
    assert heads[0] == "1 Cyber security policy development"
    assert "1.1" in cells and "Cyber security policy unit" in cells
    assert "The Cyber Policy Department of the Ministry" in text
    assert "“Küberpoliitika osakond" in text and "The Cyber Policy Department develops" in text
    assert NOTE not in text + cells
    assert {p.style.name for p in d.paragraphs} >= {"Title", "Heading 1", "Heading 3", "Quote"}


def test_report_docx_of_a_cmm_review(ncsi, tmp_path):
    path = tmp_path / "cmm.toml"
    shutil.copyfile(CMM_EXAMPLE, path)
    d = docx.Document(_export(ncsi, path, "report-docx", tmp_path / "r.docx"))
    heads = [p.text for p in d.paragraphs if p.style.name.startswith("Heading")]
    assert heads[:4] == ["1. Country context", "2. Method", "3. Profile",
                         "4. Findings by dimension"]
    assert "5. Recommendations" in heads
    cells = "\n".join(c.text for t in d.tables for row in t.rows for c in row.cells)
    assert "D2.3" in cells  # the profile table: every factor with its stage


def test_binary_export_goes_to_a_pipe_as_bytes(copy):
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-m", "ncsi_tui", "export", str(copy), "--format",
                        "xlsx", "-o", "-"], capture_output=True, timeout=60)
    assert r.returncode == 0 and r.stdout.startswith(b"PK")
    assert load_workbook(io.BytesIO(r.stdout))["Indicators"]["A2"].value == "1.1"


def test_csv_opens_right_in_excel_for_a_romanian_catalogue(ncsi, tmp_path):
    sheet = tmp_path / "ro.csv"
    sheet.write_text(
        "section_id,section_name,id,name,points,criterion\n"
        "1,Politică,1.10,Conducere la nivel înalt,3,Guvernul a numit conducerea.\n",
        encoding="utf-8",
    )
    r = ncsi("catalogue", "from-csv", sheet, "--id", "ro-1", "--title", "Index RO",
             "-o", tmp_path / "ro-1.toml")
    assert r.returncode == 0, r.stderr
    a = tmp_path / "a.toml"
    dirs = ("--catalogue-dir", tmp_path)
    assert ncsi("new", a, "--framework", "ro-1", "--country", "RO", *dirs).returncode == 0
    out = tmp_path / "a.csv"
    assert ncsi("export", a, "--format", "csv", "-o", out, *dirs).returncode == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0]["name"] == "Conducere la nivel înalt"
    assert rows[0]["id"] == '="1.10"'  # Excel keeps it as the text 1.10, not the number 1.1
    plain = ncsi("export", a, "--format", "csv", "--plain", *dirs).stdout
    assert plain.startswith("id,") and "\n1.10," in plain


def test_catalogue_sheet_from_xlsx_and_from_a_legacy_encoding(ncsi, tmp_path):
    book = Workbook()
    ws = book.active
    ws.append(["section_id", "section_name", "id", "name", "points", "criterion"])
    ws.append([1, "Politika", "1.1", "Vodstvo", 3, "Vláda určila vedení."])
    book.save(tmp_path / "cz.xlsx")
    r = ncsi("catalogue", "from-csv", tmp_path / "cz.xlsx", "--id", "cz-1", "--title", "CZ",
             "-o", tmp_path / "cz-1.toml")
    assert r.returncode == 0, r.stderr
    assert 'name = "Vodstvo"' in (tmp_path / "cz-1.toml").read_text()
    legacy = tmp_path / "pl.csv"
    legacy.write_bytes("section_id,section_name,id,name,points,criterion\n"
                       "1,Polityka,1.1,Przywództwo,3,Rząd wyznaczył kierownictwo.\n"
                       .encode("cp1250"))
    r = ncsi("catalogue", "from-csv", legacy, "--id", "pl-1", "--title", "PL",
             "-o", tmp_path / "pl-1.toml")
    assert r.returncode == 2 and "--encoding" in r.stderr
    r = ncsi("catalogue", "from-csv", legacy, "--id", "pl-1", "--title", "PL",
             "--encoding", "cp1250", "-o", tmp_path / "pl-1.toml")
    assert r.returncode == 0, r.stderr
    assert "Przywództwo" in (tmp_path / "pl-1.toml").read_text(encoding="utf-8")


def test_catalogue_sheet_builds_a_two_factor_maturity_catalogue(ncsi, tmp_path):
    sheet = tmp_path / "mm.csv"
    sheet.write_text(
        "dimension_id,dimension_name,factor_id,factor_name,id,name,start-up\n"
        "D1,Policy,D1.1,Strategy,D1.1.1,Development,No strategy yet.\n"
        "D1,Policy,D1.2,Crisis management,,,\n",
        encoding="utf-8",
    )
    out = tmp_path / "mm-2016.toml"
    args = ("catalogue", "from-csv", sheet, "--id", "mm-2016", "--title", "MM", "-o", out)
    r = ncsi(*args)
    assert r.returncode == 2 and "--stages" in r.stderr
    r = ncsi(*args, "--stages", "Start-up, Formative, Established")
    assert r.returncode == 0, r.stderr
    dirs = ("--catalogue-dir", tmp_path)
    a = tmp_path / "a.toml"
    assert ncsi("new", a, "--framework", "mm-2016", "--country", "EE", *dirs).returncode == 0
    r = ncsi("record", a, "D1.2", "--stage", "formative", "--evidence", "x", *dirs)
    assert r.returncode == 0, r.stderr
    r = ncsi("record", a, "D1.1.1", "--stage", "start-up", "--evidence", "y", *dirs)
    assert r.returncode == 0, r.stderr
    s = ncsi("summary", a, "--json", *dirs).stdout
    assert '"stage_min": "formative"' in s and '"stage_min": "start-up"' in s
    bad = tmp_path / "bad.xlsx"
    book = Workbook()
    book.active.append(["dimension_id", "dimension_name", "factor_id", "factor_name", "id",
                        "name"])
    book.active.append(["D1", "Policy", "", "Strategy", "", ""])
    book.save(bad)
    r = ncsi("catalogue", "from-csv", bad, "--id", "mm-2", "--title", "T", "--stages", "A, B",
             "-o", tmp_path / "x.toml")
    assert r.returncode == 2 and "Sheet!C2" in r.stderr


def test_pdf_in_one_step_or_a_message_naming_what_to_install(ncsi, copy, tmp_path):
    out = tmp_path / "ex.pdf"
    if shutil.which("chromium") is None:
        r = ncsi("export", copy, "--format", "pdf", "-o", out, env={"PATH": "/nonexistent"})
        assert r.returncode == 2 and "apt install chromium" in r.stderr
        return
    r = ncsi("export", copy, "--format", "pdf", "-o", out)
    assert r.returncode == 0, r.stderr
    assert out.read_bytes().startswith(b"%PDF")
    r = ncsi("export", copy, "--format", "pdf", "-o", tmp_path / "x.pdf",
             env={"NCSI_CHROMIUM": "/nonexistent/chromium"})
    assert r.returncode == 2 and "Chromium" in r.stderr and not (tmp_path / "x.pdf").exists()
