"""Readiness rules for maturity frameworks only (CMM): stages a reviewer will test.

Registered into the same registry as the general rules (``rule_base.RULES``);
``readiness.run_checks`` runs them for catalogues whose scoring is ``maturity``.
"""

from __future__ import annotations

from collections.abc import Iterator

from ncsi_tui.core.judge.rule_base import UnitContext, evidence_date, rule, years_before

#: Maturity models: evidence dated longer ago than this before the reference date is stale.
MATURITY_EVIDENCE_YEARS = 2
#: Maturity models: the highest stages of the scale (strategic, dynamic in the CMM) need
#: a reference a reviewer can read, not only the team's own words.
TOP_STAGES_NEEDING_REFERENCE = 2


@rule(
    "stage.reference-missing",
    "error",
    "one of the highest stages claimed with no reference",
    kinds=("maturity",),
)
def _stage_reference_missing(ctx: UnitContext) -> Iterator[str]:
    stages = ctx.catalogue.stage_ids
    top = stages[-TOP_STAGES_NEEDING_REFERENCE:]
    if ctx.record.stage in top and not ctx.record.references:
        yield (
            f"stage '{ctx.record.stage}' claimed with no reference: a review accepts "
            f"{' or '.join(top)} only on documents it can read; add one"
        )


@rule(
    "evidence.stale",
    "warning",
    f"evidence dated more than {MATURITY_EVIDENCE_YEARS} years before the reference date",
    kinds=("maturity",),
)
def _stale(ctx: UnitContext) -> Iterator[str]:
    if not ctx.claimed or ctx.unit.window is not None:
        return  # a unit with its own window is checked by the window rules
    dates = [d for d in map(evidence_date, ctx.record.references) if d]
    cutoff = years_before(ctx.reference_date, MATURITY_EVIDENCE_YEARS)
    if dates and max(dates) < cutoff:
        yield (
            f"the newest evidence is dated {max(dates)}, more than "
            f"{MATURITY_EVIDENCE_YEARS} years before the reference date "
            f"{ctx.reference_date}: add current evidence that the stage still holds"
        )


@rule(
    "stage.aspect-not-assessed",
    "warning",
    "a unit left not assessed in a group whose other units are assessed",
    kinds=("maturity",),
)
def _aspect_not_assessed(ctx: UnitContext) -> Iterator[str]:
    if ctx.record.stage is not None or len(ctx.group.units) < 2:
        return
    others = [u.id for u in ctx.group.units if ctx.assessment.record(u.id).stage is not None]
    if others:
        yield (
            f"not assessed, while {', '.join(others)} of {ctx.group.id} "
            f"{'is' if len(others) == 1 else 'are'}: record its stage so the "
            f"{ctx.catalogue.levels[-2]} range is complete"
        )
