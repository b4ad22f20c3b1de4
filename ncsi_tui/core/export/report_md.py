"""`ncsi export --format report-md`: the review report draft (see core/export/report.py)."""

from __future__ import annotations

from ncsi_tui.core.export.report import render_markdown
from ncsi_tui.core.judge.readiness import Finding
from ncsi_tui.core.judge.scoring import Score
from ncsi_tui.core.model.assessment import Assessment
from ncsi_tui.core.model.catalogue import Catalogue


def render(cat: Catalogue, a: Assessment, score: Score, findings: list[Finding]) -> str:
    """The export package's renderer signature; readiness findings are not part of a report."""
    return render_markdown(cat, a, score)
