"""The assessment: what an official records against a catalogue. Pure data, no I/O.

The TOML layout is documented in docs/assessment-format.md; storage.py reads and writes
it. Checking an assessment *against its catalogue* (ids, status vs stage) is done by
:func:`validate_against` so the models stay usable without a catalogue at hand.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

from ncsi_tui.core.errors import InputError
from ncsi_tui.core.model.catalogue import Catalogue, suggest
from ncsi_tui.core.model.countries import USER_ASSIGNED, countries, find_countries, unknown_country
from ncsi_tui.core.model.data import Check, FileData
from ncsi_tui.core.model.reference import Reference
from ncsi_tui.core.model.review import Review
from ncsi_tui.core.model.unresolved import Unresolved

__all__ = ["Assessment", "Country", "Record", "Reference", "Review", "Unresolved", "countries",
           "find_countries"]

SCHEMA_VERSION = 1
Status = Literal["not-assessed", "met", "not-met"]
STATUSES: tuple[str, ...] = ("not-assessed", "met", "not-met")
NOT_ASSESSED = "not-assessed"


@dataclass(init=False)
class Country(FileData):
    #: ISO 3166-1 alpha-2 code (XK for Kosovo).
    code: str
    name: str = ""

    @classmethod
    def _before(cls, data: Any) -> Any:
        if not isinstance(data, dict) or not isinstance(data.get("code"), str):
            return data
        code = data["code"].strip().upper()
        name = data.get("name") or ""
        known = countries()
        if code in known:
            name = name or known[code]
        elif USER_ASSIGNED.match(code):
            if not name:
                raise ValueError(f"{code} is a user-assigned code: give the country's name too")
        else:
            raise ValueError(unknown_country(code))
        return {**data, "code": code, "name": name}


@dataclass(init=False)
class Record(FileData):
    """What the team recorded for one unit (NCSI indicator or CMM aspect)."""

    status: Status = NOT_ASSESSED
    #: Maturity frameworks: a stage id.
    stage: str | None = None
    target_stage: str | None = None
    #: Carried forward: confirm again.
    reconfirm: bool = False
    evidence: str = ""
    references: list[Reference] = field(default_factory=list)
    #: Internal notes: never exported.
    notes: str = ""
    updated_by: str = ""
    updated_at: dt.datetime | None = None

    def is_empty(self) -> bool:
        return self == empty_record()


def empty_record() -> Record:
    """``Record()`` without validation (a reader's hot path)."""
    return Record.model_construct()


def _schema(v: int) -> int:
    if v != SCHEMA_VERSION:
        raise ValueError(
            f"schema {v} is not supported by this version (it reads schema {SCHEMA_VERSION})"
        )
    return v


@dataclass(init=False)
class Assessment(FileData):
    """One country's self-assessment against one catalogue."""

    schema_version: int = SCHEMA_VERSION
    #: The catalogue id, e.g. ncsi-2.0.
    framework: str
    country: Country
    title: str = ""
    #: BCP 47 tag of the language the evidence is written in (sr, et, pt-BR); exports
    #: declare it. Empty: English.
    language: str = ""
    reference_date: dt.date
    organisations: list[str] = field(default_factory=list)
    created: dt.datetime | None = None
    updated: dt.datetime | None = None
    #: Provenance, e.g. the imported page.
    source: str = ""
    indicators: dict[str, Record] = field(default_factory=dict)
    #: Optional: see core/model/review.py.
    review: Review = field(default_factory=Review.model_construct)
    #: An unfinished merge: see core/model/unresolved.py.
    unresolved: list[Unresolved] = field(default_factory=list)

    __aliases__ = {"schema_version": "schema"}
    __checks__ = {"schema_version": Check(after=_schema),
                  "language": Check(pattern=r"^([A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*)?$")}

    def record(self, unit_id: str) -> Record:
        """The record for a unit; an empty one (not stored) when nothing was recorded."""
        return self.indicators.get(unit_id) or empty_record()


def validate_against(a: Assessment, cat: Catalogue) -> list[InputError]:
    """Problems that make the file unusable with its catalogue (unknown ids, wrong fields)."""
    problems: list[InputError] = []
    ids = list(cat.unit_index)
    for uid, rec in a.indicators.items():
        if uid not in cat.unit_index:
            problems.append(
                InputError(
                    f'indicators."{uid}": {cat.id} has no {cat.levels[-1]} {uid}',
                    hint=suggest(uid, ids) or f"ids run from {ids[0]} to {ids[-1]}",
                )
            )
            continue
        if cat.scoring == "points":
            if rec.stage is not None or rec.target_stage is not None:
                problems.append(
                    InputError(
                        f'indicators."{uid}".stage: {cat.id} scores points; use `status`',
                        hint="status = met | not-met | not-assessed",
                    )
                )
        else:
            if rec.status != NOT_ASSESSED:
                problems.append(
                    InputError(
                        f'indicators."{uid}".status: {cat.id} is a maturity model; use `stage`',
                        hint="stage = " + " | ".join(cat.stage_ids),
                    )
                )
            for field in ("stage", "target_stage"):
                value = getattr(rec, field)
                if value is not None and value not in cat.stage_ids:
                    problems.append(
                        InputError(
                            f'indicators."{uid}".{field}: unknown stage \'{value}\'',
                            hint="stages: " + ", ".join(cat.stage_ids),
                        )
                    )
    return problems
