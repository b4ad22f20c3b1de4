"""Carry forward: next year's assessment starts from last year's.

Evidence, references, notes, statuses and stages are kept, and every carried record is
marked ``reconfirm = true`` so nothing counts as confirmed until someone looks at it again
(the readiness rule ``reconfirm`` and the app show those marks). References are checked
against the *new* reference date with the readiness rules about dates (documents expired,
evidence outside its window), so the team knows which ones to renew first.

Used by ``ncsi new PATH --from OLD``; a pure function, so the app can offer it too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ncsi_tui.core.compare.diff import check_comparable
from ncsi_tui.core.errors import InputError
from ncsi_tui.core.judge.readiness import Finding, run_checks
from ncsi_tui.core.model.assessment import Assessment, Record
from ncsi_tui.core.model.catalogue import Catalogue

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

    def to_dict(self) -> dict[str, Any]:
        return {
            "carried": list(self.carried),
            "dropped": list(self.dropped),
            "date_findings": [f.as_dict() for f in self.date_findings],
            "notes": list(self.notes),
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
) -> CarryResult:
    """A new assessment holding `old`'s records, each marked for re-confirmation.

    The new catalogue may be another methodology of the same framework: records are then
    matched by unit id and those without a unit in the new catalogue are dropped (listed).
    """
    check_comparable(old_cat, new_cat)
    notes = []
    if reference_date <= old.reference_date:
        notes.append(
            f"the new reference date {reference_date} is not after the old one {old.reference_date}"
        )
    records: dict[str, Record] = {}
    dropped = []
    for uid, rec in old.indicators.items():
        if uid not in new_cat.unit_index:
            dropped.append(uid)
            continue
        carried = rec.model_copy(deep=True, update={"reconfirm": True})
        if new_cat.scoring == "maturity":
            for f in ("stage", "target_stage"):
                if getattr(carried, f) not in (None, *new_cat.stage_ids):
                    notes.append(
                        f"{uid}: {f} '{getattr(carried, f)}' is not a stage of "
                        f"{new_cat.id}; left out"
                    )
                    carried = carried.model_copy(update={f: None})
        records[uid] = carried
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
    return CarryResult(new, tuple(records), tuple(dropped), findings, tuple(notes))
