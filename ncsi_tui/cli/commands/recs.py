"""`ncsi recs`: the review's recommendations, and the evidence of what became of them.

    ncsi recs PATH [--status S]... [--owner ORG] [--priority P]... [--json]
    ncsi recs add PATH UNIT --text T [--priority high|medium|low] [--owner ORG] [--due D]
                                   prints the new id (R1, R2, ...)
    ncsi recs set PATH R1 [--status S] [--ref KIND TITLE URL]... [--progress T] ...
    ncsi recs remove PATH R1

Thin wrappers over core/files/review_edits.py (the app's recommendations screen calls the same).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.markup import escape

from ncsi_tui.cli._common import EXIT_OK, add_catalogue_option, console, print_json
from ncsi_tui.cli.commands._review_common import open_review, verb_command
from ncsi_tui.cli.commands.record import _date, _qualifier, _RefAction
from ncsi_tui.core.compare.follow_up import reference_dict
from ncsi_tui.core.errors import InputError, validation_error
from ncsi_tui.core.files.review_edits import (
    add_recommendation,
    remove_recommendation,
    update_recommendation,
)
from ncsi_tui.core.model.assessment import Reference
from ncsi_tui.core.model.catalogue import REFERENCE_KINDS
from ncsi_tui.core.model.review import PRIORITIES, REC_STATUSES, filter_recommendations

ORDER = 62


def register(sub: argparse._SubParsersAction) -> None:
    verb_command(
        sub,
        "recs",
        help="the review's recommendations: list, add, set status and evidence",
        description="Recommendations of a review: per unit or group, with priority, owner, "
        "due date, status and references that show progress.",
        verbs={
            "list": ("list recommendations (filters combine)", _list_args, run_list),
            "add": ("add a recommendation; prints its id", _add_args, run_add),
            "set": ("change status, text, owner, due date; add references", _set_args, run_set),
            "remove": ("delete a recommendation", _remove_args, run_remove),
        },
        default="list",
    )


def _list_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", type=Path)
    p.add_argument("--status", action="append", choices=REC_STATUSES, default=[],
                   help="only this status (repeat for several)")
    p.add_argument("--owner", help="only this owner organisation (case-insensitive)")
    p.add_argument("--priority", action="append", choices=PRIORITIES, default=[])
    p.add_argument("--json", action="store_true", help="machine-readable list")
    add_catalogue_option(p)


def run_list(args: argparse.Namespace) -> int:
    session = open_review(args.path, args)
    recs = filter_recommendations(session.assessment.review, status=args.status,
                                  owner=args.owner, priority=args.priority)
    if args.json:
        data = [{**r.model_dump(mode="json", exclude={"references"}),
                 "references": [reference_dict(x) for x in r.references]} for r in recs]
        print_json({"recommendations": data})
        return EXIT_OK
    out = console()
    for r in recs:
        bits = [r.priority, r.status, r.owner and f"owner {r.owner}", r.due and f"due {r.due}",
                r.references and f"{len(r.references)} reference(s)"]
        out.print(f"[bold]{r.id}[/] {escape(r.unit)} — {escape(', '.join(str(b) for b in bits if b))}")
        out.print(f"    {escape(r.text)}", soft_wrap=True)
        if r.progress:
            out.print(f"    progress: {escape(r.progress)}", soft_wrap=True)
    total = len(session.assessment.review.recommendations)
    out.print(f"{len(recs)} of {total} recommendation(s)")
    return EXIT_OK


def _add_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", type=Path)
    p.add_argument("unit", help="unit or group id (aspect, factor, dimension; NCSI indicator, section)")
    p.add_argument("--text", required=True)
    p.add_argument("--priority", default="medium", choices=PRIORITIES,
                   help="high, medium or low (default: medium, as in the app)")
    p.add_argument("--owner", default="",
                   help="the organisation expected to act (a cluster's, or a new one)")
    p.add_argument("--due", type=_date, help="target date, YYYY-MM-DD")
    add_catalogue_option(p)


def run_add(args: argparse.Namespace) -> int:
    session = open_review(args.path, args, write=True)
    rec = add_recommendation(session, args.unit, args.text, args.priority, owner=args.owner,
                             due=args.due)
    session.save()
    print(rec.id)
    return EXIT_OK


def _set_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", type=Path)
    p.add_argument("id", help="R1, R2, ...")
    p.add_argument("--status", choices=REC_STATUSES)
    p.add_argument("--ref", nargs=3, action=_RefAction, metavar=("KIND", "TITLE", "URL"),
                   help="add evidence of progress (repeatable); kinds: " + ", ".join(REFERENCE_KINDS))
    p.add_argument("--locator", action=_qualifier("locator"), help="of the last --ref")
    p.add_argument("--published", type=_date, action=_qualifier("published"), help="of the last --ref")
    p.add_argument("--progress", help="what has been done, in words (replaces the text)")
    p.add_argument("--text", help="the recommendation's text (replaces it)")
    p.add_argument("--priority", choices=PRIORITIES)
    p.add_argument("--owner")
    p.add_argument("--due", type=_date)
    add_catalogue_option(p)
    p.set_defaults(refs=[])


def run_set(args: argparse.Namespace) -> int:
    session = open_review(args.path, args, write=True)
    refs = []
    for i, ref in enumerate(args.refs, 1):
        try:
            refs.append(Reference(**ref))
        except ValueError as exc:
            raise InputError(f"--ref {i}: {validation_error(None, '', exc).message}") from None
    extra = {"due": args.due} if args.due is not None else {}
    rec = update_recommendation(session, args.id, status=args.status, references=refs,
                                progress=args.progress, text=args.text, priority=args.priority,
                                owner=args.owner, **extra)
    session.save()
    console().print(f"{rec.id}: {rec.status}, {len(rec.references)} reference(s) — "
                    f"saved {escape(str(args.path))}")
    return EXIT_OK


def _remove_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", type=Path)
    p.add_argument("id")
    add_catalogue_option(p)


def run_remove(args: argparse.Namespace) -> int:
    session = open_review(args.path, args, write=True)
    remove_recommendation(session, args.id)
    session.save()
    console().print(f"removed {escape(args.id)}")
    return EXIT_OK
