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

from ncsi_tui.app.screens.dialogs.confirm import ConfirmDialog
from ncsi_tui.app.screens.dialogs.conflict import ConflictDialog
from ncsi_tui.app.screens.sharing import after_save, follow_disk, resolve_by_merge
from ncsi_tui.app.widgets.status_line import StatusLine
from ncsi_tui.core.errors import ConflictError, InputError
from ncsi_tui.core.files import storage
from ncsi_tui.core.files.session import AssessmentSession

if TYPE_CHECKING:
    from ncsi_tui.app.screens.assessment import AssessmentScreen

DISK_WATCH_SECONDS = 2.0


class AutosaveMixin:
    def setup_autosave(self, delay: float) -> None:
        self.autosave_delay = delay
        self.generation = 0
        self.in_conflict = False
        self.last_save_ms: float | None = None
        self._save_lock = asyncio.Lock()

    def _status(self: AssessmentScreen) -> StatusLine:  # type: ignore[misc]
        return self.query_one(StatusLine)

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
                # someone else saved meanwhile: merged at indicator level (screens/sharing.py)
                report = await asyncio.to_thread(self.session.save_merging)
                after_save(self, report)
            except ConflictError:
                self.in_conflict = True
                self._status().state = "conflict"
                self.resolve_conflict()
                return False
            except InputError as exc:
                self._status().state = "error"
                self.notify(f"Not saved. {exc}", severity="error", timeout=10)
                return False
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
        else:
            self.run_worker(self.save_now(), group="save")

    # --- someone else changed the file -------------------------------------------------
    def start_disk_watch(self: AssessmentScreen) -> None:  # type: ignore[misc]
        self.set_interval(DISK_WATCH_SECONDS, self.check_disk)  # read-only too: reviewers follow

    def check_disk(self: AssessmentScreen) -> None:  # type: ignore[misc]
        if self.in_conflict or self._save_lock.locked() or self.session.revision is None:
            return
        if self.session.changed_on_disk():
            follow_disk(self)  # takes it in; asks (resolve_conflict) only on a clash

    @work(exclusive=True, group="conflict")
    async def resolve_conflict(self: AssessmentScreen) -> None:  # type: ignore[misc]
        if await resolve_by_merge(self):  # merged; asked only about the same indicator
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
                disk = self.session.path.read_bytes()
                self.session.revision = storage.revision_of(disk)
            except FileNotFoundError:
                self.session.revision = None
            self.session.dirty = True
            self.in_conflict = False
            if await self.save_now():
                self.notify("Your version is saved; the other one is in the .bak file.")
        else:
            self._status().state = "conflict"

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
        if self.read_only or not self.session.dirty:
            self.app.exit()
            return
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
