"""`ncsi [PATH]` / `ncsi open [PATH]`: the Textual app. The only place that imports it."""

from __future__ import annotations

import argparse
from pathlib import Path

from ncsi_tui.cli._common import add_catalogue_option

ORDER = 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("open", help="open the app (the default when no command is given)")
    p.add_argument("path", nargs="?", type=Path, help="an assessment file; none: the start screen")
    p.add_argument("--dir", type=Path, default=Path("assessments"), help="folder of assessments")
    p.add_argument("--read-only", action="store_true", help="look, change nothing")
    add_catalogue_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ncsi_tui.app.app import run_app  # Textual is imported only here

    return run_app(args)
