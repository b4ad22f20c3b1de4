"""git as the shared store: the three-way merge of assessment files for git (issue 21).

* :func:`merge_files` is ``ncsi merge BASE OURS THEIRS [-o OUT]``, the way ``git
  merge-file`` works: the field-level merge (core/files/fieldmerge.py) of three versions;
  the result replaces OURS (or goes to OUT). Fields both sides changed differently keep
  our value in place and both versions in ``[[unresolved]]`` entries
  (core/files/unresolved.py), so the file stays valid TOML.
* :func:`setup` is ``ncsi git-setup``: registers that merge as git's merge driver for
  ``*.toml`` (``.gitattributes`` plus the driver in the repository's config), idempotently.

git is run only by :func:`setup` (``git config``, ``git rev-parse``) and, when git's driver
meets a TOML file that is not an assessment (a catalogue), by :func:`merge_files` to do
git's own text merge instead. docs/git.md walks two ministries through it.
"""

from __future__ import annotations

import shlex
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ncsi_tui.core.disk.reading import read_text as read_limited
from ncsi_tui.core.errors import InputError
from ncsi_tui.core.files import storage
from ncsi_tui.core.files.fieldmerge import merge
from ncsi_tui.core.files.unresolved import entries
from ncsi_tui.core.model.assessment import Assessment
from ncsi_tui.core.model.catalogue import Catalogues
from ncsi_tui.core.model.unresolved import Unresolved

DRIVER = "ncsi-assessment"
ATTRIBUTES_LINE = f"*.toml merge={DRIVER}"


@dataclass
class MergeOutcome:
    """What ``ncsi merge`` did: the conflicts left (exit 1 if any) and what was taken."""

    out: Path
    unresolved: list[Unresolved] = field(default_factory=list)
    took_theirs: list[str] = field(default_factory=list)
    text_merge: bool = False  # not an assessment: git's own text merge was done


def _read(path: Path, what: str) -> tuple[Assessment | None, str]:
    """An input of the merge: (assessment, text); (None, "") for an empty file (no base)."""
    text = read_limited(path)
    if not text.strip():
        return None, text
    try:
        return storage.parse(text, path), text
    except InputError as exc:
        exc.message = f"{what}: {exc.message}"
        raise


def _empty_like(a: Assessment) -> Assessment:
    """No common ancestor (both added the file): a base with nothing recorded."""
    return Assessment(framework=a.framework, country=a.country,
                      reference_date=a.reference_date)


def merge_files(base: Path, ours: Path, theirs: Path, out: Path | None = None,
                catalogues: Catalogues | None = None, *, git_driver: bool = False
                ) -> MergeOutcome:
    """Merge three versions of an assessment; write the result to `out` (default: `ours`).

    InputError (exit 2) when an input is not a valid assessment, holds git's conflict
    markers or an unfinished merge of its own, or when the frameworks differ; nothing is
    written then. With ``git_driver`` a TOML file that is not an assessment at all is
    merged as text by ``git merge-file`` instead (git's default for other files).
    """
    target = Path(out or ours)
    try:
        (b, _), (o, _), (t, _) = (_read(Path(p), w) for p, w in
                                  ((base, "BASE"), (ours, "OURS"), (theirs, "THEIRS")))
    except InputError:
        if git_driver and not any(_looks_like_assessment(Path(p)) for p in (ours, theirs)):
            return _text_merge(Path(base), Path(ours), Path(theirs), target)
        raise
    if o is None or t is None:
        raise InputError("OURS and THEIRS must be assessments; one is empty",
                         path=ours if o is None else theirs)
    for side, path in ((o, ours), (t, theirs), (b, base)):
        if side is not None and side.unresolved:
            raise InputError(
                f"holds an unfinished merge ({side.unresolved[0].key})", path=path,
                hint="resolve it first (`ncsi resolve`), then merge again")
    if o.framework != t.framework or (b is not None and b.framework != o.framework):
        raise InputError(
            f"the versions use different frameworks ({o.framework}, {t.framework})",
            path=theirs, hint="a framework change is not merged: carry forward with `ncsi new --from`")
    result = merge(b or _empty_like(o), o, t)
    merged = result.resolved(default="mine")  # unresolved: our value stays in place
    merged.unresolved = entries(result)
    try:
        cat = (catalogues or Catalogues()).get(merged.framework)
    except InputError:
        cat = None  # a catalogue this machine lacks: natural order
    try:
        storage.write_file(target, storage.dumps(merged, cat).encode("utf-8"))
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror}", path=target) from None
    return MergeOutcome(target, merged.unresolved, result.took_theirs)


def _looks_like_assessment(path: Path) -> bool:
    try:
        head = path.read_text(encoding="utf-8", errors="replace")[:4000]
    except OSError:
        return False
    return "framework" in head and ("[country]" in head or "indicators" in head)


def _text_merge(base: Path, ours: Path, theirs: Path, target: Path) -> MergeOutcome:
    """git's own line merge (with conflict markers), for TOML files that are not assessments."""
    if target != ours:
        target.write_bytes(ours.read_bytes())
    code = subprocess.run(["git", "merge-file", "-L", "ours", "-L", "base", "-L", "theirs",
                           str(target), str(base), str(theirs)],
                          capture_output=True, check=False).returncode
    if code < 0 or code > 127:
        raise InputError("git merge-file failed", path=target)
    outcome = MergeOutcome(target, text_merge=True)
    if code:
        outcome.unresolved = [Unresolved(field=f"{code} text conflict(s)")]
    return outcome


# --- git-setup -----------------------------------------------------------------------


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(["git", "-C", str(repo), *args], capture_output=True,
                              text=True, check=False)
    except FileNotFoundError:
        raise InputError("git is not installed (or not on PATH)",
                         hint="install git, then run `ncsi git-setup` again") from None


def driver_command() -> str:
    """The driver line for git's config: this installation's ncsi, by absolute path."""
    return (f"{shlex.quote(sys.executable)} -m ncsi_tui merge --git %O %A %B --path %P")


def setup(repo: Path) -> list[str]:
    """Register the assessment merge driver in the git repository holding `repo`.

    Adds ``*.toml merge=ncsi-assessment`` to the repository's ``.gitattributes`` (commit
    it: clones then know which files use the driver) and the driver to its config
    (``.git/config``: each clone runs ``ncsi git-setup`` once). Idempotent. Returns what
    was done, one line each ("already set up" when nothing). InputError outside a repository.
    """
    top = _git(repo, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        raise InputError("not inside a git repository", path=repo,
                         hint="run it in a clone (git clone URL), or `git init` first")
    root = Path(top.stdout.strip())
    done = []
    want = {f"merge.{DRIVER}.name": "ncsi-tui: merge assessments field by field",
            f"merge.{DRIVER}.driver": driver_command()}
    for key, value in want.items():
        have = _git(root, "config", "--local", "--get", key).stdout.strip()
        if have != value:
            r = _git(root, "config", "--local", key, value)
            if r.returncode != 0:
                raise InputError(f"git config {key} failed: {r.stderr.strip()}", path=root)
            done.append(f"{'updated' if have else 'set'} {key} in {root / '.git' / 'config'}")
    attributes = root / ".gitattributes"
    try:
        text = attributes.read_text(encoding="utf-8") if attributes.exists() else ""
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read: {exc}", path=attributes) from None
    if ATTRIBUTES_LINE not in (ln.strip() for ln in text.splitlines()):
        sep = "" if not text or text.endswith("\n") else "\n"
        storage.write_file(attributes, (text + sep + ATTRIBUTES_LINE + "\n").encode("utf-8"))
        done.append(f"added '{ATTRIBUTES_LINE}' to {attributes} (commit it)")
    return done
