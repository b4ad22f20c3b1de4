"""What every export shows, computed once: unit states, reference lines, public records.

Nothing here reads ``Record.notes``: :func:`public_record` is the only way a record's
fields reach an export, and it leaves the internal notes out.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ncsi_tui import GENERATOR
from ncsi_tui.core.model.assessment import Assessment, Record, Reference
from ncsi_tui.core.model.catalogue import REFERENCE_KINDS, Catalogue, Group, Unit
from ncsi_tui.core.model.reference import validity_text

#: Who made an export; every text export carries it near its start (HTML
#: ``<meta name="generator">``, Markdown ``<!-- generator: ... -->``, JSON ``generator``),
#: which is how a later export knows it may replace the file (core/files/places.py).
#: GENERATOR itself lives in the package root (the --json documents name it too).
MD_MARK = f"<!-- generator: {GENERATOR} -->"
HTML_MARK = f'<meta name="generator" content="{GENERATOR}">'
#: after a PDF's last ``%%EOF``: a comment readers skip (core/files/places.py finds it)
PDF_MARK = f"\n%generator: {GENERATOR}\n".encode()


def catalogue_line(cat: Catalogue) -> str:
    """Which catalogue file the scores come from: bundled, or its path and sha256."""
    return f"Catalogue {cat.id}: {cat.origin}"


#: Record fields that are internal to the team and never leave the tool.
INTERNAL_FIELDS = frozenset({"notes"})


def public_record(rec: Record) -> dict[str, Any]:
    """A record as JSON-ready data without its internal fields."""
    return rec.model_dump(mode="json", exclude=set(INTERNAL_FIELDS))


#: Parts of the optional review (core/model/review.py) that are working material, not report:
#: what was heard in sessions, gap notes, people's contact details, and where sessions
#: meet (often a video link with its passcode).
INTERNAL_REVIEW: dict[str, Any] = {
    "findings": True,
    "gaps": {"__all__": {"note"}},
    "clusters": {"__all__": {"contacts"}},
    "sessions": {"__all__": {"place"}},
}


def public_assessment(a: Assessment) -> dict[str, Any]:
    """The whole assessment as JSON-ready data without internal fields."""
    data = a.model_dump(
        mode="json", by_alias=True, exclude={"indicators": True, "review": INTERNAL_REVIEW}
    )
    data["indicators"] = {uid: public_record(rec) for uid, rec in a.indicators.items()}
    return data


def stage_name(cat: Catalogue, stage_id: str | None) -> str:
    for s in cat.stages:
        if s.id == stage_id:
            return s.name
    return "Not assessed" if stage_id is None else stage_id


def state(cat: Catalogue, rec: Record) -> str:
    """The unit's state in words: met / not met / not assessed, or the stage's name."""
    if cat.scoring == "maturity":
        return stage_name(cat, rec.stage)
    return rec.status.replace("-", " ")


def awarded(unit: Unit, rec: Record) -> int:
    return (unit.points or 0) if rec.status == "met" else 0


def reference_details(ref: Reference) -> list[str]:
    """Kind, locator, dates and access of a reference, as short phrases."""
    bits = [REFERENCE_KINDS.get(ref.kind, ref.kind)]
    if ref.locator:
        bits.append(ref.locator)
    if ref.published:
        bits.append(f"published {ref.published}")
    if validity := validity_text(ref):
        bits.append(validity)
    if ref.accessed:
        bits.append(f"accessed {ref.accessed}")
    if ref.access == "restricted":
        bits.append("restricted (not public)")
    return bits


@dataclass(frozen=True)
class Section:
    """A leaf group (NCSI section, CMM factor) with the top group it belongs to."""

    top: Group
    group: Group


def sections(cat: Catalogue) -> Iterator[Section]:
    for g in cat.leaf_groups:
        yield Section(cat.top_of[g.id], g)


def group_label(g: Group) -> str:
    """A heading for a group: "1 Cyber security policy development", "D1 Cybersecurity Policy
    and Strategy"; a group whose id is a word (the NCSI's categories: ``general``) by name
    alone, never "general General cyber security indicators"."""
    return f"{g.id} {g.name}" if any(ch.isdigit() for ch in g.id) else g.name


def level(cat: Catalogue, depth: int) -> str:
    """The name of a tree level ('section', 'factor'), capitalised, for headings."""
    names = cat.levels
    return names[min(depth, len(names) - 1)].capitalize()
