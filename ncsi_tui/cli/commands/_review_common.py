"""Shared by the review commands (plan, finding, gap, recs, follow-up): verb dispatch.

`ncsi plan PATH` and `ncsi plan cluster PATH ...` (likewise `ncsi recs PATH` and
`ncsi recs add PATH ...`) share one command name, so the command takes the rest of the
line and parses it here with a small parser per verb; a first word that is no verb is
the PATH of the default verb.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path

from ncsi_tui.cli._common import EXIT_INPUT, open_session
from ncsi_tui.core.errors import InputError
from ncsi_tui.core.files.review_edits import check_review
from ncsi_tui.core.files.session import AssessmentSession


class VerbParser(argparse.ArgumentParser):
    """Usage errors exit 2 with a pointer to --help, like the top-level parser."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_INPUT, f"{self.prog}: error: {message}\n  see `{self.prog} --help`\n")


Builder = Callable[[argparse.ArgumentParser], None]


def verb_command(
    sub: argparse._SubParsersAction,
    name: str,
    *,
    help: str,
    description: str,
    verbs: dict[str, tuple[str, Builder, Callable[[argparse.Namespace], int]]],
    default: str,
) -> None:
    """Register `ncsi NAME [VERB] ...`; `verbs` maps a verb to (help, build, run)."""
    forms = "\n".join(f"  {'ncsi ' + name + ('' if v == default else ' ' + v) + ' PATH ...':<30} {h}"
                      for v, (h, _, _) in verbs.items())
    p = sub.add_parser(name, help=help, description=textwrap.fill(description, 88) + "\n\n" + forms
                       + f"\n\nSee `ncsi {name} VERB --help` for each.",
                       formatter_class=argparse.RawDescriptionHelpFormatter,
                       usage=f"ncsi {name} [{'|'.join(v for v in verbs if v != default)}] PATH ...")
    p.add_argument("args", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)

    def run(args: argparse.Namespace) -> int:
        argv: Sequence[str] = args.args
        verb = argv[0] if argv and argv[0] in verbs else default
        rest = list(argv[1:] if argv and argv[0] in verbs else argv)
        prog = f"ncsi {name}" + ("" if verb == default else f" {verb}")
        vp = VerbParser(prog=prog, description=verbs[verb][0])
        verbs[verb][1](vp)
        ns = vp.parse_args(rest)
        return with_path(verbs[verb][2])(ns)

    p.set_defaults(func=run, verbs=verbs)  # `verbs`: for the CLI tests and completion


def with_path(run: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Errors about the review name the file they are about."""

    def wrapped(args: argparse.Namespace) -> int:
        try:
            return run(args)
        except InputError as exc:
            if exc.path is None and getattr(args, "path", None) is not None:
                exc.path = Path(args.path)
            raise

    return wrapped


def open_review(path: Path, args: argparse.Namespace, *, write: bool = False
                ) -> AssessmentSession:
    """Open an assessment whose review ids all exist in its catalogue (else exit 2)."""
    session = open_session(path, args, write=write)
    check_review(session)
    return session


def csv_list(values: list[str] | None) -> list[str]:
    """--covers D1 D2 or --covers D1,D2: both work."""
    out: list[str] = []
    for v in values or []:
        out += [x.strip() for x in v.split(",") if x.strip()]
    return out
