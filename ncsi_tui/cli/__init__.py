"""The `ncsi` command line: parse, call the core, print. Exit 0 ok, 1 check failed, 2 input error.

Each command lives in its own module under ``ncsi_tui.cli.commands`` and registers itself
(``ORDER`` and ``register(sub)``). :data:`COMMANDS` names the module of each command, so
``ncsi summary`` imports the summary module and nothing else (start-up is most of a
command's time); a name not in the table falls back to importing every module, and
tests/cli/test_command_table.py keeps the table in step with the modules. Only the branch
that opens the app imports Textual.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

from ncsi_tui import __version__

# ncsi_tui.cli._common and the core are imported where used: `ncsi --help` needs neither

#: command name -> its module under ncsi_tui.cli.commands (see the module docstring)
COMMANDS: dict[str, str] = {
    "catalogue": "frameworks",
    "check": "check",
    "completion": "completion",
    "diff": "diff",
    "example": "example",
    "export": "export",
    "finding": "plan",
    "follow-up": "follow_up",
    "frameworks": "frameworks",
    "git-setup": "merging",
    "gap": "plan",
    "history": "history",
    "import": "importing",
    "merge": "merging",
    "new": "record",
    "open": "open",
    "overview": "overview",
    "plan": "plan",
    "record": "record",
    "recs": "recs",
    "resolve": "merging",
    "show": "record",
    "summary": "summary",
    "trend": "trend",
}

#: each command's line in `ncsi --help`, in its order: `ncsi --help` and `--version` import no
#: command module (tests/cli/test_command_table.py keeps this equal to what they register)
HELP: dict[str, str] = {
    "open": "open the app (the default when no command is given)",
    "frameworks": "list the installed framework catalogues",
    "catalogue": "check or build a catalogue file",
    "example": "copy the example assessments (NCSI and CMM) into DIR to try the tool on",
    "new": "start a new assessment file",
    "record": "record status or stage, evidence and references of a unit",
    "show": "one indicator or unit: criterion or stages, status or stage, evidence",
    "import": "start an assessment from published data (NCSI page), or merge back a workbook",
    "summary": "score by section and the total index",
    "check": "readiness check: what a reviewer would reject (exit 1 on errors)",
    "export": "write the assessment as HTML, PDF, Word, Excel, Markdown, CSV or JSON "
              "(notes left out)",
    "diff": "compare two assessments, or two git revisions of one",
    "plan": "the review's stakeholder clusters and consultation plan (show, edit)",
    "finding": "note what a consultation session said about units",
    "gap": "mark a unit as a gap (desk research or follow-up); list gaps",
    "history": "the file's versions in git, with total scores",
    "recs": "the review's recommendations: list, add, set status and evidence",
    "trend": "total and section scores across versions, with a chart",
    "follow-up": "what moved since a review, and what became of its recommendations",
    "overview": "many assessments side by side: ranked per framework, heat map, "
                "regional figures",
    "merge": "three-way merge of three versions of an assessment (git's merge driver)",
    "resolve": "finish an unresolved merge field: take ours or theirs",
    "git-setup": "make git merge assessment files with `ncsi merge`",
    "completion": "print a shell completion script (bash, zsh, fish)",
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage errors exit 2 with a hint, like argparse
        from ncsi_tui.cli._common import EXIT_INPUT

        self.print_usage(sys.stderr)
        self.exit(EXIT_INPUT, f"ncsi: error: {message}\n  see `{self.prog} --help`\n")


def _top() -> tuple[argparse.ArgumentParser, argparse._SubParsersAction]:
    parser = _Parser(
        prog="ncsi",
        description="Assess national cyber security capacity against NCSI/CMM catalogues. "
        "With no command, opens the app (on PATH if given).",
    )
    parser.add_argument("--version", action="version", version=f"ncsi-tui {__version__}")
    return parser, parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)


def index_parser() -> argparse.ArgumentParser:
    """The top level alone, each command a name and its :data:`HELP` line (``ncsi --help``,
    ``--version``): the same help text as :func:`build_parser`, without importing commands."""
    parser, sub = _top()
    for name, text in HELP.items():
        sub.add_parser(name, help=text)
    return parser


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line; `only` registers one command module (the app's fast start)."""
    parser, sub = _top()
    from ncsi_tui.cli import commands

    if only is not None:  # one module by name: no scan of the folder
        modules = [importlib.import_module(f"{commands.__name__}.{only}")]
    else:
        import pkgutil

        modules = [importlib.import_module(f"{commands.__name__}.{m.name}")
                   for m in pkgutil.iter_modules(commands.__path__) if not m.name.startswith("_")]
    for mod in sorted(modules, key=lambda m: (getattr(m, "ORDER", 100), m.__name__)):
        mod.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `ncsi` console script."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    first = args_list[0] if args_list else ""
    if not args_list or first in ("open", "--read-only", "--dir", "--serve", "--export-dir") \
            or first.endswith(".toml"):
        # opening the app: skip importing the other commands (start-up time is the
        # first thing an official notices)
        if first != "open":
            args_list = ["open", *args_list]
        return _run(build_parser(only="open"), args_list)
    if args_list in (["--help"], ["-h"], ["--version"]):  # no command module imported
        return _run(index_parser(), args_list)
    if first in COMMANDS:  # the fast path: only this command's module is imported
        return _run(build_parser(only=COMMANDS[first]), args_list)
    parser = build_parser()
    known = set(parser._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
    if (first not in known and first not in ("-h", "--help", "--version")):
        if first and not first.startswith("-") and not first.endswith(".toml") \
                and not Path(first).exists():
            from ncsi_tui.cli._common import report_error
            from ncsi_tui.core.errors import InputError

            return report_error(InputError(
                f"unknown command '{first}'", hint="commands: " + ", ".join(sorted(known))
            ))
        args_list = ["open", *args_list]
    return _run(parser, args_list)


def _run(parser: argparse.ArgumentParser, args_list: list[str]) -> int:
    from ncsi_tui.core.errors import InputError  # light: no model, no pydantic

    try:
        args = parser.parse_args(args_list)
        return int(args.func(args) or 0)
    except InputError as exc:
        from ncsi_tui.cli._common import report_error

        return report_error(exc)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
