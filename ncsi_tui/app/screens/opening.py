"""Opening an assessment in the app: who else has it open, and leaving on a hang-up.

* :func:`open_assessment` (called by the App for every assessment it opens) takes this
  session's place in the presence lock (core/files/presence.py). When someone else has the
  file open it asks first (OpenLockedDialog): read-only, edit anyway, or not at all.
  Read-only sessions take no lock. The entry goes when the screen goes
  (:class:`PresenceKeeper`).
* :func:`hangup`: a dropped connection (SIGHUP) or a stop (SIGTERM, as shutdown and
  ``systemctl stop`` send) saves what is unsaved and leaves the lock; an edit that cannot
  be saved (the file was removed, it is read-only, it has ``#`` comments nobody agreed to
  drop) goes to a conflict note beside the file. On SIGTERM the terminal is still there:
  the app ends normally, so the screen is restored.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import weakref
from typing import TYPE_CHECKING

from textual.widget import Widget

from ncsi_tui.app.screens.assessment import AssessmentScreen
from ncsi_tui.core.errors import InputError
from ncsi_tui.core.files.presence import FileInUse, Holder, Presence
from ncsi_tui.core.files.session import AssessmentSession

if TYPE_CHECKING:
    from ncsi_tui.app.app import NcsiApp

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
    from ncsi_tui.app.screens.dialogs.open_locked import OpenLockedDialog  # seldom needed

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
    screen = AssessmentScreen(session, read_only=read_only, autosave_delay=app.autosave_delay)
    app.push_screen(screen)
    if presence is not None:
        screen.call_later(screen.mount, PresenceKeeper(presence))
    _save_on_hangup(app)


# --- a dropped connection ----------------------------------------------------------------

_APPS: weakref.WeakSet[NcsiApp] = weakref.WeakSet()


def _save_on_hangup(app: NcsiApp) -> None:
    """A dropped SSH connection (SIGHUP) or a stop (SIGTERM) ends the process: save first.

    POSIX only: where the loop has no signal handlers (Windows) nothing is installed.
    """
    _APPS.add(app)
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return
    for name, handler in (("SIGHUP", hangup), ("SIGTERM", terminate)):
        signum = getattr(signal, name, None)
        if signum is None:
            continue
        with contextlib.suppress(RuntimeError, NotImplementedError, ValueError):
            loop.add_signal_handler(signum, handler)


def _save_all() -> None:
    """Save every unsaved session (a clash keeps theirs in the file and ours in a conflict
    note: nobody is there to ask), or keep its edits in a conflict note; leave the lock."""
    for app in list(_APPS):
        for screen in app.screen_stack:
            if isinstance(screen, AssessmentScreen) and not screen.read_only \
                    and screen.session.dirty:
                _save_or_keep(screen)
            for keeper in screen.query(PresenceKeeper):
                keeper.presence.release()


def _save_or_keep(screen: AssessmentScreen) -> None:
    session = screen.session
    if session.has_comments and not session.comments_agreed:
        why = "the file has # comments that nobody agreed to drop"
    else:
        try:
            session.save_merging(lambda cs: {c.key: "theirs" for c in cs})
            return
        except Exception as exc:  # removed, read-only, unreadable, disk full: keep the edits
            why = f"the file could not be saved ({getattr(exc, 'message', exc)})"
    with contextlib.suppress(Exception):
        session.save_to_note(why)


def hangup() -> None:
    """The terminal is gone: save (or keep in a note), leave the lock, and end at once."""
    _save_all()
    os._exit(128 + getattr(signal, "SIGHUP", 1))


def terminate() -> None:
    """Asked to stop: save (or keep in a note), leave the lock, and end normally so the
    terminal leaves the alternate screen."""
    _save_all()
    for app in list(_APPS):
        app.exit(return_code=128 + getattr(signal, "SIGTERM", 15))
