"""End to end with real git (issue 21): a bare repository on "the server", two ministries'
clones, each set up with `ncsi git-setup`, recording, pushing and pulling.

git runs in tmp_path with its own identity and no network; skipped without git.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

from ncsi_tui.cli import main
from tests.conftest import EXAMPLE

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(repo.parent),
           "GIT_TERMINAL_PROMPT": "0"}
    r = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True,
                       env=env, timeout=60)
    if check:
        assert r.returncode == 0, f"git {' '.join(args)}: {r.stdout}{r.stderr}"
    return r


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


def ncsi_as(user: str, *args: object) -> Run:
    """The command line in process (git runs the merge driver as a real subprocess)."""
    out, err = io.StringIO(), io.StringIO()
    old = os.environ.get("NCSI_USER")
    os.environ["NCSI_USER"] = user
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main([str(a) for a in args])
    finally:
        os.environ["NCSI_USER"] = old or ""
    return Run(code, out.getvalue(), err.getvalue())


def run_ncsi(*args: object) -> Run:
    return ncsi_as("reader", *args)


def indicators(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8")).get("indicators", {})


@pytest.fixture
def clones(tmp_path: Path) -> tuple[Path, Path]:
    """server.git (bare) holding xe.toml, and two clones set up with `ncsi git-setup`."""
    server = tmp_path / "server.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(server)], check=True)
    out = []
    for name in ("ministry-a", "ministry-b"):
        clone = tmp_path / name
        subprocess.run(["git", "clone", "-q", str(server), str(clone)], check=True,
                       capture_output=True)
        git(clone, "config", "user.name", name)
        git(clone, "config", "user.email", f"{name}@example.org")
        git(clone, "config", "pull.rebase", "false")
        out.append(clone)
    a, b = out
    git(a, "checkout", "-q", "-b", "main")
    shutil.copyfile(EXAMPLE, a / "xe.toml")
    (a / ".gitignore").write_text("*.bak\n.*.lock\n*.conflict-*\n", encoding="utf-8")
    r = ncsi_as("amina", "git-setup", a)
    assert r.returncode == 0, r.stderr
    assert "merge=ncsi-assessment" in r.stdout and "merge.ncsi-assessment.driver" in r.stdout
    again = ncsi_as("amina", "git-setup", a)  # idempotent, and says so
    assert again.returncode == 0 and "already set up" in again.stdout
    git(a, "add", "-A")
    git(a, "commit", "-qm", "the assessment")
    git(a, "push", "-q", "origin", "main")
    git(b, "pull", "-q", "origin", "main")
    r = ncsi_as("boris", "git-setup", b)  # .gitattributes came with the pull: only the config
    assert r.returncode == 0 and ".gitattributes" not in r.stdout, r.stdout
    return a, b


def exchange(a: Path, b: Path) -> subprocess.CompletedProcess[str]:
    """A pushes; B pulls (merging) and pushes; A pulls. Returns B's pull."""
    git(a, "commit", "-qam", "ministry A")
    git(a, "push", "-q", "origin", "main")
    git(b, "commit", "-qam", "ministry B")
    pulled = git(b, "pull", "--no-edit", "origin", "main", check=False)
    if pulled.returncode == 0:
        git(b, "push", "-q", "origin", "main")
        git(a, "pull", "-q", "--no-edit", "origin", "main")
    return pulled


def test_two_ministries_record_different_units_and_fields_without_a_conflict(clones):
    a, b = clones
    assert ncsi_as("amina", "record", a / "xe.toml", "1.1", "--status", "not-met").returncode == 0
    assert ncsi_as("boris", "record", b / "xe.toml", "9.1", "--status", "met",
                   "--evidence", "Boris's 9.1").returncode == 0
    assert ncsi_as("boris", "record", b / "xe.toml", "1.2", "--evidence",
                   "Boris's 1.2").returncode == 0
    pulled = exchange(a, b)
    assert pulled.returncode == 0, pulled.stdout + pulled.stderr
    assert "CONFLICT" not in pulled.stdout
    for clone in (a, b):
        recs = indicators(clone / "xe.toml")
        assert recs["1.1"]["status"] == "not-met" and recs["1.1"]["updated_by"] == "amina"
        assert recs["9.1"]["evidence"] == "Boris's 9.1"
        assert recs["1.2"]["evidence"] == "Boris's 1.2"
        summary = run_ncsi("summary", clone / "xe.toml", "--json")
        assert summary.returncode == 0, summary.stderr
    assert (a / "xe.toml").read_bytes() == (b / "xe.toml").read_bytes()

    # the same unit, different fields: still no conflict
    assert ncsi_as("amina", "record", a / "xe.toml", "2.3", "--status", "not-met").returncode == 0
    assert ncsi_as("boris", "record", b / "xe.toml", "2.3", "--evidence",
                   "Boris's 2.3").returncode == 0
    pulled = exchange(a, b)
    assert pulled.returncode == 0, pulled.stdout + pulled.stderr
    rec = indicators(a / "xe.toml")["2.3"]
    assert (rec["status"], rec["evidence"]) == ("not-met", "Boris's 2.3")


def test_the_same_field_is_a_conflict_that_resolve_finishes_losing_nothing(clones):
    a, b = clones
    assert ncsi_as("amina", "record", a / "xe.toml", "1.1", "--evidence",
                   "Amina's evidence").returncode == 0
    assert ncsi_as("boris", "record", b / "xe.toml", "1.1", "--evidence", "Boris's evidence",
                   "--status", "not-met").returncode == 0
    pulled = exchange(a, b)
    assert pulled.returncode != 0 and "CONFLICT" in pulled.stdout
    path = b / "xe.toml"
    text = path.read_text(encoding="utf-8")
    assert "<<<<<<<" not in text
    data = tomllib.loads(text)  # valid TOML
    assert data["unresolved"] == [{
        "unit": "1.1", "field": "evidence", "ours_by": "boris", "theirs_by": "amina",
        "ours": "Boris's evidence", "theirs": "Amina's evidence",
        "base": data["unresolved"][0]["base"],
    }]
    assert data["indicators"]["1.1"]["status"] == "not-met"  # the other field merged
    for command in (("summary",), ("check",), ("show", "1.1"), ("export", "--format", "md")):
        r = run_ncsi(command[0], path, *command[1:])
        assert r.returncode == 2, (command, r.stdout)
        assert "unresolved merge in 1.1.evidence" in r.stderr
        assert f"ncsi resolve {path} 1.1 evidence --take ours|theirs" in r.stderr
        assert "Traceback" not in r.stderr

    r = ncsi_as("boris", "resolve", path, "1.1", "evidence", "--take", "theirs")
    assert r.returncode == 0, r.stderr
    notes = list(b.glob("xe.toml.conflict-boris-*.toml"))
    assert len(notes) == 1 and str(notes[0]) in r.stdout
    assert indicators(notes[0])["1.1"]["evidence"] == "Boris's evidence"  # not lost
    assert "#   1.1.evidence: boris's version (not kept)" in notes[0].read_text(encoding="utf-8")
    assert run_ncsi("summary", path).returncode == 0
    git(b, "commit", "-qam", "merged")
    git(b, "push", "-q", "origin", "main")
    git(a, "pull", "-q", "--no-edit", "origin", "main")
    rec = indicators(a / "xe.toml")["1.1"]
    assert (rec["evidence"], rec["status"]) == ("Amina's evidence", "not-met")


def test_an_unchanged_save_changes_nothing(clones):
    a, _ = clones
    status = indicators(a / "xe.toml")["1.1"].get("status", "not-assessed")
    r = ncsi_as("carla", "record", a / "xe.toml", "1.1", "--status", status)
    assert r.returncode == 0, r.stderr
    assert git(a, "status", "--porcelain").stdout == ""


def test_markers_left_by_a_merge_without_the_driver_are_explained(clones, tmp_path):
    a, b = clones
    git(b, "config", "--unset", "merge.ncsi-assessment.driver")  # as if never set up
    git(b, "config", "--unset", "merge.ncsi-assessment.name")
    assert ncsi_as("amina", "record", a / "xe.toml", "1.1", "--evidence", "A").returncode == 0
    assert ncsi_as("boris", "record", b / "xe.toml", "1.1", "--evidence", "B").returncode == 0
    pulled = exchange(a, b)
    assert pulled.returncode != 0
    path = b / "xe.toml"
    assert "<<<<<<<" in path.read_text(encoding="utf-8")
    for command in (("summary",), ("check",), ("record", "1.2", "--status", "met")):
        r = run_ncsi(command[0], path, *command[1:])
        assert r.returncode == 2 and "Traceback" not in r.stderr
        assert "unfinished git merge" in r.stderr and "ncsi git-setup" in r.stderr
        assert "git checkout --merge -- xe.toml" in r.stderr
    # the advice works: set up, redo the merge with the driver
    assert ncsi_as("boris", "git-setup", b).returncode == 0
    git(b, "checkout", "--merge", "--", "xe.toml")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert [u["field"] for u in data["unresolved"]] == ["evidence"]
