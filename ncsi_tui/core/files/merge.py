"""Saving with a merge: two people, one file, no lost work (the rules: core/files/fieldmerge.py).

When a save finds the file changed on disk (storage.ConflictError), the session merges
three versions field by field: ``base`` (the file as this session loaded or last saved
it), ``mine`` (what this session holds now) and ``theirs`` (the file on disk now). Only a
field both changed differently is a question for the person saving; until chosen, the
merged result holds theirs (what is on disk), so nothing is overwritten silently.

The version not chosen is written to a conflict note beside the file,
``NAME.toml.conflict-USER-YYYYMMDDTHHMMSSZ.toml``: a valid assessment file holding just
the losing values, one field each, with a header naming field and person; the person
whose version it was is told by :func:`notices` (the app shows it when it sees the
save). The ``.bak`` that every save keeps also holds the disk version from before the
save, but only until the next save, so the note is the durable copy. See docs/ssh.md.

Callers: core.session.AssessmentSession.save_merging (app and ``ncsi record`` alike).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import glob
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ncsi_tui.core.errors import ConflictError, InputError
from ncsi_tui.core.files import storage
from ncsi_tui.core.files.fieldmerge import (
    Conflict,
    MergeResult,
    Side,
    apply_value,
    merge,
    top_fields,
)
from ncsi_tui.core.files.storage import dumps, save_text
from ncsi_tui.core.model.assessment import Assessment
from ncsi_tui.core.model.catalogue import Catalogue
from ncsi_tui.core.model.review import Review

if TYPE_CHECKING:
    from ncsi_tui.core.files.session import AssessmentSession

__all__ = ["Conflict", "MergeResult", "Side", "merge", "top_fields"]


# --- conflict notes ---------------------------------------------------------------------

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def note_path(path: Path, user: str, when: dt.datetime) -> Path:
    """``dir/NAME.toml`` -> ``dir/NAME.toml.conflict-USER-20261123T101500Z.toml``."""
    path = Path(path)
    who = _UNSAFE.sub("_", user) or "unknown"
    return path.with_name(f"{path.name}.conflict-{who}-{when.strftime('%Y%m%dT%H%M%SZ')}.toml")


def is_conflict_note(path: Path) -> bool:
    """Whether a file is a conflict note (a start screen lists assessments, not these)."""
    return ".toml.conflict-" in Path(path).name


def write_note(
    path: Path,
    result: MergeResult,
    choices: Mapping[str, Side] | None,
    user: str,
    catalogue: Catalogue | None = None,
    when: dt.datetime | None = None,
    default: Side = "theirs",
) -> Path | None:
    """Keep the versions that were not chosen in a conflict note; None if no conflict."""
    losers = [(c, c.value(side), c.by(side) or ("" if side == "theirs" else user))
              for c, side in result.losers(choices, default)]
    return write_losers(path, losers, user, result.merged, catalogue, when)


def write_losers(
    path: Path,
    losers: list[tuple[Conflict, Any, str]],
    user: str,
    like: Assessment,
    catalogue: Catalogue | None = None,
    when: dt.datetime | None = None,
) -> Path | None:
    """A conflict note holding each (conflict, value not kept, whose value) given.

    The note is an assessment file (with `like`'s framework and country) holding only
    the values not kept, one field each, with a header naming field and person, which
    :func:`notices` reads back for the person whose version it was. None if no losers.
    """
    if not losers:
        return None
    when = when or dt.datetime.now(dt.UTC).replace(microsecond=0)
    note = like.model_copy(deep=True, update={"indicators": {}, "review": Review(),
                                              "unresolved": []})
    lines = []
    for c, value, by in losers:
        if c.unit:  # kept even when it is "not assessed": that was someone's choice
            rec = note.record(c.unit).model_copy(deep=True)
            setattr(rec, c.field, value)
            rec.updated_by = by
            rec.updated_at = c.mine_at if value is c.mine else c.theirs_at
            note.indicators = {**note.indicators, c.unit: rec}
        else:
            with contextlib.suppress(ValueError):
                apply_value(note, c.unit, c.field, value)
        whose = f"{by}'s version" if by else "the other version"
        lines.append(f"#   {c.key}: {whose} (not kept)")
    head = [
        f"# Conflict note for {Path(path).name}: the versions NOT kept when {user} saved",
        f"# at {when.isoformat()} (two people changed the same field).",
        *lines,
        "# To take one back, copy its value into the assessment (or its [indicators.\"ID\"]",
        "# table), or record it again with `ncsi record`. Nothing reads this file automatically.",
        "",
    ]
    target = note_path(path, user, when)
    n = 1
    while target.exists():  # two conflicts within one second
        n += 1
        target = target.with_name(target.name.removesuffix(".toml") + f"-{n}.toml")
    save_text(target, "\n".join(head) + dumps(note, catalogue), None)
    return target


_NOT_KEPT = re.compile(r"^#   (?P<key>\S+): (?P<who>.+)'s version \(not kept\)$")
_NOTE_TIME = re.compile(r"\.conflict-.*-(\d{8}T\d{6}Z)(-\d+)?\.toml$")


@dataclass(frozen=True)
class Notice:
    """A version of `who`'s that someone else's save did not keep, and where it went."""

    note: Path
    who: str
    keys: tuple[str, ...]  # 1.1.evidence, title, ...
    by: str  # who saved (and chose)

    def __str__(self) -> str:
        return (f"{self.by} kept another version of {', '.join(self.keys)}; yours is in "
                f"{self.note.name}")


def notices(path: Path, user: str, since: dt.datetime | None = None) -> list[Notice]:
    """Conflict notes beside `path` that hold `user`'s versions (written after `since`).

    So the person whose version was not kept is told, by field, where it went. Notes that
    cannot be read are skipped (they are someone's file, not ours to judge).
    """
    path = Path(path)
    out = []
    for note in sorted(path.parent.glob(f"{glob.escape(path.name)}.conflict-*.toml")):
        stamp = _NOTE_TIME.search(note.name)
        if since is not None and stamp is not None:
            written = dt.datetime.strptime(stamp.group(1), "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC)
            if written < since:
                continue
        try:
            head = note.read_text(encoding="utf-8").split("\n", 40)[:40]
        except (OSError, UnicodeDecodeError):
            continue
        saver = re.search(r"NOT kept when (.+) saved$", head[0]) if head else None
        keys = tuple(m.group("key") for m in map(_NOT_KEPT.match, head)
                     if m and m.group("who") == user)
        if keys:
            out.append(Notice(note, user, keys, saver.group(1) if saver else "someone"))
    return out


def new_notices(session: AssessmentSession) -> list[Notice]:
    """Notices for the session's user not shown yet (since the session was opened)."""
    found = [n for n in notices(session.path, session.user, session.opened_at)
             if n.note not in session.told]
    session.told.update(n.note for n in found)
    return found


# --- saving a session with a merge ------------------------------------------------------


class UnresolvedConflicts(ConflictError):
    """A save found the same field changed here and on disk, and nobody chose."""

    def __init__(self, path: Path, conflicts: list[Conflict]) -> None:
        what = ", ".join(c.label for c in conflicts)
        super().__init__(
            f"{what} changed both here and in the file on disk since it was opened; not saved",
            path=path,
            hint="nothing was written: run the command again (it then applies to the newer "
            "file), or save from the app to choose which version to keep",
        )
        self.conflicts = conflicts


@dataclass(frozen=True)
class SaveReport:
    """What a merging save did, for a status line or a test."""

    revision: str
    merged: bool = False  # someone else had saved; their changes are now in the file
    kept_mine: tuple[str, ...] = ()
    took_theirs: tuple[str, ...] = ()
    choices: tuple[tuple[str, str], ...] = ()  # (key, side chosen) per conflict
    note: Path | None = None  # where the versions not chosen were kept


Resolver = Callable[[list[Conflict]], Mapping[str, Side] | None]


def merge_with_disk(session: AssessmentSession) -> tuple[MergeResult, str]:
    """Merge the session (base, current) with the file on disk now; and that revision."""
    loaded = storage.load(session.path)
    return merge(session.base, session.assessment, loaded.assessment), loaded.revision


def follow_disk(session: AssessmentSession) -> MergeResult:
    """Take in what someone else saved, without writing: for an editor watching the file.

    With no conflict, the session then holds the merge: their changes plus this session's
    unsaved ones (still dirty, saved by the next save). With conflicts nothing changes;
    the next save asks. InputError when the file on disk cannot be read.
    """
    result, disk_revision = merge_with_disk(session)
    if result.conflicts:
        return result
    merged = result.merged.model_copy(deep=True)
    for name in type(merged).model_fields:  # in place: screens hold this object
        setattr(session.assessment, name, getattr(merged, name))
    assert result.theirs is not None
    session.base = result.theirs.model_copy(deep=True)
    session.revision = disk_revision
    session.dirty = bool(result.kept_mine)
    return result


def save_merged(
    session: AssessmentSession,
    result: MergeResult,
    disk_revision: str,
    choices: Mapping[str, Side] | None = None,
) -> SaveReport:
    """Save a merge over `disk_revision`; the session then holds the merged assessment.

    The versions not chosen are written to a conflict note first (so a crash between
    the two writes loses nothing). ConflictError if the file changed yet again (the
    note is then removed; merge again).
    """
    choices = dict(choices or {})
    merged = result.resolved(choices)
    if result.mine is not None and session.assessment != result.mine:
        # edits made while the user was choosing: they are the newest, apply them on top
        late = merge(result.mine, session.assessment, merged)
        merged = late.resolved({c.key: "mine" for c in late.conflicts})
    note = write_note(session.path, result, choices, session.user, session.catalogue)
    try:
        revision = save_text(session.path, dumps(merged, session.catalogue), disk_revision)
    except ConflictError:
        if note is not None:
            with contextlib.suppress(OSError):
                note.unlink()
        raise
    for name in type(merged).model_fields:  # in place: screens hold this object
        setattr(session.assessment, name, getattr(merged, name))
    session.revision = revision
    session.base = merged.model_copy(deep=True)
    session.dirty = False
    session.has_comments = False
    return SaveReport(
        revision,
        merged=True,
        kept_mine=tuple(result.kept_mine),
        took_theirs=tuple(result.took_theirs),
        choices=tuple((c.key, choices.get(c.key, "theirs")) for c in result.conflicts),
        note=note,
    )


def save_merging(
    session: AssessmentSession, resolve: Resolver | None = None, attempts: int = 5
) -> SaveReport:
    """Save; when someone else saved meanwhile, merge and save the merge.

    Same-indicator conflicts go to `resolve(conflicts) -> {key: "mine"|"theirs"}`
    (None cancels); without a resolver they raise :class:`UnresolvedConflicts` and
    nothing is written. A new file (never saved) is not merged with a stranger's file.
    """
    for _ in range(attempts):
        # Read, merge and write under one folder lock, so any number of concurrent
        # writers (``ncsi record`` in a loop, two apps) converge without retries.
        with storage.folder_lock(session.path):
            try:
                return SaveReport(session.save())
            except ConflictError:
                if session.revision is None:
                    raise
            try:
                result, disk_revision = merge_with_disk(session)
            except InputError as exc:  # broken by a hand edit, or removed: no merge
                raise ConflictError(
                    f"the file changed on disk and cannot be merged: {exc.message}",
                    path=session.path,
                    line=exc.line,
                    column=exc.column,
                    hint="nothing was written; fix or restore the file on disk "
                    "(its .bak holds the version before the last save), then save again",
                ) from None
            if not result.conflicts:
                return save_merged(session, result, disk_revision)
        # A person chooses: never hold the lock meanwhile (it stops everyone's saves).
        picked = resolve(result.conflicts) if resolve is not None else None
        if picked is None:
            raise UnresolvedConflicts(session.path, result.conflicts)
        choices: Mapping[str, Side] = picked
        try:
            return save_merged(session, result, disk_revision, choices)
        except ConflictError:
            continue  # changed again between our read and our write: merge once more
    raise ConflictError(
        "the file keeps changing on disk; not saved",
        path=session.path,
        hint="try again in a moment",
    )
