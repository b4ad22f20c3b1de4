"""The compare screen: this assessment (as edited, saved or not) against another version.

Built with the assessment screen's :class:`AssessmentSession`, like the readiness screen.
The other side is picked from the file's git revisions and the other assessments in its
folder, or typed (a path or a revision such as ``HEAD~1``). The comparison is
:func:`ncsi_tui.core.compare.diff.compare`, the same as ``ncsi diff``: section deltas, then the
changed units; the highlighted unit's old and new evidence sit side by side with the
changed words marked ``[-removed-]`` and ``{+added+}`` (readable without colour).
Nothing here writes a file.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from ncsi_tui.app.plain import plain
from ncsi_tui.app.widgets.footer import KeysFooter
from ncsi_tui.app.widgets.path_suggester import PathSuggester
from ncsi_tui.core.compare.diff import AssessmentDiff, compare
from ncsi_tui.core.compare.unit_changes import TextChange, UnitChange, marked_runs
from ncsi_tui.core.errors import InputError
from ncsi_tui.core.files import history, storage
from ncsi_tui.core.files.places import version_spec
from ncsi_tui.core.files.session import AssessmentSession
from ncsi_tui.core.model.assessment import Assessment
from ncsi_tui.core.model.catalogue import Catalogue, Catalogues
from ncsi_tui.core.model.crosswalk import crosswalk_for

ARROWS = {"gained": "▲", "up": "▲", "lost": "▼", "down": "▼", "changed": "•", "unchanged": "✎"}

BINDINGS = [
    Binding("escape", "close", "Back", id="compare.close", tooltip="Back to the assessment"),
    Binding(
        "o",
        "pick",
        "Other version",
        id="compare.pick",
        tooltip="Pick or type another file or git revision to compare with",
    ),
    Binding(
        "f",
        "follow_up",
        "Follow-up",
        id="compare.follow-up",
        tooltip="The year after: stage/status changes and each recommendation since this version",
    ),
]


def signed(n: int) -> str:
    return f"+{n}" if n > 0 else str(n)


def side_texts(change: TextChange | None, before: str, after: str) -> tuple[Text, Text]:
    """Old and new text, each with its own changed words marked (and styled)."""
    if change is None:
        return Text(before or "(none)"), Text(after or "(none)")
    runs = change.words()
    old_runs = marked_runs([r for r in runs if r[0] != "insert"], MARKS)
    new_runs = marked_runs([r for r in runs if r[0] != "delete"], MARKS)
    return _styled(old_runs), _styled(new_runs)


MARKS = {"delete": ("[-", "-]"), "insert": ("{+", "+}")}
STYLES = {"delete": "bold red strike", "insert": "bold green underline"}


def _styled(runs: list[tuple[str, str]]) -> Text:
    text = Text()
    for op, piece in runs:
        text.append(piece, style=STYLES.get(op, ""))
    return text


def comparable_files(path: Path, framework: str, catalogues: Catalogues) -> list[tuple[str, str]]:
    """Other assessments in `path`'s folder that can be compared with it, as (path, label):
    the same framework first, then others of the same scoring kind (compared through a
    crosswalk). Not listed: files that are no assessment (pyproject.toml, a file that does
    not load), conflict notes, assessments scored another way (CMM beside NCSI)."""
    folder = path.parent
    if not folder.is_dir():
        return []
    try:
        scoring = catalogues.get(framework).scoring
    except InputError:
        return []
    same: list[tuple[str, str]] = []
    related: list[tuple[str, str]] = []
    for other in sorted(folder.glob("*.toml")):
        if ".toml.conflict-" in other.name or other.resolve() == path.resolve():
            continue
        try:
            a = storage.load(other).assessment
            kind = catalogues.get(a.framework).scoring
        except (InputError, OSError):
            continue  # not an assessment, or one this installation cannot read
        if a.framework == framework:
            same.append((str(other), f"file {other.name} · {a.title}"))
        elif kind == scoring:
            related.append((str(other), f"file {other.name} · {a.framework} · {a.title}"))
    return same + related


class CompareScreen(Screen[None]):
    """Section deltas and changed units against another version; evidence side by side."""

    CSS_PATH = "compare.tcss"
    BINDINGS = BINDINGS

    def __init__(self, session: AssessmentSession, catalogues: Catalogues | None = None) -> None:
        super().__init__()
        self.session = session
        self._catalogues = catalogues
        self.diff: AssessmentDiff | None = None
        self.sources: list[tuple[str, str]] = []  # (spec, label)
        self.other: Assessment | None = None  # the version compared with, for the follow-up
        self.other_cat: Catalogue = session.catalogue
        self.other_label = ""

    @property
    def catalogues(self) -> Catalogues:
        if self._catalogues is None:
            self._catalogues = getattr(self.app, "catalogues", None) or Catalogues()
        return self._catalogues

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label(
            "Compare with another version: pick one (enter), or press o to type a file or revision", id="compare-head",
            markup=False
        )
        with Vertical(id="compare-pick"):
            yield Input(
                placeholder="file or git revision (HEAD~1), right completes, enter compares",
                id="compare-spec",
                compact=True,
                suggester=PathSuggester(),
            )
            yield OptionList(id="compare-sources")
        with Horizontal(id="compare-body"):
            yield DataTable(id="compare-sections", cursor_type="row", zebra_stripes=True)
            with Vertical(id="compare-right"):
                yield OptionList(id="compare-units")
                with Horizontal(id="compare-evidence"):
                    with VerticalScroll(id="compare-old-side", classes="evidence-side"):
                        yield Static(id="compare-old", markup=False)
                    with VerticalScroll(classes="evidence-side"):
                        yield Static(id="compare-new", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.title = f"Compare · {self.session.path.name}"
        self.query_one("#compare-body").display = False
        self.query_one("#compare-sources", OptionList).focus()
        self.load_sources()

    # --- picking the other side ----------------------------------------------------------
    @work(thread=True, exclusive=True, group="compare-sources")
    def load_sources(self) -> None:
        """Git revisions of the file (newest first), then the other files in its folder."""
        path = self.session.path
        found: list[tuple[str, str]] = []
        note = ""
        try:
            for v in history.versions(path, self.catalogues):
                found.append(
                    (
                        v.commit,
                        f"{v.short} {v.date:%Y-%m-%d} {v.author}: {v.subject} — {v.headline}",
                    )
                )
        except InputError as exc:
            note = exc.message
        found += comparable_files(path, self.session.catalogue.id, self.catalogues)
        self.app.call_from_thread(self._show_sources, found, note)

    def _show_sources(self, found: list[tuple[str, str]], note: str) -> None:
        if not self.query("#compare-sources"):  # closed while the worker read git
            return
        self.sources = found
        options = self.query_one("#compare-sources", OptionList)
        items = [Option(plain(label), id=str(i)) for i, (_, label) in enumerate(found)]
        if note:
            items.append(Option(Text(f"git: {note}", style="dim"), disabled=True))
        if not found:
            items.append(Option(Text("no other versions found: type a path above"), disabled=True))
        options.set_options(items)
        if found:
            options.highlighted = 0

    @on(OptionList.OptionSelected, "#compare-sources")
    def _source_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.compare_with(self.sources[int(event.option.id)][0])

    @on(Input.Submitted, "#compare-spec")
    def _spec_typed(self, event: Input.Submitted) -> None:
        event.stop()
        try:  # a typed file must be one of the assessment's folder (core/files/places.py)
            version_spec(self.session.path.parent, event.value)
        except InputError as exc:
            self.notify(str(exc), title="Cannot compare", severity="error", timeout=10)
            return
        self.compare_with(event.value)

    def action_pick(self) -> None:
        self.query_one("#compare-pick").display = True
        self.query_one("#compare-spec", Input).focus()

    def action_close(self) -> None:
        self.dismiss(None)

    # --- comparing ------------------------------------------------------------------------
    def compare_with(self, spec: str) -> AssessmentDiff | None:
        """Old side: `spec`; new side: the open assessment as it is now, unsaved edits too."""
        s = self.session
        try:
            cat, other, label = history.open_other(s.path, spec, self.catalogues)
            d = compare(
                cat,
                other,
                s.catalogue,
                s.assessment,
                old_label=label,
                new_label=f"{s.path.name} (as edited)",
                crosswalk=crosswalk_for(self.catalogues, cat.id, s.catalogue.id),
            )
        except InputError as exc:
            self.notify(str(exc), title="Cannot compare", severity="error", timeout=10)
            return None
        self.other, self.other_label, self.other_cat = other, label, cat
        self.refresh_bindings()
        self.show(d)
        return d

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "follow_up":
            return self.other is not None
        return True

    def action_follow_up(self) -> None:
        """Open the follow-up of the version compared with (the review) against now."""
        from ncsi_tui.app.screens.follow_up import FollowUpScreen

        if self.other is not None:
            cw = crosswalk_for(self.catalogues, self.other_cat.id, self.session.catalogue.id)
            self.app.push_screen(FollowUpScreen(self.session, self.other, self.other_label,
                                                self.other_cat, cw))

    def show(self, d: AssessmentDiff) -> None:
        self.diff = d
        self.query_one("#compare-head", Label).update(self._headline(d))
        self.query_one("#compare-pick").display = False
        self.query_one("#compare-body").display = True
        self._fill_sections(d)
        units = self.query_one("#compare-units", OptionList)
        units.set_options(self._unit_options(d))
        units.focus()
        if d.units:
            units.highlighted = 0
            self.show_unit(d.units[0])
        else:
            self.query_one("#compare-old", Static).update("")
            self.query_one("#compare-new", Static).update("")

    def _headline(self, d: AssessmentDiff) -> str:
        head = f"! {d.note} · " if d.note else ""
        head += f"{d.old.label} → {d.new.label}"
        if d.old.country != d.new.country:
            head += f" (different countries: {d.old.country} → {d.new.country})"
        if d.equal:
            return head + ": no differences"
        if d.kind == "points" and d.total is not None:
            t = d.total
            return (
                f"{head}: total {t.before} → {t.after} ({signed(t.delta)}), "
                f"{len(d.gained)} gained, {len(d.lost)} lost"
            )
        ups = len(d.with_direction("up"))
        legend = ", ".join(f"{i} {st}" for i, st in enumerate(d.stages, 1))
        return f"{head}: {ups} up, {len(d.stage_changes) - ups} down · stages {legend}"

    def _fill_sections(self, d: AssessmentDiff) -> None:
        """Numbers first, names last: at 80 columns the figures stay in view."""
        table = self.query_one("#compare-sections", DataTable)
        table.clear(columns=True)
        if d.kind == "points":
            table.add_columns("", "before", "after", "±", "section")
            for g in (*d.sections, *([d.total] if d.total else [])):
                total = g is d.total
                table.add_row(
                    "" if total else plain(g.id),
                    "—" if g.before is None else f"{g.before}/{g.max_before}",
                    "—" if g.after is None else f"{g.after}/{g.max_after}",
                    Text(
                        signed(g.delta),
                        style="bold green" if g.delta > 0 else "bold red" if g.delta < 0 else "dim",
                    ),
                    Text("Total", style="bold") if total else plain(g.name),
                    key="total" if total else g.id,
                )
            return
        # maturity: per dimension the units at each stage (numbered: see the head line)
        table.add_columns("", *(str(i) for i in range(1, len(d.stages) + 1)), "dimension")
        for dim in d.dimensions:
            cells = []
            for st in d.stages:
                b, a = dim.before.get(st, 0), dim.after.get(st, 0)
                cells.append(str(a) if a == b else Text(f"{b}→{a}", style="bold"))
            table.add_row(plain(dim.id), *cells, plain(dim.name), key=dim.id)

    def _unit_options(self, d: AssessmentDiff) -> list[Option]:
        out = []
        for i, u in enumerate(d.units):
            what = [u.direction] if u.direction != "unchanged" else []
            what += [
                w
                for w, on_ in (
                    ("evidence", u.evidence),
                    ("references", u.references),
                    ("notes", u.notes),
                )
                if on_
            ]
            line = Text.assemble(
                (f"{ARROWS[u.direction]} ", "bold"),
                (f"{u.id} ", "bold"),
                f"{u.name} ",
                (f"({', '.join(what)})", "dim"),
            )
            out.append(Option(line, id=str(i)))
        if not out:
            out.append(Option(Text("no differences"), disabled=True))
        return out

    @on(OptionList.OptionHighlighted, "#compare-units")
    def _unit_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if self.diff is not None and event.option.id is not None:
            self.show_unit(self.diff.units[int(event.option.id)])

    @on(OptionList.OptionSelected, "#compare-units")
    def _unit_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._unit_highlighted(event)  # type: ignore[arg-type]

    def show_unit(self, u: UnitChange) -> None:
        """Old and new evidence side by side, changed words marked; references below."""
        d = self.diff
        assert d is not None
        before = u.evidence.before if u.evidence else self._evidence(u.id)
        after = u.evidence.after if u.evidence else before
        old, new = side_texts(u.evidence, before, after)
        heads = (
            Text(f"{d.old.label}: {u.before}\n", style="bold"),
            Text(f"{d.new.label}: {u.after}\n", style="bold"),
        )
        old, new = heads[0] + old, heads[1] + new
        for r in u.references.removed:
            old.append(f"\n[-reference: {r.title}-]", style="bold red")
        for r in u.references.added:
            new.append(f"\n{{+reference: {r.title}+}}", style="bold green")
        for c in u.references.changed:
            new.append(f"\n~ reference {c.after.title}: {', '.join(c.fields)} changed")
        if u.notes is not None:
            n_old, n_new = side_texts(u.notes, u.notes.before, u.notes.after)
            old.append("\nnotes: ", style="italic")
            old.append_text(n_old)
            new.append("\nnotes: ", style="italic")
            new.append_text(n_new)
        self.query_one("#compare-old", Static).update(old)
        self.query_one("#compare-new", Static).update(new)

    def _evidence(self, unit_id: str) -> str:
        return self.session.record(unit_id).evidence
