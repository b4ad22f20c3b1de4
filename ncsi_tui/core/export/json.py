"""JSON export: the full assessment (without internal notes), the scores and the findings.

The document's shape is described by ``docs/export-json.schema.json`` (tested). The
``score`` member is exactly :func:`ncsi_tui.core.judge.scoring.summary_dict`, the contract of
``ncsi summary --json``; ``ncsi check --json`` prints :func:`check_dict`.
"""

from __future__ import annotations

import json
from typing import Any

from ncsi_tui.core.export._common import GENERATOR, public_assessment
from ncsi_tui.core.judge.readiness import Finding, counts
from ncsi_tui.core.judge.scoring import Score, summary_dict
from ncsi_tui.core.model.assessment import Assessment
from ncsi_tui.core.model.catalogue import Catalogue

EXPORT_VERSION = 1


def findings_list(findings: list[Finding]) -> list[dict[str, Any]]:
    return [f.as_dict() for f in findings]


def check_dict(cat: Catalogue, a: Assessment, findings: list[Finding]) -> dict[str, Any]:
    """The `ncsi check --json` document: counts, ok flag and every finding."""
    c = counts(findings)
    return {
        "framework": cat.id,
        "kind": cat.scoring,
        "country": a.country.code,
        "reference_date": a.reference_date.isoformat(),
        "ok": c["error"] == 0,
        "counts": c,
        "findings": findings_list(findings),
    }


def export_dict(
    cat: Catalogue, a: Assessment, score: Score, findings: list[Finding]
) -> dict[str, Any]:
    """The whole export as data (the schema's root object)."""
    return {
        "schema_version": EXPORT_VERSION,  # the name every `--json` document uses
        "export_version": EXPORT_VERSION,
        "generator": GENERATOR,
        "catalogue": {
            "id": cat.id,
            "framework": cat.framework,
            "methodology": cat.methodology,
            "title": cat.title,
            "publisher": cat.publisher,
            "scoring": cat.scoring,
            "stages": [s.id for s in cat.stages],
            "origin": cat.origin,
        },
        "assessment": public_assessment(a),
        "score": summary_dict(cat, a, score),
        "findings": findings_list(findings),
        "finding_counts": counts(findings),
    }


def render(cat: Catalogue, a: Assessment, score: Score, findings: list[Finding]) -> str:
    return json.dumps(export_dict(cat, a, score, findings), indent=2, ensure_ascii=False) + "\n"
