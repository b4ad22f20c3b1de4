"""The base of every model stored in an assessment file (assessment.py and review.py)."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, field_validator


class FileModel(BaseModel):
    """Unknown keys are refused (never silently dropped); text keeps \\n line ends only."""

    model_config = ConfigDict(extra="forbid", defer_build=True, validate_assignment=True)

    @field_validator("*", mode="before")
    @classmethod
    def _unix_newlines(cls, v: object) -> object:
        """Text is stored with \\n only, so the same words give the same bytes."""
        if isinstance(v, str):
            return v.replace("\r\n", "\n").replace("\r", "\n")
        return v

    @field_validator("*", mode="after")
    @classmethod
    def _time_in_range(cls, v: object) -> object:
        """A time is stored in UTC: one that cannot be (year 1 with an offset) is refused."""
        if isinstance(v, dt.datetime):
            try:
                v.astimezone(dt.UTC)
            except (OverflowError, ValueError):
                raise ValueError(f"{v.isoformat()} is out of range (write a real time, in UTC)"
                                 ) from None
        return v
