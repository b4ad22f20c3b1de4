"""Start a new assessment: framework (installed catalogues), country picked by typing a
name or code with suggestions (up/down move through them, enter picks), title (filled in
from the country and the year, never saved empty), reference date (checked as typed by the
core's date rule), organisation, file name. Returns a NewAssessment.

Both dialogs here take a file **name** inside the folder the start screen lists, never a
path (:func:`ncsi_tui.core.files.places.assessment_in`): on a shared server a typed path
must not create or read files elsewhere in the account."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, OptionList, Select
from textual.widgets.option_list import Option

from ncsi_tui.app.bindings import DIALOG
from ncsi_tui.app.plain import plain
from ncsi_tui.core.errors import InputError
from ncsi_tui.core.files.places import assessment_in
from ncsi_tui.core.model.countries import countries, find_countries, match_country
from ncsi_tui.core.model.fields import date_problem, parse_date


@dataclass(frozen=True)
class NewAssessment:
    framework: str
    country: str
    title: str
    organisation: str
    path: Path
    reference_date: dt.date = field(default_factory=dt.date.today)


def default_title(country: str, framework_id: str, day: dt.date) -> str:
    """'Montenegro NCSI self-assessment 2026': what a new assessment is called unless the
    person types otherwise (an empty title would leave every listing nameless)."""
    return f"{country} {framework_id.split('-')[0].upper()} self-assessment {day.year}"


class NewAssessmentDialog(ModalScreen[NewAssessment | None]):
    BINDINGS = [
        *DIALOG,
        Binding("down", "suggest(1)", "Next suggestion", show=False, id="new.suggest-next",
                tooltip="Highlight the next suggested country"),
        Binding("up", "suggest(-1)", "Previous suggestion", show=False, id="new.suggest-prev",
                tooltip="Highlight the previous suggested country"),
    ]
    DEFAULT_CSS = """
    NewAssessmentDialog { align: center middle; }
    NewAssessmentDialog > Vertical {
        width: 78; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    NewAssessmentDialog #heading { text-style: bold; }
    NewAssessmentDialog .row { height: 1; margin-top: 1; }
    NewAssessmentDialog .row Label { width: 14; }
    NewAssessmentDialog .row.-focused Label { text-style: bold reverse; }
    NewAssessmentDialog .row Input, NewAssessmentDialog .row Select { width: 1fr; }
    NewAssessmentDialog #suggestions { height: 3; margin-left: 14; }
    NewAssessmentDialog #error { height: auto; width: 100%; text-style: bold; }
    NewAssessmentDialog #buttons { height: 1; margin-top: 1; align-horizontal: right; }
    NewAssessmentDialog Button { margin-left: 2; }
    """

    def __init__(self, frameworks: list[tuple[str, str]], folder: Path) -> None:
        super().__init__()
        self.frameworks = frameworks  # (label, id)
        self.folder = folder
        self.country_code = ""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Start a new assessment", id="heading")
            with Horizontal(classes="row"):
                yield Label("Framework")
                yield Select(self.frameworks, value=self.frameworks[-1][1], allow_blank=False,
                             compact=True, id="framework")
            with Horizontal(classes="row"):
                yield Label("Country")
                yield Input(placeholder="type a name or code: Serbia, RS", compact=True, id="country")
            # no tab stop: down/up in the country box move in it, enter picks
            suggestions = OptionList(id="suggestions", compact=True)
            suggestions.can_focus = False
            yield suggestions
            with Horizontal(classes="row"):
                yield Label("Title")
                yield Input(placeholder="filled in once the country is picked", compact=True,
                            id="title")
            with Horizontal(classes="row"):
                yield Label("Ref. date")
                yield Input(dt.date.today().isoformat(), placeholder="YYYY-MM-DD: the date assessed",
                            compact=True, id="reference-date")
            with Horizontal(classes="row"):
                yield Label("Organisation")
                yield Input(placeholder="the ministry or agency leading it", compact=True, id="org")
            with Horizontal(classes="row"):
                yield Label("File")
                yield Input(placeholder=f"a name in {self.folder}/ (from country and framework)",
                            compact=True, id="file")
            yield Label("", id="error", markup=False)
            with Horizontal(id="buttons"):
                yield Button("Create", id="create", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#country", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "reference-date":
            problem = date_problem(event.value) if event.value.strip() else None
            self.show_error(f"Reference date: {problem}" if problem else "")
            return
        if event.input.id != "country":
            return
        found = find_countries(event.value)
        options = self.query_one("#suggestions", OptionList)
        options.clear_options()
        options.add_options([Option(plain(f"{code}  {name}"), id=code) for code, name in found])
        self.country_code = match_country(event.value) or ""
        self.show_error("")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.pick_country(event.option.id or "")

    def pick_country(self, code: str) -> None:
        """Take a suggested country: its name in the box, a title if none, on to the title."""
        self.country_code = code
        box = self.query_one("#country", Input)
        with box.prevent(Input.Changed):
            box.value = f"{code} {countries()[code]}"
        self.query_one("#suggestions", OptionList).clear_options()
        title = self.query_one("#title", Input)
        if not title.value.strip() or title.value == getattr(self, "_auto_title", None):
            title.value = self._auto_title = self.suggested_title()
        title.focus()

    def suggested_title(self) -> str:
        framework = str(self.query_one("#framework", Select).value)
        return default_title(countries().get(self.country_code, self.country_code), framework,
                             self.reference_date() or dt.date.today())

    def reference_date(self) -> dt.date | None:
        text = self.query_one("#reference-date", Input).value.strip()
        return None if date_problem(text) else parse_date(text)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "country":
            options = self.query_one("#suggestions", OptionList)
            if options.highlighted is None and not self.country_code and options.option_count == 1:
                options.highlighted = 0
            if options.highlighted is not None:
                options.action_select()
                return
            if not self.country_code and options.option_count:
                options.highlighted = 0
                self.show_error("Country: ↓ ↑ choose a suggestion, enter picks it")
                return
        if event.input.id == "file":
            self.create()
        else:
            self.focus_next()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "create":
            self.create()
        else:
            self.dismiss(None)

    def show_error(self, text: str) -> None:
        self.query_one("#error", Label).update(f"‼ {text}" if text else "")

    def create(self) -> None:
        framework = str(self.query_one("#framework", Select).value)
        if not self.country_code:
            self.show_error("Country: pick one from the suggestions (type, then ↓ and enter)")
            self.query_one("#country", Input).focus()
            return
        name = self.query_one("#file", Input).value.strip()
        try:
            path = assessment_in(self.folder, name or f"{self.country_code.lower()}-{framework}",
                                 new=True)
        except InputError as exc:
            self.show_error(exc.message[:1].upper() + exc.message[1:])
            self.query_one("#file", Input).focus()
            return
        day_text = self.query_one("#reference-date", Input).value.strip()
        if problem := date_problem(day_text):
            self.show_error(f"Reference date: {problem}")
            self.query_one("#reference-date", Input).focus()
            return
        self.dismiss(
            NewAssessment(
                framework=framework,
                country=self.country_code,
                title=self.query_one("#title", Input).value.strip() or self.suggested_title(),
                organisation=self.query_one("#org", Input).value.strip(),
                path=path,
                reference_date=parse_date(day_text),
            )
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "suggest":
            focused = self.focused
            return focused is not None and focused.id == "country"
        return True

    def action_suggest(self, step: int) -> None:
        options = self.query_one("#suggestions", OptionList)
        if not options.option_count:
            return
        now = options.highlighted
        options.highlighted = (0 if now is None and step > 0 else options.option_count - 1
                               if now is None else max(0, min(options.option_count - 1, now + step)))

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        for row in self.query(".row"):
            row.set_class(event.widget in row.children, "-focused")

    def action_cancel(self) -> None:
        self.dismiss(None)


class OpenPathDialog(ModalScreen[Path | None]):
    """Type the name of an assessment file in the listed folder (one not listed, such as
    a file whose name the table cuts off, or a copy just made there)."""

    BINDINGS = DIALOG
    DEFAULT_CSS = """
    OpenPathDialog { align: center middle; }
    OpenPathDialog > Vertical {
        width: 72; max-width: 100%; height: auto; border: round $accent;
        background: $surface; padding: 0 1;
    }
    OpenPathDialog #error { height: auto; width: 100%; text-style: bold; }
    """

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(f"Open an assessment file in {self.folder}/ (right completes, enter "
                        "opens, escape cancels)", id="heading", markup=False)
            names = sorted(p.name for p in Path(self.folder).glob("*.toml")
                           if ".toml.conflict-" not in p.name)
            yield Input(placeholder="name.toml", id="path",
                        suggester=SuggestFromList(names) if names else None)
            yield Label("", id="error", markup=False)

    def on_input_changed(self) -> None:
        self.query_one("#error", Label).update("")  # a changed path: the old error is stale

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            path = assessment_in(self.folder, event.value, new=False)
        except InputError as exc:
            self.query_one("#error", Label).update(f"‼ {exc}")
            return
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)
