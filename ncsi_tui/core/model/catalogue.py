"""Framework catalogues: the data that says what an assessment is measured against.

A catalogue is a TOML file (see ``ncsi_tui/catalogue/ncsi-2.0.toml``) with a tree of groups
(categories -> sections for the NCSI, dimensions -> factors for the CMM) whose deepest
groups hold the assessed *units* (NCSI indicators, CMM aspects). The code knows no
framework by heart, only the scoring kinds ``points`` and ``maturity``.

Used by the CLI (``ncsi frameworks``, ``ncsi catalogue check``) and by the app alike.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Literal

from ncsi_tui.core.errors import InputError
from ncsi_tui.core.model.data import Check, Data
from ncsi_tui.core.model.folders import data_dir
from ncsi_tui.core.model.parsed_cache import load_file

#: The controlled vocabulary of reference kinds: what a piece of evidence *is*.
REFERENCE_KINDS: dict[str, str] = {
    "legal-act": "Legal act (law, regulation, decree)",
    "official-website": "Official website of a public body",
    "official-document": "Official document (strategy, plan, statute)",
    "official-report": "Official report",
    "official-curriculum": "Official curriculum",
    "website": "Website",
    "accredited-programme": "Accredited study programme",
    "exercise-record": "Exercise document or website",
    "press-release": "Press release",
    "project-document": "Project document",
    "organisation-website": "Official website of an organisation",
    "news-article": "News article",
    "other": "Other",
    "unspecified": "Not yet classified (set the kind before submission)",
}

ScoringKind = Literal["points", "maturity"]
ENV_CATALOGUE_PATH = "NCSI_CATALOGUE_PATH"


@dataclass(init=False, frozen=True)
class Window(Data):
    """A time condition on the evidence that a checker can test against a date."""

    #: 'within': evidence dated within `years` of the reference date; 'in-force': the
    #: document must be valid on the reference date.
    rule: Literal["within", "in-force"]
    years: int | None = None
    #: The condition in words, as shown to people.
    text: str = ""

    __checks__ = {"years": Check(ge=1, le=50)}

    def __post_init__(self) -> None:
        if self.rule == "within" and self.years is None:
            raise ValueError("a 'within' window needs `years`")


@dataclass(init=False, frozen=True)
class Stage(Data):
    """One stage of a maturity scale, in order from lowest to highest."""

    id: str
    name: str
    description: str = ""


_NAMED = {"id": Check(min_length=1), "name": Check(min_length=1)}


@dataclass(init=False, frozen=True)
class Unit(Data):
    """An assessed unit: an NCSI indicator or a CMM aspect (or aspect-less factor)."""

    id: str
    name: str
    points: int | None = None
    criterion: str = ""
    description: str = ""
    #: Accepted references, as worded by the framework.
    accepted_text: str = ""
    accepts: tuple[str, ...] = ()
    window: Window | None = None
    #: What each stage looks like.
    stages: dict[str, str] = field(default_factory=dict)
    #: Caveat on its source (unverified ...).
    provenance: str = ""

    __checks__ = {**_NAMED, "points": Check(ge=0)}


@dataclass(init=False, frozen=True)
class Group(Data):
    """A node of the catalogue tree: holds either sub-groups or units."""

    id: str
    name: str
    description: str = ""
    #: Caveat on its source (unverified ...).
    provenance: str = ""
    groups: tuple[Group, ...] = ()
    units: tuple[Unit, ...] = ()

    __checks__ = _NAMED

    def __post_init__(self) -> None:
        if self.groups and self.units:
            raise ValueError(f"group {self.id} holds both groups and units; a group holds one kind")


@dataclass(init=False, frozen=True)
class Catalogue(Data):
    """A whole framework: metadata, scale and tree."""

    schema_version: int = 1
    id: str
    framework: str
    methodology: str
    title: str
    publisher: str = ""
    year: int | None = None
    scoring: ScoringKind
    #: Names of the tree's levels, top first.
    levels: tuple[str, ...]
    stages: tuple[Stage, ...] = ()
    provenance: str = ""
    groups: tuple[Group, ...]

    __aliases__ = {"schema_version": "schema"}
    __checks__ = {"id": Check(pattern=r"^[a-z0-9]+(-[a-z0-9.]+)*$"),
                  "levels": Check(min_length=2), "groups": Check(min_length=1)}

    def __post_init__(self) -> None:
        problems = catalogue_problems(self)
        if problems:
            raise ValueError("; ".join(problems))

    # --- navigation -----------------------------------------------------------------
    @cached_property
    def units(self) -> tuple[Unit, ...]:
        """Every unit in catalogue order."""
        return tuple(u for _, u in self.walk_units())

    @cached_property
    def unit_index(self) -> dict[str, Unit]:
        return {u.id: u for u in self.units}

    @cached_property
    def unit_parent(self) -> dict[str, Group]:
        """The group directly holding each unit (the NCSI section, the CMM factor)."""
        return {u.id: g for g, u in self.walk_units()}

    @cached_property
    def leaf_groups(self) -> tuple[Group, ...]:
        """Groups that hold units, in order: NCSI sections, CMM factors."""
        return tuple(g for g in self.walk_groups() if g.units)

    @cached_property
    def top_of(self) -> dict[str, Group]:
        """The top-level group of each leaf group id."""
        out: dict[str, Group] = {}
        for top in self.groups:
            for g in _walk(top):
                out[g.id] = top
        return out

    @property
    def max_points(self) -> int:
        return sum(u.points or 0 for u in self.units)

    @property
    def stage_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.stages)

    def walk_groups(self) -> Iterator[Group]:
        for top in self.groups:
            yield from _walk(top)

    def walk_units(self) -> Iterator[tuple[Group, Unit]]:
        for g in self.walk_groups():
            for u in g.units:
                yield g, u

    def unit(self, unit_id: str) -> Unit:
        """The unit with this id, or an InputError that suggests the nearest ids."""
        try:
            return self.unit_index[unit_id]
        except KeyError:
            hint = suggest(unit_id, list(self.unit_index))
            for depth, g in self._depths():
                if g.id == unit_id:  # a dimension or factor: name the units inside it
                    inside = [u.id for sub in _walk(g) for u in sub.units]
                    shown = ", ".join(inside[:6]) + (", ..." if len(inside) > 6 else "")
                    level = self.levels[min(depth, len(self.levels) - 1)]
                    hint = f"{unit_id} is a {level}; record its {self.levels[-1]}s: {shown}"
            raise InputError(f"{self.id} has no {self.levels[-1]} '{unit_id}'", hint=hint) from None

    def _depths(self) -> Iterator[tuple[int, Group]]:
        stack = [(0, g) for g in reversed(self.groups)]
        while stack:
            depth, g = stack.pop()
            yield depth, g
            stack.extend((depth + 1, c) for c in reversed(g.groups))

    @cached_property
    def origin(self) -> str:
        """Which file this catalogue came from, for readers of scores and exports:
        "bundled with ncsi-tui", or the file's path and sha256 (set by load_catalogue)."""
        return "not read from a file"

    def summary_line(self) -> str:
        if self.scoring == "points":
            return f"{len(self.units)} {self.levels[-1]}s, {self.max_points} points"
        counts = [len(self.groups), len(self.leaf_groups), len(self.units)]
        # a group holding one unit of its own id is assessed whole (an aspect-less CMM factor)
        whole = sum(1 for g, u in self.walk_units() if u.id == g.id)
        text = f"{counts[0]} {self.levels[0]}s, {counts[1]} {self.levels[1]}s, "
        text += f"{counts[2] - whole} {self.levels[-1]}s"
        return text + (f", {counts[2]} units" if whole else "")


def _walk(group: Group) -> Iterator[Group]:
    yield group
    for child in group.groups:
        yield from _walk(child)


def catalogue_problems(cat: Catalogue) -> list[str]:
    """Consistency rules that a single field cannot express (shared with `catalogue check`)."""
    problems: list[str] = []
    seen: set[str] = set()
    for g in cat.walk_groups():
        if not g.groups and not g.units:
            problems.append(f"group {g.id} is empty")
    for u in cat.units:
        if u.id in seen:
            problems.append(f"unit id {u.id} appears twice")
        seen.add(u.id)
        unknown = [k for k in u.accepts if k not in REFERENCE_KINDS]
        if unknown:
            problems.append(
                f"{u.id}: unknown reference kind {', '.join(unknown)} "
                f"(known: {', '.join(REFERENCE_KINDS)})"
            )
        if cat.scoring == "points" and u.points is None:
            problems.append(f"{u.id}: a points catalogue needs `points` on every unit")
        if cat.scoring == "maturity":
            extra = set(u.stages) - {s.id for s in cat.stages}
            if extra:
                problems.append(f"{u.id}: stage texts for unknown stages {', '.join(sorted(extra))}")
    gids = [g.id for g in cat.walk_groups()]
    dup = {x for x in gids if gids.count(x) > 1}
    if dup:
        problems.append(f"group ids appear twice: {', '.join(sorted(dup))}")
    if cat.scoring == "maturity" and len(cat.stages) < 2:
        problems.append("a maturity catalogue needs an ordered `stages` list of at least two")
    if cat.scoring == "points" and cat.stages:
        problems.append("a points catalogue has no `stages`")
    return problems


# --- loading and discovery ---------------------------------------------------------


def load_catalogue(path: Path) -> Catalogue:
    """Read and validate one catalogue file; errors carry file:line:column."""
    # validated once per content (core/model/parsed_cache.py): no validator built per run
    cat, digest = load_file(path, "catalogue", Catalogue)
    # not a field (a file cannot claim its own origin): the cached value of `origin`
    if Path(path).resolve().parent == bundled_catalogue_dir().resolve():
        cat.__dict__["origin"] = f"bundled with ncsi-tui ({Path(path).name})"
    else:
        cat.__dict__["origin"] = f"file {Path(path).resolve()} (sha256 {digest})"
    return cat


def bundled_catalogue_dir() -> Path:
    """``ncsi_tui/catalogue/``: the catalogues that travel inside the package (wheel, sdist)."""
    return Path(__file__).resolve().parents[2] / "catalogue"


def user_catalogue_dir() -> Path:
    """A person's own catalogues: ``catalogue/`` in the data folder (core/model/folders.py);
    on Linux ``~/.local/share/ncsi-tui/catalogue`` (or under ``$XDG_DATA_HOME``) as before."""
    return data_dir() / "catalogue"


def catalogue_dirs(extra: list[Path] | None = None) -> list[Path]:
    """Where catalogues are looked for, first wins: option, environment, user folder, bundled."""
    dirs: list[Path] = list(extra or [])
    env = os.environ.get(ENV_CATALOGUE_PATH, "")
    dirs += [Path(p) for p in env.split(os.pathsep) if p]
    dirs += [user_catalogue_dir(), bundled_catalogue_dir()]
    return dirs


@dataclass(frozen=True)
class CatalogueEntry:
    id: str
    path: Path


class Catalogues:
    """The installed catalogues, found by file name and loaded on first use."""

    def __init__(self, dirs: list[Path] | None = None) -> None:
        self.dirs = catalogue_dirs(dirs)
        self._entries: dict[str, CatalogueEntry] = {}
        for d in self.dirs:
            if not d.is_dir():
                continue
            for p in sorted(d.glob("*.toml")):
                self._entries.setdefault(p.stem, CatalogueEntry(p.stem, p))
        self._loaded: dict[str, Catalogue] = {}

    @property
    def ids(self) -> list[str]:
        return sorted(self._entries, key=_version_key)

    def path_of(self, cid: str) -> Path:
        return self._entries[self.resolve(cid)].path

    def resolve(self, name: str) -> str:
        """An exact id, or a bare framework name (`ncsi`) -> its newest methodology."""
        if name in self._entries:
            return name
        family = sorted((i for i in self._entries if i.split("-")[0] == name), key=_version_key)
        if family:
            return family[-1]
        raise InputError(
            f"unknown framework '{name}'",
            hint="installed: " + (", ".join(self.ids) or "none")
            + f". Add a catalogue folder with --catalogue-dir or {ENV_CATALOGUE_PATH}.",
        )

    def get(self, name: str) -> Catalogue:
        cid = self.resolve(name)
        if cid not in self._loaded:
            cat = load_catalogue(self._entries[cid].path)
            if cat.id != cid:
                raise InputError(
                    f"{self._entries[cid].path}: catalogue id '{cat.id}' does not match its file name",
                    hint=f"rename the file to {cat.id}.toml or set id = \"{cid}\"",
                )
            self._loaded[cid] = cat
        return self._loaded[cid]


def _version_key(cid: str) -> tuple[str, tuple[int, ...]]:
    name, _, ver = cid.partition("-")
    nums = tuple(int(x) for x in re.findall(r"\d+", ver))
    return name, nums


def suggest(word: str, options: list[str], n: int = 3) -> str:
    """'did you mean ...' for a mistyped id."""
    import difflib

    close = difflib.get_close_matches(word, options, n=n, cutoff=0.5)
    if not close:
        return ""
    return "did you mean " + ", ".join(close) + "?"
