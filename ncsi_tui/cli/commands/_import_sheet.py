"""`ncsi import sheet F.xlsx --into F.toml`: a colleague's edited workbook, merged back.

A thin wrapper over :func:`ncsi_tui.core.importers.sheet.read_workbook` and the three-way
merge of core/files/merge.py (base: the version the workbook was exported from; mine: the
file now; theirs: the workbook). Exit 0 when merged and saved (or nothing to do), 1 when
the sheet and the file changed the same thing differently (nothing written; choose with
``--take sheet|file``), 2 when a cell cannot be read (nothing written).
Registered by cli/commands/importing.py under ``ncsi import``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.markup import escape

from ncsi_tui.cli._common import (
    EXIT_FAILED,
    add_catalogue_option,
    console,
    err_console,
    open_session,
)
from ncsi_tui.core.errors import InputError


def register(isub: argparse._SubParsersAction) -> None:
    s = isub.add_parser(
        "sheet",
        help="merge an edited workbook (from `ncsi export --format xlsx`) into its assessment",
        description="Bring back what a colleague changed in an exported workbook: status or "
        "stage, evidence and references. Changes made to the assessment since the export are "
        "kept; a clash with them is reported and nothing is written unless --take decides.",
    )
    s.add_argument("workbook", type=Path, metavar="F.xlsx")
    s.add_argument("--into", type=Path, required=True, metavar="F.toml",
                   help="the assessment the workbook was exported from")
    s.add_argument("--take", choices=("sheet", "file"),
                   help="on a clash, keep the workbook's or the file's version")
    s.add_argument("--dry-run", action="store_true", help="say what would change; write nothing")
    s.add_argument("--drop-comments", action="store_true",
                   help="save even though the file holds # comments (they cannot be kept)")
    add_catalogue_option(s)
    s.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # here, not at the top: `ncsi import ncsi-page` builds this parser too
    from ncsi_tui.core.files import merge
    from ncsi_tui.core.files.session import now
    from ncsi_tui.core.importers.sheet import adopt_internal, read_workbook

    session = open_session(args.into, args)
    if session.has_comments and not args.drop_comments and not args.dry_run:
        raise InputError("the file holds # comments, which saving cannot keep; nothing was changed",
                         path=args.into, hint="move them into `notes`, or add --drop-comments")
    cat = session.catalogue
    sheet = adopt_internal(read_workbook(args.workbook, cat, user=session.user, now=now()),
                           session.assessment)
    err, out = err_console(), console()
    for w in sheet.warnings:
        err.print(f"{escape(str(args.workbook))}: warning: {escape(w)}", soft_wrap=True)
    if not sheet.changed:
        out.print(f"{escape(str(args.workbook))}: no changes to bring in")
        return 0
    result = merge.merge(sheet.base, session.assessment, sheet.theirs)
    if result.conflicts and args.take is None:
        err.print(f"[bold red]clash:[/] {len(result.conflicts)} change(s) of the workbook clash "
                  f"with changes made to {escape(str(args.into))} since the export:")
        for c in result.conflicts:
            err.print(f"  {escape(c.label)}: " + escape(", ".join(c.differences())), soft_wrap=True)
        err.print("nothing was written; run again with --take sheet or --take file")
        return EXIT_FAILED
    side = "theirs" if args.take in (None, "sheet") else "mine"
    merged = result.resolved({c.key: side for c in result.conflicts})
    taken = [u for u in sheet.changed if merged.record(u) != session.assessment.record(u)]
    if args.dry_run:
        out.print(f"would update {len(taken)} unit(s) of {escape(str(args.into))}: "
                  + escape(", ".join(taken) or "none"))
        return 0
    for name in type(merged).model_fields:
        setattr(session.assessment, name, getattr(merged, name))
    session.dirty = True
    session.save_merging()
    out.print(f"merged {escape(str(args.workbook))} into {escape(str(args.into))}: "
              f"{len(taken)} unit(s) updated" + (f" ({escape(', '.join(taken))})" if taken else ""))
    return 0
