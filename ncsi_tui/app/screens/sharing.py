"""Two people, one file, in the app: who has it open, and saves that merge.

* :func:`open_assessment` (called by the App for every assessment it opens) takes this
  session's place in the presence lock (core/presence.py). When someone else has the file
  open it asks first (OpenLockedDialog): read-only, edit anyway, or not at all. Read-only
  sessions take no lock. The entry goes when the screen goes (:class:`PresenceKeeper`).
* :func:`after_save`, :func:`follow_disk` and :func:`resolve_by_merge` are called by the
  assessment screen's autosave (screens/autosave.py): a save that finds the file changed
  merges at indicator level (core/merge.py) and asks (MergeConflictDialog) only about the
  same indicator changed on both sides; a change on disk seen by the watch is taken in
  without a question when it touches other indicators.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import weakref
from typing import TYPE_CHECKING

from textual.widget import Widget

from ncsi_tui.app.screens.dialogs.merge_conflict import MergeConflictDialog
from ncsi_tui.app.screens.dialogs.open_locked import OpenLockedDialog
from ncsi_tui.core import merge, storage
from ncsi_tui.core.errors import ConflictError, InputError
from ncsi_tui.core.merge import SaveReport
from ncsi_tui.core.presence import FileInUse, Holder, Presence
from ncsi_tui.core.session import AssessmentSession

if TYPE_CHECKING:
    from ncsi_tui.app.app import NcsiApp
    from ncsi_tui.app.screens.assessment import AssessmentScreen


class PresenceKeeper(Widget):
    """Invisible; holds the screen's presence entry and releases it when the screen goes."""

    DEFAULT_CSS = "PresenceKeeper { display: none; }"

    def __init__(self, presence: Presence) -> None:
        super().__init__()
        self.presence = presence

    def on_unmount(self) -> None:
        self.presence.release()


# --- opening -----------------------------------------------------------------------------


def open_assessment(app: NcsiApp, session: AssessmentSession) -> None:
    """Show the session's screen; ask first when someone else has the file open."""
    if app.read_only or session.revision is None:  # a new file is nobody else's yet
        _show(app, session, read_only=app.read_only, presence=None)
        return
    presence = Presence(session.path, session.user)
    try:
        presence.acquire()
    except FileInUse as exc:
        app.run_worker(_ask(app, session, presence, exc.holders), group="open-locked")
        return
    except InputError as exc:
        app.notify(f"Opened read-only. {exc}", severity="warning", timeout=12)
        _show(app, session, read_only=True, presence=None)
        return
    _show(app, session, read_only=False, presence=presence)


async def _ask(app: NcsiApp, session: AssessmentSession, presence: Presence,
               holders: list[Holder]) -> None:
    answer = await app.push_screen_wait(OpenLockedDialog(session.path, holders))
    if answer == "edit":
        try:
            presence.acquire(force=True)
        except InputError as exc:
            app.notify(f"Opened read-only. {exc}", severity="warning", timeout=12)
            answer = "read-only"
    if answer in ("edit", "read-only"):
        _show(app, session, read_only=answer == "read-only",
              presence=presence if answer == "edit" else None)
    elif len(app.screen_stack) <= 1:  # opened from the command line: nothing else to show
        app.exit(0)


def _show(app: NcsiApp, session: AssessmentSession, *, read_only: bool,
          presence: Presence | None) -> None:
    from ncsi_tui.app.screens.assessment import AssessmentScreen

    screen = AssessmentScreen(session, read_only=read_only, autosave_delay=app.autosave_delay)
    app.push_screen(screen)
    if presence is not None:
        screen.call_later(screen.mount, PresenceKeeper(presence))
    _save_on_hangup(app)


# --- a dropped connection ----------------------------------------------------------------

_APPS: weakref.WeakSet[NcsiApp] = weakref.WeakSet()


def _save_on_hangup(app: NcsiApp) -> None:
    """A dropped SSH connection sends SIGHUP, which ends the process at once: save first."""
    _APPS.add(app)
    with contextlib.suppress(RuntimeError, NotImplementedError, ValueError, AttributeError):
        asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, hangup)


def hangup() -> None:
    """Save every unsaved session (a clash keeps theirs in the file and ours in a conflict
    note: nobody is there to ask), leave the lock, and end: the terminal is gone."""
    from ncsi_tui.app.screens.assessment import AssessmentScreen

    for app in list(_APPS):
        for screen in app.screen_stack:
            if isinstance(screen, AssessmentScreen) and not screen.read_only \
                    and screen.session.dirty:
                with contextlib.suppress(Exception):
                    screen.session.save_merging(lambda cs: {c.key: "theirs" for c in cs})
            for keeper in screen.query(PresenceKeeper):
                keeper.presence.release()
    os._exit(128 + signal.SIGHUP)


# --- saving ------------------------------------------------------------------------------


def _names(screen: AssessmentScreen, ids: tuple[str, ...] | list[str]) -> str:
    """'1.2 (a.tamm), 2.3 (j.ilves)': which indicators came from whom."""
    out = []
    for uid in ids:
        by = screen.session.record(uid).updated_by if uid in screen.session.catalogue.unit_index \
            else ""
        out.append(f"{uid} ({by})" if by else uid)
    return ", ".join(out)


def after_save(screen: AssessmentScreen, report: SaveReport, *, reload: bool = True) -> None:
    """After a merging save: show what came from the other side, and where a note is."""
    if not report.merged:
        return
    if report.took_theirs:
        if reload:
            screen.reload_session()
        screen.notify(f"Merged with a save by someone else: {_names(screen, report.took_theirs)}.",
                      timeout=8)
    if report.note is not None:
        screen.notify(f"The versions not kept are in {report.note.name}.", timeout=12)


def follow_disk(screen: AssessmentScreen) -> None:
    """The watch saw the file change: take it in, or ask when the same indicator clashes."""
    try:
        result = merge.follow_disk(screen.session)
    except InputError as exc:  # unreadable or gone: the reload / keep-mine dialog handles that
        if screen.read_only:  # nothing of ours to keep: say so once per change on disk
            screen.notify(f"The file on disk cannot be read now. {exc}", severity="warning")
            try:
                screen.session.revision = storage.revision_of(screen.session.path.read_bytes())
            except OSError:
                screen.session.revision = None  # gone: stop watching
            return
        result = None
    if result is None or result.conflicts:
        screen.in_conflict = True
        screen._status().state = "conflict"
        screen.resolve_conflict()
        return
    if result.took_theirs or result.kept_mine:
        screen.reload_session()
    if result.took_theirs:
        screen.notify(f"Updated from disk: {_names(screen, result.took_theirs)}.", timeout=8)
    if screen.read_only:
        return
    if screen.session.dirty:
        screen.schedule_autosave()
    else:
        screen._status().mark_saved()


async def resolve_by_merge(screen: AssessmentScreen) -> bool:
    """Merge with the file on disk, asking about same-indicator conflicts, and save.

    False when no merge is possible (the file on disk is unreadable or gone, or this is a
    new file): the caller then offers reload / keep mine.
    """
    session = screen.session
    if session.revision is None:
        return False
    while True:
        try:
            result, disk_revision = await asyncio.to_thread(merge.merge_with_disk, session)
        except (InputError, OSError):
            return False
        choices: dict[str, merge.Side] = {}
        if result.conflicts:
            picked = await screen.app.push_screen_wait(
                MergeConflictDialog(result.conflicts, session.catalogue))
            if picked is None:
                screen._status().state = "conflict"
                return True  # decide later: ctrl+s asks again
            choices = picked
        try:
            report = await asyncio.to_thread(merge.save_merged, session, result,
                                             disk_revision, choices)
        except ConflictError:
            continue  # saved again meanwhile: merge with that
        except InputError as exc:
            screen._status().state = "error"
            screen.notify(f"Not saved. {exc}", severity="error", timeout=10)
            return True
        screen.in_conflict = False
        screen.workers.cancel_group(screen, "autosave")  # nothing left for it to save
        screen._status().mark_saved()
        screen.reload_session()
        after_save(screen, report, reload=False)
        if not report.took_theirs:
            screen.notify("Saved with your choices.", timeout=5)
        return True
