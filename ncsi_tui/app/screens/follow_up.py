"""The follow-up screen (issue 12): what moved since the review, and what became of its
recommendations, shown in the app as ``ncsi follow-up`` prints it.

``FollowUpScreen(session, old, label)``: the open assessment (edits included) is the
"now" side, `old` the assessment as it stood at the review (a file or git revision the
compare screen picked, see ``core.history.open_other``). The text is
core/export/follow_up.py's Markdown, so the CLI and the app say the same. ctrl+s saves it
(Markdown, HTML or JSON by the file name's ending) beside the assessment, as ``ncsi
follow-up OLD NEW -o FILE`` does.
"""

from __future__ import annotations

import json
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Markdown

from ncsi_tui.app.screens.dialogs.form import FormDialog, Text
from ncsi_tui.app.widgets.footer import KeysFooter
from ncsi_tui.core.compare.follow_up import follow_up
from ncsi_tui.core.errors import InputError
from ncsi_tui.core.export import write_export
from ncsi_tui.core.export.follow_up import render_html, render_markdown
from ncsi_tui.core.files.session import AssessmentSession
from ncsi_tui.core.model.assessment import Assessment
from ncsi_tui.core.model.catalogue import Catalogue
from ncsi_tui.core.model.crosswalk import Crosswalk

BINDINGS = [
    Binding("ctrl+s", "save", "Save", id="follow-up.save", priority=True,
            tooltip="Save the follow-up to a file (.md, .html or .json)"),
    Binding("escape", "close", "Back", id="follow-up.close", tooltip="Back"),
]
FOLLOW_UP_FORMATS = {".md": "md", ".html": "html", ".json": "json"}


class FollowUpScreen(Screen[None]):
    """The year-after comparison of the open assessment with the one at the review."""

    BINDINGS = BINDINGS
    DEFAULT_CSS = """
    FollowUpScreen { layout: vertical; }
    FollowUpScreen #follow-up-head { padding: 0 1; text-style: bold; width: 1fr; }
    FollowUpScreen VerticalScroll { height: 1fr; padding: 0 1; }
    """

    def __init__(self, session: AssessmentSession, old: Assessment, label: str,
                 old_cat: Catalogue | None = None, crosswalk: Crosswalk | None = None) -> None:
        super().__init__()
        self.session, self.old, self.label = session, old, label
        self.old_cat, self.crosswalk = old_cat, crosswalk

    def compose(self) -> ComposeResult:
        yield Label(f"Follow-up: {self.label} (at the review) → {self.session.path.name} (now)",
                    markup=False,
                    id="follow-up-head")
        with VerticalScroll():
            yield Markdown(self.text(), id="follow-up")
        yield KeysFooter()

    def text(self, fmt: str = "md") -> str:
        cat = self.session.catalogue
        try:
            result = follow_up(cat, self.old, self.session.assessment, old_cat=self.old_cat,
                               crosswalk=self.crosswalk)
        except InputError as exc:
            if fmt != "md":
                raise
            return f"Cannot compare: {exc.message}"
        if fmt == "json":
            return json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n"
        return render_html(cat, result) if fmt == "html" else render_markdown(cat, result)

    def action_save(self) -> None:
        folder = self.session.path.parent
        default = f"{self.session.path.stem}-follow-up.md"

        def apply(v: dict[str, str]) -> str | None:
            path = Path(v["path"]).expanduser()
            path = path if path.is_absolute() else folder / path
            fmt = FOLLOW_UP_FORMATS.get(path.suffix.lower())
            if fmt is None:
                return "File: end the name in .md, .html or .json"
            try:
                write_export(path, self.text(fmt), self.session.path)
            except InputError as exc:
                return str(exc)
            self.notify(f"Wrote {path}")
            return None

        self.app.push_screen(FormDialog(
            "Save the follow-up", [Text("path", "File", default, "name.md, .html or .json")],
            apply, keep="Save", note=f"Saved in {folder} unless the name says otherwise."))

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss(None)
