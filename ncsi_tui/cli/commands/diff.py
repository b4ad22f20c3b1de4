"""`ncsi diff OLD NEW` and `ncsi diff PATH --rev A [--rev B]`: what changed between versions.

Exit 0 when the two are equal, 1 when they differ (like `diff`), 2 on bad input. A thin
wrapper over :func:`ncsi_tui.core.compare.diff.compare`; git revisions come from core.history.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ncsi_tui.cli._common import (
    EXIT_FAILED,
    EXIT_OK,
    add_catalogue_option,
    catalogues,
    console,
    open_path,
    print_json,
    write_out,
)
from ncsi_tui.cli.commands._diff_render import render_markdown, render_text
from ncsi_tui.core.compare.diff import AssessmentDiff, compare
from ncsi_tui.core.errors import InputError
from ncsi_tui.core.files import history
from ncsi_tui.core.model.assessment import Assessment
from ncsi_tui.core.model.catalogue import Catalogue, Catalogues
from ncsi_tui.core.model.crosswalk import crosswalk_for

ORDER = 60


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "diff",
        help="compare two assessments, or two git revisions of one",
        description="Compare OLD with NEW, or PATH at git revision A with revision B "
        "(default: the file as it is now). Exit 0: equal, 1: different, 2: bad input.",
    )
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="OLD NEW, or one PATH")
    p.add_argument(
        "--rev",
        action="append",
        default=[],
        metavar="REV",
        help="git revision of PATH (commit, tag, HEAD~1); give it once or twice",
    )
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="machine-readable output")
    fmt.add_argument(
        "--format", choices=("text", "md"), default="text", help="text (default) or md (Markdown)"
    )
    p.add_argument("--full", action="store_true", help="show whole evidence texts, not excerpts")
    p.add_argument(
        "--no-notes",
        action="store_true",
        help="leave internal notes out (for a report you share)",
    )
    p.add_argument(
        "--strict",
        action="store_true",
        help="refuse files of different catalogues instead of pairing their units",
    )
    add_catalogue_option(p)
    p.set_defaults(func=run)


def load_version(
    path: Path, rev: str | None, cats: Catalogues
) -> tuple[Catalogue, Assessment, str]:
    """A file on disk (rev None) or at a git revision: catalogue, assessment, label."""
    if rev is None:
        s = open_path(path, cats)
        return s.catalogue, s.assessment, str(path)
    cat, a = history.open_at(path, rev, cats)
    return cat, a, f"{path}@{rev}"


def diff_from_args(args: argparse.Namespace) -> AssessmentDiff:
    """The two sides named on the command line, compared."""
    paths, revs = list(args.paths), list(args.rev)
    if revs:
        if len(paths) != 1:
            raise InputError(
                "with --rev, give one PATH (the file in a git repository)",
                hint="ncsi diff PATH --rev A [--rev B]",
            )
        if len(revs) > 2:
            raise InputError(
                "give --rev at most twice: old, then new", hint="ncsi diff PATH --rev A [--rev B]"
            )
        sides = [(paths[0], revs[0]), (paths[0], revs[1] if len(revs) == 2 else None)]
    elif len(paths) == 2:
        sides = [(paths[0], None), (paths[1], None)]
    else:
        raise InputError(
            f"give two files to compare (got {len(paths)})",
            hint="ncsi diff OLD NEW, or ncsi diff PATH --rev A [--rev B] for git revisions",
        )
    cats = catalogues(args)
    old_cat, old, old_label = load_version(*sides[0], cats)
    new_cat, new, new_label = load_version(*sides[1], cats)
    return compare(
        old_cat,
        old,
        new_cat,
        new,
        old_label=old_label,
        new_label=new_label,
        allow_mapping=not args.strict,
        with_notes=not args.no_notes,
        crosswalk=crosswalk_for(cats, old_cat.id, new_cat.id),
    )


def run(args: argparse.Namespace) -> int:
    d = diff_from_args(args)
    if args.json:
        print_json(d.to_dict())
    elif args.format == "md":
        write_out(render_markdown(d, full=args.full))
    else:
        out = console()
        out.soft_wrap = not out.is_terminal  # whole lines when piped; word wrap on a terminal
        render_text(out, d, full=args.full)
    return EXIT_OK if d.equal else EXIT_FAILED
