"""`ncsi import ncsi-page PAGE --into F.toml`: merge an updated page into the team's file.

The merge is core/importers/into.py; this prints what changed, the clashes (exit 1,
nothing written unless ``--take mine|page``) and saves through the core session.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.markup import escape

from ncsi_tui.cli._common import (
    EXIT_FAILED,
    EXIT_OK,
    catalogues,
    console,
    err_console,
    open_session,
)
from ncsi_tui.core.errors import InputError
from ncsi_tui.core.files import merge as saving
from ncsi_tui.core.files import storage
from ncsi_tui.core.importers.into import merge_page, previous_import
from ncsi_tui.core.importers.ncsi_page import import_ncsi_page, read_page_file
from ncsi_tui.core.model.assessment import Assessment
from ncsi_tui.core.model.catalogue import Catalogue


def _show(value: object) -> str:
    text = str(value if value not in (None, "", []) else "(empty)")
    return text if len(text) < 60 else text[:57] + "..."


def run_into(args: argparse.Namespace) -> int:
    session = open_session(args.into, args)
    if session.has_comments:
        raise InputError("the file holds # comments, which saving cannot keep; nothing was "
                         "changed", path=args.into, hint="move them into `notes` first")
    text = read_page_file(args.page)
    result = import_ncsi_page(
        text, catalogues(args), args.country, args.title, args.framework or
        session.assessment.framework, country_name=args.country_name,
        source=args.page.name, path=args.page)
    page = result.assessment
    if page.framework != session.assessment.framework:
        raise InputError(f"the page is {page.framework}, the file {session.assessment.framework}",
                         path=args.into, hint="import it as a new file with -o")
    if page.country.code != session.assessment.country.code:
        raise InputError(f"the page is for {page.country.code}, the file for "
                         f"{session.assessment.country.code}", path=args.into)
    previous = previous_import(args.into, page.framework)
    pm = merge_page(session.assessment, page, previous)
    err, out = err_console(), console()
    out.soft_wrap = True
    for w in result.warnings:
        err.print(escape(w.located(str(args.page))), soft_wrap=True)
    if pm.clashes and not args.take:
        out.print(f"{len(pm.clashes)} field(s) changed both by the page and in "
                  f"{escape(str(args.into))}; nothing written:")
        for c in pm.clashes:
            out.print(f"  {escape(c.key)}: yours {escape(_show(c.mine))!r}, "
                      f"the page {escape(_show(c.theirs))!r}")
        out.print("  run again with --take mine (keep yours) or --take page; the other "
                  "version is kept in a conflict note")
        return EXIT_FAILED
    side: saving.Side = "theirs" if args.take == "page" else "mine"
    merged = pm.result.resolved(default=side)
    for name in type(merged).model_fields:  # through the session: its save checks the disk
        setattr(session.assessment, name, getattr(merged, name))
    session.dirty = True
    note = saving.write_note(args.into, pm.result, None, session.user, session.catalogue,
                             default=side)
    session.save_merging()
    save_page_base(args.into, page, result.catalogue)

    out.print(f"merged {escape(str(args.page))} into {escape(str(args.into))}")
    out.print("  updated from the page: " + (", ".join(pm.updated) or "nothing changed"))
    if pm.kept_own:
        units = sorted({u for u, _ in pm.kept_own}, key=lambda u: [int(x) if x.isdigit()
                                                                    else x for x in u.split(".")])
        out.print("  kept yours where you changed an indicator since the import and the "
                  f"page says otherwise: {', '.join(units)}")
    for c in pm.clashes:
        out.print(f"  {escape(c.key)}: kept {'the page' if side == 'theirs' else 'yours'}")
    if note is not None:
        out.print(f"  the versions not kept are in {escape(str(note))}")
    if not pm.updated and not pm.clashes:
        out.print("  your own records, review and file fields are unchanged")
    return EXIT_OK


def save_page_base(path: Path, page: Assessment, catalogue: Catalogue) -> None:
    """Keep the page as imported beside the file: the base of the next `--into`."""
    from ncsi_tui.core.importers.into import base_path

    try:
        storage.write_file(base_path(path), storage.dumps(page, catalogue).encode("utf-8"))
    except OSError as exc:
        err_console().print(f"warning: {escape(str(base_path(path)))}: not written "
                            f"({escape(str(exc.strerror))}); a later --into compares by stamps")
