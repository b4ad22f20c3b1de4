"""`ncsi example [DIR]`: copy the bundled example assessments into a folder to try things on."""

from __future__ import annotations

import argparse
from pathlib import Path

from ncsi_tui.cli._common import console
from ncsi_tui.core.files.examples import copy_examples

ORDER = 12


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "example",
        help="copy the example assessments (NCSI and CMM) into DIR to try the tool on",
        description="Copy the bundled example assessments (a fictional country, Examplia) into "
        "DIR, made if missing. Existing files are never replaced.",
    )
    p.add_argument("dir", nargs="?", type=Path, default=Path("assessments"),
                   help="where to copy them (default: ./assessments, the folder `ncsi` lists)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    made = copy_examples(args.dir)
    out = console()
    for path in made:
        out.print(f"wrote {path}")
    out.print(f"open one with: ncsi {made[0]}" if made else "no example is bundled")
    return 0
