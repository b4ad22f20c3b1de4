"""`ncsi export PATH --format html|md|csv|json [-o OUT]`: the submission pack.

A thin wrapper over :func:`ncsi_tui.core.export.export`: opens the file, scores it,
runs the readiness rules and writes the chosen format to OUT (atomically) or stdout.
Internal notes never reach any format.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ncsi_tui.cli._common import EXIT_OK, add_catalogue_option, err_console, open_session
from ncsi_tui.core.export import FORMATS, export, write_export
from ncsi_tui.core.judge.readiness import run_checks

ORDER = 45


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export",
        help="write the assessment as HTML, Markdown, CSV or JSON (notes left out)",
        description="Export an assessment for reviewers and decision makers. Internal notes "
        "are never exported. Print the HTML to PDF as docs/exports.md shows.",
    )
    p.add_argument("path", type=Path)
    p.add_argument("--format", "-f", required=True, choices=list(FORMATS), help="output format")
    p.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    p.add_argument(
        "--no-findings",
        action="store_true",
        help="leave the readiness findings out (HTML, Markdown, JSON)",
    )
    add_catalogue_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    session = open_session(args.path, args)
    cat, a = session.catalogue, session.assessment
    findings = [] if args.no_findings else run_checks(cat, a)
    text = export(args.format, cat, a, session.score(), findings)
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    write_export(args.output, text, assessment_path=args.path)
    err_console().print(f"wrote {args.output} ({args.format}, {len(text.encode()):,} bytes)")
    return EXIT_OK
