"""How a unit's state is written on screen: a mark *and* a word, never colour alone.

Points: ✓ met, ✗ not met, · not assessed, ! met but no evidence (no text, no reference).
Maturity: the stage's position 1..5 in the catalogue's order, · when not assessed.
"""

from __future__ import annotations

from ncsi_tui.core.model.assessment import Record
from ncsi_tui.core.model.catalogue import Catalogue

MET, NOT_MET, OPEN, NO_EVIDENCE = "✓", "✗", "·", "!"
FULL, RANGE, EMPTY = "█", "▒", "░"
FLAG_ERROR, FLAG_WARNING = "⚑", "⚐"


def has_evidence(rec: Record) -> bool:
    return bool(rec.evidence.strip() or rec.references)


#: (mark, words) of each state a points unit can show
IS_MET, IS_MET_NO_EVIDENCE = (MET, "met"), (NO_EVIDENCE, "met, no evidence yet")
IS_NOT_MET, IS_OPEN = (NOT_MET, "not met"), (OPEN, "not assessed")


def status_mark(rec: Record) -> tuple[str, str]:
    """(mark, words) of a points unit."""
    if rec.status == "met":
        return IS_MET if has_evidence(rec) else IS_MET_NO_EVIDENCE
    if rec.status == "not-met":
        return IS_NOT_MET
    return IS_OPEN


def stage_number(cat: Catalogue, stage: str | None) -> int:
    """1-based position of a stage in the catalogue's scale; 0 when not assessed."""
    ids = cat.stage_ids
    return ids.index(stage) + 1 if stage in ids else 0


def stage_name(cat: Catalogue, stage: str | None) -> str:
    for s in cat.stages:
        if s.id == stage:
            return s.name
    return "not assessed"


def stage_mark(cat: Catalogue, rec: Record) -> tuple[str, str]:
    n = stage_number(cat, rec.stage)
    if not n:
        return IS_OPEN
    return str(n), stage_name(cat, rec.stage)


def unit_marks(cat: Catalogue) -> list[tuple[str, str]]:
    """Every (mark, words) a unit of `cat` can show: to size what shows them."""
    if cat.scoring == "points":
        return [IS_MET, IS_MET_NO_EVIDENCE, IS_NOT_MET, IS_OPEN]
    return [IS_OPEN, *((str(i), s.name) for i, s in enumerate(cat.stages, 1))]


def unit_mark(cat: Catalogue, rec: Record) -> tuple[str, str]:
    """The mark by the catalogue's scoring kind (never by framework id)."""
    return status_mark(rec) if cat.scoring == "points" else stage_mark(cat, rec)


def bar(fraction: float, width: int) -> str:
    """A bar of full and empty cells; shapes, not colour."""
    full = round(max(0.0, min(1.0, fraction)) * width)
    return FULL * full + EMPTY * (width - full)


def stage_bar(cells: int, low: int, high: int) -> str:
    """Five cells: full up to the lowest stage, shaded up to the highest, empty after."""
    return "".join(
        FULL if i <= low else RANGE if i <= high else EMPTY for i in range(1, cells + 1)
    )
