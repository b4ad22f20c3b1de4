"""The assessment: what an official records against a catalogue. Pure data, no I/O.

The TOML layout is documented in docs/assessment-format.md; storage.py reads and writes
it. Checking an assessment *against its catalogue* (ids, status vs stage) is done by
:func:`validate_against` so the models stay usable without a catalogue at hand.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import ConfigDict, Field, field_validator, model_validator

from ncsi_tui.core.errors import InputError
from ncsi_tui.core.model.base import FileModel
from ncsi_tui.core.model.catalogue import Catalogue, suggest
from ncsi_tui.core.model.countries import USER_ASSIGNED, countries, find_countries, unknown_country
from ncsi_tui.core.model.reference import Reference
from ncsi_tui.core.model.review import Review
from ncsi_tui.core.model.unresolved import Unresolved

__all__ = ["Assessment", "Country", "Record", "Reference", "Review", "Unresolved", "countries",
           "find_countries"]

SCHEMA_VERSION = 1
Status = Literal["not-assessed", "met", "not-met"]
STATUSES: tuple[str, ...] = ("not-assessed", "met", "not-met")
NOT_ASSESSED = "not-assessed"


class Country(FileModel):
    code: str = Field(description="ISO 3166-1 alpha-2 code (XK for Kosovo).")
    name: str = ""

    @model_validator(mode="before")
    @classmethod
    def _known(cls, data: object) -> object:
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


class Record(FileModel):
    """What the team recorded for one unit (NCSI indicator or CMM aspect)."""

    status: Status = NOT_ASSESSED
    stage: str | None = Field(default=None, description="Maturity frameworks: a stage id.")
    target_stage: str | None = None
    reconfirm: bool = Field(default=False, description="Carried forward: confirm again.")
    evidence: str = ""
    references: list[Reference] = Field(default_factory=list)
    notes: str = Field(default="", description="Internal notes: never exported.")
    updated_by: str = ""
    updated_at: dt.datetime | None = None

    def is_empty(self) -> bool:
        return self == empty_record()


def empty_record() -> Record:
    """``Record()`` without building its validator (a reader's hot path: models defer it).
    The list is given, not made by its factory (pydantic inspects a factory each time)."""
    return Record.model_construct(_fields_set=set(), references=[])


# The review models use Reference (above); see core/model/review.py for the import order.


class Assessment(FileModel):
    """One country's self-assessment against one catalogue."""

    schema_version: int = Field(default=SCHEMA_VERSION, alias="schema")
    framework: str = Field(description="The catalogue id, e.g. ncsi-2.0.")
    country: Country
    title: str = ""
    language: str = Field(
        default="",
        pattern=r"^([A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*)?$",
        description="BCP 47 tag of the language the evidence is written in (sr, et, pt-BR); "
        "exports declare it. Empty: English.",
    )
    reference_date: dt.date
    organisations: list[str] = Field(default_factory=list)
    created: dt.datetime | None = None
    updated: dt.datetime | None = None
    source: str = Field(default="", description="Provenance, e.g. the imported page.")
    indicators: dict[str, Record] = Field(default_factory=dict)
    review: Review = Field(default_factory=Review, description="Optional: see core/model/review.py.")
    unresolved: list[Unresolved] = Field(
        default_factory=list, description="An unfinished merge: see core/model/unresolved.py."
    )

    model_config = ConfigDict(extra="forbid", validate_assignment=True, populate_by_name=True,
                              defer_build=True)

    @field_validator("schema_version")
    @classmethod
    def _schema(cls, v: int) -> int:
        if v != SCHEMA_VERSION:
            raise ValueError(
                f"schema {v} is not supported by this version (it reads schema {SCHEMA_VERSION})"
            )
        return v

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
