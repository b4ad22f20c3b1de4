"""Changes of one unit's record: status or stage, free text word by word, references.

Part of the comparison in :mod:`ncsi_tui.core.compare.diff`; the app's compare screen uses
:func:`word_diff` to highlight evidence side by side.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from ncsi_tui.core.compare.pairing import combined_record
from ncsi_tui.core.compare.reference_changes import (
    ReferenceChange,
    ReferenceChanges,
    compare_references,
)
from ncsi_tui.core.model.assessment import NOT_ASSESSED, Assessment, Record, empty_record
from ncsi_tui.core.model.catalogue import Catalogue

__all__ = ["ReferenceChange", "ReferenceChanges", "UnitChange", "compare_references",
           "unit_change", "word_diff"]

Direction = Literal["gained", "lost", "up", "down", "changed", "unchanged"]
Presence = Literal["both", "old", "new"]

# --- text changes -----------------------------------------------------------------------

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


@dataclass(frozen=True)
class TextChange:
    """A free-text field (evidence, notes) before and after, with the lines that differ."""

    field: str
    before: str
    after: str

    @property
    def added_lines(self) -> tuple[str, ...]:
        return tuple(_line_ops(self.before, self.after, "+"))

    @property
    def removed_lines(self) -> tuple[str, ...]:
        return tuple(_line_ops(self.before, self.after, "-"))

    def words(self) -> tuple[tuple[str, str], ...]:
        """The change word by word: (op, text) with op 'equal', 'insert' or 'delete'."""
        return word_diff(self.before, self.after)

    def to_dict(self) -> dict[str, Any]:
        return {
            "before": self.before,
            "after": self.after,
            "added": list(self.added_lines),
            "removed": list(self.removed_lines),
        }


def _line_ops(before: str, after: str, sign: str) -> list[str]:
    """Lines only in `before` ('-') or only in `after` ('+'), in order."""
    a, b = before.splitlines(), after.splitlines()
    out: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag in ("delete", "replace") and sign == "-":
            out += a[i1:i2]
        if tag in ("insert", "replace") and sign == "+":
            out += b[j1:j2]
    return out


#: Sentences (and line breaks) are compared first, words only inside changed sentences:
#: a few edits in pages of evidence stay fast.
_SENTENCE = re.compile(r"[^.!?\n]*(?:[.!?]+\s*|\n\s*|$)")


def _opcodes(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()


def word_diff(before: str, after: str) -> tuple[tuple[str, str], ...]:
    """Word-level diff as (op, text) runs, op 'equal', 'delete' or 'insert'.

    Changes separated only by blanks merge into one (`[-old words-]{+new text+}` rather
    than word-by-word alternation), which is how people read a rewritten phrase.
    """
    sa = [x for x in _SENTENCE.findall(before) if x]
    sb = [x for x in _SENTENCE.findall(after) if x]
    raw: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in _opcodes(sa, sb):
        old, new = "".join(sa[i1:i2]), "".join(sb[j1:j2])
        if tag == "equal":
            raw.append(("equal", old))
            continue
        a, b = _TOKEN.findall(old), _TOKEN.findall(new)
        for t, k1, k2, m1, m2 in _opcodes(a, b):
            if t == "equal":
                raw.append(("equal", "".join(a[k1:k2])))
            if t in ("delete", "replace"):
                raw.append(("delete", "".join(a[k1:k2])))
            if t in ("insert", "replace"):
                raw.append(("insert", "".join(b[m1:m2])))
    return _merge(raw)


def _merge(raw: list[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    blocks: list[list[str]] = []  # ["equal", text] or ["change", deleted, inserted]
    for op, text in raw:
        if not text:
            continue
        if op == "equal":
            if blocks and blocks[-1][0] == "equal":
                blocks[-1][1] += text
            else:
                blocks.append(["equal", text])
            continue
        old, new = (text, "") if op == "delete" else ("", text)
        if blocks and blocks[-1][0] == "change":
            blocks[-1][1] += old
            blocks[-1][2] += new
        elif (
            len(blocks) >= 2
            and not blocks[-1][1].strip()
            and blocks[-2][0] == "change"
            and (blocks[-2][1] or old)
            and (blocks[-2][2] or new)
        ):
            gap = blocks.pop()[1]
            blocks[-1][1] += gap + old
            blocks[-1][2] += gap + new
        else:
            blocks.append(["change", old, new])
    runs: list[tuple[str, str]] = []
    for block in blocks:
        if block[0] == "equal":
            runs.append(("equal", block[1]))
            continue
        if block[1]:
            runs.append(("delete", block[1]))
        if block[2]:
            runs.append(("insert", block[2]))
    return tuple(runs)


def marked_runs(
    runs: Iterable[tuple[str, str]], marks: dict[str, tuple[str, str]]
) -> list[tuple[str, str]]:
    """For display: (op, text) pieces with marks around the changed words only, as in
    `drafts {+and coordinates+} national`; blanks at the edge of a change go outside the
    marks, once. Used by the CLI report and the app's compare screen."""
    out: list[tuple[str, str]] = []
    last = ""
    for op, text in runs:
        if op == "equal":
            piece = text
            out.append(("equal", piece))
        else:
            core = text.strip()
            if not core:
                continue
            lead = " " if text[0].isspace() and not last.isspace() and last else ""
            trail = " " if text[-1].isspace() else ""
            if lead:
                out.append(("equal", lead))
            open_, close = marks[op]
            out.append((op, open_ + core + close))
            piece = lead + open_ + core + close + trail
            if trail:
                out.append(("equal", trail))
        last = piece[-1:] or last
    return out


# --- unit changes -----------------------------------------------------------------------


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: Any
    after: Any

    def to_dict(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "before": _jsonable(self.before),
            "after": _jsonable(self.after),
        }


def _jsonable(v: Any) -> Any:
    if v is None or isinstance(v, bool | int | float | str):
        return v
    if isinstance(v, list | tuple):
        return [_jsonable(x) for x in v]
    return str(v)


@dataclass(frozen=True)
class UnitChange:
    """Everything that changed for one indicator (points) or unit (maturity)."""

    id: str
    name: str
    group: str
    before: str
    after: str
    direction: Direction
    points_before: int | None = None
    points_after: int | None = None
    evidence: TextChange | None = None
    notes: TextChange | None = None
    references: ReferenceChanges = field(default_factory=ReferenceChanges)
    other: tuple[FieldChange, ...] = ()
    recorded: Presence = "both"
    in_catalogue: Presence = "both"
    old_id: str = ""  # across catalogues: the old unit(s) paired with this one, when other
    criterion_changed: bool = False  # across catalogues: paired, but the criterion differs

    @property
    def label(self) -> str:
        """`1.5 (was 1.4)`: the id, and the old one when the pairing renumbered it."""
        return f"{self.id} (was {self.old_id})" if self.old_id else self.id

    @property
    def state_changed(self) -> bool:
        return self.before != self.after

    @property
    def content_changed(self) -> bool:
        return bool(self.evidence or self.notes or self.references or self.other)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "group": self.group,
            "before": self.before,
            "after": self.after,
            "direction": self.direction,
            "points_before": self.points_before,
            "points_after": self.points_after,
            "evidence": self.evidence.to_dict() if self.evidence else None,
            "notes": self.notes.to_dict() if self.notes else None,
            "references": self.references.to_dict(),
            "other": [c.to_dict() for c in self.other],
            "recorded": self.recorded,
            "in_catalogue": self.in_catalogue,
            "old_id": self.old_id or None,
            "criterion_changed": self.criterion_changed,
        }


# --- comparing one unit ------------------------------------------------------------------


def _state(cat: Catalogue, rec: Record) -> str:
    if cat.scoring == "maturity":
        return rec.stage or NOT_ASSESSED
    return rec.status


def _direction(cat: Catalogue, before: str, after: str) -> Direction:
    if before == after:
        return "unchanged"
    if cat.scoring == "points":
        if after == "met":
            return "gained"
        if before == "met":
            return "lost"
        return "changed"
    order = {s: i for i, s in enumerate(cat.stage_ids)}
    return "up" if order.get(after, -1) > order.get(before, -1) else "down"


def _presence(in_old: bool, in_new: bool) -> Presence:
    return "both" if in_old and in_new else ("old" if in_old else "new")


def unit_change(
    uid: str,
    old_cat: Catalogue,
    old: Assessment,
    new_cat: Catalogue,
    new: Assessment,
    with_notes: bool = True,
    *,
    old_ids: tuple[str, ...] | None = None,
    new_id: str | None = "",
    criterion_changed: bool = False,
) -> UnitChange | None:
    """What changed for one unit between two assessments; None when nothing did.

    By default the unit has id `uid` on both sides. Across catalogues the caller passes the
    pairing: `old_ids` (the old units, several when merged; () for a new unit) and `new_id`
    (None for an old unit with no counterpart)."""
    if old_ids is None:
        old_ids = (uid,) if uid in old_cat.unit_index else ()
    nid = uid if new_id == "" else new_id
    found = [old.indicators[o] for o in old_ids if o in old.indicators]
    r_old = combined_record(found, old_cat.stage_ids) if found else None
    r_new = new.indicators.get(nid) if nid else None
    b, a = _content(r_old or empty_record(), with_notes), _content(r_new or empty_record(), with_notes)
    if b == a:
        return None
    unit_old = old_cat.unit_index.get(old_ids[0]) if old_ids else None
    unit_new = new_cat.unit_index.get(nid) if nid else None
    unit = unit_new or unit_old
    assert unit is not None
    cat = new_cat if unit_new else old_cat
    before, after = _state(cat, b), _state(cat, a)
    other = tuple(
        FieldChange(f, getattr(b, f), getattr(a, f))
        for f in ("target_stage", "reconfirm")
        if getattr(b, f) != getattr(a, f)
    )
    return UnitChange(
        id=unit.id,
        name=unit.name,
        group=cat.unit_parent[unit.id].id,
        before=before,
        after=after,
        direction=_direction(cat, before, after),
        points_before=sum(old_cat.unit_index[o].points or 0 for o in old_ids) if unit_old
        and old_cat.scoring == "points" else None,
        points_after=unit_new.points if unit_new else None,
        evidence=_text("evidence", b, a),
        notes=_text("notes", b, a),
        references=compare_references(b.references, a.references),
        other=other,
        recorded=_presence(r_old is not None, r_new is not None),
        in_catalogue=_presence(unit_old is not None, unit_new is not None),
        old_id=", ".join(old_ids) if unit_new and unit_old and old_ids != (nid,) else "",
        criterion_changed=criterion_changed,
    )


def _text(name: str, b: Record, a: Record) -> TextChange | None:
    before, after = getattr(b, name), getattr(a, name)
    return TextChange(name, before, after) if before != after else None


def _content(rec: Record, with_notes: bool = True) -> Record:
    """A record without who/when: a save that changed nothing else is no difference."""
    update: dict[str, Any] = {"updated_by": "", "updated_at": None}
    if not with_notes:
        update["notes"] = ""
    return rec.model_copy(update=update)
