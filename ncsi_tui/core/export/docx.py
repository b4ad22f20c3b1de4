"""DOCX export (python-docx): the submission pack as a Word document a ministry can edit.

Title and figures first (total index, or the stage of every factor), then one heading and
one table per section or factor, and for every unit its criterion, state, evidence and
references with their quotes; the readiness findings last. Internal notes and the review
are never included. Built from Word's own named styles (see _word.py).
"""

from __future__ import annotations

from ncsi_tui.core.export import _common as c
from ncsi_tui.core.export import _word as w
from ncsi_tui.core.export._office import xml_safe_assessment
from ncsi_tui.core.judge.readiness import Finding, counts
from ncsi_tui.core.judge.scoring import Score
from ncsi_tui.core.model.assessment import Assessment
from ncsi_tui.core.model.catalogue import Catalogue, Unit

BINARY = True


def _unit(doc, cat: Catalogue, a: Assessment, unit: Unit) -> None:  # type: ignore[no-untyped-def]
    rec = a.record(unit.id)
    state = c.state(cat, rec)
    if cat.scoring == "points":
        state += f" · {c.awarded(unit, rec)}/{unit.points or 0} points"
    doc.add_heading(f"{unit.id} {unit.name} — {state}", level=3)
    if unit.criterion or unit.description:
        p = doc.add_paragraph()
        p.add_run("Criterion: ").bold = True
        p.add_run(unit.criterion or unit.description)
    if unit.accepted_text:
        p = doc.add_paragraph()
        p.add_run("Accepted references: ").bold = True
        p.add_run(unit.accepted_text)
    if rec.target_stage:
        doc.add_paragraph(f"Aiming for: {c.stage_name(cat, rec.target_stage)}")
    if rec.reconfirm:
        doc.add_paragraph("Carried forward from an earlier assessment: to re-confirm.")
    if rec.evidence.strip():
        for para in rec.evidence.strip().split("\n\n"):
            doc.add_paragraph(para)
    else:
        doc.add_paragraph("No evidence recorded.")
    w.references(doc, rec.references)


def render(cat: Catalogue, a: Assessment, score: Score, findings: list[Finding]) -> bytes:
    """The pack's bytes. Pass no findings to leave the readiness section out."""
    a = xml_safe_assessment(a)
    title = a.title or f"{cat.title}: {a.country.name}"
    doc = w.new_document(cat, a, title)
    doc.add_heading(title, level=0)
    doc.add_paragraph(f"{a.country.name} ({a.country.code}) · {cat.title} ({cat.id}) · "
                      f"reference date {a.reference_date.isoformat()}"
                      + (f" · {', '.join(a.organisations)}" if a.organisations else ""))
    doc.add_heading("Summary", level=1)
    w.profile(doc, cat, score)
    top_seen = None
    for sec in c.sections(cat):
        if sec.top.id != top_seen:
            top_seen = sec.top.id
            doc.add_heading(c.group_label(sec.top), level=1)
        doc.add_heading(c.group_label(sec.group), level=2)
        rows = []
        for unit in sec.group.units:
            rec = a.record(unit.id)
            figure = (f"{c.awarded(unit, rec)}/{unit.points or 0}" if cat.scoring == "points"
                      else c.stage_name(cat, rec.target_stage) if rec.target_stage else "")
            rows.append((unit.id, unit.name, c.state(cat, rec), figure))
        w.table(doc, ["ID", cat.levels[-1].capitalize(), "State",
                      "Points" if cat.scoring == "points" else "Target"], rows,
                widths=(1.6, 9, 3.2, 2.2))
        for unit in sec.group.units:
            _unit(doc, cat, a, unit)
    if findings:
        n = counts(findings)
        doc.add_heading("Readiness check", level=1)
        doc.add_paragraph(f"{n['error']} error(s), {n['warning']} warning(s) at export time.")
        problems = [f for f in findings if f.severity != "info"]
        if problems:
            w.table(doc, ["Severity", "Unit", "What to do"],
                    [(f.severity, f.unit_id, f.message) for f in problems], widths=(2, 1.6, 12))
    doc.add_paragraph("Made with ncsi-tui. Internal notes are not included.")
    return w.to_bytes(doc)
