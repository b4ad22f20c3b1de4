"""Renderers of the year-after comparison (core/compare/follow_up.py): Markdown (also the terminal
text of ``ncsi follow-up``) and a printable HTML page. JSON is ``FollowUp.to_dict()``.

Each dimension ends with a skeleton paragraph for the official to complete; nothing here
writes the narrative itself.
"""

from __future__ import annotations

from html import escape

from ncsi_tui.core.compare.follow_up import FollowUp, RecommendationProgress, StateChange
from ncsi_tui.core.export import _common as c
from ncsi_tui.core.export.html import CSS
from ncsi_tui.core.export.markdown import md
from ncsi_tui.core.judge.readiness import is_http_url
from ncsi_tui.core.model.catalogue import Catalogue

ARROW = {"up": "▲ up", "down": "▼ down", "gained": "▲ gained", "lost": "▼ lost",
         "changed": "◆ changed"}
PROMPT = "What happened since the review, and why (to be completed):"


def _state(cat: Catalogue, s: str) -> str:
    if cat.scoring == "maturity":
        return c.stage_name(cat, None if s == "not-assessed" else s)
    return s.replace("-", " ")


def _change_line(cat: Catalogue, ch: StateChange) -> str:
    recs = f" — {', '.join(ch.recommendations)}" if ch.recommendations else " — no recommendation"
    return (f"{ch.id} {ch.name}: {_state(cat, ch.before)} → {_state(cat, ch.after)} "
            f"({ARROW.get(ch.direction, ch.direction)}){recs}")


def _rec_status(r: RecommendationProgress) -> str:
    before = r.status_before or "(added after the review)"
    after = r.status_after or "(removed)"
    return before if before == after else f"{before} → {after}"


def _title(fu: FollowUp) -> str:
    who = f"{fu.country}: f" if fu.country else "F"
    title = f"{who}ollow-up of the review of {fu.before_date}, as of {fu.after_date}"
    return title + (" (different catalogues)" if fu.note else "")


def _subtitle(cat: Catalogue, fu: FollowUp) -> str:
    """Which assessment and framework: "Examplia NCSI 2026 · National Cyber ... (ncsi-2.0)"."""
    return " · ".join(x for x in (fu.title, f"{cat.title} ({cat.id})") if x)


def render_markdown(cat: Catalogue, fu: FollowUp) -> str:
    out = [c.MD_MARK, f"# {md(_title(fu))}", "", md(_subtitle(cat, fu)), ""]
    if fu.note:
        out += [f"**{md(fu.note)}**", ""]
    out += [f"## What moved ({len(fu.changes)} {cat.levels[-1]}s; {fu.unchanged} unchanged)", ""]
    out += [f"- {md(_change_line(cat, ch))}" for ch in fu.changes] or ["- nothing moved"]
    out += ["", "## Recommendations", ""]
    if not fu.recommendations:
        out.append("- none recorded")
    for r in fu.recommendations:
        extra = f"; {r.new_references} new reference(s)" if r.new_references else ""
        out.append(f"- **{r.id}** ({md(r.unit)}, {r.priority}) {md(r.text)} — "
                   f"{md(_rec_status(r))}{md(extra)}")
        if r.progress:
            out.append(f"  {md(r.progress)}")
        for i, ref in enumerate(r.references, 1):
            link = (f"[{md(ref.title)}](<{ref.url.replace('>', '%3E').replace(' ', '%20')}>)"
                    if is_http_url(ref.url) else md(ref.title))
            out.append(f"  {i}. {link} — {md(' · '.join(c.reference_details(ref)))}")
    out += ["", "## Moved without a recommendation", ""]
    out += [f"- {md(_change_line(cat, ch))}" for ch in fu.without_recommendation] or ["- none"]
    out += ["", f"## Narrative by {cat.levels[0]}", ""]
    for d in fu.dimensions:
        out += [f"### {md(d.id)} {md(d.name)}", ""]
        moved = ", ".join(f"{ch.id} {ARROW.get(ch.direction, ch.direction)}" for ch in d.changes)
        recs = ", ".join(f"{r.id} {r.status_after or 'removed'}" for r in d.recommendations)
        out += [f"- Moved: {md(moved or 'nothing')}", f"- Recommendations: {md(recs or 'none')}",
                "", f"> *{PROMPT}* …", ""]
    return "\n".join(out)


def _e(s: object) -> str:
    return escape(str(s), quote=True)


NONE = '<p class="none">None recorded.</p>'


def _link(url: str, title: str) -> str:
    return f'<a href="{_e(url)}">{_e(title)}</a>' if is_http_url(url) else _e(title)


def render_html(cat: Catalogue, fu: FollowUp) -> str:
    rows = "".join(
        f"<tr><td>{_e(ch.id)} {_e(ch.name)}</td><td>{_e(_state(cat, ch.before))}</td>"
        f"<td>{_e(_state(cat, ch.after))}</td><td>{_e(ARROW.get(ch.direction, ch.direction))}</td>"
        f"<td>{_e(', '.join(ch.recommendations) or 'none')}</td></tr>" for ch in fu.changes
    )
    recs = []
    for r in fu.recommendations:
        refs = "".join(
            f"<li>{_link(x.url, x.title)} <span class='ref-meta'>"
            f"{_e(' · '.join(c.reference_details(x)))}</span></li>"
            for x in r.references
        )
        recs.append(
            f'<div class="unit"><strong>{_e(r.id)}</strong> ({_e(r.unit)}, {_e(r.priority)}) '
            f"{_e(r.text)}<br><span class=\"badge stage\">{_e(_rec_status(r))}</span>"
            + (f'<p class="evidence">{_e(r.progress)}</p>' if r.progress else "")
            + (f'<ol class="refs">{refs}</ol>' if refs else "") + "</div>"
        )
    moved = (
        f"<table><thead><tr><th>{_e(cat.levels[-1].capitalize())}</th><th>At the review</th>"
        f"<th>Now</th><th>Direction</th><th>Recommendation</th></tr></thead><tbody>{rows}"
        "</tbody></table>" if rows else '<p class="none">Nothing moved.</p>'
    )
    without = "".join(f"<li>{_e(_change_line(cat, ch))}</li>" for ch in fu.without_recommendation)
    dims = "".join(
        f"<h3>{_e(d.id)} {_e(d.name)}</h3><p>Moved: "
        f"{_e(', '.join(f'{ch.id} {ARROW.get(ch.direction, ch.direction)}' for ch in d.changes) or 'nothing')}"
        f"<br>Recommendations: "
        f"{_e(', '.join(f'{r.id} {r.status_after or chr(8212)}' for r in d.recommendations) or 'none')}"
        f"</p><blockquote><p><em>{_e(PROMPT)}</em> …</p></blockquote>"
        for d in fu.dimensions
    )
    body = (
        f'<header><p class="kicker">{_e(_subtitle(cat, fu))}</p><h1>{_e(_title(fu))}</h1>'
        + (f'<p class="note"><strong>{_e(fu.note)}</strong></p>' if fu.note else "")
        + f"</header><main><h2>What moved</h2>{moved}<p>{fu.unchanged} unchanged.</p>"
        f"<h2>Recommendations</h2>{''.join(recs) or NONE}"
        f"<h2>Moved without a recommendation</h2><ul>{without or '<li>none</li>'}</ul>"
        f"<h2>Narrative by {_e(cat.levels[0])}</h2>{dims}</main>"
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{_e(fu.language or "en")}"><head><meta charset="utf-8">'
        f"{c.HTML_MARK}"
        f"<title>{_e(_title(fu))}</title><style>{CSS}</style></head>\n<body>{body}</body></html>\n"
    )

