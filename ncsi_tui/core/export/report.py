"""The review report draft (issue 12): context, method, profile, findings, recommendations.

Pure functions of (catalogue, assessment, score). Same page style and charts as the HTML
export (core/export/html.py's CSS, core/export/svg.py). What stays out: internal notes
(``Record.notes``), the consultation notes (``review.findings``), contacts and meeting
places; the report is written to be shared with the government.

Used by ``ncsi export --format report-html|report-md`` through report_html.py and
report_md.py (the export package's one-module-per-format convention).
"""

from __future__ import annotations

from collections.abc import Iterator
from html import escape

from ncsi_tui.core.export import _common as c
from ncsi_tui.core.export.html import CSS, STATUS_MARK, lang
from ncsi_tui.core.export.markdown import cell, md
from ncsi_tui.core.export.svg import maturity_chart, points_chart
from ncsi_tui.core.judge.readiness import is_http_url
from ncsi_tui.core.judge.scoring import MaturityScore, PointsScore, Score
from ncsi_tui.core.model.assessment import Assessment, Record, Reference
from ncsi_tui.core.model.catalogue import Catalogue, Group
from ncsi_tui.core.model.review import (
    PRIORITIES,
    Gap,
    Recommendation,
    Review,
    group_index,
    natural_key,
    open_gaps,
    session_covers,
    sessions_by_day,
    top_group_of,
)

EXTRA_CSS = """
.draft { color: var(--bad); font-weight: 600; letter-spacing: .08em; }
.context p { margin: .4rem 0; white-space: pre-wrap; }
h4.factor { text-transform: none; letter-spacing: 0; color: var(--ink); font-size: 1rem;
  margin-top: 1.2rem; }
.uline { margin: 0 0 .3rem; font-weight: 600; }
.uline.empty { margin: .3rem 0 .3rem 1rem; font-weight: 400; color: var(--muted); }
.gap { color: var(--warn); font-weight: 600; }
.keep { break-inside: avoid; page-break-inside: avoid; }
.rec { border-left: 4px solid var(--line); padding: .3rem .8rem; margin: .6rem 0; }
.rec.high { border-left-color: var(--bad); } .rec.medium { border-left-color: var(--warn); }
.prio { font-size: .8rem; text-transform: uppercase; letter-spacing: .05em; color: var(--muted);
  margin: .8rem 0 .2rem; }
"""


def e(text: object) -> str:
    return escape(str(text), quote=True)


def _link(url: str, text: str) -> str:
    if url and is_http_url(url):
        return f'<a href="{e(url)}">{e(text)}</a>'
    return e(text)


def report_title(cat: Catalogue, a: Assessment) -> str:
    return f"{a.country.name}: review against the {cat.title}"


def _stage_names(cat: Catalogue) -> dict[str, str]:
    return {s.id: s.name for s in cat.stages}


def name_of(cat: Catalogue, ref: str) -> str:
    unit = cat.unit_index.get(ref)
    if unit is not None:
        return unit.name
    g = group_index(cat).get(ref)
    return g.name if g else ref


def dates_text(rv: Review) -> str:
    days = [d for d, _ in sessions_by_day(rv)]
    if not days:
        return "no consultation dates planned yet"
    if len(days) == 1:
        return f"on {days[0].isoformat()}"
    return f"{len(days)} days, {days[0].isoformat()} to {days[-1].isoformat()}"


def recommendations_by_dimension(
    cat: Catalogue, rv: Review
) -> Iterator[tuple[Group, list[tuple[str, list[Recommendation]]]]]:
    """Dimensions (catalogue order) with their recommendations by priority, high first."""
    for top in cat.groups:
        mine = [r for r in rv.recommendations if (g := top_group_of(cat, r.unit)) is not None
                and g.id == top.id]
        if not mine:
            continue
        yield top, [
            (p, sorted((r for r in mine if r.priority == p), key=lambda r: natural_key(r.id)))
            for p in PRIORITIES
            if any(r.priority == p for r in mine)
        ]


# --- HTML ----------------------------------------------------------------------------------


def _quote_html(r: Reference) -> str:
    if not r.quote:
        return ""
    en = f'<p class="translation" lang="en">{e(r.quote_en)}</p>' if r.quote_en else ""
    return f"<blockquote><p>{e(r.quote)}</p>{en}</blockquote>"


def _refs_html(refs: list[Reference]) -> str:
    if not refs:
        return ""
    items = "".join(
        f"<li>{_link(r.url, r.title or r.url)} <span class=\"ref-meta\">"
        f"{e(' · '.join(c.reference_details(r)))}</span>{_quote_html(r)}</li>" for r in refs
    )
    return f'<ol class="refs">{items}</ol>'


def _badge(cat: Catalogue, rec: Record) -> str:
    """Met, not met and not assessed look different, in words and marks, not colour alone."""
    if cat.scoring == "points":
        return f'<span class="badge {e(rec.status)}">{e(STATUS_MARK[rec.status])}</span>'
    cls = "stage" if rec.stage else "not-assessed"
    return f'<span class="badge {cls}">{e(c.state(cat, rec))}</span>'


def _profile_html(cat: Catalogue, score: Score) -> str:
    if isinstance(score, MaturityScore):
        charts = "".join(f'<p class="prio">{e(d.id)} {e(d.name)}</p>'
                         + maturity_chart(d, score.stages, _stage_names(cat))
                         for d in score.dimensions)
        caption = (f"Stage of every {e(cat.levels[-2])} by {e(cat.levels[0])}: solid up to the "
                   "lowest stage of its units, hatched up to the highest.")
    else:
        assert isinstance(score, PointsScore)
        tot = score.total
        charts = (f'<p class="total"><span class="big">{tot.percent:.2f}</span> total index: '
                  f"{tot.points} of {tot.max} points; {score.met} met, {score.not_met} not met, "
                  f"{score.not_assessed} not assessed</p>" + points_chart(score.sections))
        caption = f"Points by {e(cat.levels[-2])}: bar filled to the points met."
    if score.to_reconfirm:
        caption += (f" {score.to_reconfirm} record(s) carried forward from an earlier assessment "
                    "are not yet re-confirmed.")
    return f'<figure class="profile">{charts}<figcaption>{caption}</figcaption></figure>'


def _method_html(cat: Catalogue, a: Assessment) -> list[str]:
    rv = a.review
    out = ["<section><h2>2. Method</h2>",
           f"<p>Desk research and a consultation with {len(rv.clusters)} stakeholder "
           f"cluster(s), {e(dates_text(rv))}.</p>"]
    if rv.clusters:
        out.append("<table><thead><tr><th>Cluster</th><th>Organisations</th><th>Spoke to</th>"
                   "</tr></thead><tbody>")
        for cl in rv.clusters:
            covers = "; ".join(f"{x} {name_of(cat, x)}" for x in cl.covers)
            out.append(f"<tr><td>{e(cl.name)}</td><td>{e(', '.join(cl.organisations))}</td>"
                       f"<td>{e(covers)}</td></tr>")
        out.append("</tbody></table>")
    days = sessions_by_day(rv)
    if days:
        out.append("<table><caption>Consultation sessions</caption><thead><tr><th>Day</th>"
                   "<th>Time</th><th>Cluster</th><th>Topics</th></tr></thead><tbody>")
        for day, sessions in days:
            for s in sessions:
                cl = next((x.name for x in rv.clusters if x.id == s.cluster), s.cluster)
                out.append(f"<tr><td class=\"nb\">{e(day.isoformat())}</td><td>{e(s.time)}</td>"
                           f"<td>{e(cl)}</td><td>{e(', '.join(session_covers(rv, s)))}</td></tr>")
        out.append("</tbody></table>")
    out.append("</section>")
    return out


def _findings_html(cat: Catalogue, a: Assessment) -> list[str]:
    gaps = {g.unit: g for g in open_gaps(a)}
    out = [f'<section class="section" id="findings"><h2>4. Findings by {e(cat.levels[0])}</h2>']
    heads: list[str] = []  # headings waiting for their first unit: printed on one page with it
    for top in cat.groups:
        heads.append(f"<h3>{e(c.group_label(top))}</h3>")
        for leaf in (g for g in cat.leaf_groups if cat.top_of[g.id].id == top.id):
            heads.append(f'<h4 class="factor">{e(c.group_label(leaf))}</h4>')
            for unit in leaf.units:
                block = _unit_html(cat, a.record(unit.id), unit.id, leaf, gaps)
                out.append(f'<div class="keep">{"".join(heads)}{block}</div>' if heads else block)
                heads = []
    out.append("</section>")
    return out


def _unit_html(cat: Catalogue, rec: Record, uid: str, leaf: Group,
               gaps: dict[str, Gap]) -> str:
    unit = cat.unit_index[uid]
    badge = _badge(cat, rec)
    gap = f' <span class="gap">open: {e(gaps[uid].label)}</span>' if uid in gaps else ""
    title = "" if uid == leaf.id and len(leaf.units) == 1 else (
        f'<span class="uid">{e(uid)}</span>{e(unit.name)}')
    if rec.is_empty() and uid not in gaps:
        return f'<p class="uline empty">{title}{badge}</p>'
    ev = (f'<p class="evidence">{e(rec.evidence.strip())}</p>' if rec.evidence.strip()
          else '<p class="none">No evidence recorded yet.</p>')
    return (f'<div class="unit"><p class="uline">{title}{badge}{gap}</p>{ev}'
            f"{_refs_html(rec.references)}</div>")


def _recs_html(cat: Catalogue, a: Assessment) -> list[str]:
    out = ['<section class="section" id="recommendations"><h2>5. Recommendations</h2>']
    if not a.review.recommendations:
        out.append('<p class="none">No recommendations yet.</p>')
    for top, groups in recommendations_by_dimension(cat, a.review):
        out.append(f"<h3>{e(c.group_label(top))}</h3>")
        for prio, recs in groups:
            out.append(f'<p class="prio">{e(prio)} priority</p>')
            for r in recs:
                bits = [f"{r.unit} {name_of(cat, r.unit)}", r.owner and f"owner: {r.owner}",
                        r.due and f"due {r.due}", f"status: {r.status}"]
                out.append(f'<div class="rec {e(r.priority)}"><strong>{e(r.id)}</strong> '
                           f"{e(r.text)}<br><span class=\"ref-meta\">"
                           f"{e(' · '.join(str(b) for b in bits if b))}</span>"
                           f"{_refs_html(r.references)}</div>")
    out.append("</section>")
    return out


def render_html(cat: Catalogue, a: Assessment, score: Score) -> str:
    """The printable report draft as one self-contained HTML page."""
    title = report_title(cat, a)
    context = a.review.context.strip()
    body = [
        f'<header><p class="kicker draft">DRAFT</p><p class="kicker">{e(cat.title)} '
        f"({e(cat.id)})</p><h1>{e(title)}</h1><p class=\"meta-line\">Reference date "
        f"{e(a.reference_date)}" + (f" · {e(', '.join(a.organisations))}" if a.organisations
                                    else "") + "</p></header><main>",
        '<section class="context"><h2>1. Country context</h2>',
        "".join(f"<p>{e(p)}</p>" for p in context.split("\n\n")) if context
        else '<p class="none">To be written.</p>',
        "</section>",
        *_method_html(cat, a),
        f"<section><h2>3. Profile</h2>{_profile_html(cat, score)}</section>",
        *_findings_html(cat, a),
        *_recs_html(cat, a),
        "</main><footer>Draft made with ncsi-tui. Internal notes, consultation notes and "
        f"contacts are not included. {e(c.catalogue_line(cat))}</footer>",
    ]
    return (
        f'<!DOCTYPE html>\n<html lang="{e(lang(a))}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"{c.HTML_MARK}<title>{e(title)}</title><style>{CSS}{EXTRA_CSS}</style></head>\n"
        f"<body>{''.join(body)}</body></html>\n"
    )


# --- Markdown ------------------------------------------------------------------------------


def _refs_md(refs: list[Reference], indent: str = "") -> list[str]:
    out = []
    for i, r in enumerate(refs, 1):
        head = md(r.title or r.url)
        if r.url and is_http_url(r.url):
            head = f"[{head}](<{r.url.replace('>', '%3E').replace(' ', '%20')}>)"
        out.append(f"{indent}{i}. {head} — {md(' · '.join(c.reference_details(r)))}")
        if r.quote:
            out.append(f"{indent}   > {md(r.quote)}")
            if r.quote_en:
                out.append(f"{indent}   > *In English:* {md(r.quote_en)}")
    return out


def _profile_md(cat: Catalogue, score: Score) -> list[str]:
    if isinstance(score, PointsScore):
        tot = score.total
        rows = [f"| {cell(t.id)} {cell(t.name)} | {t.label()} |" for t in score.sections]
        return [f"**Total index {tot.percent:.2f}** ({tot.points} of {tot.max} points; "
                f"{score.met} met, {score.not_met} not met, {score.not_assessed} not assessed)",
                "", f"| {cat.levels[-2].capitalize()} | Points |", "|---|---|", *rows,
                *_reconfirm_md(score)]
    names = _stage_names(cat)
    rows = []
    for d in score.dimensions:
        for f in d.factors:
            lo, hi = names.get(f.stage_min or "", ""), names.get(f.stage_max or "", "")
            words = "not assessed" if not lo else (lo if lo == hi else f"{lo} to {hi}")
            rows.append(f"| {cell(f.id)} {cell(f.name)} | {cell(words)} |")
    return [f"| {cat.levels[-2].capitalize()} | Stage |", "|---|---|", *rows,
            *_reconfirm_md(score)]


def _reconfirm_md(score: Score) -> list[str]:
    if not score.to_reconfirm:
        return []
    return ["", f"{score.to_reconfirm} record(s) carried forward from an earlier assessment "
            "are not yet re-confirmed."]


def render_markdown(cat: Catalogue, a: Assessment, score: Score) -> str:
    """The report draft as Markdown, for pasting into the review document."""
    rv = a.review
    out = [c.MD_MARK, "**DRAFT**", "", f"# {md(report_title(cat, a))}", "",
           f"{md(cat.title)} ({cat.id}) · reference date {a.reference_date}", "",
           "## 1. Country context", "",
           *([md(line, block=True) for line in rv.context.strip().splitlines()]
             if rv.context.strip() else ["*To be written.*"]), "",
           "## 2. Method", "",
           f"Desk research and a consultation with {len(rv.clusters)} stakeholder cluster(s), "
           f"{dates_text(rv)}.", ""]
    if rv.clusters:
        out += ["| Cluster | Organisations | Spoke to |", "|---|---|---|"]
        out += [f"| {cell(x.name)} | {cell(', '.join(x.organisations))} | "
                f"{cell('; '.join(f'{y} {name_of(cat, y)}' for y in x.covers))} |" for x in rv.clusters]
        out.append("")
    for day, sessions in sessions_by_day(rv):
        for s in sessions:
            cl = next((x.name for x in rv.clusters if x.id == s.cluster), s.cluster)
            out.append(f"- {day.isoformat()} {md(s.time)}: {md(cl)} "
                       f"({md(', '.join(session_covers(rv, s)))})")
    out += ["", "## 3. Profile", "", *_profile_md(cat, score), "",
            f"## 4. Findings by {cat.levels[0]}", ""]
    gaps = {g.unit: g for g in open_gaps(a)}
    for top in cat.groups:
        out += [f"### {md(c.group_label(top))}", ""]
        for leaf in (g for g in cat.leaf_groups if cat.top_of[g.id].id == top.id):
            out += [f"#### {md(c.group_label(leaf))}", ""]
            for unit in leaf.units:
                rec = a.record(unit.id)
                gap = f" — *open: {md(gaps[unit.id].label)}*" if unit.id in gaps else ""
                out.append(f"- **{md(unit.id)} {md(unit.name)}**: {md(c.state(cat, rec))}{gap}")
                if rec.evidence.strip():
                    out += [f"  {md(line, block=True)}" for line in rec.evidence.strip().splitlines()]
                out += _refs_md(rec.references, "  ")
            out.append("")
    out += ["## 5. Recommendations", ""]
    for top, groups in recommendations_by_dimension(cat, rv):
        out += [f"### {md(c.group_label(top))}", ""]
        for prio, recs in groups:
            out += [f"**{prio.capitalize()} priority**", ""]
            for r in recs:
                bits = [r.owner and f"owner: {r.owner}", r.due and f"due {r.due}",
                        f"status: {r.status}"]
                out.append(f"- **{r.id}** ({md(r.unit)}) {md(r.text)} — "
                           f"{md(' · '.join(str(b) for b in bits if b))}")
                out += _refs_md(r.references, "  ")
            out.append("")
    out += ["---", "", "*Draft made with ncsi-tui. Internal notes, consultation notes and "
            "contacts are not included.*  ", md(c.catalogue_line(cat)), ""]
    return "\n".join(out)
