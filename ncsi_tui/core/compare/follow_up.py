"""The year after a review: what moved, what became of each recommendation (issue 12).

``follow_up(cat, old, new)`` compares the assessment at the review with a later one. The
unit-by-unit comparison is core.diff's (which takes its scores from core.scoring); this
module keeps only the units whose stage or status changed, pairs the recommendations
by id, and says which changes no recommendation asked for. The two files may use different
catalogues (a CMM 2016 review followed up in 2021): units then pair as in
:mod:`ncsi_tui.core.compare.pairing`, only paired units count as moved, an old
recommendation follows its unit into the new catalogue, and :attr:`FollowUp.note` says so
first in every format. ``ncsi follow-up`` prints it
(text, Markdown, HTML or the JSON contract of :meth:`FollowUp.to_dict`); the app's
compare screen can show the same object.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ncsi_tui.core.compare.diff import compare
from ncsi_tui.core.compare.pairing import Pairing
from ncsi_tui.core.model.assessment import Assessment, Reference
from ncsi_tui.core.model.catalogue import Catalogue, Group
from ncsi_tui.core.model.crosswalk import Crosswalk
from ncsi_tui.core.model.review import Recommendation, natural_key, top_group_of, units_under


@dataclass(frozen=True)
class StateChange:
    """A unit whose stage (maturity) or status (points) differs between the two files."""

    id: str
    name: str
    dimension: str
    before: str
    after: str
    direction: str
    recommendations: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "before": self.before, "after": self.after,
                "direction": self.direction}


@dataclass(frozen=True)
class RecommendationProgress:
    """One recommendation: its status at the review and now, and its evidence now."""

    id: str
    unit: str
    dimension: str
    text: str
    priority: str
    owner: str
    status_before: str | None
    status_after: str | None
    progress: str
    references: tuple[Reference, ...]
    new_references: int

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "unit": self.unit, "status_before": self.status_before,
                "status_after": self.status_after,
                "references": [reference_dict(r) for r in self.references]}


def reference_dict(ref: Reference) -> dict[str, Any]:
    """kind, title and url always; the other fields only when set."""
    data = ref.model_dump(mode="json")
    keep = ("kind", "title", "url")
    return {k: v for k, v in data.items() if k in keep or v not in ("", None, "public")}


@dataclass(frozen=True)
class DimensionFollowUp:
    """The per-dimension skeleton an official completes into a narrative."""

    id: str
    name: str
    changes: tuple[StateChange, ...]
    recommendations: tuple[RecommendationProgress, ...]


@dataclass(frozen=True)
class FollowUp:
    kind: str
    framework: str
    before_date: str
    after_date: str
    changes: tuple[StateChange, ...]
    recommendations: tuple[RecommendationProgress, ...]
    unchanged: int
    dimensions: tuple[DimensionFollowUp, ...]
    #: whose assessment: "Examplia (XE)", and the later assessment's title and language
    country: str = ""
    title: str = ""
    language: str = ""
    note: str = ""  # different catalogues: what every rendering says first

    @property
    def without_recommendation(self) -> tuple[StateChange, ...]:
        """Changes that no recommendation (on the unit or a group above it) asked for."""
        return tuple(c for c in self.changes if not c.recommendations)

    def to_dict(self) -> dict[str, Any]:
        """The `ncsi follow-up --format json` contract (issue 12): exactly these keys, and
        `different_catalogues` first when the two files use different catalogues."""
        head = {"different_catalogues": self.note} if self.note else {}
        return {
            **head,
            "changes": [c.to_dict() for c in self.changes],
            "recommendations": [r.to_dict() for r in self.recommendations],
            "unchanged": self.unchanged,
        }


def _dimension(cat: Catalogue, ref: str) -> Group | None:
    return top_group_of(cat, ref)


def follow_up(
    cat: Catalogue,
    old: Assessment,
    new: Assessment,
    *,
    old_cat: Catalogue | None = None,
    crosswalk: Crosswalk | None = None,
) -> FollowUp:
    """Compare the assessment at the review (`old`) with a later one (`new`, of `cat`).

    `old_cat` is the old file's catalogue when it differs from `cat` (then `crosswalk`,
    if any, pairs the units). Raises InputError for different frameworks."""
    old_cat = old_cat or cat
    diff = compare(old_cat, old, cat, new, old_label="review", new_label="now",
                   allow_mapping=old_cat.id != cat.id, crosswalk=crosswalk)
    old_recs = {r.id: r for r in old.review.recommendations}
    new_recs = {r.id: r for r in new.review.recommendations}
    all_recs: list[Recommendation] = [
        new_recs.get(rid) or old_recs[rid]
        for rid in sorted({*old_recs, *new_recs}, key=natural_key)
    ]
    moved_to = _moved_to(diff.mapping)
    targets: dict[str, tuple[str, ...]] = {}
    for r in all_recs:
        if r.id in new_recs or diff.mapping is None:
            targets[r.id] = units_under(cat, r.unit)
        else:  # an old recommendation: its old units, followed into the new catalogue
            targets[r.id] = tuple(n for o in units_under(old_cat, r.unit) for n in moved_to.get(o, ()))
    covering: dict[str, list[str]] = {}
    for r in all_recs:
        for uid in targets[r.id]:
            covering.setdefault(uid, []).append(r.id)
    changes = tuple(
        StateChange(
            u.id, u.name, (_dimension(cat, u.id) or cat.groups[0]).id, u.before, u.after,
            u.direction, tuple(covering.get(u.id, ())),
        )
        for u in diff.units
        if u.state_changed and u.id in cat.unit_index and u.in_catalogue == "both"
    )
    progress = []
    for r in all_recs:
        before, after = old_recs.get(r.id), new_recs.get(r.id)
        dim = _dimension(cat, r.unit if r.id in new_recs or diff.mapping is None
                         else next(iter(targets[r.id]), ""))
        old_refs = {_ref_key(x) for x in before.references} if before else set()
        refs = tuple(after.references) if after else ()
        progress.append(
            RecommendationProgress(
                r.id, r.unit, dim.id if dim else "", r.text, r.priority, r.owner,
                before.status if before else None, after.status if after else None,
                after.progress if after else "", refs,
                sum(1 for x in refs if _ref_key(x) not in old_refs),
            )
        )
    dims = tuple(
        DimensionFollowUp(
            top.id, top.name,
            tuple(c for c in changes if c.dimension == top.id),
            tuple(p for p in progress if p.dimension == top.id),
        )
        for top in cat.groups
    )
    return FollowUp(
        kind=cat.scoring,
        framework=cat.id,
        before_date=old.reference_date.isoformat(),
        after_date=new.reference_date.isoformat(),
        changes=changes,
        recommendations=tuple(progress),
        unchanged=(len(diff.mapping.pairs) if diff.mapping else len(cat.units)) - len(changes),
        dimensions=dims,
        country=f"{new.country.name} ({new.country.code})",
        title=new.title or old.title,
        language=new.language or old.language,
        note=diff.note,
    )


def _moved_to(pairing: Pairing | None) -> dict[str, tuple[str, ...]]:
    """Old unit id -> the new unit ids it is paired with (several when split)."""
    out: dict[str, tuple[str, ...]] = {}
    for p in pairing.pairs if pairing else ():
        for o in p.old:
            out[o] = (*out.get(o, ()), p.new)
    return out


def _ref_key(r: Reference) -> tuple[str, str, str]:
    return (r.kind, r.title, r.url)
