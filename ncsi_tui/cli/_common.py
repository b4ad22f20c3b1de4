"""Helpers every command shares: consoles, catalogue folders, opening files, errors.

Everything the CLI prints goes through :func:`console`, :func:`err_console` or
:func:`write_out`, which drop control characters from what files hold
(:func:`ncsi_tui.core.model.text.strip_controls`): evidence can not retitle, clear or
hijack the terminal. Values put into Rich markup are escaped (``rich.markup.escape``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.segment import Segment

from ncsi_tui.core.disk import MAX_FILE_BYTES, decode_text, read_text
from ncsi_tui.core.errors import InputError
from ncsi_tui.core.files.session import AssessmentSession
from ncsi_tui.core.model.catalogue import Catalogues
from ncsi_tui.core.model.text import strip_controls

EXIT_OK, EXIT_FAILED, EXIT_INPUT = 0, 1, 2


class SafeConsole(Console):
    """A Rich console that never prints a control character taken from text: each text
    segment is cleaned just before it is written; Rich's own styling (control segments
    and the codes it adds around styled text) is kept."""

    def _render_buffer(self, buffer: list[Segment]) -> str:  # the one way out of Rich
        return super()._render_buffer([
            s if s.control else Segment(strip_controls(s.text), s.style)
            for s in buffer
        ])


def console() -> Console:
    """stdout; plain when not a terminal or NO_COLOR is set (rich honours NO_COLOR)."""
    return SafeConsole(highlight=False, soft_wrap=False,
                       width=None if sys.stdout.isatty() else 100)


def err_console() -> Console:
    return SafeConsole(stderr=True, highlight=False)


def write_out(text: str) -> None:
    """Write a document (an export, a diff) to standard output without control characters."""
    sys.stdout.write(strip_controls(text))


def report_error(exc: InputError) -> int:
    """Print a user error (what, where, what to do) without a traceback; exit code 2."""
    err = err_console()
    err.print(f"[bold red]error:[/] {escape(str(exc))}", markup=True, highlight=False,
              soft_wrap=True)
    return EXIT_INPUT


def add_catalogue_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--catalogue-dir",
        action="append",
        type=Path,
        default=[],
        metavar="DIR",
        help="extra folder of catalogues (also NCSI_CATALOGUE_PATH and the user's catalogue "
        "folder: `ncsi frameworks` shows where)",
    )


def catalogues(args: argparse.Namespace) -> Catalogues:
    return Catalogues(list(getattr(args, "catalogue_dir", []) or []))


def open_session(path: Path, args: argparse.Namespace, *, write: bool = False
                 ) -> AssessmentSession:
    """Open an assessment; `-` reads it from standard input (read-only: nothing is saved).

    ``write``: the command changes the file, so `-` is refused (InputError).
    """
    if write:
        refuse_stdio(path)
    return open_path(path, catalogues(args))


def refuse_stdio(path: Path | str | None) -> None:
    """A command that changes or creates an assessment file needs a real file, not `-`."""
    if is_stdio(path):
        raise InputError(
            "this command changes a file: standard input (-) cannot be changed",
            hint="give the assessment's file name; '-' is for commands that only read "
            "(summary, check, show, export, diff, ...) and for -o",
        )


def open_path(path: Path, cats: Catalogues) -> AssessmentSession:
    """Like :func:`open_session`, with the catalogues given."""
    if is_stdio(path):
        return _session_from_stdin(cats)
    return AssessmentSession.open(Path(path), cats)


STDIN_NAME = "<standard input>"


def _session_from_stdin(cats: Catalogues) -> AssessmentSession:
    """The assessment piped in, checked exactly as a file is (through a private temp copy)."""
    raw = sys.stdin.buffer.read()
    import tempfile  # here: every other command starts without it (issue 24)

    with tempfile.TemporaryDirectory(prefix="ncsi-stdin-") as folder:
        tmp = Path(folder) / "stdin.toml"
        tmp.write_bytes(raw)
        try:
            session = AssessmentSession.open(tmp, cats)
        except InputError as exc:
            if exc.path == tmp:
                exc.path = Path(STDIN_NAME)
            exc.message = exc.message.replace(str(tmp), STDIN_NAME)
            raise
    session.path = Path(STDIN_NAME)
    session.read_only = True  # there is no file to save back to
    return session


JSON_SCHEMA_VERSION = 1  #: of every `--json` document; changes when a shape changes incompatibly


def json_text(doc: dict[str, Any]) -> str:
    """A `--json` document: `schema_version` first, then `doc`, UTF-8, indented, newline-ended
    (that first line is also how a later `-o` knows the file is ours: core/files/places.py)."""
    return json.dumps({"schema_version": JSON_SCHEMA_VERSION, **doc}, indent=2,
                      ensure_ascii=False) + "\n"


def print_json(doc: dict[str, Any]) -> None:
    """Print a `--json` document (see :func:`json_text`) to standard output."""
    sys.stdout.write(strip_controls(json_text(doc)))
    sys.stdout.flush()


STDIO = "-"  #: as a path: standard input (where read) or standard output (where written)


def add_output_option(p: argparse.ArgumentParser, *, required: bool = False) -> None:
    """`-o/--output FILE`; `-` (and leaving it out, unless required) is standard output."""
    p.add_argument("-o", "--output", type=Path, required=required, metavar="FILE",
                   help="file to write ('-': standard output)"
                   + ("" if required else "; default: standard output"))


def is_stdio(path: Path | str | None) -> bool:
    """Whether a path argument is `-` (standard input or output)."""
    return path is not None and str(path) == STDIO


def write_output(output: Path | None, text: str | bytes, *, what: str,
                 assessment_path: Path | None = None) -> None:
    """Write a command's document to OUTPUT atomically, or to standard output (None or `-`).

    ``text`` is text, or bytes for a binary format (a workbook). The note "wrote FILE
    (what, N bytes)" goes to standard error, so that standard output carries the document
    alone. Raises InputError (unwritable, or OUTPUT is the assessment itself).
    """
    from ncsi_tui.core.export import write_export

    if output is None or is_stdio(output):
        sys.stdout.flush()
        if isinstance(text, bytes):
            sys.stdout.buffer.write(text)
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(strip_controls(text))
            sys.stdout.flush()
        return
    from ncsi_tui.core.files.places import check_export_target

    check_export_target(output, assessment_path)  # no .toml, link or stranger's file
    write_export(output, text, assessment_path=assessment_path)
    size = len(text) if isinstance(text, bytes) else len(text.encode())
    err_console().print(f"wrote {output} ({what}, {size:,} bytes)", markup=False,
                        soft_wrap=True)


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
