"""`ncsi history PATH [--json]`: the file's committed versions with their total scores.

Reads git through :mod:`ncsi_tui.core.files.history` (the `git` command line; nothing is
checked out). A folder outside a repository is a clear error, exit 2.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.markup import escape
from rich.table import Table

from ncsi_tui.cli._common import add_catalogue_option, catalogues, console, print_json
from ncsi_tui.core.files import history

ORDER = 61


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("history", help="the file's versions in git, with total scores")
    p.add_argument("path", type=Path)
    p.add_argument("--json", action="store_true", help="machine-readable output")
    add_catalogue_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    found = history.versions(args.path, catalogues(args))
    modified = history.working_copy_modified(args.path)
    if args.json:
        data = {
            "path": str(args.path),
            "working_copy_modified": modified,
            "versions": [v.to_dict() for v in found],
        }
        print_json(data)
        return 0
    out = console()
    table = Table(show_edge=False, pad_edge=False)
    for col in ("commit", "date", "author", "total", "message"):
        table.add_column(col, justify="right" if col == "total" else "left")
    for v in found:
        total = v.headline if not v.error else f"[red]unreadable[/]: {escape(v.error[:60])}"
        table.add_row(
            v.short, v.date.strftime("%Y-%m-%d %H:%M"), escape(v.author), total, escape(v.subject)
        )
    out.print(table)
    out.print(
        f"{len(found)} version{'s' if len(found) != 1 else ''} of {escape(str(args.path))}"
        + (" — the working copy has uncommitted changes" if modified else "")
    )
    return 0
