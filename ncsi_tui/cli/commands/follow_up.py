"""`ncsi follow-up OLD NEW [--format md|html|json] [-o OUT]`: the year after a review.

OLD is the assessment as it stood at the review, NEW the same country's file now (it may
use a later edition of the framework: units then pair through a crosswalk, else only where
id and name agree, and the report says so first). Prints
the units whose stage or status changed, each recommendation's status then and now with
its evidence, what moved without a recommendation, and a narrative skeleton per
dimension. ``--format json`` is the contract of issue 12:
``{"changes": [...], "recommendations": [...], "unchanged": N}``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ncsi_tui.cli._common import (
    EXIT_OK,
    add_catalogue_option,
    add_output_option,
    catalogues,
    json_text,
    write_output,
)
from ncsi_tui.cli.commands._review_common import open_review
from ncsi_tui.core.model.crosswalk import crosswalk_for

ORDER = 64


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "follow-up",
        help="what moved since a review, and what became of its recommendations",
        description=__doc__.split("\n\n", 1)[1].replace("``", "`"),
    )
    p.add_argument("old", type=Path, help="the assessment at the review")
    p.add_argument("new", type=Path, help="the assessment now")
    p.add_argument("--format", "-f", choices=("md", "html", "json"), default="md",
                   help="md (default; also the terminal text), html or json")
    add_output_option(p)
    add_catalogue_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ncsi_tui.core.compare.follow_up import follow_up
    from ncsi_tui.core.export.follow_up import render_html, render_markdown

    old = open_review(args.old, args)
    new = open_review(args.new, args)
    cat = new.catalogue
    fu = follow_up(cat, old.assessment, new.assessment, old_cat=old.catalogue,
                   crosswalk=crosswalk_for(catalogues(args), old.catalogue.id, cat.id))
    if args.format == "json":
        text = json_text(fu.to_dict())
    elif args.format == "html":
        text = render_html(cat, fu)
    else:
        text = render_markdown(cat, fu)
    write_output(args.output, text, what=args.format, assessment_path=args.new)
    return EXIT_OK
