"""The frame every readiness rule plugs into: findings, what a rule sees, the registry,
and the small date and label helpers the rules share. Rules live in ``readiness`` (both
scoring kinds) and ``maturity_rules`` (maturity stages only)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from typing import Any, Literal

from ncsi_tui.core.model.assessment import Assessment, Record, Reference
from ncsi_tui.core.model.catalogue import REFERENCE_KINDS, Catalogue, Group, Unit

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")


@dataclass(frozen=True)
class Finding:
    """One thing to fix or look at, tied to a unit and the group (section, factor) above it."""

    rule: str
    severity: Severity
    unit_id: str
    group_id: str
    message: str
    points: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class UnitContext:
    """What a rule sees: the catalogue, the assessment and one unit with its record."""

    catalogue: Catalogue
    assessment: Assessment
    unit: Unit
    group: Group
    record: Record

    @property
    def claimed(self) -> bool:
        """Met (points) or a stage recorded (maturity): a claim a reviewer will test."""
        if self.catalogue.scoring == "maturity":
            return self.record.stage is not None
        return self.record.status == "met"

    @property
    def reference_date(self) -> dt.date:
        return self.assessment.reference_date


RuleFunc = Callable[[UnitContext], Iterator[str]]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    kinds: tuple[str, ...]
    summary: str
    func: RuleFunc


#: Every rule, in the order findings for one unit are listed.
RULES: dict[str, Rule] = {}


def rule(
    rule_id: str, severity: Severity, summary: str, kinds: tuple[str, ...] = ("points", "maturity")
) -> Callable[[RuleFunc], RuleFunc]:
    """Register a rule function under an id (used as a decorator)."""

    def register(func: RuleFunc) -> RuleFunc:
        RULES[rule_id] = Rule(rule_id, severity, kinds, summary, func)
        return func

    return register


# --- helpers ------------------------------------------------------------------------------


def years_before(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` earlier (28 February for 29 February); the first day
    there is (1 January of year 1) when that is earlier still."""
    if day.year - years < dt.MINYEAR:
        return dt.date.min
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def evidence_date(ref: Reference) -> dt.date | None:
    """When the evidence dates from: its publication, else the start of its validity."""
    return ref.published or ref.valid_from


def ref_label(i: int, ref: Reference) -> str:
    title = ref.title.strip() or ref.url or "untitled"
    if len(title) > 60:
        title = title[:57] + "..."
    return f"reference [{i}] '{title}'"


def phrase(text: str) -> str:
    """A catalogue sentence ('Within the last 3 years.') as a phrase inside a message."""
    text = text.strip().rstrip(".")
    return text[:1].lower() + text[1:]


def accepted_text(unit: Unit) -> str:
    """What the unit accepts, in the framework's words and as kind ids."""
    kinds = ", ".join(unit.accepts)
    if unit.accepted_text:
        return f"{unit.accepted_text.lower()} (kind {kinds})" if kinds else unit.accepted_text
    return " or ".join(REFERENCE_KINDS.get(k, k).lower() for k in unit.accepts) + f" (kind {kinds})"
