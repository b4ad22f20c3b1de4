"""`ncsi plan`, `ncsi finding`, `ncsi gap`: prepare a review and record what it found.

    ncsi plan PATH [--json]                 the plan; exit 1 when it leaves a unit uncovered
                                            or a cluster without a session
    ncsi plan cluster PATH ID --name N [--org O]... [--contact C]... [--covers ID ...]
    ncsi plan session PATH ID --day D --cluster C [--time T] [--covers ID ...] [--place P]
    ncsi plan remove PATH ID                a cluster or a session
    ncsi plan context PATH (--text T | --file F)
    ncsi finding PATH SESSION UNIT... --text T
    ncsi gap PATH                           list open gaps
    ncsi gap PATH UNIT (--desk-research | --follow-up CLUSTER) [--note N]
    ncsi gap PATH UNIT --close [--kind desk-research|follow-up]

Thin wrappers over core/model/review.py and core/files/review_edits.py (the app calls the same).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TypeVar

from rich.markup import escape

from ncsi_tui.cli._common import (
    EXIT_FAILED,
    EXIT_OK,
    add_catalogue_option,
    console,
    err_console,
    print_json,
    read_text_arg,
)
from ncsi_tui.cli.commands._review_common import csv_list, open_review, verb_command, with_path
from ncsi_tui.cli.commands.record import _date
from ncsi_tui.core.errors import InputError
from ncsi_tui.core.files.review_edits import (
    add_finding,
    close_gaps,
    mark_gap,
    put_cluster,
    put_session,
    remove_cluster,
    remove_session,
    set_context,
)
from ncsi_tui.core.model.catalogue import Catalogue
from ncsi_tui.core.model.fields import normal_time
from ncsi_tui.core.model.review import (
    GAP_KINDS,
    ConsultationSession,
    Gap,
    SessionFinding,
    StakeholderCluster,
    group_index,
    open_gaps,
    plan_coverage,
    session_covers,
    sessions_by_day,
)

ORDER = 60
T = TypeVar("T")


def register(sub: argparse._SubParsersAction) -> None:
    verb_command(
        sub,
        "plan",
        help="the review's stakeholder clusters and consultation plan (show, edit)",
        description="Stakeholder clusters and the consultation plan of a review. Without a "
        "verb, prints the plan and warns about units no session covers and clusters with "
        "no session (exit 1 if any).",
        verbs={
            "show": ("print the plan; exit 1 when something is uncovered", _show_args, run_show),
            "cluster": ("add or replace a stakeholder cluster", _cluster_args, run_cluster),
            "session": ("add or replace a consultation session", _session_args, run_session),
            "remove": ("remove a cluster or a session by id", _remove_args, run_remove),
            "context": ("set the country context text of the report", _context_args, run_context),
        },
        default="show",
    )
    f = sub.add_parser("finding", help="note what a consultation session said about units")
    f.add_argument("path", type=Path)
    f.add_argument("session", help="session id from the plan, e.g. S1")
    f.add_argument("units", nargs="+", help="unit or group ids the note is about")
    f.add_argument("--text", required=True, help="the note (working notes: never exported)")
    add_catalogue_option(f)
    f.set_defaults(func=with_path(run_finding))

    g = sub.add_parser("gap", help="mark a unit as a gap (desk research or follow-up); list gaps")
    g.add_argument("path", type=Path)
    g.add_argument("unit", nargs="?", help="unit id; leave out to list the open gaps")
    how = g.add_mutually_exclusive_group()
    how.add_argument("--desk-research", action="store_true", help="needs desk research")
    how.add_argument("--follow-up", metavar="CLUSTER", help="needs a follow-up with a cluster")
    how.add_argument("--close", action="store_true", help="close the unit's open gaps")
    g.add_argument("--kind", choices=GAP_KINDS, help="with --close: only gaps of this kind")
    g.add_argument("--note", default="", help="what is missing")
    g.add_argument("--json", action="store_true", help="listing: machine-readable open gaps")
    add_catalogue_option(g)
    g.set_defaults(func=with_path(run_gap))


# --- plan ------------------------------------------------------------------------------------


def _show_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", type=Path)
    p.add_argument("--json", action="store_true", help="machine-readable plan and warnings")
    add_catalogue_option(p)


def _name(cat: Catalogue, ref: str) -> str:
    unit = cat.unit_index.get(ref)
    if unit is not None:
        return unit.name
    g = group_index(cat).get(ref)
    return g.name if g else ""


def run_show(args: argparse.Namespace) -> int:
    session = open_review(args.path, args)
    cat, a = session.catalogue, session.assessment
    rv = a.review
    cov = plan_coverage(cat, a)
    if args.json:
        data = {
            "clusters": [c.model_dump(mode="json") for c in rv.clusters],
            "sessions": [
                {**s.model_dump(mode="json"), "covers": session_covers(rv, s)}
                for _, day in sessions_by_day(rv) for s in day
            ],
            "uncovered_units": list(cov.uncovered_units),
            "clusters_without_session": list(cov.clusters_without_session),
        }
        print_json(data)
        return EXIT_OK if cov.ok else EXIT_FAILED
    out = console()
    out.print(f"[bold]Consultation plan[/] — {escape(a.country.name)} ({a.country.code}), {cat.id}")
    out.print("\n[bold]Stakeholder clusters[/]")
    if not rv.clusters:
        out.print("  (none yet: ncsi plan cluster PATH ID --name ...)")
    for c in rv.clusters:
        covers = ", ".join(c.covers) or "nothing listed"
        out.print(f"  {escape(c.id)}  {escape(c.name)} — covers {escape(covers)}")
        if c.organisations:
            out.print(f"      {escape('; '.join(c.organisations))}")
        if c.contacts:
            out.print(f"      contacts: {escape('; '.join(c.contacts))}")
    days = sessions_by_day(rv)
    if not days:
        out.print("\n(no sessions yet: ncsi plan session PATH ID --day YYYY-MM-DD --cluster C)")
    for n, (day, sessions) in enumerate(days, 1):
        out.print(f"\n[bold]Day {n} — {day:%a} {day.isoformat()}[/]")
        for s in sessions:
            cl = next((c.name for c in rv.clusters if c.id == s.cluster), s.cluster)
            covers = ", ".join(session_covers(rv, s)) or "nothing listed"
            where = f" — {s.place}" if s.place else ""
            out.print(f"  {escape(s.time or '--:--'):<12} {escape(s.id)}  {escape(s.cluster)} "
                      f"{escape(cl)}: {escape(covers)}{escape(where)}")
    gaps = open_gaps(a)
    if gaps:
        out.print(f"\n{len(gaps)} open gap(s): ncsi gap {escape(str(args.path))}")
    err = err_console()
    if not rv.sessions:
        err.print(f"warning: no consultation session planned yet: all {len(cat.units)} "
                  f"{cat.levels[-1]}s are uncovered", soft_wrap=True)
    for uid in cov.uncovered_units if rv.sessions else ():
        err.print(f"warning: {uid} {escape(_name(cat, uid))} is covered by no session",
                  soft_wrap=True)
    for cid in cov.clusters_without_session:
        err.print(f"warning: cluster {escape(cid)} {escape(rv.cluster(cid).name)} has no session",
                  soft_wrap=True)
    if cov.ok and rv.sessions:
        out.print(f"\nevery {cat.levels[-1]} is covered and every cluster has a session")
    return EXIT_OK if cov.ok else EXIT_FAILED


def _cluster_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", type=Path)
    p.add_argument("id", help="short id, e.g. C1 or csirt")
    p.add_argument("--name", required=True, help='e.g. "Criminal justice and law enforcement"')
    p.add_argument("--org", action="append", default=[], help="organisation (repeat)")
    p.add_argument("--contact", action="append", default=[], help="contact person (repeat)")
    p.add_argument("--covers", nargs="+", default=[], metavar="ID",
                   help="unit or group ids (dimensions, factors) the cluster speaks to")
    add_catalogue_option(p)


def run_cluster(args: argparse.Namespace) -> int:
    session = open_review(args.path, args, write=True)
    c = put_cluster(session, _model(StakeholderCluster, id=args.id, name=args.name,
                                    organisations=args.org, contacts=args.contact,
                                    covers=csv_list(args.covers)))
    session.save()
    console().print(f"cluster {escape(c.id)} {escape(c.name)} — saved {escape(str(args.path))}")
    return EXIT_OK


def _time(text: str) -> str:
    try:
        return normal_time(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _session_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", type=Path)
    p.add_argument("id", help="short id, e.g. S1")
    p.add_argument("--day", required=True, type=_date, help="YYYY-MM-DD")
    p.add_argument("--time", default="", type=_time, help='HH:MM or HH:MM-HH:MM, e.g. "09:00-11:00"')
    p.add_argument("--cluster", required=True, help="cluster id")
    p.add_argument("--covers", nargs="+", default=[], metavar="ID",
                   help="unit or group ids to cover (default: what the cluster covers)")
    p.add_argument("--place", default="", help="room or video link")
    add_catalogue_option(p)


def run_session(args: argparse.Namespace) -> int:
    session = open_review(args.path, args, write=True)
    s = put_session(session, _model(ConsultationSession, id=args.id, day=args.day,
                                    time=args.time, cluster=args.cluster,
                                    covers=csv_list(args.covers), place=args.place))
    session.save()
    console().print(f"session {escape(s.id)} on {s.day} with {escape(s.cluster)} — "
                    f"saved {escape(str(args.path))}")
    return EXIT_OK


def _remove_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", type=Path)
    p.add_argument("id", help="cluster or session id")
    add_catalogue_option(p)


def run_remove(args: argparse.Namespace) -> int:
    session = open_review(args.path, args, write=True)
    rv = session.assessment.review
    is_cluster = any(c.id == args.id for c in rv.clusters)
    is_session = any(s.id == args.id for s in rv.sessions)
    if is_cluster and is_session:
        raise InputError(f"'{args.id}' is both a cluster and a session id",
                         hint="edit the file by hand to remove the one you mean")
    if is_session:
        remove_session(session, args.id)
    else:
        remove_cluster(session, args.id)  # unknown id -> InputError with suggestions
    session.save()
    console().print(f"removed {'session' if is_session else 'cluster'} {escape(args.id)}")
    return EXIT_OK


def _context_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", type=Path)
    text = p.add_mutually_exclusive_group(required=True)
    text.add_argument("--text", help="the country context (Markdown-free plain text)")
    text.add_argument("--file", help="read it from a file ('-' = standard input)")
    add_catalogue_option(p)


def run_context(args: argparse.Namespace) -> int:
    session = open_review(args.path, args, write=True)
    set_context(session, args.text if args.text is not None else read_text_arg(args.file))
    session.save()
    console().print(f"country context set ({len(session.assessment.review.context)} characters)")
    return EXIT_OK


# --- findings and gaps -----------------------------------------------------------------------


def run_finding(args: argparse.Namespace) -> int:
    session = open_review(args.path, args, write=True)
    f = add_finding(session, _model(SessionFinding, session=args.session,
                                    units=csv_list(args.units), text=args.text))
    session.save()
    console().print(f"finding from {escape(f.session)} on {escape(', '.join(f.units))} — saved")
    return EXIT_OK


def run_gap(args: argparse.Namespace) -> int:
    session = open_review(args.path, args, write=args.unit is not None)
    out = console()
    if args.unit is None:
        if args.desk_research or args.follow_up or args.close:
            raise InputError("name the unit: ncsi gap PATH UNIT --desk-research")
        gaps = open_gaps(session.assessment)
        if args.json:
            print_json({"gaps": [{**g.model_dump(mode="json"), "label": g.label,
                                  "name": _name(session.catalogue, g.unit)} for g in gaps]})
            return EXIT_OK
        for g in gaps:
            note = f" — {g.note}" if g.note else ""
            out.print(f"{g.unit} {escape(_name(session.catalogue, g.unit))}: {escape(g.label)}"
                      f"{escape(note)}")
        out.print(f"{len(gaps)} open gap(s)")
        return EXIT_OK
    if args.json:
        raise InputError("--json lists the open gaps", hint="leave out UNIT: ncsi gap PATH --json")
    if args.close:
        n = close_gaps(session, args.unit, args.kind)
        session.save()
        out.print(f"{args.unit}: closed {n} gap(s)")
        return EXIT_OK
    if not (args.desk_research or args.follow_up):
        raise InputError("say what the gap needs", hint="--desk-research or --follow-up CLUSTER")
    g = mark_gap(session, _model(Gap, unit=args.unit,
                                 kind="follow-up" if args.follow_up else "desk-research",
                                 cluster=args.follow_up or "", note=args.note))
    session.save()
    out.print(f"{g.unit}: gap, {escape(g.label)} — saved {escape(str(args.path))}")
    return EXIT_OK


def _model(cls: type[T], **data: Any) -> T:
    """Build a review model from options; a bad value is a user error, not a traceback."""
    try:
        return cls(**data)
    except ValueError as exc:
        errors = getattr(exc, "errors", None)
        msgs = [f"--{'.'.join(map(str, e['loc'])) or 'value'}: {e['msg']}" for e in errors()] \
            if callable(errors) else [str(exc)]
        raise InputError("; ".join(m.replace("Value error, ", "") for m in msgs)) from None
