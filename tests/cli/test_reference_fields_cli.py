"""`ncsi record` takes every reference field and refuses bad values at input (exit 2, the
reason named); a bad URL already in a file is a readiness finding in every command, never a
traceback (issues 16.5, 19.1, 19.5, 19.7)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.core.model.test_fields import BAD_URLS

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def blank(tmp_path: Path, ncsi) -> Path:
    path = tmp_path / "a.toml"
    r = ncsi("new", path, "--framework", "ncsi-2.0", "--country", "XE", "--country-name",
             "Examplia", "--date", "2025-06-30")
    assert r.returncode == 0, r.stderr
    return path


def test_a_strategy_not_yet_in_force_is_recorded_shown_and_checked(blank: Path, ncsi) -> None:
    # /work/shared/cases/reference-valid-from-not-settable.sh
    r = ncsi("record", blank, "1.3", "--status", "met", "--evidence", "Strategy, in force from July",
             "--ref", "official-document", "Strategy 2025-2030", "https://example.org/xe/strategy",
             "--published", "2024-12-20", "--valid-from", "2025-07-01",
             "--quote", "Strategija stupa na snagu", "--quote-en", "The strategy enters into force")
    assert r.returncode == 0, r.stderr
    shown = ncsi("show", blank, "1.3").stdout
    assert "in force from 2025-07-01" in shown
    assert 'quote: "Strategija stupa na snagu"' in shown
    assert 'in English: "The strategy enters into force"' in shown
    check = ncsi("check", blank, "--json")
    assert check.returncode == 1
    found = [f for f in json.loads(check.stdout)["findings"] if f["unit_id"] == "1.3"]
    assert any(f["rule"] == "document.expired" and "valid only from 2025-07-01" in f["message"]
               for f in found)


@pytest.mark.parametrize(("url", "words"), BAD_URLS.items())
def test_bad_urls_are_refused_at_input(blank: Path, ncsi, url: str, words: str) -> None:
    before = blank.read_bytes()
    r = ncsi("record", blank, "1.1", "--status", "met", "--ref", "legal-act", "Law", url)
    assert r.returncode == 2
    assert words in r.stderr and "Traceback" not in r.stderr
    assert blank.read_bytes() == before


@pytest.mark.parametrize(("option", "value", "words"), [
    ("--published", "2025-13-45", "month 13 does not exist"),
    ("--valid-from", "2025-02-30", "February 2025 has 28 days"),
])
def test_bad_dates_are_refused_naming_the_problem(blank: Path, ncsi, option, value, words) -> None:
    r = ncsi("record", blank, "1.1", "--ref", "legal-act", "Law", "https://gov.me/z", option, value)
    assert r.returncode == 2 and words in r.stderr


def test_a_bad_url_already_in_the_file_crashes_nothing(blank: Path, ncsi, tmp_path: Path) -> None:
    text = blank.read_text(encoding="utf-8") + (
        '\n[indicators."1.1"]\nstatus = "met"\nevidence = "x"\n\n'
        '[[indicators."1.1".references]]\nkind = "legal-act"\ntitle = "Law"\nurl = "http://[bad"\n'
    )
    blank.write_text(text, encoding="utf-8")
    check = ncsi("check", blank)
    assert check.returncode == 1 and "Traceback" not in check.stderr
    assert "http://[bad" in check.stdout and "cannot be read" in check.stdout
    for fmt in ("html", "md", "csv", "json", "report-html", "report-md"):
        out = ncsi("export", blank, "--format", fmt, "-o", tmp_path / f"x.{fmt}")
        assert out.returncode == 0 and "Traceback" not in out.stderr, (fmt, out.stderr)
    for cmd in (("show", blank, "1.1"), ("summary", blank)):
        out = ncsi(*cmd)
        assert out.returncode == 0 and "Traceback" not in out.stderr


def test_records_carried_forward_are_counted_everywhere(tmp_path: Path, ncsi) -> None:
    # /work/shared/cases/carry-forward-summary-hides-reconfirm.sh
    path = tmp_path / "xe-2026.toml"
    assert ncsi("new", path, "--from", ROOT / "ncsi_tui" / "examples" / "example.toml",
                "--date", "2026-06-30").returncode == 0
    data = json.loads(ncsi("summary", path, "--json").stdout)
    assert data["indicators"]["to_reconfirm"] == 30
    assert "30 carried forward to re-confirm" in ncsi("summary", path).stdout
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(ncsi("export", path, "--format", "csv").stdout
                                           .lstrip("\ufeff"))))
    assert sum(r["to_reconfirm"] == "yes" for r in rows) == 30
    for fmt in ("html", "md", "report-md"):
        assert "re-confirm" in ncsi("export", path, "--format", fmt).stdout, fmt
    assert ncsi("record", path, "1.1", "--status", "met").returncode == 0
    assert json.loads(ncsi("summary", path, "--json").stdout)["indicators"]["to_reconfirm"] == 29
