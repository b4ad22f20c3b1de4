"""`ncsi overview PATH...`: many assessments side by side, checked figure by figure against
`ncsi summary --json` and `ncsi check --json` of each file."""

from __future__ import annotations

import csv
import io
import json
import statistics
import tomllib
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from ncsi_tui.cli import main
from tests.region_cases import CMM_COUNTRIES, NCSI_COUNTRIES, build_region


def _half_up(x: float) -> float:
    return float(Decimal(repr(x)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _json_of(capsys: pytest.CaptureFixture[str], *argv: object) -> dict:
    return json.loads(_run(capsys, *argv)[1])


def _run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    """The command line in this process (one real subprocess is enough per story)."""
    capsys.readouterr()
    code = main([str(a) for a in argv])
    got = capsys.readouterr()
    return code, got.out, got.err


@pytest.fixture
def region(tmp_path: Path) -> dict[str, Path]:
    return build_region(tmp_path / "region")


def test_every_figure_matches_summary_and_check(ncsi, region, tmp_path, capsys) -> None:
    r = ncsi("overview", tmp_path / "region", "--json")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["schema_version"] == 1
    assert [f["id"] for f in doc["frameworks"]] == ["cmm-2021", "ncsi-2.0"]
    tables = {f["id"]: f for f in doc["frameworks"]}
    by_path = {a["path"]: a for f in doc["frameworks"] for a in f["assessments"]}
    assert len(by_path) == 12
    for code in (*NCSI_COUNTRIES, *CMM_COUNTRIES):
        path = region[code]
        row = by_path[str(path)]
        summary = _json_of(capsys, "summary", str(path), "--json")
        check = _json_of(capsys, "check", str(path), "--json")
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        assert row["country"] == summary["country"] == code
        assert row["title"] == data["title"]
        assert row["reference_date"] == check["reference_date"]
        assert row["errors"] == check["counts"]["error"]
        assert row["to_reconfirm"] == sum(
            1 for rec in data.get("indicators", {}).values() if rec.get("reconfirm"))
        if summary["kind"] == "points":
            assert row["total"] == summary["total"]
            assert row["sections"] == [{"id": s["id"], "percent": s["percent"]}
                                       for s in summary["sections"]]
            ind = summary["indicators"]
            units = ind["met"] + ind["not_met"] + ind["not_assessed"]
            assert row["assessed"] == _half_up((ind["met"] + ind["not_met"]) * 100 / units)
        else:
            factors = [f for d in summary["dimensions"] for f in d["factors"]]
            assert row["total"] is None
            assert row["sections"] == [{"id": f["id"], "stage_min": f["stage_min"],
                                        "stage_max": f["stage_max"]} for f in factors]
            u = summary["units"]
            assert row["assessed"] == _half_up(u["assessed"] * 100 /
                                               (u["assessed"] + u["not_assessed"]))
    assert sum(a["to_reconfirm"] for a in by_path.values()) > 0  # the case is exercised
    assert sum(a["errors"] for a in by_path.values()) > 0

    # ranking: highest total first, equal totals share a rank (EE..FI: FI copies LT)
    ncsi_rows = tables["ncsi-2.0"]["assessments"]
    totals = [a["total"]["percent"] for a in ncsi_rows]
    assert totals == sorted(totals, reverse=True)
    for a in ncsi_rows:
        expected = 1 + sum(1 for t in totals if t > a["total"]["percent"])
        assert a["rank"] == expected
    assert len({a["rank"] for a in ncsi_rows}) < len(ncsi_rows)  # a shared rank
    assert all(a["rank"] is None for a in tables["cmm-2021"]["assessments"])

    # the regional mean and median per section
    for s in tables["ncsi-2.0"]["sections"]:
        values = [next(x["percent"] for x in a["sections"] if x["id"] == s["id"])
                  for a in ncsi_rows]
        assert s["mean"] == _half_up(statistics.mean(values))
        assert s["median"] == _half_up(statistics.median(values))
        assert s["name"]
    assert [s["id"] for s in tables["ncsi-2.0"]["sections"]] == [str(i) for i in range(1, 13)]

    # skipped: the broken file with its line, the conflict note; nothing else
    skipped = {s["path"]: s["reason"] for s in doc["skipped"]}
    assert set(skipped) == {str(region["broken"]), str(region["note"])}
    assert "line 2" in skipped[str(region["broken"])]
    assert "conflict note" in skipped[str(region["note"])]


def test_the_points_contract_has_exactly_its_keys(region, tmp_path, capsys) -> None:
    doc = _json_of(capsys, "overview", tmp_path / "region", "--json")
    assert set(doc) == {"schema_version", "frameworks", "skipped"}
    ncsi_table = next(f for f in doc["frameworks"] if f["id"] == "ncsi-2.0")
    assert set(ncsi_table) == {"id", "kind", "assessments", "sections"}
    assert set(ncsi_table["assessments"][0]) == {
        "path", "country", "title", "reference_date", "rank", "total", "sections", "assessed",
        "to_reconfirm", "errors"}
    assert set(ncsi_table["assessments"][0]["total"]) == {"points", "max", "percent"}
    assert set(ncsi_table["sections"][0]) == {"id", "name", "mean", "median"}
    assert set(doc["skipped"][0]) == {"path", "reason"}


def test_text_fits_80_columns_with_a_heat_map(ncsi, region, tmp_path) -> None:
    r = ncsi("overview", tmp_path / "region", env={"NO_COLOR": "1", "COLUMNS": "80"})
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert all(len(line) <= 80 for line in lines), max(lines, key=len)
    assert any("regional median" in line for line in lines)
    first = next(line for line in lines if line.lstrip().startswith("1 "))
    assert any(c in first for c in "·░▒▓█")
    assert "skipped" in r.stdout and "broken.toml" in r.stdout
    assert "1 conflict note" in r.stdout


def test_filters_and_sort(region, tmp_path, capsys) -> None:
    folder = tmp_path / "region"
    doc = _json_of(capsys, "overview", folder, "--json", "--framework", "ncsi")
    assert [f["id"] for f in doc["frameworks"]] == ["ncsi-2.0"]
    doc = _json_of(capsys, "overview", folder, "--json", "--country", "Estonia",
                   "--country", "lv")
    assert sorted(a["country"] for f in doc["frameworks"] for a in f["assessments"]) == [
        "EE", "LV"]
    doc = _json_of(capsys, "overview", folder, "--json", "--sort", "country")
    codes = [a["country"] for a in doc["frameworks"][1]["assessments"]]
    assert codes == sorted(codes)
    code, _, err = _run(capsys, "overview", folder, "--framework", "nope")
    assert code == 2 and "unknown framework" in err
    code, _, err = _run(capsys, "overview", folder / "nowhere")
    assert code == 2 and "no such file" in err


def test_csv_and_html(region, tmp_path, capsys) -> None:
    folder = tmp_path / "region"
    rows = list(csv.DictReader(io.StringIO(_run(capsys, "overview", folder, "--format", "csv")[1])))
    assert len(rows) == 14  # 12 assessments, 2 skipped
    ee = next(x for x in rows if x["country"] == "EE")
    doc = _json_of(capsys, "overview", folder, "--json")
    ee_json = next(a for f in doc["frameworks"] for a in f["assessments"] if a["country"] == "EE")
    assert float(ee["total_percent"]) == ee_json["total"]["percent"]
    assert float(ee["1"]) == ee_json["sections"][0]["percent"]
    out = tmp_path / "region.html"
    code, _, err = _run(capsys, "overview", folder, "--format", "html", "-o", out)
    assert code == 0, err
    html = out.read_text(encoding="utf-8")
    assert html.count("<svg") == 2 and "regional median" in html
    assert "<script" not in html and "src=" not in html


def test_a_changed_file_is_read_again_despite_the_cache(region, tmp_path, capsys) -> None:
    folder = tmp_path / "region"
    first = _json_of(capsys, "overview", folder, "--json")
    again = _json_of(capsys, "overview", folder, "--json")
    assert first == again
    path = region["EE"]
    text = path.read_text(encoding="utf-8").replace('title = "', 'title = "Renamed ', 1)
    path.write_text(text, encoding="utf-8")
    doc = _json_of(capsys, "overview", folder, "--json")
    ee = next(a for f in doc["frameworks"] for a in f["assessments"] if a["country"] == "EE")
    assert ee["title"].startswith("Renamed ")
