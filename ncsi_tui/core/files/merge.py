"""Three-way merge of an assessment at indicator level: two people, one file, no lost work.

When a save finds the file changed on disk (storage.ConflictError), the session merges
three versions: ``base`` (the file as this session loaded or last saved it), ``mine``
(what this session holds now) and ``theirs`` (the file on disk now):

* an indicator (or top-level field) changed on one side only takes that side's version;
* changed on both sides to the same content: kept once;
* changed on both sides differently: a :class:`Conflict` for the person saving to choose
  (``"mine"`` or ``"theirs"``). Until chosen, the merged result holds theirs (what is on
  disk), so nothing is overwritten silently.

The version not chosen is written to a conflict note beside the file,
``NAME.toml.conflict-USER-YYYYMMDDTHHMMSSZ.toml``: a valid assessment file holding just
the losing records (and losing top-level values), readable with ``ncsi show NOTE ID``.
The ``.bak`` that every save keeps also holds the disk version from before the save, but
only until the next save, so the note is the durable copy. See docs/ssh.md.

Callers: core.session.AssessmentSession.save_merging (app and ``ncsi record`` alike).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ncsi_tui.core.errors import ConflictError, InputError
from ncsi_tui.core.files import storage
from ncsi_tui.core.files.storage import dumps, natural_key, save_text
from ncsi_tui.core.model.assessment import Assessment, Record
from ncsi_tui.core.model.catalogue import Catalogue

if TYPE_CHECKING:
    from ncsi_tui.core.files.session import AssessmentSession

Side = Literal["mine", "theirs"]
#: Top-level fields merged otherwise: indicators unit by unit, and `updated`, which changes
#: on every edit, so the later of the two is kept instead of asking. Every other field of
#: the model (including ones added later, e.g. `review`) is merged as one value.
_NOT_TOP = frozenset({"indicators", "updated"})
_STAMPS = {"updated_by", "updated_at"}


@dataclass(frozen=True)
class Conflict:
    """One indicator (or top-level field) changed differently on both sides."""

    key: str  # indicator id, or a top-level field name
    kind: Literal["indicator", "field"]
    base: Any
    mine: Any
    theirs: Any

    @property
    def label(self) -> str:
        return f"indicator {self.key}" if self.kind == "indicator" else f"field {self.key}"

    def differences(self) -> list[str]:
        """The record fields that differ between mine and theirs (for the dialog)."""
        if self.kind != "indicator":
            return [self.key]
        m, t = self.mine.model_dump(), self.theirs.model_dump()
        return [k for k in m if k not in _STAMPS and m[k] != t[k]]


@dataclass
class MergeResult:
    """The merged assessment (conflicts still holding theirs) and what needs a choice."""

    merged: Assessment
    conflicts: list[Conflict] = field(default_factory=list)
    #: this session's version as merged (to notice edits made while the user chose)
    mine: Assessment | None = None
    #: the version on disk that was merged
    theirs: Assessment | None = None
    #: ids taken from mine / from theirs without asking (for messages and tests)
    kept_mine: list[str] = field(default_factory=list)
    took_theirs: list[str] = field(default_factory=list)

    def resolved(self, choices: Mapping[str, Side] | None = None) -> Assessment:
        """The merged assessment with each conflict set to the chosen side (default theirs)."""
        choices = choices or {}
        out = self.merged.model_copy(deep=True)
        records = dict(out.indicators)
        for c in self.conflicts:
            value = c.mine if choices.get(c.key, "theirs") == "mine" else c.theirs
            if c.kind == "indicator":
                _put(records, c.key, value)
            else:
                setattr(out, c.key, value)
        out.indicators = records
        return out

    def losers(self, choices: Mapping[str, Side] | None = None) -> list[tuple[Conflict, Side]]:
        """For each conflict, the side that was NOT chosen."""
        choices = choices or {}
        return [
            (c, "theirs" if choices.get(c.key, "theirs") == "mine" else "mine")
            for c in self.conflicts
        ]


def _content(rec: Record | None) -> dict[str, Any]:
    """A record without its who/when stamps: two identical edits are no conflict."""
    data = (rec or Record()).model_dump()
    for k in _STAMPS:
        data.pop(k)
    return data


def top_fields() -> list[str]:
    """The top-level fields merged as one value each (see _NOT_TOP)."""
    return [f for f in Assessment.model_fields if f not in _NOT_TOP]


def _stamp(rec: Record | None) -> dt.datetime:
    return (rec or Record()).updated_at or dt.datetime.min.replace(tzinfo=dt.UTC)


def _put(records: dict[str, Record], uid: str, rec: Record | None) -> None:
    if rec is None or rec.is_empty():
        records.pop(uid, None)
    else:
        records[uid] = rec.model_copy(deep=True)


def _three_way(b: Any, m: Any, t: Any, same: Any = None) -> tuple[str, Any]:
    """('mine'|'theirs'|'same'|'conflict', value). `same` compares content when given."""
    eq = same or (lambda x, y: x == y)
    if eq(m, b):
        return "theirs", t
    if eq(t, b):
        return "mine", m
    if eq(m, t):
        return "same", t
    return "conflict", None


def merge(base: Assessment, mine: Assessment, theirs: Assessment) -> MergeResult:
    """Indicator-level three-way merge; see the module docstring for the rules."""
    merged = theirs.model_copy(deep=True)
    result = MergeResult(merged, mine=mine.model_copy(deep=True), theirs=theirs)
    records = dict(merged.indicators)
    ids = set(base.indicators) | set(mine.indicators) | set(theirs.indicators)
    same = lambda x, y: _content(x) == _content(y)  # noqa: E731
    for uid in sorted(ids, key=natural_key):
        b, m, t = (a.indicators.get(uid) for a in (base, mine, theirs))
        outcome, value = _three_way(b, m, t, same)
        if outcome == "mine":
            _put(records, uid, value)
            result.kept_mine.append(uid)
        elif outcome == "theirs" and not same(b, t):
            result.took_theirs.append(uid)
        elif outcome == "same":
            # identical change on both sides: keep the later stamp
            _put(records, uid, max((m, t), key=_stamp))
        elif outcome == "conflict":
            result.conflicts.append(
                Conflict(uid, "indicator", b or Record(), m or Record(), t or Record())
            )
    merged.indicators = records
    for name in top_fields():
        b, m, t = (getattr(a, name) for a in (base, mine, theirs))
        outcome, value = _three_way(b, m, t)
        if outcome == "mine":
            setattr(merged, name, value)
            result.kept_mine.append(name)
        elif outcome == "conflict":
            result.conflicts.append(Conflict(name, "field", b, m, t))
    stamps = [s for s in (mine.updated, theirs.updated) if s is not None]
    merged.updated = max(stamps) if stamps else None
    return result


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
) -> Path | None:
    """Keep the versions that were not chosen in a conflict note; None if no conflict."""
    losers = result.losers(choices)
    if not losers:
        return None
    when = when or dt.datetime.now(dt.UTC).replace(microsecond=0)
    note = result.merged.model_copy(deep=True)
    records: dict[str, Record] = {}
    lines = []
    for c, side in losers:
        value = c.mine if side == "mine" else c.theirs
        if c.kind == "indicator":
            records[c.key] = value.model_copy(deep=True)
        else:
            setattr(note, c.key, value)
        by = getattr(value, "updated_by", "") or ("" if side == "theirs" else user)
        whose = f"{by}'s version" if by else "the other version"
        lines.append(f"#   {c.label}: {whose} (not kept)")
    note.indicators = records
    head = [
        f"# Conflict note for {Path(path).name}: the versions NOT kept when {user} saved",
        f"# at {when.isoformat()} (two people changed the same thing).",
        *lines,
        "# To take one back, copy its [indicators.\"ID\"] table into the assessment,",
        "# or record it again with `ncsi record`. Nothing reads this file automatically.",
        "",
    ]
    target = note_path(path, user, when)
    n = 1
    while target.exists():  # two conflicts within one second
        n += 1
        target = target.with_name(target.name.removesuffix(".toml") + f"-{n}.toml")
    save_text(target, "\n".join(head) + dumps(note, catalogue), None)
    return target


# --- saving a session with a merge ------------------------------------------------------


class UnresolvedConflicts(ConflictError):
    """A save found the same indicator changed here and on disk, and nobody chose."""

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
