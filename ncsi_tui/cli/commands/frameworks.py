"""`ncsi frameworks` and `ncsi catalogue check|from-csv`: the installed frameworks."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.table import Table

from ncsi_tui.cli._common import (
    EXIT_FAILED,
    add_catalogue_option,
    add_output_option,
    catalogues,
    console,
    is_stdio,
    print_json,
    write_output,
)
from ncsi_tui.core.errors import InputError
from ncsi_tui.core.model.catalogue import load_catalogue, user_catalogue_dir

ORDER = 10


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("frameworks", help="list the installed framework catalogues")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    add_catalogue_option(p)
    p.set_defaults(func=run_frameworks)

    c = sub.add_parser("catalogue", help="check or build a catalogue file")
    csub = c.add_subparsers(dest="catalogue_command", metavar="ACTION", required=True)
    chk = csub.add_parser("check", help="validate a catalogue file (ids, points, kinds)")
    chk.add_argument("file", type=Path)
    chk.add_argument("--json", action="store_true", help="machine-readable result")
    chk.set_defaults(func=run_check)
    fc = csub.add_parser(
        "from-csv",
        help="turn a filled-in sheet (CSV or XLSX) into a catalogue, points or maturity",
        description="Build a catalogue from a sheet filled from a methodology document: a "
        "points sheet (one row per indicator) or a maturity sheet (one row per aspect; give "
        "--stages). See docs/catalogue-format.md.",
    )
    fc.add_argument("sheet", type=Path, help="a .csv or .xlsx file (the first sheet is read)")
    fc.add_argument("--id", required=True, help="catalogue id, e.g. ncsi-3.0")
    fc.add_argument("--title", required=True)
    fc.add_argument("--publisher", default="")
    fc.add_argument("--scoring", choices=["points", "maturity"], default=None,
                    help="only to check: the kind is read from the sheet's columns")
    fc.add_argument("--encoding", default=None,
                    help="of a legacy CSV file, e.g. cp1250 (Central European), cp1252")
    fc.add_argument("--stages", default=None, metavar='"A, B, C"',
                    help="a maturity sheet's stage names, lowest first, separated by commas")
    add_output_option(fc, required=True)
    fc.add_argument("--force", action="store_true", help="overwrite OUTPUT if it exists")
    fc.set_defaults(func=run_from_csv)


def run_frameworks(args: argparse.Namespace) -> int:
    cats = catalogues(args)
    rows = []
    problems = []
    for cid in cats.ids:
        try:
            cat = cats.get(cid)
        except InputError as exc:
            problems.append(str(exc))
            continue
        rows.append(
            {
                "id": cat.id,
                "title": cat.title,
                "methodology": cat.methodology,
                "kind": cat.scoring,
                "groups": len(cat.groups),
                "leaf_groups": len(cat.leaf_groups),
                "units": len(cat.units),
                "max_points": cat.max_points if cat.scoring == "points" else None,
                "summary": cat.summary_line(),
                "path": str(cats.path_of(cid)),
            }
        )
    if args.json:
        print_json({"frameworks": rows, "problems": problems,
                    "user_catalogue_dir": str(user_catalogue_dir())})
        return EXIT_FAILED if problems else 0
    out = console()
    table = Table(title="Installed frameworks", title_justify="left")
    for col in ("id", "title", "kind", "units", "from"):
        table.add_column(col)
    for r in rows:
        table.add_row(r["id"], r["title"], r["kind"], r["summary"], r["path"])
    out.print(table)
    for p in problems:
        out.print(f"[red]unusable catalogue:[/] {p}")
    out.print(f"your own catalogues go in {user_catalogue_dir()}", markup=False, soft_wrap=True)
    return EXIT_FAILED if problems else 0


def run_check(args: argparse.Namespace) -> int:
    cat = load_catalogue(args.file)  # raises InputError with file:line
    if args.json:
        print_json({"path": str(args.file), "ok": True, "id": cat.id, "framework": cat.framework,
                    "methodology": cat.methodology, "kind": cat.scoring,
                    "units": len(cat.units), "summary": cat.summary_line()})
        return 0
    console().print(f"{args.file}: ok — {cat.id}, {cat.summary_line()}")
    return 0


def run_from_csv(args: argparse.Namespace) -> int:
    from ncsi_tui.core.files.storage import write_file
    from ncsi_tui.core.model.catalogue_sheet import catalogue_from_sheet, catalogue_toml

    stages = [s.strip() for s in args.stages.split(",") if s.strip()] if args.stages else None
    cat = catalogue_from_sheet(args.sheet, cid=args.id, title=args.title,
                               publisher=args.publisher, encoding=args.encoding, stages=stages)
    if args.scoring and args.scoring != cat.scoring:
        raise InputError(f"the sheet makes a {cat.scoring} catalogue, not {args.scoring}",
                         path=args.sheet, hint="check the sheet's columns "
                         "(docs/catalogue-format.md)")
    if is_stdio(args.output):
        write_output(None, catalogue_toml(cat), what="catalogue")
        return 0
    if args.output.exists() and not args.force:
        raise InputError("file exists already", path=args.output, hint="use --force to replace it")
    write_file(args.output, catalogue_toml(cat).encode("utf-8"))
    out = console()
    out.print(f"wrote {args.output}: {cat.id}, {cat.summary_line()}")
    if args.output.stem != cat.id:
        out.print(f"note: name the file {cat.id}.toml so that `ncsi frameworks` finds it")
    out.print(f"use it with --catalogue-dir {args.output.parent} or copy it to a catalogue folder")
    return 0
