"""`ncsi overview PATH...`: many countries' assessments side by side, one table a framework.

A thin wrapper: :mod:`ncsi_tui.core.files.rows` finds and reads the files (a row cache by
file time and size keeps a second run fast), :func:`ncsi_tui.core.compare.overview.
build_overview` groups, ranks and summarises, and this module prints text that fits 80
columns, or ``--json`` (the contract in docs/overview.md), CSV or HTML.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ncsi_tui import GENERATOR
from ncsi_tui.cli._common import (
    EXIT_OK,
    add_catalogue_option,
    catalogues,
    is_stdio,
    json_text,
    write_output,
)
from ncsi_tui.core.compare.overview import SORT_KEYS, FrameworkTable, Overview, build_overview
from ncsi_tui.core.files.rows import RowCache, default_cache_file, find_files

ORDER = 64
FORMATS = ("text", "json", "csv", "html")
HEAT = "·░▒▓█"  # 0, 1-24, 25-49, 50-74, 75-100 percent


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "overview",
        help="many assessments side by side: ranked per framework, heat map, regional figures",
        description="Read every assessment under the given files and folders (recursively) "
        "and show them side by side: one table per framework, ranked by the total index, "
        "with each section's percent (or each factor's stage range for a maturity "
        "framework), the share assessed, records to re-confirm and readiness errors. "
        "A file that cannot be read is listed with the reason; conflict notes and other "
        "TOML files are counted and left out.",
    )
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders")
    p.add_argument("--sort", choices=SORT_KEYS, default="total",
                   help="row order (default: total, highest first; the rank is by total)")
    p.add_argument("--framework", action="append", default=[], metavar="ID",
                   help="only this framework (id or name, e.g. ncsi); repeatable")
    p.add_argument("--country", action="append", default=[], metavar="CODE",
                   help="only this country (code or full name); repeatable")
    p.add_argument("--format", "-f", choices=FORMATS, default="text", help="output format")
    p.add_argument("--json", action="store_true", help="same as --format json (a stable contract)")
    p.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    p.add_argument("--no-cache", action="store_true",
                   help="read every file again (rows are otherwise kept by file time and size)")
    add_catalogue_option(p)
    p.set_defaults(func=run)


def collect(args: argparse.Namespace) -> Overview:
    """Find, read (through the cache) and build the overview the arguments ask for."""
    from ncsi_tui.cli.commands.record import country_code

    cats = catalogues(args)
    cache = RowCache(cats, None if args.no_cache else default_cache_file())
    rows = list(cache.read_all(find_files(args.paths)))
    cache.save()
    return build_overview(rows, cats, sort=args.sort, frameworks=args.framework,
                          countries=[country_code(c) for c in args.country])


def run(args: argparse.Namespace) -> int:
    ov = collect(args)
    fmt = "json" if args.json else args.format
    if fmt == "text":
        to_file = args.output is not None and not is_stdio(args.output)
        buf = io.StringIO()
        console = (Console(file=buf, width=80, highlight=False, no_color=True) if to_file
                   else Console(highlight=False, soft_wrap=False,
                                width=None if sys.stdout.isatty() else 80))
        if args.output is not None:  # a document (-o FILE or -o -) names its maker first
            console.print(f"Regional overview (generator: {GENERATOR})", markup=False)
        render(ov, console)
        if to_file:
            write_output(args.output, buf.getvalue(), what="text")
        return EXIT_OK
    if fmt == "json":
        text = json_text(ov.as_dict())
    else:
        from ncsi_tui.core.export.overview import render_csv, render_html

        text = render_csv(ov) if fmt == "csv" else render_html(ov)
    write_output(args.output, text, what=fmt)
    return EXIT_OK


# --- text --------------------------------------------------------------------------------


def heat(value: float | None) -> str:
    """One character per section; reads without colour."""
    if value is None or value <= 0:
        return HEAT[0]
    return HEAT[min(4, 1 + int(value // 25))]


def render(ov: Overview, out: Console) -> None:
    if not ov.frameworks:
        out.print("No assessments found." if not ov.unreadable else "No readable assessments.")
    for t in ov.frameworks:
        _points(out, t) if t.kind != "maturity" else _maturity(out, t)
        out.print()
    for s in ov.unreadable:
        out.print(f"[bold]skipped[/] {escape(s.path)}: {escape(s.reason)}")
    notes = sum(1 for s in ov.not_assessments if s.kind == "conflict-note")
    other = len(ov.not_assessments) - notes
    if notes or other:
        out.print(f"left out: {notes} conflict note{'s' if notes != 1 else ''}, "
                  f"{other} other TOML file{'s' if other != 1 else ''} (not assessments)")


def _heading(out: Console, t: FrameworkTable, what: str) -> None:
    n = len(t.rows)
    out.print(f"[bold]{escape(t.title)}[/] ({t.id}): {n} assessment{'s' if n != 1 else ''}, "
              f"{what}")


def _num(v: float | None) -> str:
    return "—" if v is None else f"{v:.2f}"


def _table() -> Table:
    """Columns one space apart, no rules: every character goes to figures at 80 columns."""
    return Table(show_edge=False, pad_edge=False, box=None, header_style="bold",
                 padding=(0, 1, 0, 0))


def _points(out: Console, t: FrameworkTable) -> None:
    _heading(out, t, "ranked by the total index")
    wide = (out.width or 80) >= 110
    table = _table()
    table.add_column("#", justify="right")
    table.add_column("country", no_wrap=True, max_width=18 if not wide else 24)
    table.add_column("title", no_wrap=True, max_width=28 if wide else 12)
    table.add_column("date", no_wrap=True)
    table.add_column("index", justify="right")
    table.add_column(f"sections {t.sections[0].id}-{t.sections[-1].id}" if t.sections
                     else "sections", no_wrap=True)
    table.add_column("done", justify="right")
    table.add_column("⚑", justify="right")
    table.add_column("✗", justify="right")
    ids = [s.id for s in t.sections]
    for r, rank in zip(t.rows, t.ranks, strict=True):
        pct = {s["id"]: s["percent"] for s in r.sections}
        cells = [str(rank or ""), escape(f"{r.country} {r.country_name}"), escape(r.title)]
        cells += [r.reference_date, f"{r.percent:.2f}", "".join(heat(pct.get(i)) for i in ids),
                  f"{r.assessed:.0f}%", str(r.to_reconfirm), str(r.errors)]
        table.add_row(*cells)
    if len(t.rows) > 1:
        table.add_section()
        for label, total, attr in (("mean", t.total_mean, "mean"),
                                   ("median", t.total_median, "median")):
            cells = ["", f"regional {label}", ""]
            cells += ["", f"{total:.2f}" if total is not None else "",
                      "".join(heat(getattr(s, attr)) for s in t.sections), "", "", ""]
            table.add_row(*cells)
    out.print(table)
    out.print(f"sections: {HEAT[4]} 75-100%  {HEAT[3]} 50-74%  {HEAT[2]} 25-49%  "
              f"{HEAT[1]} 1-24%  {HEAT[0]} 0%;  done: share assessed;  ⚑ to re-confirm;  "
              "✗ readiness errors", soft_wrap=False, overflow="fold")
    if len(t.rows) > 1:
        _section_stats(out, t, "%")


def _maturity(out: Console, t: FrameworkTable) -> None:
    _heading(out, t, "stages are not ranked: sorted by country")
    table = _table()
    table.add_column("country", no_wrap=True, max_width=14)
    table.add_column("date", no_wrap=True)
    for did, _ in t.dimensions:
        table.add_column(did, no_wrap=True)
    table.add_column("factors (highest stage)", no_wrap=True)
    table.add_column("done", justify="right")
    table.add_column("⚑", justify="right")
    table.add_column("✗", justify="right")
    from ncsi_tui.core.export.overview import stage_range

    for r in t.rows:
        dims = {d["id"]: stage_range(t, d["stage_min"], d["stage_max"]) for d in r.dimensions}
        tops = "".join(str(t.stage_rank(s["stage_max"]) or "·") for s in r.sections)
        table.add_row(escape(f"{r.country} {r.country_name}"), r.reference_date,
                      *(dims.get(d, "·") for d, _ in t.dimensions), tops,
                      f"{r.assessed:.0f}%", str(r.to_reconfirm), str(r.errors))
    out.print(table)
    stages = ", ".join(f"{i} {s}" for i, s in enumerate(t.stages, 1))
    out.print(f"stages: {stages}; · not assessed; D1..: lowest-highest stage in the dimension",
              soft_wrap=False, overflow="fold")
    if len(t.rows) > 1:
        _section_stats(out, t, "")


def _section_stats(out: Console, t: FrameworkTable, unit: str) -> None:
    table = _table()
    what = "section" if unit else "factor"
    if not unit:
        out.print("highest stage reached per factor (1-" f"{len(t.stages)}), over the "
                  "assessments that reach one:")
    table.add_column(what)
    table.add_column("name", no_wrap=True, max_width=48)
    table.add_column("mean", justify="right")
    table.add_column("median", justify="right")
    for s in t.sections:
        table.add_row(s.id, escape(s.name), _num(s.mean), _num(s.median))
    out.print(table)
