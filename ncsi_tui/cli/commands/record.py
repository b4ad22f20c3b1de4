"""`ncsi new`, `ncsi record`, `ncsi show`: create an assessment and write evidence into it."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from rich.markup import escape

from ncsi_tui.cli._common import (
    add_catalogue_option,
    catalogues,
    console,
    open_session,
    print_json,
    read_text_arg,
    refuse_stdio,
)
from ncsi_tui.cli.maturity_view import print_maturity_unit, stage_arg
from ncsi_tui.core.errors import InputError
from ncsi_tui.core.files.session import AssessmentSession
from ncsi_tui.core.model.assessment import STATUSES, Assessment, Country, Reference
from ncsi_tui.core.model.catalogue import REFERENCE_KINDS
from ncsi_tui.core.model.countries import country_code
from ncsi_tui.core.model.fields import parse_date, url_problem
from ncsi_tui.core.model.reference import reference_details

ORDER = 20


def _date(text: str) -> dt.date:
    try:
        return parse_date(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


class _RefAction(argparse.Action):
    """--ref KIND TITLE URL, followed by options that qualify the last --ref given."""

    def __call__(self, parser, ns, values, option_string=None):  # type: ignore[override]
        kind, title, url = values
        if kind not in REFERENCE_KINDS:
            parser.error(
                f"unknown reference kind '{kind}'; known kinds: {', '.join(REFERENCE_KINDS)}"
            )
        if url.strip() and (problem := url_problem(url)):
            parser.error(f"--ref '{title}': URL '{url}': {problem}")
        refs = list(getattr(ns, "refs", None) or [])
        refs.append({"kind": kind, "title": title, "url": url})
        ns.refs = refs


def _qualifier(key: str, value_type=str, const=None):
    class _Q(argparse.Action):
        def __call__(self, parser, ns, values, option_string=None):  # type: ignore[override]
            refs = getattr(ns, "refs", None) or []
            if not refs:
                parser.error(f"{option_string} qualifies a reference: put it after --ref")
            refs[-1][key] = const if const is not None else values

    return _Q


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("new", help="start a new assessment file")
    p.add_argument("path", type=Path)
    p.add_argument("--framework", help="catalogue id (ncsi-2.0) or name (ncsi = newest); required unless --from")
    p.add_argument("--country", help="ISO 3166-1 alpha-2 code or country name, e.g. RS or Serbia (XK: Kosovo); required unless --from")
    p.add_argument("--country-name", default="", help="needed only for user-assigned codes (XA..XZ)")
    p.add_argument("--title", default="")
    p.add_argument("--org", action="append", default=[], help="contributing organisation (repeat)")
    p.add_argument("--date", type=_date, default=None, help="reference date (default: today)")
    p.add_argument("--from", dest="from_path", type=Path, metavar="OLD",
                   help="carry OLD forward: evidence and references kept, each record to re-confirm")
    add_catalogue_option(p)
    from ncsi_tui.cli.commands._carry import new_or_carry

    p.set_defaults(func=new_or_carry(run_new))

    r = sub.add_parser("record", help="record status or stage, evidence and references of a unit")
    r.add_argument("path", type=Path)
    r.add_argument("id", help="indicator or unit id, e.g. 3.2 or D1.1.1")
    r.add_argument("--status", choices=STATUSES, help="points frameworks (NCSI)")
    r.add_argument("--stage", help="maturity frameworks (CMM): a stage id, or not-assessed")
    r.add_argument("--target-stage", help="maturity frameworks: the stage aimed for next ('none' clears it)")
    ev = r.add_mutually_exclusive_group()
    ev.add_argument("--evidence", help="evidence text (replaces the current text)")
    ev.add_argument("--evidence-file", help="read evidence text from a file ('-' = stdin)")
    r.add_argument("--ref", nargs=3, action=_RefAction, metavar=("KIND", "TITLE", "URL"),
                   help="add a reference (repeatable); kinds: " + ", ".join(REFERENCE_KINDS))
    r.add_argument("--locator", action=_qualifier("locator"), help="of the last --ref: 'Article 4'")
    r.add_argument("--published", type=_date, action=_qualifier("published"), help="of the last --ref")
    r.add_argument("--accessed", type=_date, action=_qualifier("accessed"), help="of the last --ref")
    r.add_argument("--valid-from", type=_date, action=_qualifier("valid_from"),
                   help="of the last --ref: when a document takes effect (in force from)")
    r.add_argument("--valid-until", type=_date, action=_qualifier("valid_until"),
                   help="of the last --ref: end of a document's validity")
    r.add_argument("--restricted", nargs=0, action=_qualifier("access", const="restricted"),
                   help="the last --ref is not public")
    r.add_argument("--quote", action=_qualifier("quote"),
                   help="of the last --ref: the passage, in the document's language")
    r.add_argument("--quote-en", action=_qualifier("quote_en"),
                   help="of the last --ref: the quote's English rendering")
    r.add_argument("--note", help="internal note (never exported)")
    r.add_argument("--clear-refs", action="store_true", help="remove existing references first")
    r.add_argument("--drop-comments", action="store_true",
                   help="save even though the file holds # comments (they cannot be kept)")
    add_catalogue_option(r)
    r.set_defaults(func=run_record, refs=[])

    s = sub.add_parser(
        "show", help="one indicator or unit: criterion or stages, status or stage, evidence"
    )
    s.add_argument("path", type=Path, help="the assessment ('-': standard input)")
    s.add_argument("id")
    s.add_argument("--json", action="store_true", help="machine-readable: the unit and its record")
    add_catalogue_option(s)
    s.set_defaults(func=run_show)


def run_new(args: argparse.Namespace) -> int:
    refuse_stdio(args.path)
    cats = catalogues(args)
    cid = cats.resolve(args.framework)
    cat = cats.get(cid)
    out = console()
    if cid != args.framework:
        out.print(f"framework '{args.framework}' -> {cid} (the newest installed)")
    try:
        a = Assessment(
            framework=cid,
            country=Country(code=country_code(args.country), name=args.country_name),
            title=args.title,
            reference_date=args.date or dt.date.today(),
            organisations=args.org,
        )
    except ValueError as exc:
        msgs = [e["msg"].removeprefix("Value error, ") for e in exc.errors()]  # type: ignore[attr-defined]
        raise InputError("; ".join(msgs), hint="see `ncsi new --help`") from None
    session = AssessmentSession.create(args.path, a, cat)
    session.save()
    out.print(f"created {args.path}: {cat.title} ({cid}), {a.country.name}")
    return 0


def run_record(args: argparse.Namespace) -> int:
    session = open_session(args.path, args, write=True)
    if session.has_comments and not args.drop_comments:
        raise InputError(
            "the file holds # comments, which saving cannot keep; nothing was changed",
            path=args.path,
            hint="move them into `notes`, or run again with --drop-comments",
        )
    cat = session.catalogue
    uid = args.id
    cat.unit(uid)
    if cat.scoring == "points" and (args.stage, args.target_stage) != (None, None):
        raise InputError(
            f"{cat.id} scores points: use --status met|not-met|not-assessed, "
            "not --stage or --target-stage"
        )
    if cat.scoring == "maturity" and args.status:
        raise InputError(
            f"{cat.id} is a maturity model: use --stage {'|'.join(cat.stage_ids)}, not --status"
        )
    if args.status:
        session.set_status(uid, args.status)
    if args.stage is not None:  # an empty --stage "" is refused, not ignored
        session.set_stage(uid, stage_arg(cat, args.stage))
    if args.target_stage is not None:
        target = stage_arg(cat, args.target_stage, "--target-stage")
        session.edit(uid, lambda r: setattr(r, "target_stage", target))
    if args.evidence is not None or args.evidence_file:
        text = args.evidence if args.evidence is not None else read_text_arg(args.evidence_file)
        session.set_text(uid, "evidence", text.strip("\n"))
    if args.note is not None:
        session.set_text(uid, "notes", args.note)
    if args.clear_refs:
        session.edit(uid, lambda r: r.references.clear())
    for i, ref in enumerate(args.refs, 1):
        try:
            session.add_reference(uid, Reference(**ref))
        except ValueError as exc:
            from ncsi_tui.core.errors import validation_error

            err = validation_error(None, "", exc)
            raise InputError(f"--ref {i}: {err.message}") from None
    session.save_merging()  # someone saved meanwhile: merge; same field -> error, no write
    rec = session.record(uid)
    state = (rec.stage or "not-assessed") if cat.scoring == "maturity" else rec.status
    if rec.target_stage:
        state += f" (aiming for {rec.target_stage})"
    console().print(f"{uid}: {state}, {len(rec.references)} reference(s) — saved {args.path}")
    return 0


def run_show(args: argparse.Namespace) -> int:
    session = open_session(args.path, args)
    cat = session.catalogue
    unit = cat.unit(args.id)
    rec = session.record(args.id)
    section = cat.unit_parent[unit.id]
    if args.json:
        print_json({
            "framework": cat.id,
            "kind": cat.scoring,
            "unit": {
                "id": unit.id, "name": unit.name, "group": {"id": section.id, "name": section.name},
                "points": unit.points, "criterion": unit.criterion,
                "description": unit.description, "accepted_text": unit.accepted_text,
                "window": unit.window.text if unit.window else None,
                "stages": dict(unit.stages), "provenance": unit.provenance,
            },
            "record": rec.model_dump(mode="json"),
        })
        return 0
    out = console()
    head = f"[bold]{escape(unit.id)} {escape(unit.name)}[/]"
    if unit.points is not None:
        head += f"  ({unit.points} point{'s' if unit.points != 1 else ''})"
    out.print(head)
    if cat.scoring == "maturity":
        print_maturity_unit(out, cat, unit, rec)  # path, description, stage ladder, stage
    else:
        out.print(f"[dim]{escape(section.id)} {escape(section.name)}[/]")
    if cat.scoring == "points" and (unit.criterion or unit.description):
        out.print(f"\n[bold]Criterion[/]\n{escape(unit.criterion or unit.description)}")
    if unit.accepted_text:
        out.print(f"[bold]Accepted references[/] {escape(unit.accepted_text)}")
    if unit.window:
        out.print(f"[bold]Time window[/] {escape(unit.window.text)}")
    if cat.scoring == "points":
        out.print(f"\n[bold]Status[/] {rec.status}")
    if rec.reconfirm:
        out.print("[yellow]to confirm: carried over from an earlier version or an import[/]")
    out.print(f"[bold]Evidence[/]\n{escape(rec.evidence) if rec.evidence else '(none)'}")
    for i, ref in enumerate(rec.references, 1):
        bits = [ref.kind, ref.locator, ref.published and f"published {ref.published}",
                ref.accessed and f"accessed {ref.accessed}",
                ref.access == "restricted" and "restricted"]
        out.print(f"  [{i}] {escape(ref.title)} — {escape(', '.join(b for b in bits if b))}")
        if ref.url:
            out.print(f"      {escape(ref.url)}")
        for line in reference_details(ref):
            out.print(f"      {escape(line)}")
    if rec.notes:
        out.print(f"[bold]Internal notes[/]\n{escape(rec.notes)}")
    if rec.updated_by:
        out.print(f"[dim]last changed by {escape(rec.updated_by)} at {rec.updated_at}[/]")
    return 0
