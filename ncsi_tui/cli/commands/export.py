"""`ncsi export PATH --format html|md|csv|json [-o OUT]`: the submission pack.

A thin wrapper over :func:`ncsi_tui.core.export.export`: opens the file, scores it,
runs the readiness rules and writes the chosen format to OUT (atomically) or stdout.
Internal notes never reach any format.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from ncsi_tui.cli._common import EXIT_OK, add_catalogue_option, err_console, open_session
from ncsi_tui.core.checks import run_checks
from ncsi_tui.core.errors import InputError
from ncsi_tui.core.export import FORMATS, export

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
    if args.output.resolve() == args.path.resolve():
        raise InputError(
            "the output would overwrite the assessment itself",
            path=args.output,
            hint="choose another file name with -o",
        )
    write_output(args.output, text)
    err_console().print(f"wrote {args.output} ({args.format}, {len(text.encode()):,} bytes)")
    return EXIT_OK


def write_output(path: Path, text: str) -> None:
    """Write atomically, so a failed export never leaves half a file behind."""
    if path.resolve() == Path(os.devnull).resolve():
        path.write_text(text, encoding="utf-8")
        return
    folder = path.resolve().parent
    if not folder.is_dir():
        raise InputError("the output folder does not exist", path=path, hint="create it first")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)
        os.replace(tmp, path)
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror}", path=path) from None
