"""Two people, one file, in the app: saves that merge, changes seen on disk, git merges.

:func:`after_save`, :func:`follow_disk` and :func:`resolve_by_merge` are called by the
assessment screen's autosave (screens/autosave.py): a save that finds the file changed
merges (core/files/merge.py) and asks (MergeConflictDialog) only about what both sides
changed; a change on disk seen by the watch is taken in without a question when it touches
other indicators. This module never imports the assessment screen: it works on the screen
it is given. :func:`finish_merge` asks about the fields a git merge left unresolved
(``[[unresolved]]``, core/files/unresolved.py) with the same dialog.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from ncsi_tui.app.screens.dialogs.merge_conflict import MergeConflictDialog
from ncsi_tui.core.errors import ConflictError, InputError
from ncsi_tui.core.files import merge, storage, unresolved
from ncsi_tui.core.files.merge import SaveReport

if TYPE_CHECKING:
    from ncsi_tui.app.screens.assessment import AssessmentScreen


def _names(screen: AssessmentScreen, ids: tuple[str, ...] | list[str]) -> str:
    """'1.2 (a.tamm), 2.3 (j.ilves)': which indicators came from whom."""
    out = []
    for uid in ids:
        by = screen.session.record(uid).updated_by if uid in screen.session.catalogue.unit_index \
            else ""
        out.append(f"{uid} ({by})" if by else uid)
    return ", ".join(out)


def tell_losers(screen: AssessmentScreen) -> None:
    """Someone's save kept another version of a field this person wrote: say where it went."""
    for notice in merge.new_notices(screen.session):
        screen.notify(f"{notice}.", severity="warning", timeout=20)


def after_save(screen: AssessmentScreen, report: SaveReport, *, reload: bool = True) -> None:
    """After a merging save: show what came from the other side, and where a note is."""
    if not report.merged:
        return
    tell_losers(screen)
    if report.took_theirs:
        if reload:
            screen.reload_session()
        screen.notify(f"Merged with a save by someone else: {_names(screen, report.took_theirs)}.",
                      timeout=8)
    if report.note is not None:
        screen.notify(f"The versions not kept are in {report.note.name}.", timeout=12)


def follow_disk(screen: AssessmentScreen) -> None:
    """The watch saw the file change: take it in, or ask when the same field clashes."""
    try:
        result = merge.follow_disk(screen.session)
    except InputError as exc:  # unreadable or gone: the reload / keep-mine dialog handles that
        if screen.read_only:  # nothing of ours to keep: say so once per change on disk
            screen.notify(f"The file on disk cannot be read now. {exc}", severity="warning")
            try:
                screen.session.revision = storage.disk_revision(screen.session.path)
            except InputError:
                screen.session.revision = None  # unreadable: stop watching
            return
        result = None
    if result is None or result.conflicts:
        screen.in_conflict = True
        screen._status().state = "conflict"
        screen.resolve_conflict()
        return
    if result.took_theirs or result.kept_mine:
        screen.reload_session()
    tell_losers(screen)
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
        if not screen.is_attached:  # closed while saving (the app quits): the file has it
            return True
        screen.workers.cancel_group(screen, "autosave")  # nothing left for it to save
        screen._status().mark_saved()
        screen.reload_session()
        after_save(screen, report, reload=False)
        if not report.took_theirs:
            screen.notify("Saved with your choices.", timeout=5)
        return True


async def finish_merge(screen: AssessmentScreen) -> None:
    """The file holds fields a git merge left unresolved: ask about each, then save.

    Yours = ours (the branch merged into), theirs = the branch merged in; the version not
    kept goes to a conflict note. Escape leaves them for later (the file keeps them).
    """
    session = screen.session
    try:
        conflicts = unresolved.conflicts(session.assessment)
    except InputError as exc:
        screen.notify(f"Unfinished merge that cannot be shown. {exc}", severity="error",
                      timeout=12)
        return
    if screen.read_only:
        screen.notify(f"Unfinished merge in {', '.join(c.key for c in conflicts)}: "
                      "scores use one side's values until it is resolved.", severity="warning")
        return
    picked = await screen.app.push_screen_wait(MergeConflictDialog(conflicts, session.catalogue))
    if picked is None:
        screen.notify("Merge not finished: the file keeps both versions; ctrl+s asks again.",
                      severity="warning", timeout=10)
        return
    losers = unresolved.apply(session.assessment,
                              {k: "ours" if v == "mine" else "theirs" for k, v in picked.items()})
    try:
        note = await asyncio.to_thread(merge.write_losers, session.path, losers, session.user,
                                       session.assessment, session.catalogue)
    except InputError as exc:
        screen.notify(f"Not saved. {exc}", severity="error", timeout=10)
        return
    session.dirty = True
    if not screen.is_attached:  # closed meanwhile (the app quits): nothing left to show
        return
    screen.reload_session()
    if await screen.save_now():
        where = f"; the versions not kept are in {note.name}" if note is not None else ""
        screen.notify(f"Merge finished and saved{where}.", timeout=12)
