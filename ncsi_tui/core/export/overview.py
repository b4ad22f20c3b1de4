"""The regional overview as CSV (for spreadsheets) and as one self-contained HTML page.

Both render an :class:`~ncsi_tui.core.compare.overview.Overview`; nothing is recounted.
The HTML page follows :mod:`ncsi_tui.core.export.html` (inline CSS, no script, nothing
fetched): per framework a heat map (countries x sections, inline SVG, every cell carries
its figure so a black-and-white print reads the same), the regional mean and median per
section, the table of assessments and the skipped files.
"""

from __future__ import annotations

import csv
import io
from html import escape

from ncsi_tui.core.compare.overview import FrameworkTable, Overview, section_figure
from ncsi_tui.core.export._common import HTML_MARK
from ncsi_tui.core.export.csv import safe
from ncsi_tui.core.export.html import CSS as REPORT_CSS
from ncsi_tui.core.judge.overview_row import AssessmentRow

CSV_COLUMNS = ("framework", "rank", "country", "country_name", "title", "reference_date",
               "total_points", "total_max", "total_percent", "assessed", "to_reconfirm",
               "errors", "path", "skipped")


def e(text: object) -> str:
    return escape(str(text), quote=True)


def stage_range(table: FrameworkTable, lo: str | None, hi: str | None) -> str:
    """`2-3` (stages counted 1..n in the catalogue's order), `2`, or `·` (not assessed)."""
    a, b = table.stage_rank(lo), table.stage_rank(hi)
    if a is None:
        return "·"
    return str(a) if b in (None, a) else f"{a}-{b}"


def cell_text(table: FrameworkTable, row: AssessmentRow, gid: str) -> str:
    """A section's percent (`78`), or a factor's stage range (`2-3`)."""
    for s in row.sections:
        if s["id"] == gid:
            if table.kind == "maturity":
                return stage_range(table, s["stage_min"], s["stage_max"])
            return f"{s['percent']:.0f}"
    return ""


# --- CSV ---------------------------------------------------------------------------------


def render_csv(ov: Overview) -> str:
    """One line per assessment (common columns, then one column per section or factor id,
    percent or stage range), then one line per skipped file with its reason."""
    section_ids: list[str] = []
    for t in ov.frameworks:
        section_ids += [s.id for s in t.sections if s.id not in section_ids]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([*CSV_COLUMNS, *section_ids])
    for t in ov.frameworks:
        for r, rank in zip(t.rows, t.ranks, strict=True):
            tot = r.total or {}
            cells = {s["id"]: cell_text(t, r, s["id"]) if t.kind == "maturity" else s["percent"]
                     for s in r.sections}
            w.writerow([t.id, rank or "", r.country, safe(r.country_name), safe(r.title),
                        r.reference_date, tot.get("points", ""), tot.get("max", ""),
                        tot.get("percent", ""), r.assessed, r.to_reconfirm, r.errors,
                        safe(r.path), "", *(cells.get(i, "") for i in section_ids)])
    for s in ov.skipped:
        w.writerow(["", "", "", "", "", "", "", "", "", "", "", "", safe(s.path), safe(s.reason),
                    *([""] * len(section_ids))])
    return buf.getvalue()


# --- HTML --------------------------------------------------------------------------------

CSS = REPORT_CSS + """
body { max-width: 72rem; }
svg.heat { width: auto; max-width: 100%; height: auto; font: 12px system-ui, sans-serif; }
svg.heat text { fill: var(--ink); } svg.heat .on-dark { fill: #fff; }
svg.heat .head { fill: var(--muted); font-size: 11px; } svg.heat .stat { font-weight: 600; }
svg.heat .h0 { fill: #fff; stroke: var(--line); } svg.heat .h1 { fill: #dbe5f3; }
svg.heat .h2 { fill: #a9c1e3; } svg.heat .h3 { fill: #5b8ac9; } svg.heat .h4 { fill: #1f5fa8; }
svg.heat .na { fill: #fff; stroke: var(--line); stroke-dasharray: 2 2; }
.legend span { display: inline-block; width: 1.4em; height: .9em; vertical-align: middle;
  border: 1px solid var(--line); margin: 0 .2rem 0 .6rem; }
.legend .h1 { background: #dbe5f3; } .legend .h2 { background: #a9c1e3; }
.legend .h3 { background: #5b8ac9; } .legend .h4 { background: #1f5fa8; }
h3 { margin-top: 1.6rem; }
"""

LABEL_W, ROW_H, HEAD_H, TOTAL_W = 200, 20, 26, 64


def _cell_w(table: FrameworkTable) -> int:
    return 34 if table.kind == "maturity" else 40


def _level(value: float | None, table: FrameworkTable) -> str:
    """Shade class h0..h4 of a cell; `na` when not assessed."""
    if value is None:
        return "na"
    if table.kind == "maturity":
        n = len(table.stages) or 1
        return f"h{min(4, max(1, round(value / n * 4)))}"
    return "h0" if value <= 0 else f"h{min(4, 1 + int(value // 25))}"


def _clip(s: str, n: int) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def heat_map(table: FrameworkTable) -> str:
    """Countries down, sections (or factors) across, and the regional mean and median as
    the last two rows. Each cell writes its figure; the shade only repeats it."""
    ids = [s.id for s in table.sections]
    points = table.kind != "maturity"
    cw = _cell_w(table)
    width = LABEL_W + (TOTAL_W if points else 0) + cw * len(ids) + 4
    n_rows = len(table.rows) + 2
    height = HEAD_H + ROW_H * n_rows + 10
    x0 = LABEL_W + (TOTAL_W if points else 0)
    out = [f'<svg class="heat" role="img" xmlns="http://www.w3.org/2000/svg" '
           f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">',
           f"<title>{e(table.title)}: {'percent per section' if points else 'stage per factor'}"
           "</title>"]
    if points:
        out.append(f'<text class="head" x="{LABEL_W + TOTAL_W - 8}" y="{HEAD_H - 8}" '
                   'text-anchor="end">index</text>')
    for j, gid in enumerate(ids):
        x = x0 + j * cw + cw / 2
        out.append(f'<text class="head" x="{x:g}" y="{HEAD_H - 8}" text-anchor="middle">'
                   f"{e(gid)}</text>")
    for i, (r, rank) in enumerate(zip(table.rows, table.ranks, strict=True)):
        y = HEAD_H + i * ROW_H
        label = f"{rank}. " if rank else ""
        out.append(f'<text x="0" y="{y + 14}">{e(_clip(label + f"{r.country} {r.country_name}", 30))}'
                   "</text>")
        if points and r.total:
            out.append(f'<text class="stat" x="{LABEL_W + TOTAL_W - 8}" y="{y + 14}" '
                       f'text-anchor="end">{r.total["percent"]:.2f}</text>')
        for j, gid in enumerate(ids):
            out.append(_cell(x0 + j * cw, y, section_figure(table, r, gid),
                             cell_text(table, r, gid), table))
    for k, (name, attr) in enumerate((("regional mean", "mean"), ("regional median", "median"))):
        y = HEAD_H + (len(table.rows) + k) * ROW_H + 6
        out.append(f'<text class="stat" x="0" y="{y + 14}">{name}</text>')
        if points:
            v = table.total_mean if attr == "mean" else table.total_median
            out.append(f'<text class="stat" x="{LABEL_W + TOTAL_W - 8}" y="{y + 14}" '
                       f'text-anchor="end">{"" if v is None else f"{v:.2f}"}</text>')
        for j, s in enumerate(table.sections):
            v = getattr(s, attr)
            text = "" if v is None else (f"{v:.0f}" if points else f"{v:.1f}")
            out.append(_cell(x0 + j * cw, y, v, text, table))
    out.append("</svg>")
    return "".join(out)


def _cell(x: float, y: float, value: float | None, text: str, table: FrameworkTable) -> str:
    level, cw = _level(value, table), _cell_w(table)
    dark = level in ("h3", "h4")
    cls = ' class="on-dark"' if dark else ""
    return (f'<rect class="{level}" x="{x + 1:g}" y="{y + 1:g}" width="{cw - 2}" '
            f'height="{ROW_H - 2}"/>'
            f'<text{cls} x="{x + cw / 2:g}" y="{y + 14}" text-anchor="middle">{e(text)}</text>')


def _legend(table: FrameworkTable) -> str:
    if table.kind == "maturity":
        stages = ", ".join(f"{i} {s}" for i, s in enumerate(table.stages, 1))
        return (f'<p class="legend">Each cell: the stage range of the factor\'s aspects '
                f"({e(stages)}); · not assessed. Mean and median: of the highest stage.</p>")
    return ('<p class="legend">Each cell: the section\'s percent of its points; darker is '
            'higher:<span class="h1"></span>1-24<span class="h2"></span>25-49'
            '<span class="h3"></span>50-74<span class="h4"></span>75-100</p>')


def _assessments(table: FrameworkTable) -> str:
    points = table.kind != "maturity"
    head = ["#", "Country", "Title", "Reference date"]
    head += ["Index"] if points else [f"{d}" for d, _ in table.dimensions]
    head += ["Assessed", "To re-confirm", "Readiness errors", "File"]
    out = ["<table><thead><tr>", *(f'<th class="{"num" if i > 3 else ""}">{e(h)}</th>'
                                   for i, h in enumerate(head)), "</tr></thead><tbody>"]
    for r, rank in zip(table.rows, table.ranks, strict=True):
        cells = [e(rank or ""), f"{e(r.country)} {e(r.country_name)}", e(r.title),
                 e(r.reference_date)]
        if points and r.total:
            t = r.total
            cells.append(f'{t["percent"]:.2f} <span class="ref-meta">({t["points"]}/{t["max"]})'
                         "</span>")
        else:
            cells += [e(stage_range(table, d["stage_min"], d["stage_max"])) for d in r.dimensions]
        cells += [f"{r.assessed:.0f}%", e(r.to_reconfirm), e(r.errors), f"<code>{e(r.path)}</code>"]
        out.append("<tr>" + "".join(
            f'<td class="{"num nb" if i > 3 and i < len(cells) - 1 else ""}">{c}</td>'
            for i, c in enumerate(cells)) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _sections(table: FrameworkTable) -> str:
    what = "percent" if table.kind != "maturity" else "highest stage (1-" f"{len(table.stages)})"
    out = [f"<table><caption>Regional mean and median per section ({e(what)}, over the "
           "assessments that have a figure)</caption><thead><tr><th>Id</th><th>Name</th>"
           '<th class="num">Mean</th><th class="num">Median</th><th class="num">Assessments'
           "</th></tr></thead><tbody>"]
    for s in table.sections:
        mean = "—" if s.mean is None else f"{s.mean:.2f}"
        median = "—" if s.median is None else f"{s.median:.2f}"
        out.append(f"<tr><td>{e(s.id)}</td><td>{e(s.name)}</td><td class=\"num\">{mean}</td>"
                   f'<td class="num">{median}</td><td class="num">{s.count}</td></tr>')
    out.append("</tbody></table>")
    return "".join(out)


def render_html(ov: Overview, title: str = "Regional overview") -> str:
    """The whole page: one part per framework (never ranked together), then skipped files."""
    n = sum(len(t.rows) for t in ov.frameworks)
    parts = [
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">' + HTML_MARK,
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(title)}</title><style>{CSS}</style></head><body>",
        f'<p class="kicker">ncsi-tui regional overview</p><h1>{e(title)}</h1>',
        f'<p class="meta-line">{n} assessment{"s" if n != 1 else ""} in '
        f'{len(ov.frameworks)} framework{"s" if len(ov.frameworks) != 1 else ""}'
        + ("; assessments of different frameworks are not ranked together" if
           len(ov.frameworks) > 1 else "") + ".</p>",
    ]
    for t in ov.frameworks:
        ranked = "ranked by the total index" if t.kind != "maturity" else \
            "stages are not ranked: sorted by country"
        parts += [f"<h2 id=\"{e(t.id)}\">{e(t.title)} <span class=\"ref-meta\">({e(t.id)})</span></h2>",
                  f'<p class="meta-line">{len(t.rows)} assessments, {ranked}.</p>',
                  f"<figure>{heat_map(t)}<figcaption>{_legend(t)}</figcaption></figure>",
                  _sections(t), "<h3>Assessments</h3>", _assessments(t)]
    if ov.skipped:
        parts.append("<h2>Files left out</h2><table><thead><tr><th>File</th><th>Why</th>"
                     "</tr></thead><tbody>")
        parts += [f"<tr><td><code>{e(s.path)}</code></td><td>{e(s.reason)}</td></tr>"
                  for s in ov.skipped]
        parts.append("</tbody></table>")
    parts.append("<footer>Made with ncsi-tui from the assessment files listed; no figure is "
                 "typed in by hand.</footer></body></html>\n")
    return "".join(parts)
