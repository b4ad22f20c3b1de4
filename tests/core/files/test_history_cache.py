"""History reads each version once: the same git blob is scored once (counted), a changed
file is scored anew, and the score cache in the user's cache folder is trusted only when
it is the user's own file."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from ncsi_tui.core.files import history
from ncsi_tui.core.files.caches import BlobScores, cache_file
from ncsi_tui.core.files.session import AssessmentSession
from ncsi_tui.core.judge.scoring import PointsScore
from ncsi_tui.core.model.catalogue import Catalogues

_DATE = "2024-01-02T03:04:05+00:00"  # fixed: nothing depends on the clock


def _git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_DATE": _DATE, "GIT_COMMITTER_DATE": _DATE,
           "GIT_AUTHOR_NAME": "Ana Tester", "GIT_AUTHOR_EMAIL": "ana@example.org",
           "GIT_COMMITTER_NAME": "Ana Tester", "GIT_COMMITTER_EMAIL": "ana@example.org",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    return subprocess.run(["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false",
                           *args], cwd=repo, env=env, capture_output=True, text=True,
                          timeout=60, check=True).stdout


def _commit(path: Path, message: str) -> None:
    _git(path.parent, "add", path.name)
    _git(path.parent, "commit", "-q", "--allow-empty", "-m", message)


@pytest.fixture
def repo_file(example: Path, tmp_path: Path) -> Path:
    """Four commits, three of them the same bytes: example, 1.2 met, back, then again."""
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    path = repo / "rs.toml"
    original = example.read_bytes()
    path.write_bytes(original)
    _commit(path, "first draft")
    s = AssessmentSession.open(path)
    s.set_status("1.2", "met")
    s.save()
    _commit(path, "council found")
    path.write_bytes(original)
    _commit(path, "back to the draft")
    _commit(path, "empty commit: the same blob again")
    return path


def _points(found: list[history.FileVersion]) -> list[int]:
    return [v.score.total.points for v in found if isinstance(v.score, PointsScore)]


def test_the_same_blob_is_scored_once(repo_file: Path) -> None:
    cache = BlobScores(Catalogues())  # memory only
    found = history.versions(repo_file, cache=cache)
    assert [v.subject for v in found][-1] == "first draft"
    assert _points(found) == [39, 41, 39]  # the empty commit does not touch the file
    assert cache.misses == 2  # three versions, two distinct contents
    again = history.versions(repo_file, cache=cache)
    assert cache.misses == 2 and _points(again) == _points(found)


def test_a_changed_file_is_scored_again(repo_file: Path) -> None:
    cache = BlobScores(Catalogues())
    history.versions(repo_file, cache=cache)
    s = AssessmentSession.open(repo_file)
    s.set_status("3.1", "not-met")
    s.save()
    _commit(repo_file, "3.1 not met after all")
    found = history.versions(repo_file, cache=cache)
    assert cache.misses == 3
    assert found[0].subject == "3.1 not met after all" and _points(found)[0] == 38


def test_scores_survive_in_the_users_cache_file(repo_file: Path) -> None:
    first = history.versions(repo_file)  # the default cache: $NCSI_CACHE_DIR/scores.json
    stored = cache_file("scores.json")
    assert stored.stat().st_mode & 0o777 == 0o600
    cache = BlobScores.default(Catalogues())
    second = history.versions(repo_file, cache=cache)
    assert cache.misses == 0
    assert [v.to_dict() for v in second] == [v.to_dict() for v in first]
    assert [v.score for v in second] == [v.score for v in first]


def test_a_cache_file_others_may_write_or_a_symlink_is_not_trusted(
    repo_file: Path, tmp_path: Path
) -> None:
    history.versions(repo_file)
    stored = cache_file("scores.json")
    stored.chmod(0o666)
    cache = BlobScores.default(Catalogues())
    history.versions(repo_file, cache=cache)
    assert cache.misses == 2
    elsewhere = tmp_path / "planted.json"
    shutil.copyfile(stored, elsewhere)
    elsewhere.chmod(0o600)
    planted = elsewhere.read_bytes()
    stored.unlink()
    stored.symlink_to(elsewhere)
    cache = BlobScores.default(Catalogues())
    history.versions(repo_file, cache=cache)
    assert cache.misses == 2
    cache.save()  # the link itself is replaced: nothing is written where it pointed
    assert not stored.is_symlink() and elsewhere.read_bytes() == planted
    assert stored.stat().st_mode & 0o777 == 0o600


def test_a_damaged_entry_is_scored_again_not_believed(repo_file: Path) -> None:
    history.versions(repo_file)
    stored = cache_file("scores.json")
    data = json.loads(stored.read_text(encoding="utf-8"))
    for entry in data["blobs"].values():
        entry["score"]["total"]["points"] = "77"  # text where a number belongs
    stored.write_text(json.dumps(data), encoding="utf-8")
    cache = BlobScores.default(Catalogues())
    assert _points(history.versions(repo_file, cache=cache)) == [39, 41, 39]
    assert cache.misses == 2


def test_another_catalogue_folder_scores_again(repo_file: Path, tmp_path: Path) -> None:
    history.versions(repo_file)
    extra = tmp_path / "cats"
    extra.mkdir()
    root = Path(__file__).resolve().parents[3]
    shutil.copyfile(root / "ncsi_tui" / "catalogue" / "ncsi-2.0.toml", extra / "ncsi-2.0.toml")
    cache = BlobScores.default(Catalogues([extra]))
    history.versions(repo_file, Catalogues([extra]), cache=cache)
    assert cache.misses == 2
