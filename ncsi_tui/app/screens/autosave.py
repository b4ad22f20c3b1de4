"""Never lose work: debounced autosave in a thread, save on demand, on-disk change watch,
conflict handling and the quit question. Mixed into AssessmentScreen.

An edit bumps `generation`; a save records the generation it wrote, so an edit typed while
the thread was writing leaves the session dirty and is saved by the next run.
"""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING

from textual import work

from ncsi_tui.app.widgets.status_line import StatusLine
from ncsi_tui.core.errors import ConflictError, InputError
from ncsi_tui.core.files import storage
from ncsi_tui.core.files.session import AssessmentSession

# dialogs are imported where they open: the first screen does not load them

if TYPE_CHECKING:
    from ncsi_tui.app.screens.assessment import AssessmentScreen

# screens/sharing.py (merging, with the merge machinery of core/files) is imported where a
# save, a change on disk or a merge first needs it: not before the first screen

DISK_WATCH_SECONDS = 2.0


class AutosaveMixin:
    def setup_autosave(self, delay: float) -> None:
        self.autosave_delay = delay
        self.generation = 0
        self.in_conflict = False
        self.last_save_ms: float | None = None
        self.comments_declined = False  # "not now" to dropping # comments: ask again on ctrl+s
        self._save_lock = asyncio.Lock()

    def _status(self: AssessmentScreen) -> StatusLine:  # type: ignore[misc]
        """The status line; once the screen is closed (a save that ends while the app
        quits), a detached one that shows nothing: a save never fails for want of it."""
        found = self.query(StatusLine)
        return found.first() if found else StatusLine(self.session.path.name)

    def schedule_autosave(self: AssessmentScreen) -> None:  # type: ignore[misc]
        self.generation += 1
        if self.read_only:
            return
        if not self.in_conflict:
            self._status().state = "unsaved"
            self.autosave()

    @work(exclusive=True, group="autosave")
    async def autosave(self: AssessmentScreen) -> None:  # type: ignore[misc]
        await asyncio.sleep(self.autosave_delay)
        # shielded: a newer edit cancels the wait, never a write in progress
        await asyncio.shield(self.save_now())

    async def save_now(self: AssessmentScreen) -> bool:  # type: ignore[misc]
        """Save if there is anything to save; True when the file holds what is on screen."""
        if self.read_only:
            return False
        if self.session.dirty and self.session.has_comments and not self.session.comments_agreed:
            self._status().state = "unsaved"
            if not self.comments_declined:
                self.ask_about_comments()  # the file stays as it is until the person agrees
            return False
        async with self._save_lock:
            if self.in_conflict:
                return False
            if not self.session.dirty:
                self._status().mark_saved()
                return True
            generation = self.generation
            self._status().state = "saving"
            started = time.perf_counter()
            try:
                # someone else saved meanwhile: merged field by field (screens/sharing.py)
                report = await asyncio.to_thread(self.session.save_merging)
            except ConflictError:
                if self.is_attached:
                    self.in_conflict = True
                    self._status().state = "conflict"
                    self.resolve_conflict()
                return False
            except InputError as exc:
                if self.is_attached:
                    self._status().state = "error"
                    self.notify(f"Not saved. {exc}", severity="error", timeout=10)
                return False
            if not self.is_attached:
                # the screen closed while the file was written (ctrl+s then ctrl+q): the
                # file holds the edits; there is no status line left to tell
                return generation == self.generation
            from ncsi_tui.app.screens.sharing import after_save

            after_save(self, report)
            self.last_save_ms = (time.perf_counter() - started) * 1000
            if generation != self.generation:
                self.session.dirty = True
                self._status().state = "unsaved"
                return False
            self._status().mark_saved()
            self.workers.cancel_group(self, "autosave")  # nothing left for it to do
            return True

    def action_save(self: AssessmentScreen) -> None:  # type: ignore[misc]
        if self.read_only:
            self.notify("Opened read-only: nothing is saved.", severity="warning")
        elif self.in_conflict:
            self.resolve_conflict()
        elif self.session.assessment.unresolved:
            self.finish_merge()
        else:
            self.comments_declined = False
            self.run_worker(self.save_now(), group="save")

    # --- a file with # comments ----------------------------------------------------------
    @work(exclusive=True, group="comments")
    async def ask_about_comments(self: AssessmentScreen) -> None:  # type: ignore[misc]
        await self.comments_answer()

    async def comments_answer(self: AssessmentScreen) -> bool:  # type: ignore[misc]
        """Ask before the first save drops the file's # comments; True when agreed.

        "Drop them" saves (the version with comments stays in NAME.toml.comments.bak);
        "Read-only" keeps the file as it is, opens it again read-only, and keeps this
        session's edits in a conflict note; "Not now" (escape) leaves the edits unsaved.
        """
        from ncsi_tui.app.screens.dialogs.confirm import ConfirmDialog

        name = self.session.path.name
        answer = await self.app.push_screen_wait(ConfirmDialog(
            f"{name} has # comments, which saving cannot keep. Save anyway and drop "
            f"them (a copy with them stays in {name}.comments.bak)?",
            [("cancel", "Not now (esc)"), ("drop", "Drop them, save"),
             ("read-only", "Read-only")],
        ))
        if answer == "drop":
            self.session.comments_agreed = True
            self.run_worker(self.save_now(), group="save")
            return True
        if answer == "read-only":
            self.reopen_read_only()
            return False
        self.comments_declined = True
        self.notify("Not saved: the file keeps its # comments. ctrl+s asks again.",
                    severity="warning", timeout=8)
        return False

    def reopen_read_only(self: AssessmentScreen) -> None:  # type: ignore[misc]
        """Keep the edits in a conflict note, and show the file as it is on disk, read-only."""
        note = None
        if self.session.dirty:
            try:
                note = self.session.save_to_note("its author chose to keep the file's # comments")
            except InputError as exc:
                self.notify(f"Edits not kept: {exc}", severity="error", timeout=12)
                return
        try:
            fresh = AssessmentSession.open(self.session.path, self.app.catalogues)
        except InputError as exc:
            self.notify(f"Cannot open it again: {exc}", severity="error", timeout=12)
            return
        self.session.dirty = False
        app = self.app
        app.pop_screen()  # its presence entry goes with it
        app.push_screen(type(self)(fresh, read_only=True, autosave_delay=self.autosave_delay))
        if note is not None:
            self.app.notify(f"Opened read-only; your edits are in {note.name}.", timeout=12)

    # --- someone else changed the file -------------------------------------------------
    def start_disk_watch(self: AssessmentScreen) -> None:  # type: ignore[misc]
        self.set_interval(DISK_WATCH_SECONDS, self.check_disk)  # read-only too: reviewers follow

    def check_disk(self: AssessmentScreen) -> None:  # type: ignore[misc]
        if self.in_conflict or self._save_lock.locked() or self.session.revision is None:
            return
        try:
            changed = self.session.changed_on_disk()
        except InputError:  # a folder, no permission, ...: "cannot read now" (conflict dialog)
            changed = True
        if changed:
            from ncsi_tui.app.screens.sharing import follow_disk

            review = self.session.assessment.review
            follow_disk(self)  # takes it in; asks (resolve_conflict) only on a clash
            if self.session.assessment.review != review and not self.in_conflict:
                self.refresh_findings()  # findings and gaps from the CLI: shown at once
                self.notify("The review was updated from disk (findings, gaps).", timeout=6)

    @work(exclusive=True, group="conflict")
    async def resolve_conflict(self: AssessmentScreen) -> None:  # type: ignore[misc]
        from ncsi_tui.app.screens.dialogs.conflict import ConflictDialog
        from ncsi_tui.app.screens.sharing import resolve_by_merge

        if await resolve_by_merge(self):  # merged; asked only about a field both changed
            return
        answer = await self.app.push_screen_wait(ConflictDialog(self.session))
        if answer == "reload":
            try:
                loaded = storage.load(self.session.path)
            except (InputError, FileNotFoundError) as exc:
                self.notify(f"Cannot reload: {exc}", severity="error", timeout=10)
                return
            old = self.session
            self.session = AssessmentSession(old.path, loaded.assessment, old.catalogue,
                                             loaded.revision, has_comments=loaded.has_comments)
            self.in_conflict = False
            self.reload_session()
            self._status().mark_saved()
            self.notify("Reloaded from disk.")
        elif answer == "keep":
            try:
                self.session.revision = storage.disk_revision(self.session.path)
            except InputError as exc:
                self.notify(f"Cannot save over it now: {exc}", severity="error", timeout=10)
                self._status().state = "conflict"
                return
            self.session.dirty = True
            self.in_conflict = False
            if await self.save_now():
                self.notify("Your version is saved; the other one is in the .bak file.")
        else:
            self._status().state = "conflict"

    @work(exclusive=True, group="dialog")
    async def finish_merge(self: AssessmentScreen) -> None:  # type: ignore[misc]
        """Ask about the fields a git merge left unresolved (screens/sharing.py)."""
        from ncsi_tui.app.screens.sharing import finish_merge

        await finish_merge(self)

    def reload_session(self: AssessmentScreen) -> None:  # type: ignore[misc]
        from ncsi_tui.app.widgets.navigator import Navigator

        nav = self.query_one(Navigator)
        nav.assessment = self.session.assessment
        nav.build()
        current = self.current
        self.goto(current)
        self.show_unit(current)
        self.refresh_scores()
        self.refresh_findings()

    # --- quitting ------------------------------------------------------------------------
    @work(exclusive=True, group="quit")
    async def request_quit(self: AssessmentScreen) -> None:  # type: ignore[misc]
        """Quit; with unsaved changes, save first or ask."""
        from ncsi_tui.app.screens.dialogs.confirm import ConfirmDialog

        if self.read_only or not self.session.dirty:
            self.app.exit()
            return
        asked = self.session.has_comments and not self.session.comments_agreed
        if asked and not await self.comments_answer() and not self.is_attached:
            return  # reopened read-only: nothing unsaved here any more
        if not self.in_conflict and await self.save_now():
            self.app.exit()
            return
        answer = await self.app.push_screen_wait(
            ConfirmDialog(
                "Your latest changes are NOT saved (see the status line). Quit anyway?",
                [("stay", "Stay (esc)"), ("quit", "Quit and lose them")],
            )
        )
        if answer == "quit":
            self.app.exit()
