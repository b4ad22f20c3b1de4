"""The file changed on disk while it was open: reload theirs, or keep mine (overwrite).

Shows which units differ, by a per-unit comparison of what was loaded (session.base),
what is on disk now and what is on screen. A field-level merge (core/files/merge.py) can
later add a third answer here without touching the assessment screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from ncsi_tui.app.bindings import DIALOG
from ncsi_tui.core.disk import NoSuchFile
from ncsi_tui.core.errors import InputError
from ncsi_tui.core.files import storage
from ncsi_tui.core.files.session import AssessmentSession
from ncsi_tui.core.model.assessment import Assessment


@dataclass(frozen=True)
class Divergence:
    """Unit ids changed only on disk, only here, and on both sides."""

    theirs: list[str]
    mine: list[str]
    both: list[str]
    disk_missing: bool = False
    disk_error: str = ""


def divergence(session: AssessmentSession) -> Divergence:
    """Compare base / disk / current unit by unit (and the header fields as `(header)`)."""
    disk: Assessment | None = None
    error = ""
    try:  # one read: gone, unreadable (a folder, no permission) or the file as it is
        disk = storage.load(session.path).assessment
    except NoSuchFile:
        pass
    except InputError as exc:
        error = str(exc)
    base, mine = session.base, session.assessment
    order = list(session.catalogue.unit_index)
    ids = [u for u in order if u in set(base.indicators) | set(mine.indicators)
           | set(disk.indicators if disk else ())]
    theirs_c, mine_c, both = [], [], []
    for uid in ids:
        t = disk is not None and disk.record(uid) != base.record(uid)
        m = mine.record(uid) != base.record(uid)
        if t and m:
            both.append(uid)
        elif t:
            theirs_c.append(uid)
        elif m:
            mine_c.append(uid)
    return Divergence(theirs_c, mine_c, both, disk is None and not error, error)


def _ids(ids: list[str]) -> str:
    return ", ".join(ids) if ids else "none"


class ConflictDialog(ModalScreen[str | None]):
    """Answers: 'reload' (take the file on disk), 'keep' (write mine over it), None (wait)."""

    BINDINGS = DIALOG
    DEFAULT_CSS = """
    ConflictDialog { align: center middle; }
    ConflictDialog > Vertical {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: round $error; background: $surface; padding: 0 1;
    }
    ConflictDialog #title { text-style: bold; }
    ConflictDialog VerticalScroll { height: auto; max-height: 12; margin: 1 0; }
    ConflictDialog #buttons { height: auto; align-horizontal: right; }
    ConflictDialog Button { margin-left: 1; }
    """

    def __init__(self, session: AssessmentSession) -> None:
        super().__init__()
        self.session = session
        self.found = divergence(session)

    def compose(self) -> ComposeResult:
        d = self.found
        with Vertical():
            yield Label(f"‼ {self.session.path.name} changed on disk while it was open", id="title",
                        markup=False)
            with VerticalScroll():
                if d.disk_error:
                    yield Static(f"The file on disk cannot be read now:\n{d.disk_error}",
                                 markup=False)
                elif d.disk_missing:
                    yield Static("The file was removed or renamed.")
                yield Static(
                    f"Changed on disk only: {_ids(d.theirs)}\n"
                    f"Changed here only:    {_ids(d.mine)}\n"
                    f"Changed on both sides: {_ids(d.both)}"
                )
                yield Static(
                    "Reload: take the file on disk; your changes to the units above are lost.\n"
                    "Keep mine: write this screen's version over the file (a .bak keeps theirs).\n"
                    "Escape: decide later (nothing is saved meanwhile)."
                )
            with Horizontal(id="buttons"):
                yield Button("Reload from disk", id="reload", compact=True)
                yield Button("Keep mine", id="keep", compact=True)
                yield Button("Later (esc)", id="later", compact=True)

    def on_mount(self) -> None:
        self.query_one("#later", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None if event.button.id == "later" else event.button.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
