"""Crosswalks: which unit of one catalogue corresponds to which unit of another.

A crosswalk is a TOML file in a ``crosswalks/`` folder beside the catalogues (the bundled
``ncsi_tui/catalogue/crosswalks/ncsi-2.0--ncsi-3.0.toml``), documented in docs/catalogue-format.md.
Each row names a unit of the older catalogue, a unit of the newer one and how they relate:

* ``same``: the same criterion (the id or the name may differ);
* ``renamed``: the same subject under another id or name, whose criterion may differ;
* ``merged``: several old units became one new unit (one row per old unit);
* ``split``: one old unit became several new units (one row per new unit);
* ``new``: a new unit with no old counterpart (``from`` empty);
* ``removed``: an old unit with no new counterpart (``to`` empty).

A row whose criterion differs (``criterion = "changed"``, the default for every relation
but ``same``) makes whatever is carried or compared through it *to re-confirm*. A crosswalk
``status = "partial"`` covers only some units: the compare room pairs the others only where
id and name agree (:mod:`ncsi_tui.core.compare.pairing`). This module only reads and checks
the data; it never guesses a row.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ncsi_tui.core.errors import InputError
from ncsi_tui.core.model.catalogue import Catalogue, Catalogues
from ncsi_tui.core.model.data import Data
from ncsi_tui.core.model.parsed_cache import load_file

Relation = Literal["same", "renamed", "merged", "split", "new", "removed"]
RELATIONS: tuple[str, ...] = ("same", "renamed", "merged", "split", "new", "removed")
CROSSWALK_DIR = "crosswalks"


@dataclass(init=False, frozen=True)
class CrosswalkRow(Data):
    """One correspondence: an old unit, a new unit, how they relate, and why."""

    #: Unit id in the old catalogue (``from`` in the file).
    old: str = ""
    #: Unit id in the new catalogue (``to`` in the file).
    new: str = ""
    relation: Relation
    #: Whether the criterion kept its meaning; default: 'same' for relation 'same', else
    #: 'changed'.
    criterion: Literal["same", "changed"] | None = None
    note: str = ""

    __aliases__ = {"old": "from", "new": "to"}

    def __post_init__(self) -> None:
        if self.relation == "new" and (self.old or not self.new):
            raise ValueError("a 'new' row has `to` and no `from`")
        if self.relation == "removed" and (self.new or not self.old):
            raise ValueError("a 'removed' row has `from` and no `to`")
        if self.relation not in ("new", "removed") and not (self.old and self.new):
            raise ValueError(f"a '{self.relation}' row needs both `from` and `to`")
        if self.relation == "same" and self.criterion == "changed":
            raise ValueError("relation 'same' means the criterion is the same; use 'renamed'")

    @property
    def reconfirm(self) -> bool:
        """Whether what passes through this row must be confirmed again: criterion differs."""
        return (self.criterion or ("same" if self.relation == "same" else "changed")) != "same"


@dataclass(init=False, frozen=True)
class Crosswalk(Data):
    """Rows from one catalogue to another, with where they come from and how complete."""

    schema_version: int = 1
    #: Old catalogue id, e.g. ncsi-2.0 (``from`` in the file).
    old: str
    #: New catalogue id, e.g. ncsi-3.0 (``to`` in the file).
    new: str
    status: Literal["complete", "partial"]
    title: str = ""
    provenance: str = ""
    rows: tuple[CrosswalkRow, ...] = ()

    __aliases__ = {"schema_version": "schema", "old": "from", "new": "to"}

    def __post_init__(self) -> None:
        seen: set[tuple[str, str]] = set()
        for i, r in enumerate(self.rows):
            key = (r.old, r.new)
            if key in seen:
                raise ValueError(f"rows[{i}]: {r.old or '—'} -> {r.new or '—'} appears twice")
            seen.add(key)

    @property
    def partial(self) -> bool:
        return self.status == "partial"

    def problems(self, old_cat: Catalogue, new_cat: Catalogue) -> list[str]:
        """Rows naming units the two catalogues lack (an installed 3.0 may be partial too)."""
        out = []
        for i, r in enumerate(self.rows):
            if r.old and r.old not in old_cat.unit_index:
                out.append(f"rows[{i}]: {old_cat.id} has no unit {r.old}")
            if r.new and r.new not in new_cat.unit_index:
                out.append(f"rows[{i}]: {new_cat.id} has no unit {r.new}")
        return out


def file_name(old_id: str, new_id: str) -> str:
    """`ncsi-2.0--ncsi-3.0.toml`: the file that holds the crosswalk from old to new."""
    return f"{old_id}--{new_id}.toml"


def load_crosswalk(path: Path) -> Crosswalk:
    """Read and check one crosswalk file; errors carry file:line:column."""
    # validated once per content (core/model/parsed_cache.py): no validator built per run
    return load_file(path, "crosswalk", Crosswalk)[0]


def crosswalk_for(cats: Catalogues, old_id: str, new_id: str) -> Crosswalk | None:
    """The crosswalk to use between two catalogues: none for one catalogue, else
    :func:`find_crosswalk`."""
    return None if old_id == new_id else find_crosswalk(cats, old_id, new_id)


def find_crosswalk(cats: Catalogues, old_id: str, new_id: str) -> Crosswalk | None:
    """The crosswalk from `old_id` to `new_id` in the first catalogue folder that has one
    (``<dir>/crosswalks/<old>--<new>.toml``), or None. A file whose ids do not match its
    name is an InputError."""
    for d in cats.dirs:
        path = d / CROSSWALK_DIR / file_name(old_id, new_id)
        if path.is_file():
            cw = load_crosswalk(path)
            if (cw.old, cw.new) != (old_id, new_id):
                raise InputError(
                    f"{path}: the crosswalk goes from {cw.old} to {cw.new}, "
                    "which does not match its file name",
                    hint=f"rename it to {file_name(cw.old, cw.new)}",
                )
            return cw
    return None
