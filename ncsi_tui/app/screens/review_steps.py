"""The review steps the assessment screen offers for its current unit, so an official never
has to leave the app for the CLI (issue 19.4): a finding from a consultation session (f),
a gap marked or closed (g), a target stage on maturity models (t), and next year's
assessment started from this one (ctrl+n, ``ncsi new --from``).

Every change goes through the core (core/files/review_edits.py, the session,
core/compare/carry_forward.py), exactly as the CLI's ``finding``, ``gap``, ``record
--target-stage`` and ``new --from`` do; the screen then refreshes and autosaves.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work

from ncsi_tui.app.messages import OpenAssessment
from ncsi_tui.core.errors import InputError
from ncsi_tui.core.files.review_edits import add_finding, close_gaps, mark_gap
from ncsi_tui.core.files.session import AssessmentSession
from ncsi_tui.core.model.fields import date_problem, parse_date
from ncsi_tui.core.model.review import GAP_KINDS, Gap, SessionFinding

# dialogs are imported where they open: the first screen does not load them

if TYPE_CHECKING:
    from ncsi_tui.app.screens.assessment import AssessmentScreen

NO_CLUSTER = "-"


def _message(exc: Exception) -> str:
    return getattr(exc, "message", None) or str(exc).splitlines()[-1]


def next_cycle_defaults(path: Path, reference_date: dt.date) -> tuple[Path, dt.date]:
    """Where next year's file goes and its reference date: the year in the name moves on
    ('mk-2025.toml' -> 'mk-2026.toml'), else '-next' is added; the date moves one year."""
    year, nxt = str(reference_date.year), str(reference_date.year + 1)
    name = path.stem.replace(year, nxt) if year in path.stem else f"{path.stem}-{nxt}"
    try:
        date = reference_date.replace(year=reference_date.year + 1)
    except ValueError:  # 29 February
        date = reference_date.replace(year=reference_date.year + 1, day=28)
    return path.with_name(name + path.suffix), date


class ReviewStepsMixin:
    """Actions of the assessment screen for the review; needs its session and `changed`."""

    def _review_changed(self: AssessmentScreen) -> None:  # type: ignore[misc]
        self.refresh_findings()
        self.schedule_autosave()

    # --- a finding from a consultation session -----------------------------------------
    def action_finding(self: AssessmentScreen) -> None:  # type: ignore[misc]
        from ncsi_tui.app.screens.dialogs.form import Choice, FormDialog, Text

        rv = self.session.assessment.review
        if not rv.sessions:
            self.notify("The plan has no consultation session yet: f9 opens the plan, "
                        "s there adds one.", severity="warning", timeout=8)
            return

        def apply(v: dict[str, str]) -> str | None:
            try:
                add_finding(self.session, SessionFinding(
                    session=v["session"], units=v["units"].replace(",", " ").split(),
                    text=v["text"]))
            except (InputError, ValueError) as exc:
                return _message(exc)
            self._review_changed()
            self.notify(f"Finding from {v['session']} kept (working notes: never exported).")
            return None

        sessions = [(f"{s.id} · {s.day} · {s.cluster}", s.id) for s in rv.sessions]
        self.app.push_screen(FormDialog(
            f"A finding from a consultation session on {self.current}",
            [Choice("session", "Session", sessions, sessions[-1][1]),
             Text("units", "Units", self.current, "unit ids, separated by spaces"),
             Text("text", "Heard", "", "what the stakeholders said")],
            apply, note="Working notes for the review team: kept out of every export."))

    # --- gaps ------------------------------------------------------------------------------
    def action_gap(self: AssessmentScreen) -> None:  # type: ignore[misc]
        from ncsi_tui.app.screens.dialogs.form import Choice, FormDialog, Text

        unit = self.current
        rv = self.session.assessment.review
        open_here = [g for g in rv.gaps if g.unit == unit and not g.closed]

        def apply(v: dict[str, str]) -> str | None:
            cluster = "" if v["cluster"] == NO_CLUSTER else v["cluster"]
            if v["kind"] == "desk-research":
                cluster = ""
            try:
                mark_gap(self.session, Gap(unit=unit, kind=v["kind"], cluster=cluster,  # type: ignore[arg-type]
                                           note=v["note"]))
            except (InputError, ValueError) as exc:
                return _message(exc)
            self._review_changed()
            return None

        def close() -> str | None:
            try:
                n = close_gaps(self.session, unit)
            except InputError as exc:
                return _message(exc)
            self._review_changed()
            self.notify(f"{n} gap(s) of {unit} closed.")
            return None

        clusters = [(f"{c.id} {c.name}", c.id) for c in rv.clusters]
        note = ("Open: " + "; ".join(g.label for g in open_here)) if open_here else \
            "No open gap on this unit."
        self.app.push_screen(FormDialog(
            f"Gap on {unit}: what the consultations did not settle",
            [Choice("kind", "Kind", [(k, k) for k in GAP_KINDS]),
             Choice("cluster", "Follow up", [("(desk research: none)", NO_CLUSTER), *clusters]),
             Text("note", "Note", "", "internal: what is missing")],
            apply, note=note, keep="Mark gap",
            extra=("Close open gaps", close) if open_here else None))

    # --- a target stage (maturity models) ----------------------------------------------
    def action_target_stage(self: AssessmentScreen) -> None:  # type: ignore[misc]
        from ncsi_tui.app.screens.dialogs.form import Choice, FormDialog

        cat, unit = self.session.catalogue, self.current
        rec = self.session.record(unit)

        def apply(v: dict[str, str]) -> str | None:
            target = None if v["target"] == NO_CLUSTER else v["target"]
            try:
                self.session.edit(unit, lambda r: setattr(r, "target_stage", target))
            except InputError as exc:
                return _message(exc)
            self.changed(unit)
            return None

        stages = [(f"{i} {s.name}", s.id) for i, s in enumerate(cat.stages, 1)]
        self.app.push_screen(FormDialog(
            f"Target stage for {unit}: the stage aimed for next",
            [Choice("target", "Aim for", [("none", NO_CLUSTER), *stages],
                    rec.target_stage or NO_CLUSTER)],
            apply))

    # --- next year's assessment ----------------------------------------------------------
    def action_next_cycle(self: AssessmentScreen) -> None:  # type: ignore[misc]
        from ncsi_tui.app.screens.dialogs.form import FormDialog, Text

        a = self.session.assessment
        path, date = next_cycle_defaults(self.session.path, a.reference_date)

        def apply(v: dict[str, str]) -> str | None:
            target = Path(v["path"]).expanduser()
            if not target.is_absolute():
                target = self.session.path.parent / target
            if target.suffix != ".toml":
                return "File: the name ends in .toml"
            if target.exists():
                return f"File: {target.name} exists already; choose another name"
            if problem := date_problem(v["date"]):
                return f"Reference date: {problem}"
            try:
                from ncsi_tui.core.compare.carry_forward import carry_forward

                result = carry_forward(
                    a, self.session.catalogue, self.session.catalogue,
                    reference_date=parse_date(v["date"]), title=v["title"] or None,
                    source=f"carried forward from {self.session.path.name} "
                           f"(reference date {a.reference_date})")
                AssessmentSession.create(target, result.assessment, self.session.catalogue).save()
            except InputError as exc:
                return _message(exc)
            self.open_next(target, len(result.carried), len(result.date_findings))
            return None

        self.app.push_screen(FormDialog(
            "Start next year's assessment from this one",
            [Text("path", "File", path.name, "name.toml (beside this one)"),
             Text("date", "Reference", date.isoformat(), "YYYY-MM-DD", date_problem),
             Text("title", "Title", (a.title or "").replace(str(a.reference_date.year),
                                                             str(date.year)), "e.g. Serbia 2026")],
            apply, keep="Create",
            note="Evidence, references and statuses are carried; each record is marked "
                 "to re-confirm, and this file stays as it is."))

    @work(exclusive=True, group="next-cycle")
    async def open_next(self: AssessmentScreen, path: Path, carried: int,  # type: ignore[misc]
                        renew: int) -> None:
        """Save this one, leave it, and open the new file in its place."""
        if not self.read_only and self.session.dirty and not await self.save_now():
            self.notify(f"{path.name} is created; this file is not saved yet (see the status "
                        "line), so it stays open.", severity="warning", timeout=10)
            return
        app = self.app
        app.pop_screen()
        app.post_message(OpenAssessment(path))
        app.notify(f"{path.name}: {carried} record(s) carried, each to re-confirm"
                   + (f"; {renew} reference(s) to renew" if renew else ""), timeout=10)
