"""A formal review around an assessment: stakeholders, the consultation plan, what the
sessions found, open gaps, and the recommendations that follow (issue 12).

A CMM review (the NCSI data review is the same with fewer steps) has a local host invite
stakeholder *clusters*, hold a few days of *consultation sessions*, note *findings* per
unit, close *gaps* by desk research or follow-up, and write *recommendations* whose
progress is shown a year later. All of it lives in the assessment file under
``[review]``; every part is optional, so files without it load as before.

Pure data and pure functions; no I/O, no UI. Callers: ``ncsi plan``/``finding``/``gap``/
``recs`` (cli/commands/review.py), the app's plan and recommendations screens, the
review report (core/export/report.py) and core/compare/follow_up.py.

``Reference`` comes from core/model/reference.py, which the assessment uses too; the
assessment imports this module, never the other way round.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from ncsi_tui.core.errors import InputError
from ncsi_tui.core.model.catalogue import Catalogue, Group, suggest
from ncsi_tui.core.model.data import Check, FileData
from ncsi_tui.core.model.reference import Reference

if TYPE_CHECKING:
    from ncsi_tui.core.model.assessment import Assessment

Priority = Literal["high", "medium", "low"]
PRIORITIES: tuple[str, ...] = ("high", "medium", "low")
RecStatus = Literal["proposed", "accepted", "in-progress", "done", "dropped"]
REC_STATUSES: tuple[str, ...] = ("proposed", "accepted", "in-progress", "done", "dropped")
GapKind = Literal["desk-research", "follow-up"]
GAP_KINDS: tuple[str, ...] = ("desk-research", "follow-up")
_ID = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"
_REC_ID = re.compile(r"^R([1-9][0-9]*)$")
_TEXT = Check(min_length=1)


@dataclass(init=False)
class StakeholderCluster(FileData):
    """A group of stakeholders met together (e.g. "criminal justice and law enforcement")."""

    #: Short id used by sessions and gaps: C1, csirt.
    id: str
    name: str
    organisations: list[str] = field(default_factory=list)
    #: Names, e-mails, phones.
    contacts: list[str] = field(default_factory=list)
    #: Unit or group ids (dimensions, factors) they speak to.
    covers: list[str] = field(default_factory=list)

    __checks__ = {"id": Check(pattern=_ID), "name": _TEXT}


@dataclass(init=False)
class ConsultationSession(FileData):
    """One slot of the consultation plan: a cluster met on a day about some units."""

    id: str
    day: dt.date
    #: Free text: "09:00-11:00".
    time: str = ""
    cluster: str
    #: Unit or group ids; empty = what the cluster covers.
    covers: list[str] = field(default_factory=list)
    #: A room or a video link.
    place: str = ""

    __checks__ = {"id": Check(pattern=_ID)}


@dataclass(init=False)
class SessionFinding(FileData):
    """What was heard in a session about some units: working notes, never in the report."""

    session: str
    units: list[str]
    text: str

    __checks__ = {"units": _TEXT, "text": _TEXT}


@dataclass(init=False)
class Gap(FileData):
    """A unit the consultations did not settle: desk research or a follow-up is needed."""

    unit: str
    kind: GapKind
    #: follow-up: the cluster to ask.
    cluster: str = ""
    note: str = ""
    closed: bool = False

    def __post_init__(self) -> None:
        if self.kind == "follow-up" and not self.cluster:
            raise ValueError("a follow-up gap names the cluster to follow up with (`cluster`)")
        if self.kind == "desk-research" and self.cluster:
            raise ValueError("a desk-research gap has no `cluster`; use kind = \"follow-up\"")

    @property
    def label(self) -> str:
        return "needs desk research" if self.kind == "desk-research" else (
            f"follow-up with {self.cluster}"
        )


@dataclass(init=False)
class Recommendation(FileData):
    """An action proposed by the review, and the evidence of what became of it."""

    #: R1, R2, ...
    id: str
    #: A unit or group (factor, dimension, section) id.
    unit: str
    text: str
    priority: Priority
    #: The organisation expected to act.
    owner: str = ""
    due: dt.date | None = None
    status: RecStatus = "proposed"
    #: What has been done, in words.
    progress: str = ""
    references: list[Reference] = field(default_factory=list)

    __checks__ = {"id": Check(pattern=_REC_ID.pattern), "text": _TEXT}


@dataclass(init=False)
class Review(FileData):
    """Everything about the review; empty by default (and then not written to the file)."""

    #: Country context for the report.
    context: str = ""
    clusters: list[StakeholderCluster] = field(default_factory=list)
    sessions: list[ConsultationSession] = field(default_factory=list)
    findings: list[SessionFinding] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)

    def __post_init__(self) -> None:
        """Ids are unique and every cluster or session named exists (no catalogue needed)."""
        for name, items in (("clusters", self.clusters), ("sessions", self.sessions),
                            ("recommendations", self.recommendations)):
            seen: set[str] = set()
            for it in items:
                if it.id in seen:
                    raise ValueError(f"review.{name}: id {it.id} appears twice")
                seen.add(it.id)
        clusters = [c.id for c in self.clusters]
        sessions = [s.id for s in self.sessions]
        for i, s in enumerate(self.sessions):
            _known(f"review.sessions[{i}].cluster", s.cluster, clusters, "cluster")
        for i, f in enumerate(self.findings):
            _known(f"review.findings[{i}].session", f.session, sessions, "session")
        for i, g in enumerate(self.gaps):
            if g.cluster:
                _known(f"review.gaps[{i}].cluster", g.cluster, clusters, "cluster")

    def is_empty(self) -> bool:
        return self == _empty_review()

    def cluster(self, cid: str) -> StakeholderCluster:
        for c in self.clusters:
            if c.id == cid:
                return c
        raise InputError(f"no stakeholder cluster '{cid}'", hint=_choices(cid, [c.id for c in self.clusters]))

    def recommendation(self, rid: str) -> Recommendation:
        for r in self.recommendations:
            if r.id == rid:
                return r
        raise InputError(
            f"no recommendation '{rid}'", hint=_choices(rid, [r.id for r in self.recommendations])
        )

@functools.cache
def _empty_review() -> Review:
    """``Review()`` made once, without validation, to compare with (never changed)."""
    return Review.model_construct()



def _known(where: str, value: str, ids: list[str], what: str) -> None:
    if value not in ids:
        raise ValueError(f"{where}: no {what} '{value}'" + (f"; {h}" if (h := suggest(value, ids)) else ""))


def _choices(value: str, ids: list[str]) -> str:
    return suggest(value, ids) or ("known: " + ", ".join(ids) if ids else "there are none yet")


# --- ids against the catalogue ---------------------------------------------------------------


def group_index(cat: Catalogue) -> dict[str, Group]:
    return {g.id: g for g in cat.walk_groups()}


def units_under(cat: Catalogue, ref: str) -> tuple[str, ...]:
    """The unit ids a unit or group id stands for (a dimension -> all its aspects)."""
    groups = group_index(cat)
    if ref in groups:
        return tuple(u.id for g in cat.walk_groups() if _inside(g, groups[ref]) for u in g.units)
    if ref in cat.unit_index:
        return (ref,)
    return ()


def _inside(g: Group, top: Group) -> bool:
    return g is top or any(_inside(g, child) for child in top.groups)


def check_target(cat: Catalogue, ref: str, *, units_only: bool = False) -> str:
    """`ref` if it names a unit (or, unless units_only, a group); else an InputError."""
    if ref in cat.unit_index or (not units_only and ref in group_index(cat)):
        return ref
    ids = list(cat.unit_index) + ([] if units_only else list(group_index(cat)))
    what = cat.levels[-1] if units_only else f"{cat.levels[-1]} or {'/'.join(cat.levels[:-1])}"
    raise InputError(f"{cat.id} has no {what} '{ref}'", hint=suggest(ref, ids) or
                     f"ids look like {cat.units[0].id} or {cat.groups[0].id}")


def review_problems(a: Assessment, cat: Catalogue) -> list[str]:
    """Unit and group ids in the review that the catalogue does not know (TOML paths)."""
    rv, out = a.review, []
    groups = group_index(cat)

    def bad(where: str, ref: str, units_only: bool = False) -> None:
        if ref not in cat.unit_index and (units_only or ref not in groups):
            out.append(f"{where}: {cat.id} has no {'unit' if units_only else 'unit or group'} '{ref}'")

    for i, c in enumerate(rv.clusters):
        for ref in c.covers:
            bad(f"review.clusters[{i}].covers", ref)
    for i, s in enumerate(rv.sessions):
        for ref in s.covers:
            bad(f"review.sessions[{i}].covers", ref)
    for i, f in enumerate(rv.findings):
        for ref in f.units:
            bad(f"review.findings[{i}].units", ref)
    for i, g in enumerate(rv.gaps):
        bad(f"review.gaps[{i}].unit", g.unit, units_only=True)
    for i, r in enumerate(rv.recommendations):
        bad(f"review.recommendations[{i}].unit", r.unit)
    return out


# --- the plan ---------------------------------------------------------------------------


def session_covers(rv: Review, s: ConsultationSession) -> list[str]:
    """What a session covers: its own list, or its cluster's when it lists none."""
    if s.covers:
        return list(s.covers)
    return next((list(c.covers) for c in rv.clusters if c.id == s.cluster), [])


@dataclass(frozen=True)
class PlanCoverage:
    """What the consultation plan leaves out; `ncsi plan` warns about both lists."""

    uncovered_units: tuple[str, ...]
    clusters_without_session: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.uncovered_units and not self.clusters_without_session


def plan_coverage(cat: Catalogue, a: Assessment) -> PlanCoverage:
    """Units no session covers (in catalogue order) and clusters that have no session."""
    rv = a.review
    covered: set[str] = set()
    for s in rv.sessions:
        for ref in session_covers(rv, s):
            covered.update(units_under(cat, ref))
    with_session = {s.cluster for s in rv.sessions}
    return PlanCoverage(
        tuple(u.id for u in cat.units if u.id not in covered),
        tuple(c.id for c in rv.clusters if c.id not in with_session),
    )


def sessions_by_day(rv: Review) -> list[tuple[dt.date, list[ConsultationSession]]]:
    """The plan as a timetable: days in order, sessions by time then id."""
    days: dict[dt.date, list[ConsultationSession]] = {}
    for s in sorted(rv.sessions, key=session_sort_key):
        days.setdefault(s.day, []).append(s)
    return list(days.items())


def session_sort_key(s: ConsultationSession) -> tuple[object, ...]:
    return (s.day, s.time, natural_key(s.id))


def natural_key(s: str) -> tuple[object, ...]:
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"(\d+)", s))


# --- gaps and recommendations -------------------------------------------------------------


def open_gaps(a: Assessment) -> list[Gap]:
    """Gaps not closed yet: the readiness check lists them."""
    return [g for g in a.review.gaps if not g.closed]


def gap_messages(a: Assessment, unit_id: str) -> Iterator[str]:
    """Readiness messages for a unit's open gaps, worded as core/judge/readiness.py's
    `review.open-gap` rule words them (the gap's note is internal and left out)."""
    for g in open_gaps(a):
        if g.unit == unit_id:
            yield (f"open gap from the review: {g.label}; once settled, close it "
                   f"(ncsi gap PATH {unit_id} --close)")


def gap_findings(a: Assessment) -> list[tuple[str, str]]:
    """(unit id, message) for every open gap, for callers outside the rule list."""
    units = dict.fromkeys(g.unit for g in open_gaps(a))
    return [(u, m) for u in units for m in gap_messages(a, u)]


def next_recommendation_id(rv: Review) -> str:
    """R1 for the first, then one more than the highest number used (ids are never reused)."""
    nums = [int(m.group(1)) for r in rv.recommendations if (m := _REC_ID.match(r.id))]
    return f"R{max(nums, default=0) + 1}"


def known_organisations(a: Assessment) -> list[str]:
    """Organisations a recommendation can be owned by: the clusters' and the file's own."""
    seen: dict[str, None] = {}
    for org in [*a.organisations, *(o for c in a.review.clusters for o in c.organisations)]:
        seen.setdefault(org, None)
    return list(seen)


def filter_recommendations(
    rv: Review, *, status: Iterable[str] = (), owner: str | None = None, priority: Iterable[str] = ()
) -> list[Recommendation]:
    status, priority = set(status), set(priority)
    return [
        r for r in sorted(rv.recommendations, key=lambda r: natural_key(r.id))
        if (not status or r.status in status)
        and (owner is None or r.owner.casefold() == owner.casefold())
        and (not priority or r.priority in priority)
    ]


def top_group_of(cat: Catalogue, ref: str) -> Group | None:
    """The dimension (or NCSI category) a unit or group id belongs to."""
    if ref in cat.unit_index:
        return cat.top_of[cat.unit_parent[ref].id]
    return cat.top_of.get(ref)



def unit_review_notes(cat: Catalogue, a: Assessment, unit_id: str) -> list[str]:
    """What the review holds about one unit, as lines: its gaps (open or closed) and the
    session findings that name it or a group above it (working notes, never exported)."""
    rv, out = a.review, []
    for g in rv.gaps:
        if g.unit == unit_id:
            out.append(f"gap ({'closed' if g.closed else 'open'}): {g.label}"
                       + (f" — {g.note}" if g.note else ""))
    for f in rv.findings:
        if any(unit_id in units_under(cat, ref) for ref in f.units):
            out.append(f"heard in {f.session}: {f.text}")
    return out
