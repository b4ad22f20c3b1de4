"""The CLI on a shared server (issue 17): exports confined by core/files/places.py, no app
without a terminal, CSV formulas defused, catalogue origin told, meeting places kept in."""

from __future__ import annotations

import time

import pytest


def test_export_over_another_assessment_is_refused_and_leaves_it_alone(ncsi, example, tmp_path):
    other = tmp_path / "b.toml"
    other.write_bytes(example.read_bytes())
    before = other.read_bytes()
    r = ncsi("export", example, "-f", "html", "-o", other)
    assert r.returncode == 2 and ".toml" in r.stderr and "Traceback" not in r.stderr
    assert other.read_bytes() == before


def test_export_over_a_strangers_file_is_refused_but_an_earlier_export_is_replaced(
        ncsi, example, tmp_path):
    keys = tmp_path / "authorized_keys"
    keys.write_text("ssh-ed25519 AAAA colleague\n")
    r = ncsi("export", example, "-f", "html", "-o", keys)
    assert r.returncode == 2 and "not an earlier export" in r.stderr
    assert keys.read_text() == "ssh-ed25519 AAAA colleague\n"
    for fmt, name in (("html", "p.html"), ("md", "p.md"), ("csv", "p.csv"), ("json", "p.json"),
                      ("report-md", "p.report.md")):
        for _ in range(2):  # the second run replaces the first one's file
            r = ncsi("export", example, "-f", fmt, "-o", tmp_path / name)
            assert r.returncode == 0, r.stderr
    r = ncsi("export", example, "-f", "html", "-o", "/dev/null")
    assert r.returncode == 0, r.stderr


def test_follow_up_output_follows_the_same_rules(ncsi, example, tmp_path):
    out = tmp_path / "fu.md"
    for _ in range(2):
        r = ncsi("follow-up", example, example, "-o", out)
        assert r.returncode == 0, r.stderr
    r = ncsi("follow-up", example, example, "-o", example)
    assert r.returncode == 2 and ".toml" in r.stderr


@pytest.mark.parametrize("args", [[], ["example.toml"], ["--serve", "."], ["--read-only"]])
def test_the_app_refuses_to_start_without_a_terminal(ncsi, example, args):
    start = time.monotonic()
    r = ncsi(*args, cwd=example.parent, input="")  # stdin is a pipe, as with `ssh host ncsi`
    assert r.returncode == 2
    assert "needs a terminal" in r.stderr and "ssh -t" in r.stderr
    assert time.monotonic() - start < 20  # (a second on an idle machine)



def _shadow(tmp_path):
    """A catalogue folder whose ncsi-2.0 shadows the bundled one, with formula text in an
    id and a name (as a hostile sheet would bring)."""
    from ncsi_tui.core.model.catalogue import bundled_catalogue_dir

    folder = tmp_path / "cats"
    folder.mkdir()
    text = (bundled_catalogue_dir() / "ncsi-2.0.toml").read_text(encoding="utf-8")
    text = text.replace('id = "1.1"\nname = "Cyber security policy unit"',
                        'id = "=HYPERLINK(\\"https://evil.example\\",\\"x\\")"\n'
                        'name = "@SUM(A1:A9)"', 1)
    (folder / "ncsi-2.0.toml").write_text(text, encoding="utf-8")
    return folder


def test_csv_defuses_every_text_cell_and_every_export_names_the_catalogue_file(ncsi, tmp_path):
    import csv
    import hashlib
    import io
    import json
    import re

    cats = _shadow(tmp_path)
    path = tmp_path / "rs.toml"
    opt = ("--catalogue-dir", cats)
    r = ncsi("new", path, "--framework", "ncsi-2.0", "--country", "RS", *opt)
    assert r.returncode == 0, r.stderr
    rows = list(csv.reader(io.StringIO(ncsi("export", path, "-f", "csv", *opt).stdout)))
    for row in rows[1:]:
        for cell in row:
            assert cell[:1] not in ("=", "+", "-", "@") or re.fullmatch(r'="[0-9.]+"', cell), row
    assert rows[1][0].startswith("'=HYPERLINK") and rows[1][2] == "'@SUM(A1:A9)"
    digest = hashlib.sha256((cats / "ncsi-2.0.toml").read_bytes()).hexdigest()
    summary = ncsi("summary", path, *opt).stdout
    assert digest in " ".join(summary.split()).replace(" ", "")  # (wrapped at 100 columns)
    for fmt in ("html", "md", "report-html", "report-md"):
        assert digest in ncsi("export", path, "-f", fmt, *opt).stdout, fmt
    doc = json.loads(ncsi("export", path, "-f", "json", *opt).stdout)
    assert digest in doc["catalogue"]["origin"]
    bundled = json.loads(ncsi("export", path.parent / "rs.toml", "-f", "json").stdout)
    assert bundled["catalogue"]["origin"].startswith("bundled with ncsi-tui")


def test_from_csv_takes_plain_ids_only(ncsi, tmp_path):
    sheet = tmp_path / "sheet.csv"
    head = "section_id,section_name,id,name,points,criterion\n"
    for bad in ('"=HYPERLINK(""x"")"', "1.\x7f1", "1 1", "[/x]"):
        sheet.write_text(head + f"1,Policy,{bad},Unit,1,c\n", encoding="utf-8")
        r = ncsi("catalogue", "from-csv", sheet, "--id", "x-1.0", "--title", "X", "-o",
                 tmp_path / "x-1.0.toml")
        assert r.returncode == 2 and "is not an id" in r.stderr and "Traceback" not in r.stderr
        assert not (tmp_path / "x-1.0.toml").exists()


def test_meeting_places_stay_out_of_the_json_export(ncsi, example):
    import json

    r = ncsi("plan", "cluster", example, "C1", "--name", "CSIRT", "--covers", "1.1")
    assert r.returncode == 0, r.stderr
    r = ncsi("plan", "session", example, "S1", "--day", "2025-07-01", "--cluster", "C1",
             "--place", "https://meet.example/j/123?pwd=secret")
    assert r.returncode == 0, r.stderr
    doc = json.loads(ncsi("export", example, "-f", "json").stdout)
    assert doc["assessment"]["review"]["sessions"][0]["id"] == "S1"
    assert "meet.example" not in json.dumps(doc)
