"""Across editions on the command line (issue 23, faults 1 and 2, as the field cases run).

Fault 1: /work/shared/cases/ncsi-2.0-to-3.0-carry-by-id.sh; fault 2:
cmm-2016-vs-2021-follow-up.sh (its 2016-like catalogue is made here: same id D1.4,
another name; not the real 2016 text).
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHEET = ROOT / "docs" / "catalogue-sheet-example.csv"
EXAMPLE = ROOT / "ncsi_tui" / "examples" / "example.toml"


def _records(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))["indicators"]


def test_fault_1_new_from_2_0_to_3_0_carries_through_the_crosswalk(ncsi, tmp_path: Path) -> None:
    r = ncsi("catalogue", "from-csv", SHEET, "--id", "ncsi-3.0", "--title", "NCSI 3.0 (partial)",
             "-o", tmp_path / "ncsi-3.0.toml")
    assert r.returncode == 0, r.stderr
    out = tmp_path / "xe-3.toml"
    r = ncsi("new", out, "--from", EXAMPLE, "--framework", "ncsi-3.0", "--date", "2026-06-30",
             "--catalogue-dir", tmp_path)
    assert r.returncode == 0, r.stderr
    recs = _records(out)
    # 3.0 1.3 is policy coordination: 2.0 1.2's record (not met), not the strategy's
    assert recs["1.3"]["status"] == "not-met" and "Council" in recs["1.3"]["evidence"]
    assert "Strategy" in recs["1.4"]["evidence"]
    # acceptance: 2.0 1.4's evidence goes to 3.0 1.5, marked to re-confirm
    assert recs["1.5"]["evidence"].startswith("Action plan for 2025-2026")
    assert recs["1.5"]["reconfirm"] is True and "criterion" in recs["1.5"]["notes"]
    assert "1.1" not in recs  # high-level leadership is new in 3.0
    assert "different catalogues (ncsi-2.0 -> ncsi-3.0)" in r.stdout
    assert "1.4 -> 1.5 (criterion changed: re-confirm first)" in r.stdout
    assert "Left behind" in r.stdout and "2.1 Cyber threats analysis unit" in r.stdout


def test_new_from_without_a_crosswalk_carries_only_id_and_name_agreeing_units(
    ncsi, tmp_path: Path
) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        "section_id,section_name,id,name,points,criterion,accepted_references\n"
        "1,Policy,1.1,Cyber security policy unit,3,A policy unit exists.,Legal act\n"
        "1,Policy,1.2,Cybersecurity policy coordination,3,A format exists.,Legal act\n",
        encoding="utf-8",
    )
    r = ncsi("catalogue", "from-csv", sheet, "--id", "ncsi-9.0", "--title", "T",
             "-o", tmp_path / "ncsi-9.0.toml")
    assert r.returncode == 0, r.stderr
    out = tmp_path / "n.toml"
    r = ncsi("new", out, "--from", EXAMPLE, "--framework", "ncsi-9.0", "--date", "2026-06-30",
             "--catalogue-dir", tmp_path)
    assert r.returncode == 0, r.stderr
    assert set(_records(out)) == {"1.1"}
    assert "no crosswalk: units paired only where id and name agree" in r.stdout
    assert "1.2 Cyber security policy coordination format (same id, other name" in r.stdout
    assert "1.3 Cyber security strategy" in r.stdout


CMM_2016 = (
    'schema = 1\nid = "cmm-2016"\nframework = "cmm"\nmethodology = "2016"\n'
    'title = "CMM 2016-like (test)"\nscoring = "maturity"\n'
    'levels = ["dimension", "factor", "aspect"]\n'
    + "".join(f'[[stages]]\nid = "{s}"\nname = "{s.title()}"\n'
              for s in ("start-up", "formative", "established", "strategic", "dynamic"))
    + '[[groups]]\nid = "D1"\nname = "Cybersecurity Policy and Strategy"\n'
    '[[groups.groups]]\nid = "D1.4"\nname = "Crisis Management"\n'
    '[[groups.groups.units]]\nid = "D1.4"\nname = "Crisis Management"\n'
)


def _cmm_pair(ncsi, tmp_path: Path) -> tuple[Path, Path, Path]:
    cats = tmp_path / "cat"
    cats.mkdir()
    (cats / "cmm-2016.toml").write_text(CMM_2016, encoding="utf-8")
    first, second = tmp_path / "first.toml", tmp_path / "second.toml"
    for args in (
        ("new", first, "--framework", "cmm-2016", "--country", "XK", "--date", "2019-03-01"),
        ("record", first, "D1.4", "--stage", "formative", "--evidence", "Crisis plan drafted"),
        ("new", second, "--framework", "cmm-2021", "--country", "XK", "--date", "2025-03-01"),
        ("record", second, "D1.4.1", "--stage", "start-up", "--evidence", "No strategy"),
    ):
        r = ncsi(*args, "--catalogue-dir", cats)
        assert r.returncode == 0, r.stderr
    return cats, first, second


def test_fault_2_diff_and_trend_of_cmm_editions_do_not_pair_d1_4_by_id(ncsi, tmp_path) -> None:
    cats, first, second = _cmm_pair(ncsi, tmp_path)
    r = ncsi("diff", first, second, "--catalogue-dir", cats)
    assert r.returncode == 1, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].startswith("! different catalogues (cmm-2016 -> cmm-2021)")
    assert "formative → start-up" not in r.stdout
    assert "D1.4 Crisis Management (no unit with its id and name)" in r.stdout
    md = ncsi("diff", first, second, "--format", "md", "--catalogue-dir", cats).stdout
    assert md.splitlines()[0].startswith("# Comparison of different catalogues")
    js = json.loads(ncsi("diff", first, second, "--json", "--catalogue-dir", cats).stdout)
    assert next(k for k in js if k != "schema_version") == "different_catalogues" and js["stage_changes"] == []
    t = ncsi("trend", first, second, "--catalogue-dir", cats)
    assert t.returncode == 2 and "no unit of cmm-2021 pairs" in t.stderr
    assert "-1" not in t.stdout


def test_follow_up_across_cmm_editions_says_so_first_in_every_format(ncsi, tmp_path) -> None:
    cats, first, second = _cmm_pair(ncsi, tmp_path)
    md = ncsi("follow-up", first, second, "--catalogue-dir", cats)
    assert md.returncode == 0, md.stderr
    assert title_line(md.stdout).endswith("(different catalogues)")
    assert r"different catalogues (cmm-2016 -\> cmm-2021)" in md.stdout  # Markdown-escaped
    js = json.loads(ncsi("follow-up", first, second, "-f", "json", "--catalogue-dir", cats).stdout)
    assert next(k for k in js if k != "schema_version") == "different_catalogues" and js["changes"] == []
    html = ncsi("follow-up", first, second, "-f", "html", "--catalogue-dir", cats).stdout
    assert "(different catalogues)</title>" in html


def title_line(md: str) -> str:
    """The first line a reader sees (after the generator comment that marks our exports)."""
    return next(line for line in md.splitlines() if not line.startswith("<!--"))
