"""Issue 12 acceptance, through the real `ncsi` command on real files (CMM 2021 catalogue).

A small review: three clusters, a three-day plan that leaves one aspect uncovered, two
sessions with notes, one gap, four recommendations. Then a year-later copy with stages
raised on two factors, one recommendation done with a reference and one dropped.
"""

from __future__ import annotations

import functools
import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from ncsi_tui.core.model.catalogue import Catalogues
from tests.conftest import run_ncsi

UNCOVERED = "D5.6.2"
D5_BUT_ONE = [u.id for u in Catalogues().get("cmm-2021").units
              if u.id.startswith("D5") and u.id != UNCOVERED]


def ok(r: subprocess.CompletedProcess[str]) -> str:
    assert r.returncode == 0, r.stderr
    return r.stdout


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The review, built once through the CLI; each test gets its own copy."""
    folder = tmp_path_factory.mktemp("review")
    env = {"XDG_DATA_HOME": str(folder / "data"), "NCSI_USER": "tester", "NCSI_CATALOGUE_PATH": ""}
    return _build(folder / "review.toml", functools.partial(run_ncsi, env=env))


@pytest.fixture
def review(built: Path, tmp_path: Path) -> Path:
    path = tmp_path / "review.toml"
    shutil.copyfile(built, path)
    return path


def _build(path: Path, ncsi: Callable[..., subprocess.CompletedProcess[str]]) -> Path:
    ok(ncsi("new", path, "--framework", "cmm-2021", "--country", "XA", "--country-name",
            "Examplia", "--date", "2026-03-01", "--org", "Ministry of Digital Affairs"))
    ok(ncsi("plan", "context", path, "--text", "Examplia is a small coastal state."))
    ok(ncsi("plan", "cluster", path, "C1", "--name", "Government ministries",
            "--org", "Ministry of Digital Affairs", "--contact", "Jane Roe <jane@gov.example>",
            "--covers", "D1", "D2"))
    ok(ncsi("plan", "cluster", path, "C2", "--name", "CSIRT and IT leaders",
            "--org", "National CSIRT", "--covers", "D3,D4"))
    ok(ncsi("plan", "cluster", path, "C3", "--name", "Private sector",
            "--org", "Chamber of Commerce", "--covers", "D5"))
    ok(ncsi("plan", "session", path, "S1", "--day", "2026-03-09", "--time", "09:00-12:00",
            "--cluster", "C1", "--place", "https://meet.example/s1"))
    ok(ncsi("plan", "session", path, "S2", "--day", "2026-03-10", "--time", "09:00-12:00",
            "--cluster", "C2"))
    ok(ncsi("plan", "session", path, "S3", "--day", "2026-03-11", "--time", "14:00",
            "--cluster", "C3", "--covers", *D5_BUT_ONE))
    ok(ncsi("finding", path, "S1", "D1.1.1", "D1.1.2", "--text", "NOTE-S1 draft strategy"))
    ok(ncsi("finding", path, "S2", "D3.2", "--text", "NOTE-S2 two universities"))
    ok(ncsi("gap", path, "D1.3.2", "--follow-up", "C3", "--note", "CI regulation unclear"))
    ok(ncsi("record", path, "D1.1.1", "--stage", "formative", "--evidence",
            "A draft strategy is under consultation.", "--note", "INTERNAL-NOTE"))
    ok(ncsi("record", path, "D2.3", "--stage", "start-up"))
    ok(ncsi("record", path, "D3.4", "--stage", "start-up"))
    ids = [
        ok(ncsi("recs", "add", path, *args)).strip()
        for args in (
            ("D1.1", "--text", "Adopt the national strategy", "--priority", "high",
             "--owner", "Ministry of Digital Affairs", "--due", "2027-03-01"),
            ("D3", "--text", "Run an awareness campaign", "--priority", "medium"),
            ("D5.1", "--text", "Adopt a baseline standard", "--priority", "low",
             "--owner", "Chamber of Commerce"),
            ("D1.2.2", "--text", "Launch a national CSIRT", "--priority", "high",
             "--owner", "National CSIRT"),
        )
    ]
    assert ids == ["R1", "R2", "R3", "R4"]
    return path


def test_plan_warns_about_exactly_the_uncovered_unit(review: Path, ncsi) -> None:
    r = ncsi("plan", review)
    assert r.returncode == 1
    warnings = [line for line in r.stderr.splitlines() if line.startswith("warning:")]
    assert warnings == [f"warning: {UNCOVERED} Policies, Processes and Legislation is covered by no session"]
    for day in ("Day 1 — Mon 2026-03-09", "Day 2 — Tue 2026-03-10", "Day 3 — Wed 2026-03-11"):
        assert day in r.stdout
    data = json.loads(ncsi("plan", review, "--json").stdout)
    assert data["uncovered_units"] == [UNCOVERED]
    assert data["clusters_without_session"] == []


def test_plan_is_clean_once_the_unit_is_covered_and_warns_about_an_idle_cluster(review, ncsi):
    ok(ncsi("plan", "session", review, "S4", "--day", "2026-03-11", "--time", "16:00",
            "--cluster", "C3", "--covers", UNCOVERED))
    assert ncsi("plan", review).returncode == 0
    ok(ncsi("plan", "cluster", review, "C4", "--name", "Academia"))
    r = ncsi("plan", review)
    assert r.returncode == 1
    assert "warning: cluster C4 Academia has no session" in r.stderr


def test_check_lists_the_open_gap(review: Path, ncsi) -> None:
    r = ncsi("check", review)
    assert "D1.3.2" in r.stdout and "follow-up with C3" in r.stdout
    doc = json.loads(ncsi("check", review, "--json").stdout)
    gaps = [f for f in doc["findings"] if f["rule"] == "review.open-gap"]
    assert [f["unit_id"] for f in gaps] == ["D1.3.2"]
    ok(ncsi("gap", review, "D1.3.2", "--close"))
    assert "review.open-gap" not in ncsi("check", review, "--json").stdout


def test_gap_list_and_findings_are_in_the_file(review: Path, ncsi) -> None:
    out = ok(ncsi("gap", review))
    assert "D1.3.2 Regulatory Requirements: follow-up with C3 — CI regulation unclear" in out
    text = review.read_text()
    assert "NOTE-S1" in text and "NOTE-S2" in text


def test_recs_list_filters_and_json(review: Path, ncsi) -> None:
    data = json.loads(ok(ncsi("recs", review, "--owner", "national csirt", "--json")))
    assert [r["id"] for r in data["recommendations"]] == ["R4"]
    out = ok(ncsi("recs", review, "--status", "proposed"))
    assert out.strip().endswith("4 of 4 recommendation(s)")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("recs", "add", "{p}", "D9.9", "--text", "x", "--priority", "high"), "has no"),
        (("recs", "add", "{p}", "D1", "--text", "x", "--priority", "urgent"), "invalid choice"),
        (("recs", "set", "{p}", "R9", "--status", "done"), "no recommendation 'R9'"),
        (("recs", "set", "{p}", "R1", "--ref", "law", "T", "https://x"), "unknown reference kind"),
        (("gap", "{p}", "D1.3.2", "--follow-up", "C9"), "did you mean"),
        (("finding", "{p}", "S9", "D1", "--text", "x"), "no session 'S9'"),
    ],
)
def test_mistakes_exit_2_with_a_message_and_change_nothing(review, ncsi, args, message) -> None:
    before = review.read_bytes()
    r = ncsi(*(str(review) if a == "{p}" else a for a in args))
    assert r.returncode == 2
    assert message in r.stderr and "Traceback" not in r.stderr
    assert review.read_bytes() == before


def _year_later(review: Path, ncsi) -> Path:
    later = review.with_name("later.toml")
    shutil.copyfile(review, later)
    ok(ncsi("record", later, "D2.3", "--stage", "formative"))
    ok(ncsi("record", later, "D3.4", "--stage", "established"))
    ok(ncsi("record", later, "D1.1.1", "--evidence", "Consultation closed."))  # no stage change
    ok(ncsi("recs", "set", later, "R1", "--status", "done", "--ref", "official-document",
            "National Cybersecurity Strategy 2027", "https://gov.example/ncss"))
    ok(ncsi("recs", "set", later, "R2", "--status", "dropped"))
    return later


def test_follow_up_reports_exactly_the_changes_in_json(review: Path, ncsi) -> None:
    later = _year_later(review, ncsi)
    data = json.loads(ok(ncsi("follow-up", review, later, "--format", "json")))
    assert list(data) == ["schema_version", "changes", "recommendations", "unchanged"]
    assert data["changes"] == [
        {"id": "D2.3", "before": "start-up", "after": "formative", "direction": "up"},
        {"id": "D3.4", "before": "start-up", "after": "established", "direction": "up"},
    ]
    assert data["unchanged"] == len(Catalogues().get("cmm-2021").units) - 2
    moved = [(r["id"], r["status_before"], r["status_after"]) for r in data["recommendations"]
             if r["status_before"] != r["status_after"]]
    assert moved == [("R1", "proposed", "done"), ("R2", "proposed", "dropped")]
    r1 = data["recommendations"][0]
    assert r1["unit"] == "D1.1"
    assert r1["references"] == [{"kind": "official-document", "url": "https://gov.example/ncss",
                                 "title": "National Cybersecurity Strategy 2027"}]


def test_follow_up_reports_exactly_the_changes_in_text(review: Path, ncsi) -> None:
    later = _year_later(review, ncsi)
    out = ok(ncsi("follow-up", review, later))
    moved = out.split("## What moved")[1].split("## Recommendations")[0]
    assert [line for line in moved.splitlines() if line.startswith("- ")] == [
        "- D2.3 User Understanding of Personal Information Protection Online: Start-up → "
        "Formative (▲ up) — no recommendation",
        "- D3.4 Cybersecurity Research and Innovation: Start-up → Established (▲ up) — R2",
    ]
    assert "— proposed → done; 1 new reference(s)" in out
    assert "— proposed → dropped" in out
    head = out.split("## Moved without a recommendation")[0]
    assert head.count("→ ") == 4  # two units, two recommendations: nothing else moved
    without = out.split("## Moved without a recommendation")[1].split("##")[0]
    assert "D2.3" in without and "D3.4" not in without
    html = ok(ncsi("follow-up", review, later, "--format", "html"))
    assert "National Cybersecurity Strategy 2027" in html and "<script" not in html


@pytest.mark.slow
def test_report_draft_in_chromium_shows_chart_findings_and_recommendations(review, ncsi, tmp_path):
    html_path, md_path = tmp_path / "report.html", tmp_path / "report.md"
    ok(ncsi("export", review, "--format", "report-html", "-o", html_path))
    ok(ncsi("export", review, "--format", "report-md", "-o", md_path))
    html, md = html_path.read_text(), md_path.read_text()
    for page in (html, md):
        assert "INTERNAL-NOTE" not in page and "NOTE-S1" not in page and "jane@gov" not in page
        assert "Examplia is a small coastal state." in page
        assert "A draft strategy is under consultation." in page
    assert html.count("<svg") == 5  # the profile: one chart per dimension
    # recommendations grouped by dimension, then priority (high before medium and low)
    recs = html.split("5. Recommendations")[1]
    assert recs.index("D1 Cybersecurity Policy and Strategy") < recs.index("R1") < recs.index("R4")
    assert recs.index("R4") < recs.index("D3 ") < recs.index("R2") < recs.index("R3")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("chromium is not installed")
    shot = tmp_path / "report.png"
    subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         f"--screenshot={shot}", "--window-size=1200,2400", html_path.as_uri()],
        capture_output=True, timeout=120, check=False,
    )
    assert shot.stat().st_size > 50_000  # a rendered page, not a blank one


def test_a_file_without_a_review_works_with_every_review_command(tmp_path: Path, ncsi) -> None:
    path = tmp_path / "plain.toml"
    ok(ncsi("new", path, "--framework", "cmm-2021", "--country", "RS"))
    before = path.read_bytes()
    r = ncsi("plan", path)
    assert r.returncode == 1
    assert r.stderr.strip() == ("warning: no consultation session planned yet: "
                                "all 62 aspects are uncovered")
    assert ok(ncsi("recs", path)).strip() == "0 of 0 recommendation(s)"
    assert ok(ncsi("gap", path)).strip() == "0 open gap(s)"
    assert path.read_bytes() == before  # reading commands never write
