"""`ncsi check PATH`: is the file usable and ready? Exit 0 ok, 1 problems, 2 unreadable."""

from __future__ import annotations

import argparse
from pathlib import Path

from ncsi_tui.cli._common import add_catalogue_option, console, open_session

ORDER = 40


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="validate the file against its catalogue")
    p.add_argument("path", type=Path)
    add_catalogue_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    session = open_session(args.path, args)  # unreadable or invalid -> InputError, exit 2
    out = console()
    if session.has_comments:
        out.print(f"{args.path}: note: holds # comments, which the next save will not keep")
    out.print(f"{args.path}: ok — valid {session.catalogue.id} assessment")
    return 0
