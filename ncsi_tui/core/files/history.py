"""Versions of an assessment file kept in git: list them, read one without a checkout.

Assessments often live in a git repository; ``ncsi history``, ``ncsi diff --rev`` and
``ncsi trend --git`` (and the app's compare screen) read old versions through the ``git``
command line, never a library and never by checking anything out, so the working tree
and the index are left alone.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
import subprocess
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ncsi_tui.core.disk import read_bytes
from ncsi_tui.core.errors import InputError
from ncsi_tui.core.files import storage
from ncsi_tui.core.files.caches import BlobScores, Scored
from ncsi_tui.core.judge.scoring import PointsScore, Score, score
from ncsi_tui.core.model.assessment import Assessment, validate_against
from ncsi_tui.core.model.catalogue import Catalogue, Catalogues

_SEP, _REC = "\x1f", "\x1e"
_TIMEOUT = 60


def _need_git() -> None:
    if shutil.which("git") is None:
        raise InputError("git is not installed", hint="install git to read file versions")


def _env() -> dict[str, str]:
    return {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}


def _git(folder: Path, *args: str, data: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    _need_git()
    try:
        return subprocess.run(
            ["git", "-C", str(folder), *args],
            input=data,
            capture_output=True,
            timeout=_TIMEOUT,
            env=_env(),
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise InputError(f"git {args[0]} took longer than {_TIMEOUT}s", path=folder) from None


@dataclass(frozen=True)
class RepoFile:
    """A file inside a git work tree: the repository root and its path from there."""

    root: Path
    relpath: str
    path: Path


def locate(path: Path) -> RepoFile:
    """Where `path` sits in its repository; a folder outside any repository is an InputError."""
    path = Path(path).resolve()
    folder = path.parent if not path.is_dir() else path
    if not folder.is_dir():
        raise InputError("no such folder", path=folder, hint="check the path")
    res = _git(folder, "rev-parse", "--show-toplevel")
    if res.returncode != 0 and b"dubious ownership" in res.stderr:
        raise InputError(
            "git refuses this repository: it belongs to another user",
            path=folder,
            hint=f"if you trust it: git config --global --add safe.directory {folder}",
        )
    if res.returncode != 0:
        raise InputError(
            "not in a git repository, so it has no versions to list or compare",
            path=folder,
            hint="keep assessments in a repository (git init; git add; git commit), "
            "or compare two files: ncsi diff OLD NEW",
        )
    root = Path(res.stdout.decode().strip()).resolve()
    return RepoFile(root, path.relative_to(root).as_posix(), path)


@dataclass(frozen=True)
class FileVersion:
    """One committed version of a file, with its score when it could be read."""

    commit: str
    date: dt.datetime
    author: str
    subject: str
    relpath: str
    score: Score | None = None
    framework: str = ""
    error: str = ""

    @property
    def short(self) -> str:
        return self.commit[:8]

    @property
    def headline(self) -> str:
        """The total as people read it: `45/77 58.44` or `12/30 assessed`."""
        if self.score is None:
            return "unreadable"
        if isinstance(self.score, PointsScore):
            t = self.score.total
            return f"{t.points}/{t.max} {t.percent:.2f}"
        return self.score.headline

    def to_dict(self) -> dict[str, Any]:
        total: dict[str, Any] | None = None
        if isinstance(self.score, PointsScore):
            t = self.score.total
            total = {"points": t.points, "max": t.max, "percent": t.percent}
        elif self.score is not None:
            total = {"assessed": self.score.assessed, "units": self.score.units}
        return {
            "commit": self.commit,
            "date": self.date.isoformat(),
            "author": self.author,
            "subject": self.subject,
            "path": self.relpath,
            "framework": self.framework or None,
            "total": total,
            "error": self.error or None,
        }


def _log(rf: RepoFile) -> list[tuple[str, dt.datetime, str, str, str]]:
    fmt = f"{_REC}%H{_SEP}%aI{_SEP}%an{_SEP}%s"
    res = _git(rf.root, "log", "--follow", f"--format={fmt}", "--name-only", "--", rf.relpath)
    if res.returncode != 0:
        msg = res.stderr.decode(errors="replace").strip().splitlines()
        raise InputError(f"git log failed: {msg[-1] if msg else 'unknown error'}", path=rf.path)
    out = []
    for chunk in res.stdout.decode("utf-8", errors="replace").split(_REC):
        if not chunk.strip():
            continue
        head, _, names = chunk.partition("\n")
        commit, date, author, subject = head.split(_SEP, 3)
        name = next((n for n in names.splitlines() if n.strip()), rf.relpath)
        out.append((commit, dt.datetime.fromisoformat(date), author, subject, name))
    return out


def object_ids(rf: RepoFile, specs: list[str]) -> list[str | None]:
    """The blob id of each `rev:path` spec, in one `git cat-file --batch-check` call
    (None: missing, or not a file at that revision). Nothing but ids is read."""
    if not specs:
        return []
    res = _git(rf.root, "cat-file", "--batch-check", data=("\n".join(specs) + "\n").encode())
    lines = res.stdout.decode(errors="replace").splitlines()
    if res.returncode != 0 or len(lines) != len(specs):
        msg = res.stderr.decode(errors="replace").strip()
        raise InputError(f"git cat-file failed: {msg or 'output cut short'}", path=rf.path)
    out: list[str | None] = []
    for line in lines:
        parts = line.split()
        out.append(parts[0] if len(parts) == 3 and parts[1] == "blob" else None)
    return out


def stream_blobs(rf: RepoFile, names: Iterable[str]) -> Iterator[tuple[str, bytes | None]]:
    """(name, contents) for each object name (a blob id or `rev:path`), read one at a time
    through one `git cat-file --batch` process: only one version is held at once, however
    long the history (None: missing or not a file). Raises InputError if git fails."""
    _need_git()
    proc = subprocess.Popen(["git", "-C", str(rf.root), "cat-file", "--batch"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, env=_env())
    assert proc.stdin is not None and proc.stdout is not None
    try:
        for name in names:
            proc.stdin.write(name.encode() + b"\n")
            proc.stdin.flush()  # cat-file answers each line at once (no --buffer)
            header = proc.stdout.readline().split()
            if not header:
                raise InputError("git cat-file failed: output cut short", path=rf.path)
            if len(header) < 3 or header[1] != b"blob":
                if len(header) >= 3:  # another kind of object (a tree): skip its bytes
                    proc.stdout.read(int(header[2]) + 1)
                yield name, None
                continue
            size = int(header[2])
            data = proc.stdout.read(size + 1)
            if len(data) != size + 1:
                raise InputError("git cat-file failed: output cut short", path=rf.path)
            yield name, data[:size]
    except (OSError, ValueError):
        raise InputError("git cat-file failed while reading versions", path=rf.path) from None
    finally:
        with contextlib.suppress(OSError):
            proc.stdin.close()
        try:
            proc.wait(timeout=_TIMEOUT)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        proc.stdout.close()


def versions(
    path: Path, catalogues: Catalogues | None = None, cache: BlobScores | None = None
) -> list[FileVersion]:
    """The file's committed versions, newest first, each scored against its catalogue.

    One `git log` and two `git cat-file` processes whatever the number of commits; each
    distinct content (git blob) is parsed and scored once, and only when `cache` (by
    default the user's score cache, :meth:`BlobScores.default`) does not hold it yet; one
    version's bytes are held at a time. Raises InputError (not in git, no commits)."""
    rf = locate(path)
    entries = _log(rf)
    if not entries:
        raise InputError(
            "has no committed versions",
            path=path,
            hint=f"commit it first: git add {rf.relpath} && git commit",
        )
    catalogues = catalogues or Catalogues()
    scores = cache if cache is not None else BlobScores.default(catalogues)
    ids = object_ids(rf, [f"{c}:{name}" for c, _, _, _, name in entries])
    labels: dict[str, Path] = {}
    for (commit, _, _, _, name), blob in zip(entries, ids, strict=True):
        if blob is not None and blob not in labels and scores.get(blob) is None:
            labels[blob] = Path(f"{name}@{commit[:8]}")
    for blob, raw in stream_blobs(rf, list(labels)):
        scores.put(blob, _scored(raw, catalogues, labels[blob]))
    out = []
    for (commit, date, author, subject, name), blob in zip(entries, ids, strict=True):
        v = FileVersion(commit, date, author, subject, name)
        got = scores.get(blob) if blob is not None else None
        if got is None:
            out.append(_with(v, error="file deleted in this commit"))
        elif got.score is None:
            out.append(_with(v, error=got.error))
        else:
            out.append(_with(v, score=got.score, framework=got.framework))
    if cache is None:
        scores.save()
    return out


def _scored(raw: bytes | None, catalogues: Catalogues, label: Path) -> Scored:
    """One version's bytes, parsed, checked and scored (or the reason they cannot be)."""
    if raw is None:
        return Scored(error="file deleted in this commit")
    try:
        cat, a = parse_version(raw, catalogues, label)
    except InputError as exc:
        return Scored(error=exc.message)
    return Scored(framework=cat.id, score=score(cat, a))


def assessments_at(
    path: Path, found: list[FileVersion], catalogues: Catalogues | None = None
) -> Iterator[tuple[FileVersion, Catalogue, Assessment]]:
    """Each version in `found` (from :func:`versions`) as a checked assessment, read one
    at a time through one `git cat-file` process (for scoring versions of different
    catalogues: see ``ncsi trend --git``). Raises InputError if one cannot be read."""
    rf = locate(path)
    catalogues = catalogues or Catalogues()
    wanted = {f"{v.commit}:{v.relpath}": v for v in found}
    for spec, raw in stream_blobs(rf, list(wanted)):
        v = wanted[spec]
        label = Path(f"{v.relpath}@{v.short}")
        if raw is None:
            raise InputError("file deleted in this commit", path=label)
        cat, a = parse_version(raw, catalogues, label)
        yield v, cat, a


def _with(v: FileVersion, **changes: Any) -> FileVersion:
    return replace(v, **changes)


def parse_version(raw: bytes, catalogues: Catalogues, label: Path) -> tuple[Catalogue, Assessment]:
    """Bytes of an assessment -> (catalogue, assessment), checked like a file on disk."""
    a = storage.load_bytes(raw, label)
    cat = catalogues.get(a.framework)
    problems = validate_against(a, cat)
    if problems:
        first = problems[0]
        raise InputError(first.message, path=label, hint=first.hint)
    return cat, a


def read_at(path: Path, rev: str) -> bytes:
    """The file's content at revision `rev` (`git show REV:path`), nothing checked out."""
    rf = locate(path)
    check = _git(rf.root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    if check.returncode != 0:
        raise InputError(
            f"no revision '{rev}' in the repository",
            path=rf.root,
            hint="see `ncsi history " + str(path) + "` for the file's commits",
        )
    res = _git(rf.root, "show", f"{rev}:{rf.relpath}")
    if res.returncode != 0:
        raise InputError(
            f"{rf.relpath} did not exist at revision '{rev}'",
            path=rf.root,
            hint="see `ncsi history " + str(path) + "` for the revisions that hold it",
        )
    return res.stdout


def open_at(
    path: Path, rev: str, catalogues: Catalogues | None = None
) -> tuple[Catalogue, Assessment]:
    """The assessment as it was at `rev`, validated against its catalogue."""
    raw = read_at(path, rev)
    return parse_version(raw, catalogues or Catalogues(), Path(f"{path}@{rev}"))


def working_copy_modified(path: Path) -> bool:
    """Whether the file on disk differs from its last commit (uncommitted changes)."""
    rf = locate(path)
    res = _git(rf.root, "status", "--porcelain", "--", rf.relpath)
    return bool(res.stdout.strip())


def open_other(
    path: Path, spec: str, catalogues: Catalogues | None = None
) -> tuple[Catalogue, Assessment, str]:
    """Another version to compare `path` with: a file (absolute, relative to `path`'s folder
    or to the working folder) or else a git revision of `path`. Returns a label too."""
    spec = spec.strip()
    if not spec:
        raise InputError(
            "give another file or a git revision", hint="e.g. last-year.toml or HEAD~1"
        )
    catalogues = catalogues or Catalogues()
    given = Path(spec).expanduser()
    for candidate in (given, Path(path).parent / given):
        if candidate.is_file():
            raw = read_bytes(candidate, what="assessment")  # one read, regular files only
            cat, a = parse_version(raw, catalogues, candidate)
            return cat, a, candidate.name
    cat, a = open_at(path, spec, catalogues)
    short = spec[:8] if re.fullmatch(r"[0-9a-f]{40}", spec) else spec
    return cat, a, f"{Path(path).name}@{short}"
