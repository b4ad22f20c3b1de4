"""Readiness rules: what a reviewer would reject, unit by unit, before anything is sent.

Each rule is a small function registered with an id (``evidence.missing``), a severity
and the scoring kind it applies to (``points``, ``maturity`` or both). It looks at one
unit's record and yields messages that say what to do. :func:`run_checks` runs every
rule and returns one list of :class:`Finding`; ``ncsi check``, the exports and the app's
readiness screen all render that same list (repo-review's pattern: one result list,
many renderers).

Severities: ``error`` (a reviewer would reject it; ``ncsi check`` exits 1), ``warning``
(look at it before submission) and ``info`` (open work: indicators not yet met, sorted
by the points they would add). No rule needs the network.
"""

from __future__ import annotations

from collections.abc import Iterator

from ncsi_tui.core.judge import maturity_rules  # noqa: F401  (registers the maturity rules)
from ncsi_tui.core.judge.rule_base import (
    RULES,
    SEVERITIES,
    Finding,
    Rule,
    Severity,
    UnitContext,
    accepted_text,
    evidence_date,
    phrase,
    ref_label,
    rule,
    years_before,
)
from ncsi_tui.core.model.assessment import Assessment
from ncsi_tui.core.model.catalogue import Catalogue, Group, Unit
from ncsi_tui.core.model.fields import is_http_url, url_problem
from ncsi_tui.core.model.review import open_gaps

__all__ = [
    "RULES",
    "SEVERITIES",
    "Finding",
    "Rule",
    "Severity",
    "UnitContext",
    "accepted_text",
    "check_unit",
    "counts",
    "evidence_date",
    "findings_by_unit",
    "has_errors",
    "is_http_url",
    "ref_label",
    "run_checks",
    "units_to_recheck",
    "years_before",
]


# --- rules for both scoring kinds ---------------------------------------------------------


@rule("record.reconfirm", "warning", "carried forward from an earlier assessment, not confirmed")
def _reconfirm(ctx: UnitContext) -> Iterator[str]:
    if ctx.record.reconfirm:
        yield (
            "carried forward from an earlier assessment: check that it still holds, "
            "then confirm it (record the status or stage again)"
        )


@rule("evidence.missing", "error", "claimed (met, or a stage) with no evidence text")
def _evidence_missing(ctx: UnitContext) -> Iterator[str]:
    if ctx.claimed and not ctx.record.evidence.strip():
        what = "a stage is claimed" if ctx.catalogue.scoring == "maturity" else "marked met"
        yield (
            f"{what} but there is no evidence text: write what exists and where a "
            "reviewer can see it"
        )


@rule("reference.missing", "error", "met with no reference", kinds=("points",))
def _reference_missing(ctx: UnitContext) -> Iterator[str]:
    if ctx.claimed and not ctx.record.references:
        accepted = accepted_text(ctx.unit) if ctx.unit.accepts else "a reference"
        yield f"marked met but no reference is given: add {accepted}"



@rule("reference.kind-not-accepted", "error", "no reference of an accepted kind", kinds=("points",))
def _kind_not_accepted(ctx: UnitContext) -> Iterator[str]:
    refs, accepts = ctx.record.references, ctx.unit.accepts
    if not (ctx.claimed and refs and accepts):
        return
    kinds = {r.kind for r in refs}
    if kinds & set(accepts) or "unspecified" in kinds:
        return  # accepted, or not yet classified (reference.kind-unspecified says so)
    yield (
        f"no reference of an accepted kind (given: {', '.join(sorted(kinds))}); "
        f"add {accepted_text(ctx.unit)}, or set the right kind if one of them is that"
    )


@rule("reference.kind-unspecified", "warning", "reference kind not yet classified")
def _kind_unspecified(ctx: UnitContext) -> Iterator[str]:
    for i, ref in enumerate(ctx.record.references, 1):
        if ref.kind == "unspecified":
            hint = f" (accepted here: {', '.join(ctx.unit.accepts)})" if ctx.unit.accepts else ""
            yield f"{ref_label(i, ref)} has kind 'unspecified': set what it is{hint}"


@rule("reference.url-invalid", "error", "URL is not an absolute http(s) URL")
def _url_invalid(ctx: UnitContext) -> Iterator[str]:
    for i, ref in enumerate(ctx.record.references, 1):
        problem = url_problem(ref.url) if ref.url else None
        if problem:
            yield f"{ref_label(i, ref)}: URL '{ref.url}': {problem}"


@rule("reference.url-missing", "warning", "public reference without a URL")
def _url_missing(ctx: UnitContext) -> Iterator[str]:
    for i, ref in enumerate(ctx.record.references, 1):
        if not ref.url and ref.access == "public":
            yield (
                f"{ref_label(i, ref)} is public but has no URL: add the link, or mark it "
                "restricted if it is not published"
            )


@rule("reference.title-empty", "warning", "reference with an empty title")
def _title_empty(ctx: UnitContext) -> Iterator[str]:
    for i, ref in enumerate(ctx.record.references, 1):
        if not ref.title.strip():
            yield f"{ref_label(i, ref)} has no title: name the document or page"


@rule("reference.duplicate", "warning", "the same reference given twice")
def _duplicate(ctx: UnitContext) -> Iterator[str]:
    seen: dict[tuple[str, str, str], int] = {}
    for i, ref in enumerate(ctx.record.references, 1):
        key = (ref.url.rstrip("/").casefold(), ref.title.strip().casefold(), ref.locator.strip())
        if key in seen:
            yield (
                f"{ref_label(i, ref)} repeats reference [{seen[key]}]: remove one, or give "
                "each its own locator"
            )
        else:
            seen[key] = i


@rule("reference.after-reference-date", "warning", "published after the reference date")
def _after_reference_date(ctx: UnitContext) -> Iterator[str]:
    for i, ref in enumerate(ctx.record.references, 1):
        if ref.published and ref.published > ctx.reference_date:
            yield (
                f"{ref_label(i, ref)} was published {ref.published}, after the reference "
                f"date {ctx.reference_date}: it cannot count for this assessment"
            )


@rule("document.expired", "error", "a document whose validity ended before the reference date")
def _expired(ctx: UnitContext) -> Iterator[str]:
    if not ctx.claimed:
        return
    for i, ref in enumerate(ctx.record.references, 1):
        if ref.valid_until and ref.valid_until < ctx.reference_date:
            yield (
                f"{ref_label(i, ref)} was valid until {ref.valid_until}, before the "
                f"reference date {ctx.reference_date}: cite the document in force now, "
                "or record the indicator as not met"
            )
        elif ref.valid_from and ref.valid_from > ctx.reference_date:
            yield (
                f"{ref_label(i, ref)} is valid only from {ref.valid_from}, after the "
                f"reference date {ctx.reference_date}: it cannot count yet"
            )


@rule("window.too-old", "error", "evidence older than the unit's time window")
def _too_old(ctx: UnitContext) -> Iterator[str]:
    window = ctx.unit.window
    if not (ctx.claimed and window and window.rule == "within" and window.years):
        return
    dates = [d for d in map(evidence_date, ctx.record.references) if d]
    undated = len(dates) < len(ctx.record.references)
    cutoff = years_before(ctx.reference_date, window.years)
    if dates and max(dates) < cutoff and not undated:
        yield (
            f"the newest evidence is dated {max(dates)}, outside the window "
            f"({phrase(window.text) or f'within {window.years} year(s)'}): add evidence dated "
            f"{cutoff} or later, or record the indicator as not met"
        )


@rule("window.undated", "warning", "no evidence date where the time window needs one")
def _undated(ctx: UnitContext) -> Iterator[str]:
    window, refs = ctx.unit.window, ctx.record.references
    if not (ctx.claimed and window and refs):
        return
    if window.rule == "within" and window.years:
        cutoff = years_before(ctx.reference_date, window.years)
        dates = [d for d in map(evidence_date, refs) if d]
        if any(d >= cutoff for d in dates):
            return
        for i, ref in enumerate(refs, 1):
            if evidence_date(ref) is None:
                yield (
                    f"{ref_label(i, ref)} has no published date, and the indicator needs "
                    f"evidence from the last {window.years} year(s): add the date"
                )
    elif window.rule == "in-force" and not any(
        r.published or r.valid_from or r.valid_until for r in refs
    ):
        yield (
            "the document must be in force on the reference date, but no reference "
            "gives a published or validity date: add them"
        )




@rule("review.open-gap", "warning", "an open gap from the review (desk research, follow-up)")
def _open_gap(ctx: UnitContext) -> Iterator[str]:
    for gap in open_gaps(ctx.assessment):
        if gap.unit == ctx.unit.id:  # the gap's own note stays internal: not in the message
            yield (
                f"open gap from the review: {gap.label}; once settled, close it "
                f"(ncsi gap PATH {ctx.unit.id} --close)"
            )


@rule("open-work", "info", "not met or not assessed: the points it would add", kinds=("points",))
def _open_work(ctx: UnitContext) -> Iterator[str]:
    if ctx.record.status != "met" and ctx.unit.points:
        state = "not met" if ctx.record.status == "not-met" else "not assessed"
        yield f"{state}: +{ctx.unit.points} point(s) if met — {ctx.unit.name}"


# --- running --------------------------------------------------------------------------------


def run_checks(catalogue: Catalogue, assessment: Assessment) -> list[Finding]:
    """Every finding: problems in catalogue order, then open work by points (most first)."""
    problems: list[Finding] = []
    open_work: list[Finding] = []
    rules = _rules_for(catalogue)
    for group, unit in catalogue.walk_units():
        for f in _unit_findings(rules, catalogue, assessment, group, unit):
            (open_work if f.severity == "info" else problems).append(f)
    open_work.sort(key=lambda f: -(f.points or 0))  # stable: catalogue order among equals
    return problems + open_work


def check_unit(catalogue: Catalogue, assessment: Assessment, unit_id: str) -> list[Finding]:
    """The findings of one unit, as :func:`run_checks` lists them for it (problems in rule
    order, then its open work): ``findings_by_unit(run_checks(c, a))[unit_id]``, without
    running the rules over every other unit. For the app's re-check after an edit.

    Raises InputError for an unknown unit id (with the nearest ids).
    """
    catalogue.unit(unit_id)
    group = catalogue.unit_parent[unit_id]
    found = _unit_findings(_rules_for(catalogue), catalogue, assessment, group,
                           catalogue.unit_index[unit_id])
    return [f for f in found if f.severity != "info"] + [f for f in found if f.severity == "info"]


def units_to_recheck(catalogue: Catalogue, unit_id: str) -> list[str]:
    """The units whose findings an edit of `unit_id` can change: itself and, in a maturity
    model, the other units of its group (``stage.aspect-not-assessed`` compares them).
    Review changes (gaps, findings) touch the whole file: re-run :func:`run_checks` then."""
    if catalogue.scoring != "maturity":
        return [unit_id]
    return [u.id for u in catalogue.unit_parent[unit_id].units] or [unit_id]


def _rules_for(catalogue: Catalogue) -> list[Rule]:
    return [r for r in RULES.values() if catalogue.scoring in r.kinds]


def _unit_findings(rules: list[Rule], catalogue: Catalogue, assessment: Assessment,
                   group: Group, unit: Unit) -> list[Finding]:
    ctx = UnitContext(catalogue, assessment, unit, group, assessment.record(unit.id))
    return [Finding(r.id, r.severity, unit.id, group.id, message, unit.points)
            for r in rules for message in r.func(ctx)]


def counts(findings: list[Finding]) -> dict[str, int]:
    """How many findings of each severity (all keys present)."""
    out = dict.fromkeys(SEVERITIES, 0)
    for f in findings:
        out[f.severity] += 1
    return out


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity == "error" for f in findings)


def findings_by_unit(findings: list[Finding]) -> dict[str, list[Finding]]:
    """Findings keyed by unit id (for the navigator's marks and the per-unit export)."""
    out: dict[str, list[Finding]] = {}
    for f in findings:
        out.setdefault(f.unit_id, []).append(f)
    return out
