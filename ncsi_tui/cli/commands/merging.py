"""`ncsi merge`, `ncsi resolve`, `ncsi git-setup`: git as the shared store (docs/git.md).

Thin wrappers over core/files/gitmerge.py and core/files/unresolved.py. ``ncsi merge``
exits like ``git merge-file``: 0 merged cleanly, 1 fields left unresolved (written into
the file as ``[[unresolved]]``), 2 bad input (nothing written).
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

from rich.markup import escape

from ncsi_tui.cli._common import (
    EXIT_FAILED,
    EXIT_OK,
    add_catalogue_option,
    catalogues,
    console,
    err_console,
    is_stdio,
)
from ncsi_tui.core.files import gitmerge, unresolved
from ncsi_tui.core.files.session import current_user

ORDER = 70


def register(sub: argparse._SubParsersAction) -> None:
    m = sub.add_parser(
        "merge", help="three-way merge of three versions of an assessment (git's merge driver)",
        description="Merge BASE, OURS and THEIRS field by field, like `git merge-file`: the "
        "result replaces OURS (or goes to OUT). Exit 0 merged, 1 fields left unresolved "
        "(kept in the file as [[unresolved]]: finish with `ncsi resolve` or the app), "
        "2 bad input. `ncsi git-setup` makes git use it. See docs/git.md.",
    )
    m.add_argument("base", type=Path, metavar="BASE")
    m.add_argument("ours", type=Path, metavar="OURS")
    m.add_argument("theirs", type=Path, metavar="THEIRS")
    m.add_argument("-o", "--output", type=Path, metavar="OUT", help="write here, not to OURS")
    m.add_argument("--git", action="store_true", help=argparse.SUPPRESS)  # called by git
    m.add_argument("--path", default="", help=argparse.SUPPRESS)  # git's %P: the file's name
    add_catalogue_option(m)
    m.set_defaults(func=run_merge)

    r = sub.add_parser(
        "resolve", help="finish an unresolved merge field: take ours or theirs",
        description="Take one side of a field left unresolved by `ncsi merge` (git's merge "
        "driver). The version not taken is kept in a conflict note beside the file.",
    )
    r.add_argument("path", type=Path)
    r.add_argument("unit", metavar="UNIT", help="unit id (1.1), or a file field (title)")
    r.add_argument("field", nargs="?", metavar="FIELD", help="status, evidence, notes, ...")
    r.add_argument("--take", choices=("ours", "theirs"), required=True)
    add_catalogue_option(r)
    r.set_defaults(func=run_resolve)

    g = sub.add_parser(
        "git-setup", help="make git merge assessment files with `ncsi merge`",
        description="Register `ncsi merge` as git's merge driver for *.toml in the "
        "repository: .gitattributes (commit it) and the driver in .git/config (run once "
        "in each clone). Safe to run again. See docs/git.md.",
    )
    g.add_argument("repo", nargs="?", type=Path, default=Path("."), metavar="REPO")
    g.set_defaults(func=run_git_setup)


def run_merge(args: argparse.Namespace) -> int:
    if is_stdio(args.output):  # `-o -`: the merged file on standard output, OURS untouched
        import tempfile

        with tempfile.TemporaryDirectory(prefix="ncsi-merge-") as tmp:
            args.output = Path(tmp) / Path(args.ours).name
            with contextlib.redirect_stdout(sys.stderr):  # our words go to standard error
                code = run_merge(args)
            if args.output.exists():
                sys.stdout.write(args.output.read_text(encoding="utf-8"))
            return code
    outcome = gitmerge.merge_files(args.base, args.ours, args.theirs, args.output,
                                   catalogues(args), git_driver=args.git)
    name = args.path or str(outcome.out)
    if outcome.text_merge:
        return EXIT_FAILED if outcome.unresolved else EXIT_OK
    out = err_console() if args.git else console()
    if not outcome.unresolved:
        if not args.git:
            out.print(f"merged into {escape(str(outcome.out))}")
        return EXIT_OK
    keys = ", ".join(f"{u.key} (ours by {u.ours_by or '?'}, theirs by {u.theirs_by or '?'})"
                     for u in outcome.unresolved)
    out.print(f"{escape(name)}: {len(outcome.unresolved)} field(s) changed differently on both "
              f"sides, left unresolved: {escape(keys)}", soft_wrap=True)
    out.print(f"  finish with `{escape(unresolved.command(name, outcome.unresolved[0]))}` "
              "or open the file in the app", soft_wrap=True)
    return EXIT_FAILED


def run_resolve(args: argparse.Namespace) -> int:
    key = unresolved.key_of(args.unit, args.field)
    a, note = unresolved.resolve_file(args.path, {key: args.take}, current_user(),
                                      catalogues(args))
    out = console()
    out.print(f"{escape(key)}: took {args.take}; saved {escape(str(args.path))}", soft_wrap=True)
    if note is not None:
        out.print(f"  the version not taken is kept in {escape(str(note))}", soft_wrap=True)
    if a.unresolved:
        out.print(f"  still unresolved: {escape(', '.join(u.key for u in a.unresolved))}",
                  soft_wrap=True)
        return EXIT_OK
    out.print("  no unresolved field left: `git add` the file to finish the merge", soft_wrap=True)
    return EXIT_OK


def run_git_setup(args: argparse.Namespace) -> int:
    done = gitmerge.setup(args.repo)
    out = console()
    if not done:
        out.print("already set up: git merges *.toml assessments with `ncsi merge`")
    for line in done:
        out.print(escape(line), soft_wrap=True)
    return EXIT_OK
