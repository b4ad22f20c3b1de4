"""`ncsi history`, `ncsi diff --rev` and `ncsi trend --git` on a repository made in the test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests import diff_cases as case


@pytest.fixture
def repo_file(example: Path, tmp_path: Path) -> Path:
    return case.three_commits(tmp_path / "repo", example)


def test_history_lists_three_versions_with_their_scores(ncsi, repo_file: Path) -> None:
    r = ncsi("history", repo_file, "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert [v["total"]["points"] for v in data["versions"]] == [40, 41, 39]
    assert [v["total"]["percent"] for v in data["versions"]] == [51.95, 53.25, 50.65]
    assert [v["author"] for v in data["versions"]] == ["Ana Tester"] * 3
    assert data["working_copy_modified"] is False
    text = ncsi("history", repo_file).stdout
    assert "3 versions" in text
    for line in ("40/77 51.95", "41/77 53.25", "39/77 50.65", "council found"):
        assert line in text


def test_diff_between_two_revisions(ncsi, repo_file: Path) -> None:
    r = ncsi("diff", repo_file, "--rev", "HEAD~2", "--rev", "HEAD~1", "--json")
    assert r.returncode == 1, r.stderr
    data = json.loads(r.stdout)
    assert data["gained"] == ["1.2"] and data["lost"] == []
    assert data["old"]["label"].endswith("@HEAD~2")
    r = ncsi("diff", repo_file, "--rev", "HEAD~2", "--rev", "HEAD", "--json")
    data = json.loads(r.stdout)
    assert (data["gained"], data["lost"]) == (["1.2"], ["3.1"])
    assert data["total"]["delta"] == 1


def test_diff_of_a_revision_against_the_working_file(ncsi, repo_file: Path) -> None:
    r = ncsi("diff", repo_file, "--rev", "HEAD")
    assert r.returncode == 0, r.stderr
    assert "no differences" in r.stdout
    r = ncsi("record", repo_file, "4.3", "--status", "met")
    assert r.returncode == 0, r.stderr
    r = ncsi("diff", repo_file, "--rev", "HEAD", "--json")
    assert r.returncode == 1 and json.loads(r.stdout)["gained"] == ["4.3"]
    assert json.loads(ncsi("history", repo_file, "--json").stdout)["working_copy_modified"]


def test_trend_over_git_history(ncsi, repo_file: Path) -> None:
    r = ncsi("trend", repo_file, "--git", "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["total"]["values"] == [39, 41, 40]
    sections = {g["id"]: g["values"] for g in data["groups"]}
    assert sections["1"] == [5, 7, 7] and sections["3"] == [7, 7, 6]
    assert len(data["versions"]) == 3


def test_outside_a_repository_the_message_says_so(ncsi, example: Path) -> None:
    for args in (
        ("history", example),
        ("diff", example, "--rev", "HEAD"),
        ("trend", example, "--git"),
    ):
        r = ncsi(*args)
        assert r.returncode == 2, args
        assert "not in a git repository" in r.stderr and "Traceback" not in r.stderr


def test_unknown_revision_is_an_input_error(ncsi, repo_file: Path) -> None:
    r = ncsi("diff", repo_file, "--rev", "no-such-tag")
    assert r.returncode == 2
    assert "no revision 'no-such-tag'" in r.stderr


def test_trend_over_git_across_catalogues_matches_the_trend_of_the_files(
    ncsi, example: Path, tmp_path: Path
) -> None:
    """Versions of two catalogues are read one at a time from git (no process per commit)
    and give the same series and note as the same versions given as files."""
    root = Path(__file__).resolve().parents[2]
    cats = tmp_path / "cats"
    cats.mkdir()
    text = (root / "ncsi_tui" / "catalogue" / "ncsi-2.0.toml").read_text(encoding="utf-8")
    text = text.replace('id = "ncsi-2.0"', 'id = "ncsi-2.1"').replace(
        'methodology = "2.0"', 'methodology = "2.1"').replace(
        'name = "Cyber security strategy"', 'name = "National strategy"', 1)
    (cats / "ncsi-2.1.toml").write_text(text, encoding="utf-8")
    path = case.three_commits(tmp_path / "repo", example)
    newer = path.read_text(encoding="utf-8").replace('framework = "ncsi-2.0"',
                                                     'framework = "ncsi-2.1"')
    path.write_text(newer, encoding="utf-8")
    case.git(path.parent, "commit", "-q", "-a", "-m", "to 2.1")
    new = tmp_path / "new.toml"
    new.write_bytes(path.read_bytes())
    olds = [tmp_path / f"v{i}.toml" for i in range(3)]
    for i, f in enumerate(olds):
        f.write_bytes(case.git(path.parent, "show", f"HEAD~{3 - i}:rs.toml").encode())
    by_git = ncsi("trend", path, "--git", "--json", "--catalogue-dir", cats)
    by_files = ncsi("trend", *olds, new, "--json", "--catalogue-dir", cats)
    assert by_git.returncode == 0 and by_files.returncode == 0, by_git.stderr + by_files.stderr
    g, f = json.loads(by_git.stdout), json.loads(by_files.stdout)
    assert g["different_catalogues"] and g["different_catalogues"] == f["different_catalogues"]
    assert "paired in every version" in g["different_catalogues"]
    assert g["total"] == f["total"] and g["groups"] == f["groups"]
    assert len(g["versions"]) == 4 and g["total"]["values"][-1] == g["total"]["values"][-2]
