"""The headless CLI contract of the core issue, on real files through the real console script."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import ROOT

SECTION_NAMES = [
    "Cyber security policy development",
    "Cyber threat analysis and information",
    "Education and professional development",
    "Contribution to global cyber security",
    "Protection of digital services",
    "Protection of essential services",
    "E-identification and trust services",
    "Protection of personal data",
    "Cyber incidents response",
    "Cyber crisis management",
    "Fight against cybercrime",
    "Military cyber operations",
]


def test_summary_of_example_prints_twelve_sections_and_total(ncsi):
    r = ncsi("summary", ROOT / "ncsi_tui" / "examples" / "example.toml")
    assert r.returncode == 0, r.stderr
    for name in SECTION_NAMES:
        assert name in r.stdout
    assert "Total 39/77 = 50.65" in r.stdout
    assert "5/7 71%" in r.stdout  # NCSI's own way of printing a section


def test_frameworks_lists_ncsi_2_0_with_46_indicators_and_77_points(ncsi):
    r = ncsi("frameworks", "--json")
    assert r.returncode == 0, r.stderr
    rows = {f["id"]: f for f in json.loads(r.stdout)["frameworks"]}
    assert rows["ncsi-2.0"]["units"] == 46
    assert rows["ncsi-2.0"]["max_points"] == 77
    assert rows["ncsi-2.0"]["leaf_groups"] == 12
    assert rows["ncsi-2.0"]["groups"] == 3
    assert rows["ncsi-2.0"]["kind"] == "points"


def test_framework_by_family_name_takes_newest_and_says_so(ncsi, tmp_path):
    r = ncsi("new", tmp_path / "a.toml", "--framework", "ncsi", "--country", "RS")
    assert r.returncode == 0, r.stderr
    assert "ncsi-2.0" in r.stdout and "newest" in r.stdout


def test_unknown_framework_lists_installed(ncsi, tmp_path):
    r = ncsi("new", tmp_path / "a.toml", "--framework", "nist-9", "--country", "RS")
    assert r.returncode == 2
    assert "unknown framework 'nist-9'" in r.stderr and "ncsi-2.0" in r.stderr
    assert "Traceback" not in r.stderr
    assert not (tmp_path / "a.toml").exists()


def test_new_and_record_give_hand_arithmetic_in_summary_json(ncsi, tmp_path):
    f = tmp_path / "rs.toml"
    assert ncsi("new", f, "--framework", "ncsi-2.0", "--country", "RS", "--title", "Serbia 2025",
                "--org", "Ministry", "--date", "2025-05-01").returncode == 0
    public = ["legal-act", "Law", "https://example.org/law"]
    steps = [
        ("1.1", "met", public),          # 3 pts, public
        ("1.2", "met", None),            # 2 pts, no reference -> not public
        ("1.3", "not-met", None),
        ("3.2", "met", public),          # 2 pts
        ("7.7", "met", [*public, "--restricted"]),  # 3 pts, restricted only
        ("12.3", "met", public),         # 1 pt
    ]
    for uid, status, ref in steps:
        args = ["record", f, uid, "--status", status, "--evidence", f"evidence for {uid}"]
        if ref:
            args += ["--ref", *ref[:3], *ref[3:]]
        r = ncsi(*args)
        assert r.returncode == 0, r.stderr
    r = ncsi("summary", f, "--json")
    assert r.returncode == 0, r.stderr
    got = json.loads(r.stdout)
    assert got["kind"] == "points" and got["framework"] == "ncsi-2.0" and got["country"] == "RS"
    # 3 + 2 + 2 + 3 + 1 = 11 of 77 -> 14.29; public: 3 + 2 + 1 = 6 -> 7.79
    assert got["total"] == {"points": 11, "max": 77, "percent": 14.29}
    assert got["public_total"] == {"points": 6, "max": 77, "percent": 7.79}
    sections = {s["id"]: (s["points"], s["max"], s["percent"]) for s in got["sections"]}
    assert sections["1"] == (5, 7, 71.43)
    assert sections["3"] == (2, 9, 22.22)
    assert sections["7"] == (3, 9, 33.33)
    assert sections["12"] == (1, 6, 16.67)
    assert sections["2"] == (0, 5, 0.0)
    assert len(sections) == 12
    assert got["indicators"] == {"met": 5, "not_met": 1, "not_assessed": 40, "to_reconfirm": 0}


def test_sixty_of_seventy_seven_is_77_92():
    from ncsi_tui.core.judge.scoring import percent

    assert percent(60, 77) == 77.92
    assert percent(5, 9, 0) == 56


def test_record_unknown_id_suggests_nearest(ncsi, example):
    r = ncsi("record", example, "3.22", "--status", "met")
    assert r.returncode == 2
    assert "has no indicator '3.22'" in r.stderr and "3.2" in r.stderr


def test_unknown_reference_kind_is_usage_error_listing_vocabulary(ncsi, example):
    before = example.read_bytes()
    r = ncsi("record", example, "1.1", "--ref", "blog", "T", "https://x.org")
    assert r.returncode == 2
    assert "legal-act" in r.stderr and "official-website" in r.stderr
    assert example.read_bytes() == before


def test_known_kind_not_accepted_by_indicator_is_recorded(ncsi, example):
    r = ncsi("record", example, "5.1", "--ref", "news-article", "Paper", "https://news.example.org/a")
    assert r.returncode == 0, r.stderr
    assert 'kind = "news-article"' in example.read_text()


def test_record_reference_qualifiers_land_in_file(ncsi, example):
    r = ncsi("record", example, "2.1", "--status", "met", "--evidence", "Unit X",
             "--ref", "legal-act", "Statute", "https://example.org/s", "--locator", "Article 4",
             "--published", "2024-02-01", "--quote", "Yksus analüüsib", "--note", "internal")
    assert r.returncode == 0, r.stderr
    text = example.read_text()
    assert 'locator = "Article 4"' in text and "published = 2024-02-01" in text
    assert 'quote = "Yksus analüüsib"' in text and 'notes = "internal"' in text
    assert 'updated_by = "tester"' in text


def test_show_prints_criterion_and_evidence(ncsi, example):
    r = ncsi("show", example, "1.3")
    assert r.returncode == 0, r.stderr
    assert "Cyber security strategy" in r.stdout
    assert "national cyber security strategy" in r.stdout
    assert "2024-2028" in r.stdout


def test_check_example_is_valid(ncsi, example):
    r = ncsi("check", example)
    assert r.returncode in (0, 1), r.stderr  # 1 = readiness findings, never unreadable
    assert "Traceback" not in r.stderr


def test_catalogue_from_csv_works_with_every_command(ncsi, tmp_path):
    cats = tmp_path / "cats"
    r = ncsi("catalogue", "from-csv", ROOT / "docs" / "catalogue-sheet-example.csv",
             "--id", "ncsi-3.0", "--title", "NCSI 3.0 (team copy)", "-o", cats / "ncsi-3.0.toml")
    assert r.returncode == 0, r.stderr
    assert ncsi("catalogue", "check", cats / "ncsi-3.0.toml").returncode == 0
    r = ncsi("frameworks", "--json", "--catalogue-dir", cats)
    rows = {f["id"]: f for f in json.loads(r.stdout)["frameworks"]}
    assert rows["ncsi-3.0"]["units"] == 5 and rows["ncsi-3.0"]["max_points"] == 15
    assert "ncsi-2.0" in rows
    # with the folder in the environment, every command finds it
    env = {"NCSI_CATALOGUE_PATH": str(cats)}
    f = tmp_path / "ua.toml"
    assert ncsi("new", f, "--framework", "ncsi", "--country", "UA", env=env).returncode == 0
    assert 'framework = "ncsi-3.0"' in f.read_text()
    r = ncsi("record", f, "1.4", "--status", "met", "--ref", "official-document", "Strategy",
             "https://example.org/s", env=env)
    assert r.returncode == 0, r.stderr
    r = ncsi("summary", f, "--json", env=env)
    assert json.loads(r.stdout)["total"] == {"points": 3, "max": 15, "percent": 20.0}
    assert ncsi("show", f, "1.4", env=env).returncode == 0
    assert ncsi("check", f, env=env).returncode in (0, 1)
    for extra in (["export", f, "--format", "json"], ["diff", f, f]):
        r = ncsi(*extra, env=env)
        if "unknown command" not in r.stderr:  # commands added by later issues
            assert r.returncode == 0, r.stderr
    # without the folder, the file names its framework and says what is installed
    r = ncsi("summary", f)
    assert r.returncode == 2 and "ncsi-3.0" in r.stderr and "--catalogue-dir" in r.stderr


def test_from_csv_bad_points_names_line_and_column(ncsi, tmp_path):
    sheet = tmp_path / "s.csv"
    sheet.write_text("section_id,section_name,id,name,points,criterion\n"
                     "1,Policy,1.1,Unit,3,x\n1,Policy,1.2,Council,two,y\n")
    r = ncsi("catalogue", "from-csv", sheet, "--id", "nat-1", "--title", "T", "-o", tmp_path / "o.toml")
    assert r.returncode == 2
    assert f"{sheet}:3:5" in r.stderr and "not a whole number" in r.stderr


def test_catalogue_check_names_line_of_bad_value(ncsi, tmp_path):
    src = (ROOT / "ncsi_tui" / "catalogue" / "ncsi-2.0.toml").read_text()
    bad = src.replace('id = "5.3"\nname = "Competent supervisory authority"\npoints = 3',
                      'id = "5.3"\nname = "Competent supervisory authority"\npoints = -3')
    assert bad != src
    f = tmp_path / "ncsi-2.0.toml"
    f.write_text(bad)
    r = ncsi("catalogue", "check", f)
    assert r.returncode == 2
    line = bad.splitlines().index("points = -3") + 1
    assert f"{f}:{line}" in r.stderr
    assert "groups[1].groups[0].units[2].points" in r.stderr


def test_duplicate_ids_in_catalogue_are_reported(ncsi, tmp_path):
    src = (ROOT / "ncsi_tui" / "catalogue" / "ncsi-2.0.toml").read_text()
    f = tmp_path / "ncsi-2.0.toml"
    f.write_text(src.replace('id = "1.2"', 'id = "1.1"'))
    r = ncsi("catalogue", "check", f)
    assert r.returncode == 2 and "1.1 appears twice" in r.stderr


def test_country_code_is_checked(ncsi, tmp_path):
    r = ncsi("new", tmp_path / "x.toml", "--framework", "ncsi-2.0", "--country", "UK")
    assert r.returncode == 2 and "'UK' is not an ISO 3166-1" in r.stderr
    r = ncsi("new", tmp_path / "q.toml", "--framework", "ncsi-2.0", "--country", "XE")
    assert r.returncode == 2 and "give the country's name" in r.stderr
    r = ncsi("new", tmp_path / "k.toml", "--framework", "ncsi-2.0", "--country", "xk")
    assert r.returncode == 0, r.stderr
    assert 'name = "Kosovo"' in (tmp_path / "k.toml").read_text()
    r = ncsi("new", tmp_path / "s.toml", "--framework", "ncsi-2.0", "--country", "Serbia")
    assert r.returncode == 0, r.stderr
    assert 'code = "RS"' in (tmp_path / "s.toml").read_text()


def test_new_refuses_to_overwrite(ncsi, example):
    before = example.read_bytes()
    r = ncsi("new", example, "--framework", "ncsi-2.0", "--country", "RS")
    assert r.returncode == 2 and "exists" in r.stderr
    assert example.read_bytes() == before


def test_usage_error_exit_2(ncsi):
    r = ncsi("record")
    assert r.returncode == 2
    assert "Traceback" not in r.stderr


def test_bad_toml_names_file_line_column(ncsi, example):
    text = example.read_text().replace('status = "met"', 'status = "met', 1)
    example.write_text(text)
    line = text.splitlines().index('status = "met') + 1
    r = ncsi("summary", example)
    assert r.returncode == 2
    assert f"{example}:{line}:" in r.stderr and "not valid TOML" in r.stderr


def test_schema_error_names_indicator_and_field(ncsi, example):
    text = example.read_text()
    text = text.replace('url = "https://example.org/examplia/strategy-2024-2028.pdf"',
                        'url = "not a url with spaces"')
    example.write_text(text)
    r = ncsi("summary", example)
    assert r.returncode == 2
    assert 'indicators."1.3".references[0].url' in r.stderr
    line = text.splitlines().index('url = "not a url with spaces"') + 1
    assert f"line {line}" in r.stderr


def test_unknown_indicator_in_file_suggests(ncsi, example):
    text = example.read_text().replace('[indicators."12.1"]', '[indicators."12.9"]')
    example.write_text(text)
    r = ncsi("summary", example)
    assert r.returncode == 2 and "12.9" in r.stderr and "did you mean" in r.stderr


def test_unknown_key_is_rejected_not_dropped(ncsi, example):
    text = example.read_text().replace('status = "met"', 'status = "met"\nevidense = "typo"', 1)
    example.write_text(text)
    r = ncsi("summary", example)
    assert r.returncode == 2 and "evidense" in r.stderr and "unknown key" in r.stderr


def test_binary_and_huge_files_are_refused_quickly(ncsi, tmp_path):
    b = tmp_path / "b.toml"
    b.write_bytes(b"\x00\x01binary" * 10)
    r = ncsi("summary", b)
    assert r.returncode == 2 and "binary" in r.stderr
    h = tmp_path / "h.toml"
    with h.open("wb") as fh:
        fh.truncate(64 * 1024 * 1024)
    r = ncsi("summary", h)
    assert r.returncode == 2 and "MB" in r.stderr


def test_missing_file(ncsi, tmp_path):
    r = ncsi("summary", tmp_path / "nope.toml")
    assert r.returncode == 2 and "no such file" in r.stderr


def test_comments_are_detected_before_save(ncsi, example):
    example.write_text("# prepared by the ministry\n" + example.read_text())
    r = ncsi("check", example)
    assert "comments" in r.stdout
    assert Path(example).read_text().startswith("#")


def test_record_refuses_to_drop_comments_silently(ncsi, example):
    text = "# prepared by the ministry\n" + example.read_text()
    example.write_text(text)
    r = ncsi("record", example, "1.2", "--status", "met")
    assert r.returncode == 2 and "--drop-comments" in r.stderr
    assert example.read_text() == text
    r = ncsi("record", example, "1.2", "--status", "met", "--drop-comments")
    assert r.returncode == 0, r.stderr
    assert not example.read_text().startswith("#")


def test_per_user_catalogue_folder_is_found(ncsi, tmp_path):
    data = tmp_path / "xdg"
    folder = data / "ncsi-tui" / "catalogue"
    r = ncsi("catalogue", "from-csv", ROOT / "docs" / "catalogue-sheet-example.csv",
             "--id", "ncsi-3.0", "--title", "T", "-o", folder / "ncsi-3.0.toml")
    assert r.returncode == 0, r.stderr
    r = ncsi("frameworks", "--json", env={"XDG_DATA_HOME": str(data)})
    assert "ncsi-3.0" in {f["id"] for f in json.loads(r.stdout)["frameworks"]}
