"""Three-way merge of an assessment, field by field: two people (or two git branches), no lost work.

Three versions: ``base`` (what both started from), ``mine`` (this side: the session saving,
or git's "ours") and ``theirs`` (the file on disk, or the branch merged in). The rules:

* Indicators unit by unit, and inside a unit field by field: status, stage, target
  stage, reconfirm, evidence and notes each take the side that changed them. A unit whose
  status one side set and whose evidence the other side edited merges without a question.
* References are a list: what one side added is added, what one side removed is removed;
  a reference both added is kept once. Organisations, review findings and gaps likewise.
* Review items with an id (clusters, sessions, recommendations) merge item by item; the
  review's context is one field.
* A field both sides changed to the same value is kept once; changed differently it is a
  :class:`Conflict` for a person to choose (``"mine"`` or ``"theirs"``). Until chosen the
  merged result holds theirs (or mine, for git: see :meth:`MergeResult.resolved`).
* The top-level ``updated`` stamp is the later of the two, never a conflict; a merged
  unit carries the stamp of the later of the two sides that changed it.

Pure functions; callers: core/files/merge.py (saves), core/files/gitmerge.py (``ncsi
merge``), core/files/unresolved.py and the NCSI page import (``--into``).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from ncsi_tui.core.files.storage import natural_key
from ncsi_tui.core.model.assessment import NOT_ASSESSED, Assessment, Record, empty_record
from ncsi_tui.core.model.data import Data
from ncsi_tui.core.model.review import Review

Side = Literal["mine", "theirs"]
#: Record fields merged one by one (references as a list); the stamps follow the sides.
RECORD_FIELDS = ("status", "stage", "target_stage", "reconfirm", "evidence", "notes")
_STAMPS = ("updated_by", "updated_at")
#: Top-level fields merged otherwise than as one value (see merge()).
_NOT_TOP = frozenset({"indicators", "updated", "review", "organisations", "unresolved"})
_ID_LISTS = ("clusters", "sessions", "recommendations")
_SET_LISTS = ("findings", "gaps")


@dataclass(frozen=True)
class Conflict:
    """One field changed differently on both sides.

    ``unit`` is the indicator id ("" for a field of the file itself); ``field`` is a record
    field ("evidence"), a file field ("title") or a review item ("review.recommendations.R1").
    The values are the field's values (None: empty, or a review item removed).
    """

    unit: str
    field: str
    base: Any
    mine: Any
    theirs: Any
    mine_by: str = ""
    theirs_by: str = ""
    mine_at: dt.datetime | None = None
    theirs_at: dt.datetime | None = None

    @property
    def key(self) -> str:
        """``1.1.evidence``, ``title``: the name used in choices, messages and the file."""
        return f"{self.unit}.{self.field}" if self.unit else self.field

    @property
    def kind(self) -> Literal["indicator", "field"]:
        return "indicator" if self.unit else "field"

    @property
    def label(self) -> str:
        return f"{self.unit} {self.field.replace('_', ' ')}" if self.unit else self.field

    def differences(self) -> list[str]:
        """The fields that differ: always just this one (the dialog shows only it)."""
        return [self.field]

    def by(self, side: Side) -> str:
        return self.mine_by if side == "mine" else self.theirs_by

    def value(self, side: Side) -> Any:
        return self.mine if side == "mine" else self.theirs


@dataclass
class MergeResult:
    """The merged assessment (each conflict still holding theirs) and what needs a choice."""

    merged: Assessment
    conflicts: list[Conflict] = field(default_factory=list)
    #: this session's version as merged (to notice edits made while the user chose)
    mine: Assessment | None = None
    #: the version on disk that was merged
    theirs: Assessment | None = None
    #: unit ids (and file fields) where something was taken from mine / from theirs
    kept_mine: list[str] = field(default_factory=list)
    took_theirs: list[str] = field(default_factory=list)

    def resolved(
        self, choices: Mapping[str, Side] | None = None, default: Side = "theirs"
    ) -> Assessment:
        """The merged assessment with each conflict set to the chosen side (else `default`)."""
        choices = choices or {}
        out = self.merged.model_copy(deep=True)
        for c in self.conflicts:
            apply_value(out, c.unit, c.field, c.value(choices.get(c.key, default)))
        for uid in {c.unit for c in self.conflicts if c.unit}:
            # all of one side's version after all: that side's who and when
            rec = out.indicators.get(uid)
            for side in (self.theirs, self.mine):
                there = side.indicators.get(uid) if side is not None else None
                if rec is not None and there is not None and content(rec) == content(there):
                    rec.updated_by, rec.updated_at = there.updated_by, there.updated_at
                    break
        return out

    def losers(
        self, choices: Mapping[str, Side] | None = None, default: Side = "theirs"
    ) -> list[tuple[Conflict, Side]]:
        """For each conflict, the side that was NOT chosen."""
        choices = choices or {}
        return [
            (c, "theirs" if choices.get(c.key, default) == "mine" else "mine")
            for c in self.conflicts
        ]


def blank(rec: Record | None) -> bool:
    """Nothing recorded (stamps aside): such a unit is left out of the file."""
    if rec is None:
        return True
    probe = rec.model_copy(update={"updated_by": "", "updated_at": None})
    return probe == empty_record() and probe.status == NOT_ASSESSED


def apply_value(a: Assessment, unit: str, name: str, value: Any) -> None:
    """Set one field of `a` to `value` (validated): a record field, a file field or a review item.

    ValueError (pydantic's) when the value does not fit the field.
    """
    if unit:
        rec = a.record(unit).model_copy(deep=True)
        setattr(rec, name, value)
        records = dict(a.indicators)
        if blank(rec):
            records.pop(unit, None)
        else:
            records[unit] = rec
        a.indicators = records
    elif name.startswith("review."):
        _, part, *rest = name.split(".", 2)
        data = a.review.model_dump()
        if rest:  # an item with an id
            items = [i for i in data[part] if i["id"] != rest[0]]
            if value is not None:
                items.append(_dump(value))
            data[part] = items
        else:
            data[part] = _dump(value) if value is not None else Review.model_fields[part].get_default()
        a.review = Review.model_validate(data)
    else:
        setattr(a, name, value)


def read_value(a: Assessment, unit: str, name: str) -> Any:
    """The value :func:`apply_value` sets: a record field, a file field or a review item."""
    if unit:
        return getattr(a.record(unit), name)
    if name.startswith("review."):
        _, part, *rest = name.split(".", 2)
        if rest:
            return next((i for i in getattr(a.review, part) if i.id == rest[0]), None)
        return getattr(a.review, part)
    return getattr(a, name)


def _dump(value: Any) -> Any:
    return value.model_dump() if isinstance(value, Data) else value


def _stamp(rec: Record | None) -> dt.datetime:
    return (rec or empty_record()).updated_at or dt.datetime.min.replace(tzinfo=dt.UTC)


def content(rec: Record | None) -> dict[str, Any]:
    """A record without its who/when stamps: two identical edits are no conflict."""
    data = (rec or empty_record()).model_dump()
    for k in _STAMPS:
        data.pop(k)
    return data


def three_way(b: Any, m: Any, t: Any) -> tuple[str, Any]:
    """('mine'|'theirs'|'same'|'conflict', value) for one value changed on zero, one or two sides."""
    if m == b:
        return "theirs", t
    if t == b:
        return "mine", m
    if m == t:
        return "same", t
    return "conflict", None


def merge_list(b: list[Any], m: list[Any], t: list[Any],
               key: Callable[[Any], Any] = lambda x: x) -> list[Any]:
    """A list as a set of items: each side's additions and removals both apply; never a conflict.

    Theirs' order, with an item mine added placed after the item mine has before it.
    """
    if [key(x) for x in m] == [key(x) for x in b]:
        return list(t)
    if [key(x) for x in t] == [key(x) for x in b] or [key(x) for x in m] == [key(x) for x in t]:
        return list(m)
    base_count = Counter(key(x) for x in b)
    removed = base_count - Counter(key(x) for x in m)
    out = list(t)
    for k, n in removed.items():
        for _ in range(n):
            pos = next((i for i, x in enumerate(out) if key(x) == k), None)
            if pos is not None:
                out.pop(pos)
    seen = Counter(key(x) for x in out)
    left = base_count.copy()
    for i, x in enumerate(m):
        k = key(x)
        if left[k] > 0:  # in base: not an addition
            left[k] -= 1
            continue
        if seen[k] > 0:  # theirs added the same: kept once
            seen[k] -= 1
            continue
        keys = [key(y) for y in out]
        at = 0
        for prev in reversed(m[:i]):
            if key(prev) in keys:
                at = keys.index(key(prev)) + 1
                break
        while at < len(out) and keys[at] not in base_count:  # after theirs' additions there
            at += 1
        out.insert(at, x)
    return out


def _ref_key(ref: Any) -> str:
    return ref.model_dump_json()


def merge_record(b: Record | None, m: Record | None, t: Record | None,
                 uid: str) -> tuple[Record | None, list[Conflict], set[Side]]:
    """One unit, field by field: (merged record or None, conflicts, sides taken from)."""
    cb, cm, ct = content(b), content(m), content(t)
    if cm == cb:
        return t, [], ({"theirs"} if ct != cb else set())
    if ct == cb:
        return m, [], {"mine"}
    if cm == ct:
        return max((m, t), key=_stamp), [], set()
    rb, rm, rt = (r or empty_record() for r in (b, m, t))
    out = rt.model_copy(deep=True)
    conflicts: list[Conflict] = []
    for name in RECORD_FIELDS:
        outcome, value = three_way(getattr(rb, name), getattr(rm, name), getattr(rt, name))
        if outcome == "mine":
            setattr(out, name, value)
        elif outcome == "conflict":
            conflicts.append(Conflict(
                uid, name, getattr(rb, name), getattr(rm, name), getattr(rt, name),
                rm.updated_by, rt.updated_by, rm.updated_at, rt.updated_at))
    out.references = merge_list(rb.references, rm.references, rt.references, _ref_key)
    later = max((rm, rt), key=_stamp)
    out.updated_by, out.updated_at = later.updated_by, later.updated_at
    return out, conflicts, {"mine", "theirs"}


def _merge_review(b: Review, m: Review, t: Review) -> tuple[Review, list[Conflict]]:
    """The review part: context as one field, items with an id by id, the rest as sets."""
    if m in (b, t):
        return t, []
    if t == b:
        return m, []
    data = t.model_dump()
    conflicts: list[Conflict] = []
    outcome, value = three_way(b.context, m.context, t.context)
    if outcome == "mine":
        data["context"] = value
    elif outcome == "conflict":
        conflicts.append(Conflict("", "review.context", b.context, m.context, t.context))
    for name in _ID_LISTS:
        items = [{i.id: i for i in getattr(x, name)} for x in (b, m, t)]
        out = dict(items[2])
        for iid in sorted(set().union(*items), key=natural_key):
            ib, im, it = (d.get(iid) for d in items)
            outcome, value = three_way(ib, im, it)
            if outcome == "mine":
                if value is None:
                    out.pop(iid, None)
                else:
                    out[iid] = value
            elif outcome == "conflict":
                conflicts.append(Conflict("", f"review.{name}.{iid}", ib, im, it))
        data[name] = [i.model_dump() for i in out.values()]
    for name in _SET_LISTS:
        merged = merge_list(*(getattr(x, name) for x in (b, m, t)), key=_ref_key)
        data[name] = [i.model_dump() for i in merged]
    try:
        return Review.model_validate(data), conflicts
    except ValueError:  # e.g. a session for a cluster the other side removed
        return t, [Conflict("", "review", b, m, t)]


def merge(base: Assessment, mine: Assessment, theirs: Assessment) -> MergeResult:
    """Field-level three-way merge; see the module docstring for the rules."""
    merged = theirs.model_copy(deep=True)
    result = MergeResult(merged, mine=mine.model_copy(deep=True), theirs=theirs)
    records = dict(merged.indicators)
    ids = set(base.indicators) | set(mine.indicators) | set(theirs.indicators)
    for uid in sorted(ids, key=natural_key):
        b, m, t = (a.indicators.get(uid) for a in (base, mine, theirs))
        rec, conflicts, sides = merge_record(b, m, t, uid)
        if "mine" in sides:
            result.kept_mine.append(uid)
        if "theirs" in sides:
            result.took_theirs.append(uid)
        result.conflicts += conflicts
        if blank(rec) and not conflicts:
            records.pop(uid, None)
        elif rec is not None:
            records[uid] = rec.model_copy(deep=True)
    merged.indicators = records
    for name in top_fields():
        b, m, t = (getattr(a, name) for a in (base, mine, theirs))
        outcome, value = three_way(b, m, t)
        if outcome == "mine":
            setattr(merged, name, value)
            result.kept_mine.append(name)
        elif outcome == "conflict":
            result.conflicts.append(Conflict("", name, b, m, t))
    merged.organisations = merge_list(base.organisations, mine.organisations,
                                      theirs.organisations)
    merged.review, review_conflicts = _merge_review(base.review, mine.review, theirs.review)
    result.conflicts += review_conflicts
    if merged.review != theirs.review:
        result.kept_mine.append("review")
    stamps = [s for s in (mine.updated, theirs.updated) if s is not None]
    merged.updated = max(stamps) if stamps else None
    return result


def top_fields() -> list[str]:
    """The top-level fields merged as one value each (see _NOT_TOP)."""
    return [f for f in Assessment.model_fields if f not in _NOT_TOP]
