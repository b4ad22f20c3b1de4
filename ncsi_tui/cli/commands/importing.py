"""`ncsi import ncsi-page PAGE.txt -o OUT.toml --country CC`: start from a published page.

A thin wrapper over :func:`ncsi_tui.core.importers.ncsi_page.import_ncsi_page`: read the
file, import, print the warnings as `PAGE.txt:LINE: warning: ...` (standard error) and a
short summary (standard output), save through the core session. Exit 0 when saved (even
with warnings: they are for review), 2 when the text cannot be used or OUT exists.

``--into F`` merges the page into an existing assessment instead (core/importers/into.py):
exit 1 with the clashes listed and nothing written when the page and the team changed the
same field, unless ``--take mine|page`` decides.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from rich.markup import escape

from ncsi_tui.cli._common import (
    add_catalogue_option,
    catalogues,
    console,
    err_console,
    is_stdio,
    write_output,
)
from ncsi_tui.cli.commands import _import_sheet
from ncsi_tui.core.errors import InputError
from ncsi_tui.core.files import storage
from ncsi_tui.core.files.session import AssessmentSession
from ncsi_tui.core.importers.ncsi_page import import_ncsi_page, read_page_file
from ncsi_tui.core.judge.scoring import PointsScore

ORDER = 25


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="start an assessment from published data (NCSI page), or merge back a workbook")
    isub = p.add_subparsers(dest="import_command", metavar="SOURCE", required=True)
    n = isub.add_parser(
        "ncsi-page",
        help="the text of an NCSI country page, copied from the browser",
        description="Import the text of an NCSI country page (select all, copy, paste into "
        "a .txt file) as a new assessment to review. See docs/import.md.",
    )
    n.add_argument("page", type=Path, metavar="PAGE.txt")
    where = n.add_mutually_exclusive_group(required=True)
    where.add_argument("-o", "--output", type=Path, metavar="OUT.toml",
                       help="the new assessment file ('-': print it to standard output)")
    where.add_argument("--into", type=Path, metavar="F.toml",
                       help="merge the page into this assessment: what the page changed is "
                       "updated, the team's own work is kept, clashes are listed")
    n.add_argument("--take", choices=("mine", "page"),
                   help="--into: for fields both the page and the team changed, keep this side")
    n.add_argument("--country", required=True,
                   help="ISO 3166-1 alpha-2 code or country name, e.g. RS or Serbia")
    n.add_argument("--country-name", default="",
                   help="needed only for user-assigned codes (XA..XZ)")
    n.add_argument("--title", default="",
                   help="default: '<country>: NCSI country page of <date>'")
    n.add_argument("--framework", default=None,
                   help="catalogue id; default: the NCSI catalogue of the page's methodology")
    n.add_argument("--force", action="store_true",
                   help="replace OUT.toml if it exists (the old one is kept as "
                   "OUT.toml.TIME.bak); to keep the team's work use --into instead")
    add_catalogue_option(n)
    n.set_defaults(func=run_ncsi_page)
    _import_sheet.register(isub)


def run_ncsi_page(args: argparse.Namespace) -> int:
    if args.into is not None:
        from ncsi_tui.cli.commands._import_into import run_into

        return run_into(args)
    if args.take:
        raise InputError("--take applies to --into (merging into an existing assessment)")
    out_path: Path = args.output
    if out_path.exists() and not args.force and not is_stdio(out_path):
        raise InputError("file exists already", path=out_path,
                         hint="choose another name, --into to merge the page into it, or "
                         "--force to replace it")
    text = read_page_file(args.page)
    result = import_ncsi_page(
        text,
        catalogues(args),
        args.country,
        args.title,
        args.framework,
        country_name=args.country_name,
        source=args.page.name,
        path=args.page,
    )
    session = AssessmentSession.create(out_path, result.assessment, result.catalogue)
    if is_stdio(out_path):
        for w in result.warnings:
            err_console().print(escape(w.located(str(args.page))), soft_wrap=True)
        write_output(None, session.text(), what="assessment")
        return 0
    replaced = None
    if args.force:
        session.revision = storage.disk_revision(out_path)  # one read; None: no file yet
        if session.revision is not None:
            replaced = keep_replaced(out_path)
    session.save()
    from ncsi_tui.cli.commands._import_into import save_page_base

    save_page_base(out_path, result.assessment, result.catalogue)

    err = err_console()
    for w in result.warnings:
        err.print(escape(w.located(str(args.page))), soft_wrap=True)
    out = console()
    out.soft_wrap = True
    a, cat, page = result.assessment, result.catalogue, result.page
    s = session.score()
    method = f"methodology {page.methodology}, " if page.methodology else ""
    dated = f"page dated {page.version}" if page.version else "undated page"
    out.print(f"imported {escape(str(args.page))} (NCSI {method}{dated}) into "
              f"{escape(str(out_path))} with {cat.id}")
    if isinstance(s, PointsScore):
        out.print(f"  {len(a.indicators)} indicators: {s.met} met, {s.not_met} not met, "
                  f"{s.not_assessed} not assessed; total {s.total.points}/{s.total.max} = "
                  f"{s.total.percent:.2f}")
    out.print(f"  {result.references} reference(s), kind 'unspecified' until you set it; "
              f"{len(a.organisations)} organisation(s)"
              + (f": {escape('; '.join(a.organisations))}" if a.organisations else ""))
    out.print(f"  {len(result.warnings)} warning(s)" + (" (above)" if result.warnings else ""))
    if replaced is not None:
        out.print(f"  replaced {escape(str(out_path))}; its previous content is kept in "
                  f"{escape(str(replaced))} (to keep a team's work, use --into instead)")
    out.print(f"next: review each indicator (ncsi {escape(str(out_path))}), set each "
              f"reference's kind, then ncsi check {escape(str(out_path))}")
    return 0


def keep_replaced(path: Path) -> Path:
    """A file about to be replaced by --force: a dated copy that later saves do not rotate."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.{stamp}.bak")
    try:
        storage.write_file(target, path.read_bytes())
    except OSError as exc:
        raise InputError(f"cannot keep a copy before replacing: {exc.strerror}", path=target,
                         hint="nothing was replaced") from None
    return target

