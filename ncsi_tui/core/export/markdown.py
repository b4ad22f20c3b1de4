"""Markdown export: the HTML pack's content, for pasting into documents and review tickets.

Text from the catalogue and the assessment is escaped so that it cannot turn into
markup (a `|` cannot break a table, a leading `#` cannot become a heading, `<script>`
stays text). Only absolute http(s) URLs become links.
"""

from __future__ import annotations

import re

from ncsi_tui.core.export import _common as c
from ncsi_tui.core.judge.readiness import Finding, counts, is_http_url
from ncsi_tui.core.judge.scoring import MaturityScore, PointsScore, Score, reconfirm_note
from ncsi_tui.core.model.assessment import Assessment, Record, Reference
from ncsi_tui.core.model.catalogue import Catalogue, Unit

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_LINE_START = re.compile(r"(?m)^(\s*)([-+=>#]|\d+\.)")
STATUS_MARK = {"met": "✓ met", "not-met": "✗ not met", "not-assessed": "– not assessed"}


def md(text: object, block: bool = False) -> str:
    """Escape text: markdown punctuation and HTML angle brackets; for a block of text
    (evidence, quotes) also the markers that would start a list, quote or heading."""
    out = _SPECIAL.sub(r"\\\1", str(text))
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), out) if block else out


def cell(text: object) -> str:
    """Text for a table cell: escaped and on one line."""
    return md(text).replace("\n", " ")


def _url(url: str) -> str:
    for ch, code in (("<", "%3C"), (">", "%3E"), (" ", "%20"), ("\\", "%5C")):
        url = url.replace(ch, code)
    return url


def _reference(i: int, ref: Reference) -> list[str]:
    title = md(ref.title.strip() or ref.url or "Untitled reference")
    head = f"[{title}](<{_url(ref.url)}>)" if ref.url and is_http_url(ref.url) else title
    if ref.url and not is_http_url(ref.url):
        head += f" (`{ref.url.replace('`', '')}`)"
    lines = [f"{i}. {head} — {md(' · '.join(c.reference_details(ref)))}"]
    if ref.quote:
        quote = [md(line, block=True) for line in ref.quote.splitlines()]
        if ref.quote_en:
            quote += ["", *(f"*{md(line)}*" for line in ref.quote_en.splitlines() if line.strip())]
        lines += [f"   > {q}".rstrip() for q in quote]
    return lines


def _evidence(rec: Record) -> list[str]:
    out = ["**Evidence**", ""]
    text = rec.evidence.strip()
    out.append(
        "\n".join(md(line, block=True) + "  " for line in text.splitlines()).rstrip()
        if text
        else "*No evidence recorded.*"
    )
    if rec.references:
        out += ["", "**References**", ""]
        for i, ref in enumerate(rec.references, 1):
            out += _reference(i, ref)
    if rec.updated_at:
        out += ["", f"*Last updated {rec.updated_at.date()}*"]
    return out


def _unit(cat: Catalogue, unit: Unit, rec: Record) -> list[str]:
    if cat.scoring == "points":
        got = c.awarded(unit, rec)
        plural = "" if unit.points == 1 else "s"
        state = f"{STATUS_MARK[rec.status]}, {got}/{unit.points or 0} point{plural}"
        rows = [
            ("Criterion", unit.criterion or unit.description),
            ("Accepted references", unit.accepted_text or ", ".join(unit.accepts)),
            ("Time window", unit.window.text if unit.window else ""),
        ]
    else:
        state = c.stage_name(cat, rec.stage)
        rows = [
            ("About", unit.description),
            (f"{state} means", unit.stages.get(rec.stage or "", "")),
            ("Aiming for", c.stage_name(cat, rec.target_stage) if rec.target_stage else ""),
        ]
    out = [f"#### {md(unit.id)} {md(unit.name)} — {md(state)}", ""]
    out += [f"- **{md(k)}:** {cell(v)}" for k, v in rows if v]
    out.append("")
    return [*out, *_evidence(rec), ""]


def _summary(cat: Catalogue, score: Score) -> list[str]:
    if isinstance(score, PointsScore):
        t = score.total
        out = [
            f"**Total: {t.points}/{t.max} = {t.percent:.2f}** · publicly evidenced "
            f"{t.public_points}/{t.max} = {t.public_percent:.2f} · met {score.met}, "
            f"not met {score.not_met}, not assessed {score.not_assessed}{reconfirm_note(score)}",
            "",
            f"| {md(cat.levels[-2].capitalize())} | Name | Points | % |",
            "|---|---|---:|---:|",
        ]
        out += [
            f"| {cell(s.id)} | {cell(s.name)} | {s.points}/{s.max} | {s.percent:.0f}% |"
            for s in score.sections
        ]
        return [*out, ""]
    assert isinstance(score, MaturityScore)
    names = {s.id: s.name for s in cat.stages}
    out = [
        f"**{score.assessed}/{score.units} units assessed** ({score.assessed_share:.0f}%"
        f"{reconfirm_note(score)})",
        "",
        f"| {md(cat.levels[1].capitalize())} | Name | Stage | Profile |",
        "|---|---|---|---|",
    ]
    for d in score.dimensions:
        for f in d.factors:
            if f.stage_min is None:
                stage, bar = "not assessed", "·" * len(score.stages)
            else:
                lo, hi = score.stages.index(f.stage_min), score.stages.index(f.stage_max or "")
                stage = names[f.stage_min] + ("" if lo == hi else f" to {names[f.stage_max or '']}")
                bar = "█" * (lo + 1) + "▒" * (hi - lo) + "░" * (len(score.stages) - hi - 1)
            out.append(f"| {cell(f.id)} | {cell(f.name)} | {cell(stage)} | `{bar}` |")
    return [*out, ""]


def _readiness(cat: Catalogue, findings: list[Finding]) -> list[str]:
    n = counts(findings)
    out = ["## Readiness check", "", f"{n['error']} error(s), {n['warning']} warning(s).", ""]
    problems = [f for f in findings if f.severity != "info"]
    if problems:
        out += ["| Severity | Unit | What to do | Rule |", "|---|---|---|---|"]
        out += [
            f"| {f.severity} | {cell(f.unit_id)} | {cell(f.message)} | `{f.rule}` |"
            for f in problems
        ]
        out.append("")
    work = [f for f in findings if f.severity == "info"]
    if work:
        out += [
            f"### Open work: {len(work)} not met, most points first",
            "",
            "| Points | Unit | Name |",
            "|---:|---|---|",
        ]
        out += [
            f"| +{f.points or 0} | {cell(f.unit_id)} | {cell(cat.unit_index[f.unit_id].name)} |"
            for f in work
        ]
        out.append("")
    return out


def render(cat: Catalogue, a: Assessment, score: Score, findings: list[Finding]) -> str:
    title = a.title or f"{cat.title}: {a.country.name}"
    out = [
        c.MD_MARK,
        f"# {md(title)}",
        "",
        f"{md(cat.title)} · {md(cat.id)} (methodology {md(cat.methodology)})  ",
        f"{md(a.country.name)} ({a.country.code}) · reference date {a.reference_date}",
    ]
    if a.organisations:
        out[-1] += "  "
        out.append(f"Contributors: {md(', '.join(a.organisations))}")
    out.append("")
    out += _summary(cat, score)
    current_top = None
    for sec in c.sections(cat):
        if sec.top.id != current_top and sec.top.id != sec.group.id:
            current_top = sec.top.id
            label = sec.top.name if cat.scoring == "points" else f"{sec.top.id} {sec.top.name}"
            out += [f"## {md(label)}", ""]
        tally = ""
        if isinstance(score, PointsScore):
            t = next(t for t in score.sections if t.id == sec.group.id)
            tally = f" — {t.label()}"
        out += [f"### {md(sec.group.id)}. {md(sec.group.name)}{tally}", ""]
        for u in sec.group.units:
            out += _unit(cat, u, a.record(u.id))
    if findings:
        out += _readiness(cat, findings)
    out.append("*Internal notes are not included.*  ")
    out.append(md(c.catalogue_line(cat)))
    return "\n".join(out).rstrip() + "\n"
