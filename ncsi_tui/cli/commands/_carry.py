"""`ncsi new PATH --from OLD`: the carry-forward branch of `ncsi new` (record.py).

record.py registers `--from` and hands its `run_new` to :func:`new_or_carry`, which calls
:func:`ncsi_tui.core.compare.carry_forward.carry_forward` when `--from` is given and `run_new` otherwise.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable

from rich.markup import escape

from ncsi_tui.cli._common import catalogues, console
from ncsi_tui.core.errors import InputError
from ncsi_tui.core.files.session import AssessmentSession
from ncsi_tui.core.model.countries import country_code

Runner = Callable[[argparse.Namespace], int]


def new_or_carry(run_new: Runner) -> Runner:
    """The `new` command: carry forward with --from, else a blank assessment."""

    def run(args: argparse.Namespace) -> int:
        if getattr(args, "from_path", None) is not None:
            return run_carry(args)
        missing = [f"--{n}" for n in ("framework", "country") if not getattr(args, n, None)]
        if missing:
            raise InputError(
                f"ncsi new needs {' and '.join(missing)}",
                hint="e.g. ncsi new rs-2025.toml --framework ncsi-2.0 --country RS, "
                "or --from LAST-YEAR.toml to carry an assessment forward",
            )
        return run_new(args)

    return run


def run_carry(args: argparse.Namespace) -> int:
    # the compare room only here: `ncsi record` and `ncsi show` share this module's parent
    from ncsi_tui.core.compare.carry_forward import carry_forward
    from ncsi_tui.core.model.crosswalk import crosswalk_for

    cats = catalogues(args)
    old = AssessmentSession.open(args.from_path, cats)
    new_cat = cats.get(args.framework) if args.framework else old.catalogue
    if args.country and country_code(args.country) != old.assessment.country.code:
        raise InputError(
            f"--country {args.country} differs from {old.assessment.country.code} in "
            f"{args.from_path}: carry forward keeps the country",
            hint="leave out --country, or start a blank assessment without --from",
        )
    result = carry_forward(
        old.assessment,
        old.catalogue,
        new_cat,
        reference_date=args.date or dt.date.today(),
        title=args.title or None,
        organisations=args.org or None,
        source=f"carried forward from {args.from_path.name} "
        f"(reference date {old.assessment.reference_date})",
        crosswalk=crosswalk_for(cats, old.catalogue.id, new_cat.id),
    )
    session = AssessmentSession.create(args.path, result.assessment, new_cat)
    session.save()
    out = console()
    out.soft_wrap = not out.is_terminal  # one line per message when piped
    a = result.assessment
    out.print(
        f"created {escape(str(args.path))}: {new_cat.id}, {escape(a.country.name)}, reference "
        f"date {a.reference_date}; {len(result.carried)} record(s) carried from "
        f"{escape(str(args.from_path))}, each marked to re-confirm"
    )
    if result.pairing is not None:
        out.print(f"[yellow]![/] {escape(result.pairing.note)}")
    for p in result.moved:
        olds = ", ".join(p.old)
        why = "criterion changed: re-confirm first" if p.reconfirm else p.relation
        out.print(f"  {escape(olds)} -> {escape(p.new)} ({escape(why)})")
    if result.left_behind:
        out.print(
            f"[bold]Left behind ({len(result.left_behind)}): records with no paired unit in "
            f"{new_cat.id}[/]"
        )
        for u in result.left_behind:
            out.print(f"  {escape(u.line())}")
    for note in result.notes:
        out.print(f"[yellow]note:[/] {escape(note)}")
    if result.date_findings:
        out.print(
            f"\n[bold]References to renew for {a.reference_date} ({len(result.date_findings)})[/]"
        )
        for f in result.date_findings:
            mark = "✗" if f.severity == "error" else "!"
            out.print(f"  {mark} {escape(f.unit_id)}: {escape(f.message)}")
    else:
        out.print("every carried reference still holds on the new reference date")
    return 0
