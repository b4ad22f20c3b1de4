"""`ncsi summary PATH [--json]`: the fulfilment summary by section and the total."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.markup import escape
from rich.table import Table

from ncsi_tui.cli._common import add_catalogue_option, console, open_session, print_json
from ncsi_tui.core.judge.scoring import MaturityScore, PointsScore, reconfirm_note, summary_dict

ORDER = 30


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("summary", help="score by section and the total index")
    p.add_argument("path", type=Path)
    p.add_argument("--json", action="store_true", help="machine-readable output (a stable contract)")
    add_catalogue_option(p)
    p.set_defaults(func=run)


def bar(points: int, maximum: int, width: int = 10) -> str:
    """A text bar that reads without colour: filled and empty cells."""
    if maximum <= 0:
        return "·" * width
    full = round(width * points / maximum)
    return "█" * full + "░" * (width - full)


def run(args: argparse.Namespace) -> int:
    session = open_session(args.path, args)
    cat, a = session.catalogue, session.assessment
    s = session.score()
    if args.json:
        # which catalogue file the scores come from (issue 17.9): a shadowing folder shows
        print_json({**summary_dict(cat, a, s), "catalogue_origin": cat.origin})
        return 0
    out = console()
    out.print(f"[bold]{escape(a.title or cat.title)}[/] — {escape(a.country.name)} "
              f"({a.country.code}), {cat.id}, reference date {a.reference_date}")
    out.print(f"[dim]catalogue {cat.id}: {escape(cat.origin)}[/]", soft_wrap=True)
    if isinstance(s, PointsScore):
        _points(out, s)
    elif isinstance(s, MaturityScore):
        _maturity(out, s)
    return 0


def _points(out, s: PointsScore) -> None:
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("section")
    table.add_column("name")
    table.add_column("score", justify="right")
    table.add_column("", no_wrap=True)
    cats = {c.id: c for c in s.categories}
    current = None
    for sec in s.sections:
        cid = s.section_category[sec.id]
        if cid != current:
            current = cid
            c = cats[cid]
            table.add_row("", f"[bold]{escape(c.name)}[/]", f"[bold]{c.label()}[/]", "")
        table.add_row(sec.id, escape(sec.name), sec.label(), bar(sec.points, sec.max))
    out.print(table)
    t = s.total
    out.print(
        f"[bold]Total {t.points}/{t.max} = {t.percent:.2f}[/]   "
        f"publicly evidenced {t.public_points}/{t.max} = {t.public_percent:.2f}"
    )
    out.print(f"met {s.met}, not met {s.not_met}, not assessed {s.not_assessed} "
              f"({s.assessed_share:.0f}% assessed{reconfirm_note(s)})")


def _maturity(out, s: MaturityScore) -> None:
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("factor")
    table.add_column("name")
    table.add_column("stage")
    table.add_column("profile", no_wrap=True)
    n = len(s.stages)
    for d in s.dimensions:
        counts = ", ".join(f"{k} {v}" for k, v in d.stage_counts.items() if v)
        table.add_row(d.id, f"[bold]{escape(d.name)}[/]", counts or "not assessed", "")
        for f in d.factors:
            if f.stage_min is None:
                stage, cells = "not assessed", "·" * n
            else:
                lo, hi = s.stages.index(f.stage_min), s.stages.index(f.stage_max or f.stage_min)
                stage = f.stage_min if lo == hi else f"{f.stage_min} to {f.stage_max}"
                cells = "█" * (lo + 1) + "▒" * (hi - lo) + "░" * (n - hi - 1)
            table.add_row(f.id, escape(f.name), stage, cells)
    out.print(table)
    out.print(f"[bold]{s.assessed}/{s.units} units assessed[/] ({s.assessed_share:.0f}%"
              f"{reconfirm_note(s)})")
    out.print(f"profile: {n} cells, {', '.join(s.stages)}; █ lowest stage reached, "
              "▒ range up to the highest, ░ not reached, · not assessed")
