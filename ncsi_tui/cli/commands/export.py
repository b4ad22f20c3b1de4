"""`ncsi export PATH --format html|md|csv|json [-o OUT]`: the submission pack.

A thin wrapper over :func:`ncsi_tui.core.export.export`: opens the file, scores it,
runs the readiness rules and writes the chosen format to OUT (atomically) or stdout.
Internal notes never reach any format.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ncsi_tui.cli._common import (
    EXIT_OK,
    add_catalogue_option,
    add_output_option,
    is_stdio,
    open_session,
    write_output,
)
from ncsi_tui.core.errors import InputError
from ncsi_tui.core.export import FORMATS, export, is_binary
from ncsi_tui.core.judge.readiness import run_checks

ORDER = 45


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export",
        help="write the assessment as HTML, PDF, Word, Excel, Markdown, CSV or JSON (notes left out)",
        description="Export an assessment for reviewers and decision makers. Internal notes "
        "are never exported. Print the HTML to PDF as docs/exports.md shows.",
    )
    p.add_argument("path", type=Path)
    p.add_argument("--format", "-f", required=True, choices=list(FORMATS), help="output format")
    add_output_option(p)
    p.add_argument(
        "--no-findings",
        action="store_true",
        help="leave the readiness findings out (HTML, Markdown, JSON)",
    )
    p.add_argument(
        "--plain",
        action="store_true",
        help="CSV: plain UTF-8 without a byte-order mark, ids as they are (for scripts; the "
        "default opens right in Excel)",
    )
    add_catalogue_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    session = open_session(args.path, args)
    cat, a = session.catalogue, session.assessment
    findings = [] if args.no_findings else run_checks(cat, a)
    binary = is_binary(args.format)
    to_stdout = args.output is None or is_stdio(args.output)
    if binary and to_stdout and sys.stdout.isatty():
        raise InputError(f"{args.format} is a binary format, not for the terminal",
                         hint=f"write it to a file: -o {args.path.with_suffix('').name}."
                         f"{FORMATS[args.format][1]}")
    if args.format == "csv" and args.plain:
        from ncsi_tui.core.export.csv import render_csv

        text: str | bytes = render_csv(cat, a, excel=False)
    else:
        text = export(args.format, cat, a, session.score(), findings)
    write_output(args.output, text, what=args.format, assessment_path=args.path)
    return EXIT_OK
