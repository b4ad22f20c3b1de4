"""Edits to the review part of an open assessment (core/model/review.py holds the data).

One set of functions for both fronts: ``ncsi plan``/``finding``/``gap``/``recs`` and the
app's plan and recommendations screens call these on an :class:`AssessmentSession`, then
save it. Every edit checks ids against the catalogue, re-validates the whole review
(unique ids, known clusters and sessions), stamps ``updated`` and marks the session dirty.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable
from typing import Any

from ncsi_tui.core.errors import InputError
from ncsi_tui.core.files.session import AssessmentSession, now
from ncsi_tui.core.model.assessment import Reference
from ncsi_tui.core.model.catalogue import suggest
from ncsi_tui.core.model.data import problems
from ncsi_tui.core.model.review import (
    REC_STATUSES,
    ConsultationSession,
    Gap,
    Recommendation,
    Review,
    SessionFinding,
    StakeholderCluster,
    check_target,
    known_organisations,
    next_recommendation_id,
    review_problems,
)


def check_review(session: AssessmentSession) -> None:
    """Refuse to work on a file whose review names ids its catalogue does not know."""
    problems = review_problems(session.assessment, session.catalogue)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise InputError(problems[0] + more, path=session.path,
                         hint="fix the id in the file, or remove that entry")


def _commit(session: AssessmentSession, **changes: Any) -> Review:
    session.check_writable()
    data = session.assessment.review.model_dump()
    data.update({k: [x.model_dump() if hasattr(x, "model_dump") else x for x in v]
                 if isinstance(v, list) else v for k, v in changes.items()})
    try:
        new = Review.model_validate(data)
    except ValueError as exc:
        msgs = "; ".join(e["msg"].removeprefix("Value error, ") for e in problems(exc))
        raise InputError(msgs) from None
    if new != session.assessment.review:
        session.assessment.review = new
        session.assessment.updated = now()
        session.dirty = True
    return new


def _targets(session: AssessmentSession, refs: Iterable[str], *, units_only: bool = False) -> list[str]:
    return [check_target(session.catalogue, r, units_only=units_only) for r in refs]


def set_context(session: AssessmentSession, text: str) -> None:
    """The country context paragraph(s) that open the report."""
    _commit(session, context=text.strip("\n"))


def put_cluster(session: AssessmentSession, cluster: StakeholderCluster) -> StakeholderCluster:
    """Add a stakeholder cluster, or replace the one with the same id."""
    _targets(session, cluster.covers)
    rv = session.assessment.review
    rest = [c for c in rv.clusters if c.id != cluster.id]
    _commit(session, clusters=[*rest, cluster])
    return cluster


def remove_cluster(session: AssessmentSession, cid: str) -> None:
    rv = session.assessment.review
    rv.cluster(cid)  # unknown -> InputError with suggestions
    used = [s.id for s in rv.sessions if s.cluster == cid]
    if used:
        raise InputError(f"cluster {cid} has sessions ({', '.join(used)})",
                         hint="remove or move those sessions first")
    _commit(session, clusters=[c for c in rv.clusters if c.id != cid])


def put_session(session: AssessmentSession, cs: ConsultationSession) -> ConsultationSession:
    """Add a consultation session to the plan, or replace the one with the same id."""
    rv = session.assessment.review
    rv.cluster(cs.cluster)
    _targets(session, cs.covers)
    _commit(session, sessions=[*(s for s in rv.sessions if s.id != cs.id), cs])
    return cs


def remove_session(session: AssessmentSession, sid: str) -> None:
    rv = session.assessment.review
    if sid not in {s.id for s in rv.sessions}:
        raise InputError(f"no session '{sid}'", hint=suggest(sid, [s.id for s in rv.sessions]))
    if any(f.session == sid for f in rv.findings):
        raise InputError(f"session {sid} has findings", hint="keep it, or remove its findings first")
    _commit(session, sessions=[s for s in rv.sessions if s.id != sid])


def add_finding(session: AssessmentSession, finding: SessionFinding) -> SessionFinding:
    """Notes from a session about some units (kept out of every export)."""
    _targets(session, finding.units)
    rv = session.assessment.review
    if finding.session not in {s.id for s in rv.sessions}:
        raise InputError(f"no session '{finding.session}' in the plan",
                         hint=suggest(finding.session, [s.id for s in rv.sessions])
                         or "add it first: ncsi plan session PATH ID --day ... --cluster ...")
    _commit(session, findings=[*rv.findings, finding])
    return finding


def mark_gap(session: AssessmentSession, gap: Gap) -> Gap:
    """Mark a unit as a gap; the same unit, kind and cluster marked again is replaced."""
    _targets(session, [gap.unit], units_only=True)
    rv = session.assessment.review
    if gap.cluster:
        rv.cluster(gap.cluster)
    key = (gap.unit, gap.kind, gap.cluster)
    _commit(session, gaps=[*(g for g in rv.gaps if (g.unit, g.kind, g.cluster) != key), gap])
    return gap


def close_gaps(session: AssessmentSession, unit: str, kind: str | None = None) -> int:
    """Close the open gaps of a unit (of one kind, if given); returns how many."""
    _targets(session, [unit], units_only=True)
    rv = session.assessment.review
    hit = [g for g in rv.gaps if g.unit == unit and not g.closed and kind in (None, g.kind)]
    if not hit:
        raise InputError(f"{unit} has no open gap" + (f" of kind {kind}" if kind else ""))
    _commit(session, gaps=[g.model_copy(update={"closed": True}) if g in hit else g
                           for g in rv.gaps])
    return len(hit)


def _owner(session: AssessmentSession, owner: str) -> str:
    """The owner as written, or as a known organisation spells it when only the case
    differs ("ministry of interior" -> "Ministry of Interior"). A new organisation is
    accepted: the review often names one no cluster met (issue 20.5); one a letter or two
    away from a known organisation is taken for a typo and refused with the right name."""
    owner = owner.strip()
    known = known_organisations(session.assessment)
    for org in known:
        if org.casefold() == owner.casefold():
            return org
    near = difflib.get_close_matches(owner, known, n=1, cutoff=0.92)
    if owner and near:
        raise InputError(f"'{owner}' is nearly '{near[0]}'; did you mean {near[0]}?",
                         hint="write the name as known, or a new organisation's full name")
    return owner


def add_recommendation(
    session: AssessmentSession,
    unit: str,
    text: str,
    priority: str,
    *,
    owner: str = "",
    due: dt.date | None = None,
) -> Recommendation:
    """A new recommendation with the next id (R1, R2, ...) on a unit or group."""
    check_target(session.catalogue, unit)
    rv = session.assessment.review
    try:
        rec = Recommendation(id=next_recommendation_id(rv), unit=unit, text=text.strip(),
                             priority=priority, owner=_owner(session, owner), due=due)
    except ValueError as exc:
        raise InputError("; ".join(e["msg"] for e in problems(exc))) from None
    _commit(session, recommendations=[*rv.recommendations, rec])
    return rec


_UNSET: Any = object()


def update_recommendation(
    session: AssessmentSession,
    rid: str,
    *,
    status: str | None = None,
    references: Iterable[Reference] = (),
    progress: str | None = None,
    text: str | None = None,
    priority: str | None = None,
    owner: str | None = None,
    due: dt.date | None = _UNSET,
) -> Recommendation:
    """Change a recommendation's fields; `references` are added to its evidence of progress."""
    rv = session.assessment.review
    rec = rv.recommendation(rid)
    if status is not None and status not in REC_STATUSES:
        raise InputError(f"unknown status '{status}'", hint="statuses: " + ", ".join(REC_STATUSES))
    update: dict[str, Any] = {"references": [*rec.references, *references]}
    for key, value in (("status", status), ("progress", progress), ("text", text),
                       ("priority", priority)):
        if value is not None:
            update[key] = value
    if owner is not None:
        update["owner"] = _owner(session, owner)
    if due is not _UNSET:
        update["due"] = due
    try:
        new = Recommendation.model_validate({**rec.model_dump(), **update})
    except ValueError as exc:
        raise InputError("; ".join(e["msg"] for e in problems(exc))) from None
    _commit(session, recommendations=[new if r.id == rid else r for r in rv.recommendations])
    return new


def remove_recommendation(session: AssessmentSession, rid: str) -> None:
    """Delete a recommendation (its id is not reused while a higher one exists)."""
    rv = session.assessment.review
    rv.recommendation(rid)
    _commit(session, recommendations=[r for r in rv.recommendations if r.id != rid])
