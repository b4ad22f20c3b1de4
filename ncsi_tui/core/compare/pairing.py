"""Which unit of one catalogue corresponds to which unit of another (issue 23).

Carry forward, diff, trend and follow-up all pair units through :func:`pair_units`:

* the same catalogue: every unit with itself;
* two catalogues with a crosswalk (:mod:`ncsi_tui.core.model.crosswalk`): its rows; where
  the crosswalk is partial, the units it does not mention pair only where id *and* name
  agree;
* two catalogues without one: only units whose id and name agree.

Everything else is *unpaired* and listed with the reason, never matched by id alone (CMM
2016 D1.4 "Crisis Management" is not 2021 D1.4 "Cybersecurity in Defence and National
Security"). A pair whose criterion differs is marked ``reconfirm``. Roll-ups (section,
factor, dimension) across catalogues go only through paired units:
:func:`rollup_catalogues` builds, for each side, the new catalogue's tree holding only
that side's paired units, for :mod:`ncsi_tui.core.judge.scoring` to score as usual.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ncsi_tui.core.model.assessment import NOT_ASSESSED, Record
from ncsi_tui.core.model.catalogue import Catalogue, Catalogues, Group, Unit
from ncsi_tui.core.model.crosswalk import Crosswalk, crosswalk_for, file_name

_SPACE = re.compile(r"\s+")


def same_name(a: str, b: str) -> bool:
    """Names agree when they differ only in case, spacing or typographic quotes."""

    def norm(s: str) -> str:
        return _SPACE.sub(" ", s.replace("’", "'").replace("‘", "'")).strip().casefold()

    return norm(a) == norm(b)


@dataclass(frozen=True)
class Pair:
    """A new unit and the old unit(s) it continues (several when merged)."""

    new: str
    old: tuple[str, ...]
    relation: str
    reconfirm: bool
    note: str = ""

    @property
    def renumbered(self) -> bool:
        return self.old != (self.new,)

    def to_dict(self) -> dict[str, Any]:
        return {"old": list(self.old), "new": self.new, "relation": self.relation,
                "reconfirm": self.reconfirm, "note": self.note}


@dataclass(frozen=True)
class Unpaired:
    """A unit of one side that has no counterpart on the other, and why."""

    side: str  # "old" or "new"
    id: str
    name: str
    reason: str

    def line(self) -> str:
        return f"{self.id} {self.name} ({self.reason})"

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "reason": self.reason}


@dataclass(frozen=True)
class Pairing:
    """How the units of two catalogues were paired; `note` is the line every report
    puts first when the catalogues differ."""

    old_catalogue: str
    new_catalogue: str
    pairs: tuple[Pair, ...]
    unpaired: tuple[Unpaired, ...] = ()
    crosswalk: str = ""  # file name of the crosswalk used; "" when none
    partial: bool = False

    @property
    def different(self) -> bool:
        return self.old_catalogue != self.new_catalogue

    @property
    def by(self) -> str:
        if not self.different:
            return "same catalogue"
        return "crosswalk" if self.crosswalk else "id and name"

    @property
    def only_old(self) -> tuple[str, ...]:
        return tuple(u.id for u in self.unpaired if u.side == "old")

    @property
    def only_new(self) -> tuple[str, ...]:
        return tuple(u.id for u in self.unpaired if u.side == "new")

    @property
    def to_reconfirm(self) -> tuple[Pair, ...]:
        return tuple(p for p in self.pairs if p.reconfirm)

    @property
    def note(self) -> str:
        """`different catalogues (ncsi-2.0 -> ncsi-3.0): ...` (empty for one catalogue)."""
        if not self.different:
            return ""
        if self.crosswalk:
            how = f"units paired through the crosswalk {self.crosswalk}"
            if self.partial:
                how += " (partial: other units only where id and name agree)"
        else:
            how = "no crosswalk: units paired only where id and name agree"
        return (
            f"different catalogues ({self.old_catalogue} -> {self.new_catalogue}): {how}; "
            f"{len(self.pairs)} paired ({len(self.to_reconfirm)} with a changed criterion), "
            f"{len(self.only_old)} of {self.old_catalogue} and {len(self.only_new)} of "
            f"{self.new_catalogue} not paired"
        )

    def pair_of_new(self, new_id: str) -> Pair | None:
        return next((p for p in self.pairs if p.new == new_id), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "by": self.by,
            "old_catalogue": self.old_catalogue,
            "new_catalogue": self.new_catalogue,
            "crosswalk": self.crosswalk or None,
            "partial": self.partial,
            "note": self.note,
            "pairs": [p.to_dict() for p in self.pairs if p.renumbered or p.reconfirm],
            "only_old": [u.to_dict() for u in self.unpaired if u.side == "old"],
            "only_new": [u.to_dict() for u in self.unpaired if u.side == "new"],
        }


def pairing_for(cats: Catalogues, old_cat: Catalogue, new_cat: Catalogue) -> Pairing:
    """:func:`pair_units` with the installed crosswalk for the two catalogues, if any."""
    return pair_units(old_cat, new_cat, crosswalk_for(cats, old_cat.id, new_cat.id))


def pair_units(old_cat: Catalogue, new_cat: Catalogue, crosswalk: Crosswalk | None = None
               ) -> Pairing:
    """Pair the units of `old_cat` with those of `new_cat` (see the module's docstring)."""
    if old_cat.id == new_cat.id:
        return Pairing(old_cat.id, new_cat.id,
                       tuple(Pair(u, (u,), "same", False) for u in new_cat.unit_index))
    olds, news = old_cat.unit_index, new_cat.unit_index
    by_new: dict[str, list[tuple[str, Any]]] = {}
    reasons: dict[tuple[str, str], str] = {}
    cw_name = ""
    if crosswalk is not None:
        cw_name = file_name(crosswalk.old, crosswalk.new)
        for row in crosswalk.rows:
            if row.relation == "new":
                reasons[("new", row.new)] = f"new in {new_cat.id}: {row.note or 'crosswalk'}"
            elif row.relation == "removed":
                reasons[("old", row.old)] = f"removed in {new_cat.id}: {row.note or 'crosswalk'}"
            elif row.old not in olds:
                reasons[("new", row.new)] = f"the crosswalk's {row.old} is not in {old_cat.id}"
            elif row.new not in news:
                reasons[("old", row.old)] = (
                    f"the crosswalk pairs it with {row.new}, which {new_cat.id} lacks")
            else:
                by_new.setdefault(row.new, []).append((row.old, row))
    if crosswalk is not None:
        mentioned_old = {r.old for r in crosswalk.rows if r.old}
        mentioned_new = {r.new for r in crosswalk.rows if r.new}
    else:
        mentioned_old = mentioned_new = set()
    pairs: list[Pair] = []
    for nid, unit in news.items():
        rows = by_new.get(nid)
        if rows:
            old_ids = tuple(o for o, _ in rows)
            relation = "merged" if len(rows) > 1 else rows[0][1].relation
            pairs.append(Pair(nid, old_ids, relation, any(r.reconfirm for _, r in rows),
                              "; ".join(r.note for _, r in rows if r.note)))
            continue
        if ("new", nid) in reasons or nid in mentioned_new:
            continue
        old = olds.get(nid)
        if old is None or nid in mentioned_old:
            continue
        if not same_name(old.name, unit.name):
            reasons[("new", nid)] = f"same id, other name: '{old.name}' in {old_cat.id}"
            reasons[("old", nid)] = f"same id, other name: '{unit.name}' in {new_cat.id}"
            continue
        changed = _criterion_changed(old, unit)
        pairs.append(Pair(nid, (nid,), "same" if not changed else "renamed", changed,
                          "id and name agree" + ("; the criterion text differs" if changed else "")))
    paired_old = {o for p in pairs for o in p.old}
    paired_new = {p.new for p in pairs}
    unpaired = [
        Unpaired("old", uid, u.name, reasons.get(("old", uid), _why(uid, news, crosswalk)))
        for uid, u in olds.items() if uid not in paired_old
    ]
    unpaired += [
        Unpaired("new", uid, u.name, reasons.get(("new", uid), _why(uid, olds, crosswalk)))
        for uid, u in news.items() if uid not in paired_new
    ]
    return Pairing(old_cat.id, new_cat.id, tuple(pairs), tuple(unpaired), cw_name,
                   crosswalk.partial if crosswalk else False)


def _why(uid: str, other: dict[str, Unit], crosswalk: Crosswalk | None) -> str:
    if uid in other:
        return "same id, but the crosswalk pairs it otherwise"
    return "not in the crosswalk" if crosswalk is not None else "no unit with its id and name"


def _criterion_changed(old: Unit, new: Unit) -> bool:
    return (old.criterion, dict(old.stages)) != (new.criterion, dict(new.stages))


# --- records through a pair ----------------------------------------------------------------


def combined_record(records: list[Record], stage_order: tuple[str, ...] = ()) -> Record:
    """One record standing for several old ones (a merged unit): met only if all were met,
    the lowest stage, evidence and notes joined, references without repeats."""
    if len(records) == 1:
        return records[0]
    statuses = {r.status for r in records}
    status = ("met" if statuses == {"met"} else "not-met" if "not-met" in statuses
              else NOT_ASSESSED)
    stages = [r.stage for r in records]
    rank = {s: i for i, s in enumerate(stage_order)}
    stage = None if None in stages else min(stages, key=lambda s: rank.get(s or "", -1))
    refs = []
    for r in records:
        refs += [x for x in r.references if x not in refs]
    return Record(
        status=status,
        stage=stage,
        reconfirm=any(r.reconfirm for r in records),
        evidence="\n\n".join(r.evidence for r in records if r.evidence),
        references=refs,
        notes="\n\n".join(r.notes for r in records if r.notes),
    )


def old_record(pair: Pair, records: dict[str, Record], stage_order: tuple[str, ...] = ()
               ) -> Record | None:
    """The old side's record for a pair (combined when merged); None when none was kept."""
    found = [records[o] for o in pair.old if o in records]
    return combined_record(found, stage_order) if found else None


# --- roll-ups through paired units only -------------------------------------------------


def rollup_catalogues(pairing: Pairing, old_cat: Catalogue, new_cat: Catalogue
                      ) -> tuple[Catalogue, Catalogue] | None:
    """(old side, new side): the new catalogue's groups holding only paired units, the old
    side holding the *old* units (with their own points) paired into each group. None when
    nothing is paired. Scored by core.judge.scoring like any catalogue."""
    if not pairing.pairs:
        return None
    old_units: dict[str, list[Unit]] = {}
    new_units: dict[str, list[Unit]] = {}
    placed: set[str] = set()
    for p in pairing.pairs:
        gid = new_cat.unit_parent[p.new].id
        new_units.setdefault(gid, []).append(new_cat.unit_index[p.new])
        for o in p.old:
            if o not in placed:
                placed.add(o)
                old_units.setdefault(gid, []).append(old_cat.unit_index[o])
    return _restricted(new_cat, old_cat, old_units), _restricted(new_cat, new_cat, new_units)


def _restricted(tree: Catalogue, scale: Catalogue, units: dict[str, list[Unit]]) -> Catalogue:
    def prune(g: Group) -> Group | None:
        if g.units:
            kept = units.get(g.id)
            return g.model_copy(update={"units": tuple(kept)}) if kept else None
        kids = tuple(k for c in g.groups if (k := prune(c)) is not None)
        return g.model_copy(update={"groups": kids}) if kids else None

    groups = tuple(k for g in tree.groups if (k := prune(g)) is not None)
    return Catalogue(
        id=scale.id, framework=tree.framework, methodology=scale.methodology,
        title=scale.title, scoring=tree.scoring, levels=tree.levels, stages=scale.stages,
        groups=groups,
    )
