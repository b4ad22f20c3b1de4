"""`ncsi import ncsi-page`: the real console script on real files in tmp_path."""

from __future__ import annotations

import json
import re
import shutil
import tomllib
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "ncsi-pages"
SAMPLE = DATA / "ncsi-2.0-examplia.txt"
PAGE_30 = DATA / "ncsi-3.0-examplia.txt"
SECTION_LINE = re.compile(r"^(\d+)\. .+? (\d+)/(\d+) \d+%", re.MULTILINE)
EXAMPLIA = ("--country", "XE", "--country-name", "Examplia")

SHEET_30 = """\
category,section_id,section_name,id,name,points,criterion,accepted_references
Strategic cybersecurity indicators,1,Cybersecurity policy,1.1,High-level cybersecurity leadership,3,Leadership is named.,Legal act or official website
Strategic cybersecurity indicators,1,Cybersecurity policy,1.2,Cybersecurity policy development,3,A body develops policy.,Legal act or official website
Strategic cybersecurity indicators,1,Cybersecurity policy,1.3,Cybersecurity policy coordination,3,A format coordinates policy.,Legal act or official website
Strategic cybersecurity indicators,1,Cybersecurity policy,1.4,National cybersecurity strategy,3,A strategy is adopted.,Valid official document
"""


def copy_page(src: Path, tmp_path: Path, name: str = "page.txt") -> Path:
    dst = tmp_path / name
    shutil.copyfile(src, dst)
    return dst


def test_importing_the_sample_gives_the_page_figures_in_summary_json(ncsi, tmp_path: Path) -> None:
    page = copy_page(SAMPLE, tmp_path)
    out = tmp_path / "examplia.toml"
    run = ncsi("import", "ncsi-page", page, "-o", out, *EXAMPLIA)
    assert run.returncode == 0, run.stderr
    assert "total 46/77 = 59.74" in run.stdout and "0 warning(s)" in run.stdout
    summary = ncsi("summary", out, "--json")
    assert summary.returncode == 0, summary.stderr
    data = json.loads(summary.stdout)
    printed = {sid: (int(p), int(m)) for sid, p, m in SECTION_LINE.findall(SAMPLE.read_text())}
    assert {s["id"]: (s["points"], s["max"]) for s in data["sections"]} == printed
    assert data["total"] == {"points": 46, "max": 77, "percent": 59.74}


def test_the_saved_file_keeps_evidence_references_organisations_and_date(
    ncsi, tmp_path: Path
) -> None:
    page = copy_page(SAMPLE, tmp_path)
    out = tmp_path / "examplia.toml"
    assert ncsi("import", "ncsi-page", page, "-o", out, *EXAMPLIA).returncode == 0
    saved = tomllib.loads(out.read_text(encoding="utf-8"))
    one = saved["indicators"]["1.1"]
    assert "Cyber Policy Department" in one["evidence"]
    assert [(r["kind"], r["url"]) for r in one["references"]] == [
        ("unspecified", "https://example.org/examplia/ministry-statute")]
    assert saved["organisations"] == ["Ministry of Digital Affairs of Examplia",
                                      "National CERT of Examplia"]
    assert str(saved["reference_date"]) == "2019-12-03"
    assert "page.txt" in saved["source"]
    assert ncsi("check", out).returncode in (0, 1)  # readable by the rest of the CLI


def test_warnings_name_the_page_file_and_line(ncsi, tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    text = SAMPLE.read_text(encoding="utf-8").replace("5/7 71%57 71%", "6/7 86%67 86%")
    page.write_text(text.replace("\n", "\r\n"), encoding="utf-8", newline="")
    run = ncsi("import", "ncsi-page", page, "-o", tmp_path / "o.toml", *EXAMPLIA)
    assert run.returncode == 0
    assert f"{page}:5: warning: section 1 shows 6/7" in run.stderr
    assert "1 warning(s)" in run.stdout


def test_an_existing_output_is_kept_unless_forced(ncsi, tmp_path: Path) -> None:
    page = copy_page(SAMPLE, tmp_path)
    out = tmp_path / "o.toml"
    out.write_text("# someone's work\n", encoding="utf-8")
    run = ncsi("import", "ncsi-page", page, "-o", out, *EXAMPLIA)
    assert run.returncode == 2
    assert "exists" in run.stderr and "--force" in run.stderr
    assert out.read_text(encoding="utf-8") == "# someone's work\n"
    run = ncsi("import", "ncsi-page", page, "-o", out, *EXAMPLIA, "--force")
    assert run.returncode == 0, run.stderr
    assert 'framework = "ncsi-2.0"' in out.read_text(encoding="utf-8")
    assert (tmp_path / "o.toml.bak").read_text(encoding="utf-8") == "# someone's work\n"


def test_a_file_that_is_not_an_ncsi_page_exits_2_with_a_clear_message(
    ncsi, tmp_path: Path
) -> None:
    page = tmp_path / "notes.txt"
    page.write_text("Meeting notes\n1. Budget\n2. Travel\n", encoding="utf-8")
    out = tmp_path / "o.toml"
    run = ncsi("import", "ncsi-page", page, "-o", out, "--country", "EE")
    assert run.returncode == 2
    assert f"{page}: not an NCSI country page" in run.stderr
    assert "Traceback" not in run.stderr and not out.exists()


def test_a_missing_page_file_and_a_bad_country_exit_2(ncsi, tmp_path: Path) -> None:
    run = ncsi("import", "ncsi-page", tmp_path / "nope.txt", "-o", tmp_path / "o.toml",
               "--country", "EE")
    assert run.returncode == 2 and "no such file" in run.stderr
    page = copy_page(SAMPLE, tmp_path)
    run = ncsi("import", "ncsi-page", page, "-o", tmp_path / "o.toml", "--country", "QQQ")
    assert run.returncode == 2 and "not an ISO 3166-1" in run.stderr
    assert not (tmp_path / "o.toml").exists()


def test_a_3_0_page_without_a_3_0_catalogue_is_refused_with_how_to_add_it(
    ncsi, tmp_path: Path
) -> None:
    page = copy_page(PAGE_30, tmp_path, "ua.txt")
    out = tmp_path / "o.toml"
    run = ncsi("import", "ncsi-page", page, "-o", out, *EXAMPLIA)
    assert run.returncode == 2
    assert f"{page}:3: this is an NCSI methodology 3.0 page" in run.stderr
    assert "ncsi catalogue from-csv" in run.stderr and "docs/import.md" in run.stderr
    assert not out.exists()


def test_a_3_0_page_is_imported_into_a_3_0_catalogue_made_as_the_message_says(
    ncsi, tmp_path: Path
) -> None:
    sheet = tmp_path / "ncsi-3.0.csv"
    sheet.write_text(SHEET_30, encoding="utf-8")
    folder = tmp_path / "catalogues"
    made = ncsi("catalogue", "from-csv", sheet, "--id", "ncsi-3.0", "--title",
                "National Cyber Security Index 3.0", "-o", folder / "ncsi-3.0.toml")
    assert made.returncode == 0, made.stderr
    page = copy_page(PAGE_30, tmp_path, "ua.txt")
    out = tmp_path / "o.toml"
    run = ncsi("import", "ncsi-page", page, "-o", out, *EXAMPLIA, "--catalogue-dir", folder)
    assert run.returncode == 0, run.stderr
    assert "with ncsi-3.0" in run.stdout and run.stderr == ""
    data = json.loads(ncsi("summary", out, "--json", "--catalogue-dir", folder).stdout)
    assert data["framework"] == "ncsi-3.0"
    assert (data["total"]["points"], data["total"]["max"]) == (9, 12)
