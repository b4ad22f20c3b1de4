"""`ncsi check`: findings by section, --json, exit codes 0 / 1 / 2, on real files."""

from __future__ import annotations

import datetime as dt
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from ncsi_tui.core.files.session import AssessmentSession
from ncsi_tui.core.model.assessment import Assessment, Country, Record, Reference
from ncsi_tui.core.model.catalogue import Catalogues

DATA = Path(__file__).resolve().parent.parent / "data" / "readiness"
REF_DATE = dt.date(2023, 6, 1)


def write(path: Path, framework: str = "ncsi-2.0", **records: Record) -> Path:
    """Save an assessment through the core, as the app or `ncsi record` would."""
    cat = Catalogues([DATA]).get(framework)
    a = Assessment(
        framework=cat.id,
        country=Country(code="RS"),
        reference_date=REF_DATE,
        indicators={k.replace("_", "."): v for k, v in records.items()},
    )
    AssessmentSession.create(path, a, cat).save()
    return path


def good_ref(**kw: object) -> Reference:
    base = {
        "kind": "legal-act",
        "title": "Information Security Act",
        "url": "https://gov.example/isa",
    }
    return Reference(**{**base, **kw})  # type: ignore[arg-type]


def met(*refs: Reference, evidence: str = "Article 4 of the Act sets up the unit.") -> Record:
    return Record(status="met", evidence=evidence, references=list(refs))


def findings(stdout: str) -> dict[tuple[str, str], str]:
    doc = json.loads(stdout)
    return {(f["rule"], f["unit_id"]): f["severity"] for f in doc["findings"]}


def test_clean_assessment_exits_0_and_says_ready(tmp_path, ncsi):
    path = write(tmp_path / "a.toml", **{"1_1": met(good_ref())})
    r = ncsi("check", path)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "0 error(s), 0 warning(s)" in r.stdout and "ready" in r.stdout
    assert "Open work — 45 indicator(s) not met or not assessed, 74 point(s) to gain" in r.stdout


def test_every_points_rule_is_reported_with_its_severity_and_exit_1(tmp_path, ncsi):
    exercise = {"kind": "exercise-record", "title": "Cyber Coalition"}
    path = write(
        tmp_path / "a.toml",
        **{
            "1_1": met(good_ref(), evidence=""),
            "1_2": met(),
            "1_3": met(good_ref(kind="official-document", valid_until=dt.date(2020, 12, 31))),
            "1_4": met(good_ref(kind="official-document", valid_from=dt.date(2024, 1, 1))),
            "2_1": met(good_ref(kind="news-article")),
            "2_3": met(good_ref(kind="unspecified")),
            "5_1": met(good_ref(url="gov.example/isa")),
            "5_2": met(good_ref(url="")),
            "5_3": met(good_ref(title="")),
            "6_1": met(good_ref(), good_ref()),
            "6_2": met(good_ref(published=dt.date(2023, 9, 1))),
            "10_2": met(good_ref(**exercise, published=dt.date(2019, 6, 1))),
            "10_3": met(good_ref(**exercise)),
            "11_1": Record(status="met", evidence="x", references=[good_ref()], reconfirm=True),
            "12_1": Record(status="not-met"),
        },
    )
    r = ncsi("check", path, "--json")
    assert r.returncode == 1, r.stderr
    got = findings(r.stdout)
    expected = {
        ("evidence.missing", "1.1"): "error",
        ("reference.missing", "1.2"): "error",
        ("document.expired", "1.3"): "error",
        ("document.expired", "1.4"): "error",
        ("reference.kind-not-accepted", "2.1"): "error",
        ("reference.kind-unspecified", "2.3"): "warning",
        ("reference.url-invalid", "5.1"): "error",
        ("reference.url-missing", "5.2"): "warning",
        ("reference.title-empty", "5.3"): "warning",
        ("reference.duplicate", "6.1"): "warning",
        ("reference.after-reference-date", "6.2"): "warning",
        ("window.too-old", "10.2"): "error",
        ("window.undated", "10.3"): "warning",
        ("record.reconfirm", "11.1"): "warning",
        ("open-work", "12.1"): "info",
    }
    assert {k: got.get(k) for k in expected} == expected
    doc = json.loads(r.stdout)
    problems = {(f["rule"], f["unit_id"]) for f in doc["findings"] if f["severity"] != "info"}
    assert problems == {k for k, v in expected.items() if v != "info"}  # nothing else fires
    assert doc["ok"] is False and doc["counts"]["error"] == 7
    work = [f for f in doc["findings"] if f["rule"] == "open-work"]
    assert [f["points"] for f in work] == sorted((f["points"] for f in work), reverse=True)


def test_warnings_alone_exit_0(tmp_path, ncsi):
    path = write(tmp_path / "a.toml", **{"1_1": met(good_ref(kind="unspecified"))})
    r = ncsi("check", path, "--json")
    assert r.returncode == 0
    assert findings(r.stdout)[("reference.kind-unspecified", "1.1")] == "warning"


def test_rich_output_groups_findings_by_section_in_catalogue_order(tmp_path, ncsi):
    path = write(
        tmp_path / "a.toml",
        **{
            "10_2": met(good_ref(kind="exercise-record", published=dt.date(2015, 1, 1))),
            "1_2": met(),
        },
    )
    r = ncsi("check", path, env={"NO_COLOR": "1"})
    assert r.returncode == 1
    out = r.stdout
    first = out.index("Section 1 Cyber security policy development")
    tenth = out.index("Section 10 Cyber crisis management")
    assert first < out.index("reference.missing") < tenth < out.index("window.too-old")
    assert "✗ error" in out and "\x1b[" not in out  # a mark and a word, not colour alone
    assert "2 error(s), 0 warning(s), 44 open — not ready" in out


def test_story_new_record_check_through_the_cli(tmp_path, ncsi):
    path = tmp_path / "rs.toml"
    assert (
        ncsi(
            "new", path, "--framework", "ncsi-2.0", "--country", "RS", "--date", "2023-06-01"
        ).returncode
        == 0
    )
    r = ncsi(
        "record",
        path,
        "10.2",
        "--status",
        "met",
        "--evidence",
        "National exercise KYBER-19",
        "--ref",
        "exercise-record",
        "KYBER-19 report",
        "https://gov.example/kyber19",
        "--published",
        "2019-11-20",
    )
    assert r.returncode == 0, r.stderr
    r = ncsi("check", path, "--json")
    assert r.returncode == 1
    assert findings(r.stdout)[("window.too-old", "10.2")] == "error"
    ncsi(
        "record",
        path,
        "10.2",
        "--clear-refs",
        "--ref",
        "exercise-record",
        "KYBER-22 report",
        "https://gov.example/kyber22",
        "--published",
        "2022-11-20",
    )
    r = ncsi("check", path)
    assert r.returncode == 0, r.stdout
    assert "window.too-old" not in r.stdout


def test_maturity_rules_through_the_cli(tmp_path, ncsi):
    path = tmp_path / "mm.toml"
    cat_dir = ("--catalogue-dir", DATA)
    r = ncsi(
        "new", path, "--framework", "mmtest-1", "--country", "RS", "--date", "2023-06-01", *cat_dir
    )
    assert r.returncode == 0, r.stderr
    ncsi(
        "record",
        path,
        "D1.1.1",
        "--stage",
        "strategic",
        "--evidence",
        "Priorities funded.",
        *cat_dir,
    )
    ncsi("record", path, "D1.2", "--stage", "formative", *cat_dir)
    ncsi(
        "record",
        path,
        "D2.1.1",
        "--stage",
        "established",
        "--evidence",
        "Survey.",
        "--ref",
        "official-report",
        "Survey 2020",
        "https://gov.example/survey",
        "--published",
        "2020-01-10",
        *cat_dir,
    )
    r = ncsi("check", path, "--json", *cat_dir)
    assert r.returncode == 1, r.stderr
    got = findings(r.stdout)
    assert got[("stage.reference-missing", "D1.1.1")] == "error"
    assert got[("evidence.missing", "D1.2")] == "error"
    assert got[("stage.aspect-not-assessed", "D1.1.2")] == "warning"
    assert got[("stage.aspect-not-assessed", "D2.1.2")] == "warning"
    assert got[("evidence.stale", "D2.1.1")] == "warning"
    assert not [k for k in got if k[0] in ("open-work", "reference.missing")]
    r = ncsi("check", path, *cat_dir, env={"NO_COLOR": "1"})
    assert "Factor D1.1 National strategy <draft>" in r.stdout  # grouped by factor, text not markup


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ('schema = 1\nframework = "ncsi-2.0"\nreference_date = 2023-06-01\n[country\n', ":4"),
        (
            'schema = 1\nframework = "ncsi-2.0"\nreference_date = 2023-06-01\n'
            '[country]\ncode = "RS"\n[indicators."99.9"]\nstatus = "met"\n',
            "99.9",
        ),
    ],
)
def test_unreadable_or_invalid_file_exits_2_without_traceback(tmp_path, ncsi, text, needle):
    path = tmp_path / "bad.toml"
    path.write_text(text)
    before = path.read_bytes()
    r = ncsi("check", path)
    assert r.returncode == 2
    assert needle in r.stderr and "Traceback" not in r.stderr
    assert path.read_bytes() == before
    assert ncsi("check", tmp_path / "missing.toml").returncode == 2


def test_file_with_comments_gets_the_note(tmp_path, ncsi):
    path = write(tmp_path / "a.toml", **{"1_1": met(good_ref())})
    path.write_text("# prepared by the CERT\n" + path.read_text())
    r = ncsi("check", path)
    assert r.returncode == 0
    assert "holds # comments, which the next save will not keep" in r.stdout
    assert json.loads(ncsi("check", path, "--json").stdout)["has_comments"] is True


@pytest.fixture
def web() -> Iterator[str]:
    """A local web server: /ok answers 200, everything else 404."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_HEAD(self) -> None:
            self.send_response(200 if self.path == "/ok" else 404)
            self.end_headers()

        do_GET = do_HEAD

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_online_link_check_warns_about_dead_links_only(tmp_path, ncsi, web):
    path = write(
        tmp_path / "a.toml",
        **{"1_1": met(good_ref(url=f"{web}/ok"), good_ref(title="Gone", url=f"{web}/gone"))},
    )
    offline = ncsi("check", path, "--json")
    assert "link.unreachable" not in offline.stdout  # off by default: no network
    r = ncsi("check", path, "--online", "--timeout", "3", "--json")
    assert r.returncode == 0  # warnings only
    doc = json.loads(r.stdout)
    dead = [f for f in doc["findings"] if f["rule"] == "link.unreachable"]
    assert len(dead) == 1 and "/gone" in dead[0]["message"] and "HTTP 404" in dead[0]["message"]
    assert dead[0]["severity"] == "warning"
