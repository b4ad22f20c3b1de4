"""`ncsi export --format report-docx`: the review report draft as a Word document.

The same parts as the HTML and Markdown drafts (core/export/report.py): country context,
method, profile, findings by dimension, recommendations by priority. What stays out:
internal notes, the consultation notes, contacts and meeting places. Built from Word's
named styles so a ministry restyles it in Word (see _word.py).
"""

from __future__ import annotations

from ncsi_tui.core.export import _common as c
from ncsi_tui.core.export import _word as w
from ncsi_tui.core.export._office import xml_safe_assessment
from ncsi_tui.core.export.report import (
    dates_text,
    name_of,
    recommendations_by_dimension,
    report_title,
)
from ncsi_tui.core.judge.readiness import Finding
from ncsi_tui.core.judge.scoring import Score
from ncsi_tui.core.model.assessment import Assessment
from ncsi_tui.core.model.catalogue import Catalogue
from ncsi_tui.core.model.review import open_gaps, session_covers, sessions_by_day

BINARY = True


def render(cat: Catalogue, a: Assessment, score: Score, findings: list[Finding]) -> bytes:
    """The report draft's bytes; readiness findings are not part of a report."""
    a = xml_safe_assessment(a)
    rv = a.review
    title = report_title(cat, a)
    doc = w.new_document(cat, a, title)
    doc.add_paragraph("DRAFT").runs[0].bold = True
    doc.add_heading(title, level=0)
    doc.add_paragraph(f"{cat.title} ({cat.id}) · reference date {a.reference_date.isoformat()}"
                      + (f" · {', '.join(a.organisations)}" if a.organisations else ""))
    doc.add_heading("1. Country context", level=1)
    context = rv.context.strip()
    for para in context.split("\n\n") if context else ["To be written."]:
        doc.add_paragraph(para)
    doc.add_heading("2. Method", level=1)
    doc.add_paragraph(f"Desk research and a consultation with {len(rv.clusters)} stakeholder "
                      f"cluster(s), {dates_text(rv)}.")
    if rv.clusters:
        w.table(doc, ["Cluster", "Organisations", "Spoke to"],
                [(cl.name, ", ".join(cl.organisations),
                  "; ".join(f"{x} {name_of(cat, x)}" for x in cl.covers)) for cl in rv.clusters])
    days = sessions_by_day(rv)
    if days:
        doc.add_paragraph("Consultation sessions")
        rows = []
        for day, sessions in days:
            for s in sessions:
                cl = next((x.name for x in rv.clusters if x.id == s.cluster), s.cluster)
                rows.append((day.isoformat(), s.time, cl, ", ".join(session_covers(rv, s))))
        w.table(doc, ["Day", "Time", "Cluster", "Topics"], rows)
    doc.add_heading("3. Profile", level=1)
    w.profile(doc, cat, score)
    doc.add_heading(f"4. Findings by {cat.levels[0]}", level=1)
    gaps = {g.unit: g for g in open_gaps(a)}
    for top in cat.groups:
        doc.add_heading(c.group_label(top), level=2)
        for leaf in (g for g in cat.leaf_groups if cat.top_of[g.id].id == top.id):
            doc.add_heading(c.group_label(leaf), level=3)
            for unit in leaf.units:
                rec = a.record(unit.id)
                p = doc.add_paragraph()
                p.add_run(f"{unit.id} {unit.name}: ").bold = True
                p.add_run(c.state(cat, rec))
                if unit.id in gaps:
                    p.add_run(f" — open: {gaps[unit.id].label}").italic = True
                if rec.evidence.strip():
                    doc.add_paragraph(rec.evidence.strip())
                w.references(doc, rec.references)
    doc.add_heading("5. Recommendations", level=1)
    if not rv.recommendations:
        doc.add_paragraph("No recommendations yet.")
    for top, groups in recommendations_by_dimension(cat, rv):
        doc.add_heading(c.group_label(top), level=2)
        for prio, recs in groups:
            doc.add_heading(f"{prio.capitalize()} priority", level=3)
            for r in recs:
                p = doc.add_paragraph(style="List Bullet")
                p.add_run(f"{r.id} ").bold = True
                p.add_run(f"({r.unit} {name_of(cat, r.unit)}) {r.text}")
                bits = [r.owner and f"owner: {r.owner}", r.due and f"due {r.due}",
                        f"status: {r.status}"]
                p.add_run(" — " + " · ".join(str(b) for b in bits if b)).italic = True
                w.references(doc, r.references)
    doc.add_paragraph("Draft made with ncsi-tui. Internal notes, consultation notes and "
                      "contacts are not included.")
    return w.to_bytes(doc)
