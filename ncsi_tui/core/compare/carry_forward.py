"""Carry forward: next year's assessment starts from last year's.

Evidence, references, notes, statuses and stages are kept, and every carried record is
marked ``reconfirm = true`` so nothing counts as confirmed until someone looks at it again
(the readiness rule ``reconfirm`` and the app show those marks). References are checked
against the *new* reference date with the readiness rules about dates (documents expired,
evidence outside its window), so the team knows which ones to renew first.

Across catalogues (NCSI 2.0 -> 3.0) records go only through paired units
(:mod:`ncsi_tui.core.compare.pairing`): a crosswalk's rows, or else the units whose id and
name agree. A record carried into a unit with another id or a changed criterion gets a
line in its internal notes saying where it came from and that the criterion changed;
records with no paired unit are left behind and listed.

Used by ``ncsi new PATH --from OLD``; a pure function, so the app can offer it too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ncsi_tui.core.compare.diff import check_comparable
from ncsi_tui.core.compare.pairing import Pair, Pairing, Unpaired, old_record, pair_units
from ncsi_tui.core.errors import InputError
from ncsi_tui.core.judge.readiness import Finding, run_checks
from ncsi_tui.core.model.assessment import Assessment, Record
from ncsi_tui.core.model.catalogue import Catalogue
from ncsi_tui.core.model.crosswalk import Crosswalk

#: The readiness rules that judge references by date: the ones a new date can break.
DATE_RULES = (
    "document.expired",
    "window.too-old",
    "window.undated",
    "evidence.stale",
)


@dataclass(frozen=True)
class CarryResult:
    """The new assessment and what the team must look at before trusting it."""

    assessment: Assessment
    carried: tuple[str, ...]
    dropped: tuple[str, ...]
    date_findings: tuple[Finding, ...]
    notes: tuple[str, ...] = ()
    pairing: Pairing | None = None
    left_behind: tuple[Unpaired, ...] = ()
    moved: tuple[Pair, ...] = ()

    @property
    def criterion_changed(self) -> tuple[Pair, ...]:
        """Carried pairs whose criterion differs: the records to judge anew first."""
        return tuple(p for p in self.moved if p.reconfirm)

    def to_dict(self) -> dict[str, Any]:
        return {
            "carried": list(self.carried),
            "dropped": list(self.dropped),
            "left_behind": [u.to_dict() for u in self.left_behind],
            "moved": [p.to_dict() for p in self.moved],
            "date_findings": [f.as_dict() for f in self.date_findings],
            "notes": list(self.notes),
            "pairing": self.pairing.to_dict() if self.pairing else None,
        }


def carry_forward(
    old: Assessment,
    old_cat: Catalogue,
    new_cat: Catalogue,
    *,
    reference_date: dt.date,
    title: str | None = None,
    organisations: list[str] | None = None,
    source: str = "",
    crosswalk: Crosswalk | None = None,
) -> CarryResult:
    """A new assessment holding `old`'s records, each marked for re-confirmation.

    The new catalogue may be another methodology of the same framework: records then go
    through the pairing of units (`crosswalk` when given, else id *and* name must agree);
    the records of unpaired units are left behind (`dropped`, with reasons in
    `left_behind`). Raises InputError for catalogues of different frameworks.
    """
    check_comparable(old_cat, new_cat)
    pairing = pair_units(old_cat, new_cat, crosswalk)
    notes = []
    if reference_date <= old.reference_date:
        notes.append(
            f"the new reference date {reference_date} is not after the old one {old.reference_date}"
        )
    records: dict[str, Record] = {}
    moved = []
    for pair in pairing.pairs:
        rec = old_record(pair, old.indicators, old_cat.stage_ids)
        if rec is None:
            continue
        carried = rec.model_copy(deep=True, update={"reconfirm": True})
        if pairing.different and (pair.renumbered or pair.reconfirm):
            moved.append(pair)
            carried = carried.model_copy(update={"notes": _origin(pair, old_cat, new_cat)
                                                 + (f"\n\n{carried.notes}" if carried.notes else "")})
        if new_cat.scoring == "maturity":
            for f in ("stage", "target_stage"):
                if getattr(carried, f) not in (None, *new_cat.stage_ids):
                    notes.append(
                        f"{pair.new}: {f} '{getattr(carried, f)}' is not a stage of "
                        f"{new_cat.id}; left out"
                    )
                    carried = carried.model_copy(update={f: None})
        records[pair.new] = carried
    paired_old = {o for p in pairing.pairs for o in p.old}
    dropped = tuple(uid for uid in old.indicators if uid not in paired_old)
    behind = {u.id: u for u in pairing.unpaired if u.side == "old"}
    left_behind = tuple(
        behind.get(uid) or Unpaired("old", uid, "", f"not in {new_cat.id}") for uid in dropped
    )
    try:
        new = Assessment(
            framework=new_cat.id,
            country=old.country.model_copy(),
            title=old.title if title is None else title,
            reference_date=reference_date,
            organisations=list(old.organisations if organisations is None else organisations),
            source=source,
            indicators=records,
        )
    except ValueError as exc:  # pragma: no cover - the old file was valid already
        raise InputError(f"cannot carry forward: {exc}") from None
    findings = tuple(f for f in run_checks(new_cat, new) if f.rule in DATE_RULES)
    return CarryResult(new, tuple(records), dropped, findings, tuple(notes),
                       pairing if pairing.different else None, left_behind, tuple(moved))


def _origin(pair: Pair, old_cat: Catalogue, new_cat: Catalogue) -> str:
    """The note put on a record carried into another unit: where from, and what to do."""
    names = "; ".join(f"{o} {old_cat.unit_index[o].name}" for o in pair.old)
    text = f"Carried from {old_cat.id} {names} ({pair.relation})."
    if pair.reconfirm:
        text += f" The criterion of {new_cat.id} {pair.new} differs: confirm the evidence against it."
    if pair.note:
        text += f" Crosswalk: {pair.note}"
    return text
