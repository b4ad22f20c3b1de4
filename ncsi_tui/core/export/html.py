"""HTML export: one self-contained, printable page for a reviewer and a minister.

Inline CSS, no scripts and nothing fetched from elsewhere; every text from the catalogue
or the assessment is escaped, and only absolute http(s) URLs become links. Print CSS
starts each section on a new page, so the browser's "print to PDF" (or headless
Chromium's ``--print-to-pdf``, see docs/exports.md) gives the submission pack.
"""

from __future__ import annotations

from html import escape

from ncsi_tui.core.export import _common as c
from ncsi_tui.core.export.svg import maturity_chart, points_chart
from ncsi_tui.core.judge.readiness import Finding, counts, is_http_url
from ncsi_tui.core.judge.scoring import MaturityScore, PointsScore, Score, reconfirm_note
from ncsi_tui.core.model.assessment import Assessment, Record, Reference
from ncsi_tui.core.model.catalogue import Catalogue, Unit

CSS = """
:root { --ink: #1b1f24; --muted: #5b6470; --line: #d5dae1; --accent: #1f5fa8;
  --bar: #1f5fa8; --bar-bg: #e6ebf2; --ok: #1d6b37; --bad: #a4262c; --warn: #8a5a00; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
  max-width: 60rem; margin: 0 auto; padding: 2rem 1.5rem 4rem; }
h1 { font-size: 1.9rem; margin: .2rem 0 .4rem; line-height: 1.2; }
h2 { font-size: 1.35rem; border-bottom: 2px solid var(--ink); padding-bottom: .2rem;
  margin-top: 2.5rem; }
h3 { font-size: 1.05rem; margin: 0 0 .4rem; }
h4 { font-size: .8rem; text-transform: uppercase; letter-spacing: .05em; color: var(--muted);
  margin: .8rem 0 .2rem; }
a { color: var(--accent); overflow-wrap: anywhere; }
.kicker { color: var(--muted); margin: 0; }
.meta-line { color: var(--muted); margin: .2rem 0; }
.total { display: flex; gap: 1.5rem; align-items: baseline; flex-wrap: wrap; margin: 1.2rem 0;
  padding: .8rem 1rem; border: 1px solid var(--line); border-radius: 6px; }
.total .big { font-size: 2.4rem; font-weight: 700; }
figure { margin: 1rem 0; overflow-x: auto; }
figcaption { color: var(--muted); font-size: .85rem; }
svg.chart { width: 100%; height: auto; font: 12px system-ui, sans-serif; }
svg .label { fill: var(--ink); } svg .figure { fill: var(--ink); font-weight: 600; }
svg .stage-head { fill: var(--muted); font-size: 11px; }
svg .bar { fill: var(--bar); } svg .bar-bg { fill: var(--bar-bg); stroke: var(--line); }
svg .cell-full { fill: var(--bar); } svg .cell-empty { fill: #fff; stroke: var(--line); }
svg .cell-range { stroke: var(--bar); } svg .hatch { stroke: var(--bar); stroke-width: 3; }
.category { color: var(--muted); font-weight: 600; margin: 2.5rem 0 0; }
.category + h2 { margin-top: .2rem; }
.score { float: right; font-weight: 600; }
.unit { border: 1px solid var(--line); border-radius: 6px; padding: .8rem 1rem; margin: .9rem 0; }
.uid { color: var(--muted); margin-right: .3rem; }
.badge { display: inline-block; font-size: .8rem; font-weight: 600; padding: .05rem .45rem;
  border: 1px solid currentColor; border-radius: 3px; margin-left: .4rem; white-space: nowrap; }
.badge.met { color: var(--ok); } .badge.not-met { color: var(--bad); }
.badge.not-assessed { color: var(--muted); } .badge.stage { color: var(--accent); }
dl { display: grid; grid-template-columns: 11rem 1fr; gap: .2rem 1rem; margin: .4rem 0; }
dt { color: var(--muted); } dd { margin: 0; }
.evidence { white-space: pre-wrap; margin: 0; }
.none { color: var(--muted); font-style: italic; }
ol.refs { margin: .2rem 0; padding-left: 1.4rem; }
ol.refs li { margin: .3rem 0; }
.ref-meta { color: var(--muted); font-size: .88rem; }
blockquote { margin: .3rem 0 .3rem .2rem; padding-left: .7rem; border-left: 3px solid var(--line); }
blockquote p { margin: 0; } .translation { color: var(--muted); }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; border-bottom: 1px solid var(--line); padding: .25rem .4rem;
  vertical-align: top; }
.sev-error { color: var(--bad); font-weight: 600; }
.sev-warning { color: var(--warn); font-weight: 600; }
.nb { white-space: nowrap; }
.num { text-align: right; } th.num { white-space: nowrap; }
caption { text-align: left; color: var(--muted); padding: .3rem 0; }
footer { margin-top: 3rem; color: var(--muted); font-size: .8rem; }
@page { size: A4; margin: 16mm 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  .section { break-before: page; }
  .unit, figure, tr { break-inside: avoid; }
  h2, h3, h4, .category, .prio { break-after: avoid; page-break-after: avoid; }
  .rec, .uline { break-inside: avoid; }
  a { color: var(--ink); text-decoration: none; }
  a[href^="http"]::after { content: " <" attr(href) ">"; color: var(--muted); font-size: 8pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""

STATUS_MARK = {"met": "✓ Met", "not-met": "✗ Not met", "not-assessed": "– Not assessed"}


def e(text: object) -> str:
    """Escape any value for HTML text and attributes."""
    return escape(str(text), quote=True)


def lang(a: Assessment) -> str:
    """The page's language: the assessment's ``language`` (BCP 47), English by default."""
    return a.language or "en"


def link(url: str, text: str) -> str:
    """A link only for absolute http(s) URLs; anything else stays plain text."""
    if url and is_http_url(url):
        return f'<a href="{e(url)}">{e(text)}</a>'
    return e(text) + (f" <code>{e(url)}</code>" if url else "")


def _reference(ref: Reference) -> str:
    title = ref.title.strip() or ref.url or "Untitled reference"
    parts = [f"<li>{link(ref.url, title)}"]
    bits = " · ".join(f'<span class="nb">{e(b)}</span>' for b in c.reference_details(ref))
    parts.append(f' <span class="ref-meta">{bits}</span>')
    if ref.quote:
        parts.append(f"<blockquote><p>{e(ref.quote)}</p>")
        if ref.quote_en:
            parts.append(f'<p class="translation" lang="en">{e(ref.quote_en)}</p>')
        parts.append("</blockquote>")
    parts.append("</li>")
    return "".join(parts)


def _evidence(rec: Record) -> str:
    out = ["<h4>Evidence</h4>"]
    if rec.evidence.strip():
        out.append(f'<p class="evidence">{e(rec.evidence.strip())}</p>')
    else:
        out.append('<p class="none">No evidence recorded.</p>')
    if rec.references:
        out.append('<h4>References</h4><ol class="refs">')
        out += [_reference(r) for r in rec.references]
        out.append("</ol>")
    if rec.updated_at:
        out.append(f'<p class="meta-line">Last updated {e(rec.updated_at.date())}</p>')
    return "".join(out)


def _points_unit(unit: Unit, rec: Record) -> str:
    got = c.awarded(unit, rec)
    badge = (
        f'<span class="badge {e(rec.status)}">{e(STATUS_MARK[rec.status])} · '
        f"{got}/{unit.points or 0} point{'s' if unit.points != 1 else ''}</span>"
    )
    rows = [("Criterion", unit.criterion or unit.description)]
    if unit.accepted_text or unit.accepts:
        rows.append(("Accepted references", unit.accepted_text or ", ".join(unit.accepts)))
    if unit.window:
        rows.append(("Time window", unit.window.text or unit.window.rule))
    return _unit_block(unit, badge, rows, rec)


def _maturity_unit(cat: Catalogue, unit: Unit, rec: Record) -> str:
    name = c.stage_name(cat, rec.stage)
    badge = f'<span class="badge {"stage" if rec.stage else "not-assessed"}">{e(name)}</span>'
    rows = [("About", unit.description)] if unit.description else []
    if rec.stage and unit.stages.get(rec.stage):
        rows.append((f"{name} means", unit.stages[rec.stage]))
    if rec.target_stage:
        rows.append(("Aiming for", c.stage_name(cat, rec.target_stage)))
    return _unit_block(unit, badge, rows, rec)


def _unit_block(unit: Unit, badge: str, rows: list[tuple[str, str]], rec: Record) -> str:
    dl = "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in rows if v)
    return (
        f'<article class="unit" id="u-{e(unit.id)}">'
        f'<h3><span class="uid">{e(unit.id)}</span>{e(unit.name)}{badge}</h3>'
        + (f"<dl>{dl}</dl>" if dl else "")
        + _evidence(rec)
        + "</article>"
    )


def _header(cat: Catalogue, a: Assessment, score: Score) -> str:
    title = a.title or f"{cat.title}: {a.country.name}"
    out = [
        "<header>",
        f'<p class="kicker">{e(cat.title)} · {e(cat.id)} (methodology {e(cat.methodology)})</p>',
        f"<h1>{e(title)}</h1>",
        f'<p class="meta-line">{e(a.country.name)} ({e(a.country.code)}) · '
        f"reference date {e(a.reference_date)}</p>",
    ]
    if a.organisations:
        out.append(f'<p class="meta-line">Contributors: {e(", ".join(a.organisations))}</p>')
    if a.source:
        out.append(f'<p class="meta-line">Source: {e(a.source)}</p>')
    if isinstance(score, PointsScore):
        t = score.total
        out.append(
            f'<div class="total"><span class="big">{t.percent:.2f}</span>'
            f"<span><strong>{t.points} of {t.max} points</strong></span>"
            f"<span>publicly evidenced {t.public_points}/{t.max} = {t.public_percent:.2f}</span>"
            f"<span>met {score.met} · not met {score.not_met} · "
            f"not assessed {score.not_assessed}{e(reconfirm_note(score))}</span></div>"
        )
        out.append(
            f"<figure>{points_chart(score.sections)}<figcaption>Points by "
            f"{e(cat.levels[-2])}: bar filled to the points met, figures as "
            f"points/maximum and percent.</figcaption></figure>"
        )
    elif isinstance(score, MaturityScore):
        out.append(
            f'<div class="total"><span class="big">{score.assessed}/{score.units}</span>'
            f"<span><strong>units assessed ({score.assessed_share:.0f}%"
            f"{e(reconfirm_note(score))})</strong></span></div>"
        )
        out.append(_stage_table(cat, score))
    out.append("</header>")
    return "".join(out)


def _stage_table(cat: Catalogue, score: MaturityScore) -> str:
    """Per dimension: how many units stand at each stage (the profile at a glance)."""
    head = "".join(f'<th class="num">{e(s.name)}</th>' for s in cat.stages)
    rows = []
    for d in score.dimensions:
        units = sum(len(f.units) for f in d.factors)
        cells = "".join(
            f'<td class="num">{d.stage_counts.get(s.id, 0) or "·"}</td>' for s in cat.stages
        )
        rest = units - sum(d.stage_counts.values())
        rows.append(
            f'<tr><td><a href="#g-{e(d.id)}">{e(d.id)}</a> {e(d.name)}</td>{cells}'
            f'<td class="num">{rest or "·"}</td></tr>'
        )
    return (
        f'<table class="stages"><caption>Units per stage, by {e(cat.levels[0])}</caption>'
        f"<thead><tr><th>{e(cat.levels[0].capitalize())}</th>{head}"
        f'<th class="num">Not assessed</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def _sections(cat: Catalogue, a: Assessment, score: Score) -> str:
    out: list[str] = []
    tallies = {t.id: t for t in score.sections} if isinstance(score, PointsScore) else {}
    if isinstance(score, MaturityScore):
        names = {s.id: s.name for s in cat.stages}
        for top, dim in zip(cat.groups, score.dimensions, strict=True):
            counts_ = ", ".join(f"{names[k]} {v}" for k, v in dim.stage_counts.items() if v)
            out.append(
                f'<section class="section" id="g-{e(top.id)}"><h2>{e(top.id)} {e(top.name)}</h2>'
                f"<figure>{maturity_chart(dim, score.stages, names)}<figcaption>Stage by "
                f"{e(cat.levels[1])}: solid cells up to the lowest stage of its units, hatched "
                f"up to the highest. Units per stage: {e(counts_ or 'none assessed')}."
                f"</figcaption></figure>"
            )
            for sec in (s for s in c.sections(cat) if s.top.id == top.id):
                out.append(f"<h3>{e(sec.group.id)} {e(sec.group.name)}</h3>")
                out += [_maturity_unit(cat, u, a.record(u.id)) for u in sec.group.units]
            out.append("</section>")
        return "".join(out)
    current_top = None
    for sec in c.sections(cat):
        t = tallies.get(sec.group.id)
        out.append(f'<section class="section" id="g-{e(sec.group.id)}">')
        if sec.top.id != current_top:
            current_top = sec.top.id
            out.append(f'<p class="category">{e(sec.top.name)}</p>')
        score_txt = f'<span class="score">{e(t.label())}</span>' if t else ""
        out.append(f"<h2>{e(sec.group.id)}. {e(sec.group.name)}{score_txt}</h2>")
        out += [_points_unit(u, a.record(u.id)) for u in sec.group.units]
        out.append("</section>")
    return "".join(out)


def _readiness(cat: Catalogue, findings: list[Finding]) -> str:
    n = counts(findings)
    out = [
        '<section class="section" id="readiness"><h2>Readiness check</h2>',
        f"<p>{n['error']} error(s), {n['warning']} warning(s) at export time.</p>",
    ]
    problems = [f for f in findings if f.severity != "info"]
    if problems:
        out.append(
            "<table><thead><tr><th>Severity</th><th>Unit</th><th>What to do</th>"
            "<th>Rule</th></tr></thead><tbody>"
        )
        for f in problems:
            out.append(
                f'<tr><td class="sev-{e(f.severity)}">{e(f.severity)}</td>'
                f'<td><a href="#u-{e(f.unit_id)}">{e(f.unit_id)}</a></td>'
                f"<td>{e(f.message)}</td><td><code>{e(f.rule)}</code></td></tr>"
            )
        out.append("</tbody></table>")
    work = [f for f in findings if f.severity == "info"]
    if work:
        out.append(
            f"<h3>Open work: {len(work)} {e(cat.levels[-1])}(s) not met, most points first</h3>"
        )
        out.append(
            "<table><thead><tr><th>Points</th><th>Unit</th><th>Name</th></tr></thead><tbody>"
        )
        for f in work:
            name = cat.unit_index[f.unit_id].name if f.unit_id in cat.unit_index else ""
            out.append(
                f'<tr><td>+{e(f.points or 0)}</td><td><a href="#u-{e(f.unit_id)}">'
                f"{e(f.unit_id)}</a></td><td>{e(name)}</td></tr>"
            )
        out.append("</tbody></table>")
    out.append("</section>")
    return "".join(out)


def render(cat: Catalogue, a: Assessment, score: Score, findings: list[Finding]) -> str:
    """The whole page. Pass no findings to leave the readiness section out."""
    title = a.title or f"{cat.title}: {a.country.name}"
    body = _header(cat, a, score) + "<main>" + _sections(cat, a, score)
    if findings:
        body += _readiness(cat, findings)
    body += "</main>"
    body += (
        f"<footer>Made with ncsi-tui from the {e(cat.id)} catalogue ({e(cat.publisher)}). "
        f"Internal notes are not included. {e(c.catalogue_line(cat))}</footer>"
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{e(lang(a))}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"{c.HTML_MARK}<title>{e(title)}</title><style>{CSS}</style></head>\n"
        f"<body>{body}</body></html>\n"
    )
