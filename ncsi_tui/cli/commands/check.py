"""`ncsi check PATH [--json]`: is the file usable, and is it ready for a reviewer?

Exit 0: no error finding (warnings and open work may remain); 1: at least one error
finding; 2: the file cannot be read or does not fit its catalogue (InputError). A thin
wrapper over :func:`ncsi_tui.core.judge.readiness.run_checks`; ``--json`` prints
:func:`ncsi_tui.core.export.json.check_dict`.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ncsi_tui.cli._common import (
    EXIT_FAILED,
    EXIT_OK,
    add_catalogue_option,
    console,
    open_session,
    print_json,
)
from ncsi_tui.core.judge.readiness import Finding, counts, run_checks
from ncsi_tui.core.model.assessment import Assessment
from ncsi_tui.core.model.catalogue import Catalogue

ORDER = 40

#: A mark and a word per severity, so the output reads without colour.
MARKS = {
    "error": ("✗", "error", "bold red"),
    "warning": ("!", "warning", "yellow"),
    "info": ("·", "open", "dim"),
}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check",
        help="readiness check: what a reviewer would reject (exit 1 on errors)",
        description="Validate the file against its catalogue and run the readiness rules. "
        "Exit 0 when no error is found, 1 when one is, 2 when the file cannot be read.",
    )
    p.add_argument("path", type=Path)
    p.add_argument("--json", action="store_true", help="machine-readable findings")
    p.add_argument(
        "--online",
        action="store_true",
        help="also try every reference URL (warnings only; needs the network)",
    )
    p.add_argument(
        "--timeout",
        type=float,
        default=5.0,
        metavar="SECONDS",
        help="per-link timeout for --online (default 5)",
    )
    add_catalogue_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    session = open_session(args.path, args)  # unreadable or invalid -> InputError, exit 2
    cat, a = session.catalogue, session.assessment
    findings = run_checks(cat, a)
    if args.online:
        from ncsi_tui.core.judge.linkcheck import check_links

        findings = _merge(findings, check_links(cat, a, timeout=args.timeout))
    code = EXIT_FAILED if any(f.severity == "error" for f in findings) else EXIT_OK
    if args.json:
        from ncsi_tui.core.export.json import check_dict

        doc = check_dict(cat, a, findings)
        doc["path"] = str(args.path)
        doc["has_comments"] = session.has_comments
        print_json(doc)
        return code
    out = console()
    if session.has_comments:
        out.print(
            f"{escape(str(args.path))}: note: holds # comments, which the next save will not keep",
            soft_wrap=True,
        )
    out.print(
        f"[bold]{escape(str(args.path))}[/]: {cat.id} assessment of {escape(a.country.name)} "
        f"({a.country.code}), reference date {a.reference_date}",
        soft_wrap=True,
    )
    print_findings(out, cat, a, findings)
    return code


def _merge(findings: list[Finding], extra: list[Finding]) -> list[Finding]:
    """Online warnings join the problems, before the open-work list."""
    problems = [f for f in findings if f.severity != "info"]
    return problems + extra + [f for f in findings if f.severity == "info"]


def _table(id_width: int) -> Table:
    """Three columns with fixed first widths, so every section lines up."""
    table = Table(show_header=False, show_edge=False, box=None, pad_edge=False, padding=(0, 1))
    table.add_column(no_wrap=True, min_width=11)
    table.add_column(no_wrap=True, min_width=id_width)
    table.add_column(ratio=1)
    return table


def print_findings(out: Console, cat: Catalogue, a: Assessment, findings: list[Finding]) -> None:
    """Problems grouped by section (catalogue order), then open work by points."""
    problems = [f for f in findings if f.severity != "info"]
    open_work = [f for f in findings if f.severity == "info"]
    names = {g.id: g.name for g in cat.walk_groups()}
    level = cat.levels[-2] if len(cat.levels) > 1 else "group"
    id_width = max((len(f.unit_id) for f in findings), default=4)
    by_group: dict[str, list[Finding]] = {}
    for f in problems:
        by_group.setdefault(f.group_id, []).append(f)
    for gid, items in by_group.items():
        out.print(f"\n[bold]{level.capitalize()} {escape(gid)} {escape(names.get(gid, ''))}[/]")
        table = _table(id_width)
        for f in items:
            mark, word, style = MARKS[f.severity]
            table.add_row(
                f"  [{style}]{mark} {word}[/]",
                escape(f.unit_id),
                f"{escape(f.message)} [dim]\\[{f.rule}][/]",
            )
        out.print(table)
    if open_work:
        pts = sum(f.points or 0 for f in open_work)
        out.print(
            f"\n[bold]Open work[/] — {len(open_work)} {cat.levels[-1]}(s) not met or not assessed, "
            f"{pts} point(s) to gain, most first"
        )
        table = _table(id_width)
        for f in open_work:
            state = a.record(f.unit_id).status.replace("-", " ")
            name = cat.unit_index[f.unit_id].name
            table.add_row(
                f"  · +{f.points}", escape(f.unit_id), f"{escape(name)} [dim]({state})[/]"
            )
        out.print(table)
    c = counts(findings)
    verdict = "[bold red]not ready[/]" if c["error"] else "[bold green]ready[/]"
    work = f", {c['info']} open" if cat.scoring == "points" else ""
    out.print(
        f"\n{c['error']} error(s), {c['warning']} warning(s){work} — {verdict}"
        + (" (fix the errors before submission)" if c["error"] else "")
    )
