"""Helpers every command shares: consoles, catalogue folders, opening files, errors."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from rich.console import Console

from ncsi_tui.core.disk import MAX_FILE_BYTES, decode_text, read_text
from ncsi_tui.core.errors import InputError
from ncsi_tui.core.files.session import AssessmentSession
from ncsi_tui.core.model.catalogue import Catalogues

EXIT_OK, EXIT_FAILED, EXIT_INPUT = 0, 1, 2


def console() -> Console:
    """stdout; plain when not a terminal or NO_COLOR is set (rich honours NO_COLOR)."""
    return Console(highlight=False, soft_wrap=False, width=None if sys.stdout.isatty() else 100)


def err_console() -> Console:
    return Console(stderr=True, highlight=False)


def report_error(exc: InputError) -> int:
    """Print a user error (what, where, what to do) without a traceback; exit code 2."""
    err = err_console()
    err.print(f"[bold red]error:[/] {exc}", markup=True, highlight=False, soft_wrap=True)
    return EXIT_INPUT


def add_catalogue_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--catalogue-dir",
        action="append",
        type=Path,
        default=[],
        metavar="DIR",
        help="extra folder of catalogues (also NCSI_CATALOGUE_PATH and ~/.local/share/ncsi-tui/catalogue)",
    )


def catalogues(args: argparse.Namespace) -> Catalogues:
    return Catalogues(list(getattr(args, "catalogue_dir", []) or []))


def open_session(path: Path, args: argparse.Namespace) -> AssessmentSession:
    return AssessmentSession.open(Path(path), catalogues(args))


#: The most text --evidence-file and friends read (an assessment is refused past this too).
EVIDENCE_LIMIT = MAX_FILE_BYTES


def read_text_arg(path: str) -> str:
    """Read --evidence-file and friends; '-' is standard input."""
    if path == "-":
        stream = getattr(sys.stdin, "buffer", None)
        raw = stream.read(EVIDENCE_LIMIT + 1) if stream is not None \
            else sys.stdin.read(EVIDENCE_LIMIT + 1)
        if len(raw) > EVIDENCE_LIMIT:
            raise InputError("standard input is larger than any evidence text",
                             hint="is this the right input?")
        return raw if isinstance(raw, str) else decode_text(raw, None, what="text")
    return read_text(Path(path), what="text file", limit=EVIDENCE_LIMIT, pipes=True)


def no_color() -> bool:
    return bool(os.environ.get("NO_COLOR"))
