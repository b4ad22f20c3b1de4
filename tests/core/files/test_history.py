"""core.history against a real repository made in the test: versions, scores, old contents."""

from __future__ import annotations

from pathlib import Path

import pytest

from ncsi_tui.core.errors import InputError
from ncsi_tui.core.files import history
from ncsi_tui.core.judge.scoring import PointsScore
from tests import diff_cases as case


def test_three_commits_give_three_versions_newest_first_with_their_scores(
    example: Path, tmp_path: Path
) -> None:
    path = case.three_commits(tmp_path / "repo", example)
    found = history.versions(path)
    assert [v.subject for v in found] == ["3.1 not met after all", "council found", "first draft"]
    totals = []
    for v in found:
        assert isinstance(v.score, PointsScore) and not v.error
        totals.append(v.score.total.points)
    assert totals == [40, 41, 39]  # 39; +2 for 1.2; -1 for 3.1
    assert {v.author for v in found} == {"Ana Tester"}
    assert found[0].headline == "40/77 51.95"
    assert not history.working_copy_modified(path)


def test_reading_an_old_revision_checks_nothing_out(example: Path, tmp_path: Path) -> None:
    path = case.three_commits(tmp_path / "repo", example)
    now = path.read_bytes()
    _, first = history.open_at(path, "HEAD~2")
    assert first.record("1.2").status == "not-met"
    assert path.read_bytes() == now
    assert case.git(path.parent, "status", "--porcelain", "--untracked-files=no") == ""


def test_unknown_revision_and_missing_file_are_input_errors(example: Path, tmp_path: Path) -> None:
    path = case.three_commits(tmp_path / "repo", example)
    with pytest.raises(InputError, match="no revision 'v9'"):
        history.read_at(path, "v9")
    other = path.parent / "later.toml"
    other.write_bytes(path.read_bytes())
    with pytest.raises(InputError, match="did not exist at revision"):
        history.read_at(other, "HEAD")


def test_a_folder_outside_git_is_a_clear_error(example: Path) -> None:
    with pytest.raises(InputError, match="not in a git repository") as err:
        history.versions(example)
    assert "git init" in err.value.hint
