"""Versions of an assessment with known differences, written as real files (diff tests).

`year_after(example)` edits a copy of the bundled example through the core session, the
way `ncsi record` or the app would, and returns what a diff must find. The expected
figures are hand arithmetic from the NCSI 2.0 points of the edited indicators.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from ncsi_tui.core.files.session import AssessmentSession
from ncsi_tui.core.model.assessment import Reference

#: Points of the indicators the scenario changes (NCSI 2.0 catalogue).
POINTS = {"1.2": 2, "3.1": 1, "12.1": 3}
#: The example scores 39/77; +2 (1.2) -1 (3.1) +3 (12.1).
TOTAL_BEFORE, TOTAL_AFTER = 39, 43
SECTION_DELTAS = {"1": 2, "3": -1, "12": 3}
GAINED, LOST, STATUS_ONLY = ["1.2", "12.1"], ["3.1"], ["2.1"]
CONTENT_CHANGED = ["1.1", "1.2", "2.2", "4.1", "4.4", "5.2"]
EVIDENCE_OLD_WORDS = "drafts national cyber security policy"
EVIDENCE_NEW_WORDS = "drafts and coordinates national cyber security policy"
NEW_REFERENCE = Reference(kind="website", title="Threat report page", url="https://example.org/tr")
REMOVED_REFERENCE_TITLE = "Chart of signatures and ratifications of Treaty 185"


def year_after(old: Path, new: Path) -> Path:
    """Copy `old` to `new` and apply the scenario's edits; returns `new`."""
    shutil.copyfile(old, new)
    s = AssessmentSession.open(new)
    s.set_status("1.2", "met")
    s.set_text("1.2", "notes", "Council statute adopted in May.")
    s.set_status("3.1", "not-met")
    s.set_status("12.1", "met")
    s.set_status("2.1", "not-assessed")
    ev = s.record("1.1").evidence
    assert EVIDENCE_OLD_WORDS in ev
    s.set_text("1.1", "evidence", ev.replace(EVIDENCE_OLD_WORDS, EVIDENCE_NEW_WORDS))
    s.add_reference("2.2", NEW_REFERENCE)
    s.edit("4.1", lambda r: r.references.clear())
    s.set_text("4.4", "evidence", "")
    s.set_text("4.4", "notes", "")
    s.set_text("5.2", "evidence", "A draft plan exists.")
    s.save()
    return new


def git(repo: Path, *args: str) -> str:
    """git with a fixed identity, independent of the machine's configuration."""
    r = subprocess.run(
        [
            "git",
            "-c",
            "user.name=Ana Tester",
            "-c",
            "user.email=ana@example.org",
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
            *args,
        ],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return r.stdout


def three_commits(repo: Path, example: Path) -> Path:
    """A repository holding one assessment committed three times:
    the example (39/77), then 1.2 met (41/77), then 3.1 not met (40/77)."""
    repo.mkdir(exist_ok=True)
    git(repo, "init", "-q")
    path = repo / "rs.toml"
    shutil.copyfile(example, path)
    git(repo, "add", "rs.toml")
    git(repo, "commit", "-q", "-m", "first draft")
    s = AssessmentSession.open(path)
    s.set_status("1.2", "met")
    s.save()
    git(repo, "commit", "-q", "-a", "-m", "council found")
    s.set_status("3.1", "not-met")
    s.save()
    git(repo, "commit", "-q", "-a", "-m", "3.1 not met after all")
    return path
