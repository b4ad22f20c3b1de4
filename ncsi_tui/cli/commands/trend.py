"""`ncsi trend FILE...` or `ncsi trend PATH --git`: total and sections across versions.

A table with one row per series (the total, then each section or factor) and a sparkline
scaled to the group's maximum, so the chart reads without colour.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.markup import escape
from rich.table import Table

from ncsi_tui.cli._common import add_catalogue_option, catalogues, console, open_path, print_json
from ncsi_tui.cli.commands._diff_render import signed
from ncsi_tui.core.compare.trend import (
    Series,
    Trend,
    build_trend,
    paired_scoring,
    scores_through_pairs,
    sparkline,
)
from ncsi_tui.core.errors import InputError
from ncsi_tui.core.files import history
from ncsi_tui.core.files.session import AssessmentSession
from ncsi_tui.core.judge.scoring import Score
from ncsi_tui.core.model.crosswalk import Crosswalk, crosswalk_for

ORDER = 62
#: More versions than this: the table shows first, last and the chart only.
MAX_COLUMNS = 6


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("trend", help="total and section scores across versions, with a chart")
    p.add_argument(
        "paths",
        nargs="+",
        type=Path,
        metavar="FILE",
        help="versions oldest first, or one file with --git",
    )
    p.add_argument("--git", action="store_true", help="use the file's versions in git")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    add_catalogue_option(p)
    p.set_defaults(func=run)


def _scores(args: argparse.Namespace) -> tuple[list[tuple[str, Score]], str]:
    """Labelled scores and the note on different catalogues ("" when one catalogue)."""
    cats = catalogues(args)

    def crosswalk(old_id: str, new_id: str) -> Crosswalk | None:
        return crosswalk_for(cats, old_id, new_id)

    if not args.git:
        sessions = [(p.name, open_path(p, cats)) for p in args.paths]
        return scores_through_pairs(
            [(label, s.catalogue, s.assessment) for label, s in sessions], crosswalk
        )
    if len(args.paths) != 1:
        raise InputError("with --git, give one file", hint="ncsi trend PATH --git")
    path = args.paths[0]
    found = [v for v in reversed(history.versions(path, cats)) if v.score is not None]
    out = [(f"{v.short} {v.date:%Y-%m-%d}", v.score) for v in found if v.score is not None]
    working = None
    if history.working_copy_modified(path) and path.exists():
        working = AssessmentSession.open(path, cats)
        out.append(("working copy", working.score()))
    frameworks = {v.framework for v in found} | ({working.catalogue.id} if working else set())
    if len(frameworks) <= 1:
        return out, ""
    used = [cats.get(v.framework) for v in found]
    scorer, note = paired_scoring(
        [*used, working.catalogue] if working is not None else used, crosswalk
    )
    out = [(f"{v.short} {v.date:%Y-%m-%d}", scorer(cat, a))  # one version held at a time
           for v, cat, a in history.assessments_at(path, found, cats)]
    if working is not None:
        out.append(("working copy", scorer(working.catalogue, working.assessment)))
    return out, note


def run(args: argparse.Namespace) -> int:
    t = build_trend(*_scores(args))
    if args.json:
        print_json(t.to_dict())
        return 0
    render(t)
    return 0


def _value(s: Series, i: int, stage_names: bool) -> str:
    v = s.values[i]
    if v is None:
        return "—"
    return s.labels[i] if stage_names and s.labels else str(v)


def render(t: Trend) -> None:
    out = console()
    if t.note:  # the first line: a trend across different catalogues says so
        out.print(f"[yellow]![/] {escape(t.note)}", soft_wrap=True)
    n = len(t.versions)
    wide = n <= MAX_COLUMNS
    cols = list(range(n)) if wide else [0, n - 1]
    for i, label in enumerate(t.versions, 1):
        out.print(f"[dim]v{i}[/] {escape(label)}")
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("id")
    table.add_column("name", max_width=34, no_wrap=True)
    for i in cols:
        table.add_column(f"v{i + 1}", justify="right")
    table.add_column("change", justify="right")
    table.add_column("chart", no_wrap=True)
    stage = t.kind == "maturity"
    for s in (t.total, *t.groups):
        change = s.change
        style = "green" if change > 0 else "red" if change < 0 else "dim"
        bold = s is t.total
        name = f"[bold]{escape(s.name)}[/]" if bold else escape(s.name)
        cells = [_value(s, i, stage and not bold) for i in cols]
        table.add_row(
            s.id,
            name,
            *cells,
            f"[{style}]{signed(change)}[/]",
            sparkline(s.values, s.maximum) + f" /{s.maximum}",
        )
        if bold:
            table.add_section()
    out.print(table)
    if stage:
        out.print(
            "[dim]factor rows: the highest stage reached; chart height = stage "
            f"(1 {t.stages[0]} … {len(t.stages)} {t.stages[-1]})[/]"
        )
