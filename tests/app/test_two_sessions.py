"""Two people, one file: two app instances (two App objects, one event loop) on one
assessment. Real keys in; then the file on disk, the lock file and the conflict note."""

from __future__ import annotations

import signal
import subprocess
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from ncsi_tui.app.app import NcsiApp
from ncsi_tui.app.screens.assessment import AssessmentScreen
from ncsi_tui.app.screens.dialogs.merge_conflict import MergeConflictDialog
from ncsi_tui.app.screens.dialogs.open_locked import OpenLockedDialog
from ncsi_tui.app.widgets.status_line import StatusLine
from ncsi_tui.core.files import presence, storage
from ncsi_tui.core.files.merge import is_conflict_note
from ncsi_tui.core.files.presence import Presence

SIZE = (80, 24)


@pytest.fixture(autouse=True)
def _no_timed_disk_watch(monkeypatch: pytest.MonkeyPatch) -> None:
    """The 2-second watch would fire at a random step of a story: tests call check_disk."""
    from ncsi_tui.app.screens import autosave

    monkeypatch.setattr(autosave, "DISK_WATCH_SECONDS", 3600.0)


def disk(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))["indicators"]


def holders(path: Path) -> list[str]:
    return [h.user for h in presence.holders(path)]


def app_as(user: str, make_app: Callable[..., NcsiApp], path: Path,
           monkeypatch: pytest.MonkeyPatch, **kw: object) -> NcsiApp:
    monkeypatch.setenv("NCSI_USER", user)  # the session takes the user when it opens
    return make_app(path, **kw)


async def settle(app: NcsiApp, pilot: Pilot) -> None:
    """Let saves and dialogs run (bounded: an idle autosave worker may sleep for a minute)."""
    for _ in range(20):
        await pilot.pause(0.05)
        busy = [w for w in app.workers if not w.is_finished and w.group != "autosave"]
        if not busy:
            break
    await pilot.pause(0.05)


async def until(pilot: Pilot, check: Callable[[], bool], what: str) -> None:
    """Let the app run until `check()` holds (bounded: 5 s)."""
    for _ in range(100):
        if check():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"timed out waiting for {what}; screen is {pilot.app.screen!r}")


async def goto(pilot: Pilot, unit_id: str) -> None:
    """Walk there with n / p (next / previous indicator), as a person would."""
    screen = pilot.app.screen
    order = list(screen.session.catalogue.unit_index)
    steps = order.index(unit_id) - order.index(screen.current)
    await pilot.press(*(["n"] * steps if steps > 0 else ["p"] * -steps))
    await pilot.pause()
    assert screen.current == unit_id


async def edit_anyway(app: NcsiApp, pilot: Pilot, first_user: str) -> None:
    """The second opener is told who has it open, and chooses to edit anyway."""
    await pilot.pause()
    dialog = app.screen
    assert isinstance(dialog, OpenLockedDialog)
    shown = str(dialog.query_one("#who").render())
    assert f"{first_user} on " in shown and " since " in shown and "UTC" in shown
    await pilot.click("#edit")
    await pilot.pause()
    assert isinstance(app.screen, AssessmentScreen) and not app.screen.read_only


async def test_a_edits_1_1_b_edits_2_3_both_save_and_the_file_holds_both(
        example_dir: Path, make_app, monkeypatch) -> None:
    path = example_dir / "example.toml"
    a = app_as("amina", make_app, path, monkeypatch)
    b = app_as("boris", make_app, path, monkeypatch)
    async with a.run_test(size=SIZE) as pa:
        assert holders(path) == ["amina"]
        async with b.run_test(size=SIZE) as pb:
            await edit_anyway(b, pb, "amina")
            assert holders(path) == ["amina", "boris"]
            await goto(pa, "1.1")
            await pa.press("x")  # 1.1: met -> not met
            await goto(pb, "2.3")
            await pb.press("x")  # 2.3: met -> not met
            await pa.press("ctrl+s")
            await settle(a, pa)
            await pb.press("ctrl+s")  # finds A's save: merges, asks nothing
            await settle(b, pb)
            assert isinstance(b.screen, AssessmentScreen)
            assert b.screen.query_one(StatusLine).state == "saved"
            # B's screen now shows A's change too
            assert b.screen.session.record("1.1").status == "not-met"
            await pb.press("ctrl+q")
        assert holders(path) == ["amina"]  # B's entry went with B
        await pa.press("ctrl+q")
    assert not presence.lock_path(path).exists()
    saved = disk(path)
    assert (saved["1.1"]["status"], saved["1.1"]["updated_by"]) == ("not-met", "amina")
    assert (saved["2.3"]["status"], saved["2.3"]["updated_by"]) == ("not-met", "boris")
    assert not [p for p in example_dir.iterdir() if is_conflict_note(p)]


@pytest.mark.parametrize("choice", ["mine", "theirs"])
async def test_a_and_b_edit_1_1_the_second_saver_is_asked_and_nothing_is_lost(
        example_dir: Path, make_app, monkeypatch, choice: str) -> None:
    path = example_dir / "example.toml"
    a = app_as("amina", make_app, path, monkeypatch)
    b = app_as("boris", make_app, path, monkeypatch)
    async with a.run_test(size=SIZE) as pa, b.run_test(size=SIZE) as pb:
        await edit_anyway(b, pb, "amina")
        await goto(pa, "1.1")
        await pa.press("x")  # amina: 1.1 not met
        await goto(pb, "1.1")
        await pb.press("c")  # boris: 1.1 back to not assessed
        await goto(pb, "2.3")
        await pb.press("x")  # boris: 2.3 not met (no clash: saved without asking)
        await pa.press("ctrl+s")
        await settle(a, pa)
        await pb.press("ctrl+s")
        await until(pb, lambda: isinstance(b.screen, MergeConflictDialog), "the merge dialog")
        dialog = b.screen
        assert isinstance(dialog, MergeConflictDialog)
        await pb.pause()
        assert [c.key for c in dialog.conflicts] == ["1.1.status"]
        yours, theirs = (str(dialog.query_one(f"#{s}-0").render()) for s in ("mine", "theirs"))
        assert "status: not-assessed" in yours and "by boris" in yours
        assert "status: not-met" in theirs and "by amina" in theirs
        if choice == "theirs":
            await pb.press("right", "enter")  # the radio set: keep theirs
        await pb.press("ctrl+s")
        await settle(b, pb)
        assert isinstance(b.screen, AssessmentScreen)
        assert b.screen.query_one(StatusLine).state == "saved"
        assert b.screen.session.record("1.1").status == (
            "not-assessed" if choice == "mine" else "not-met")

    saved = disk(path)
    assert saved["2.3"]["status"] == "not-met"
    notes = [p for p in example_dir.iterdir() if is_conflict_note(p)]
    assert len(notes) == 1 and notes[0].name.startswith("example.toml.conflict-boris-")
    kept_aside = storage.load(notes[0]).assessment.indicators["1.1"]
    if choice == "mine":
        assert "status" not in saved["1.1"]  # boris's: back to not assessed
        assert saved["1.1"]["updated_by"] == "boris"
        assert (kept_aside.status, kept_aside.updated_by) == ("not-met", "amina")
        bak = tomllib.loads(storage.backup_path(path).read_text(encoding="utf-8"))
        assert bak["indicators"]["1.1"]["status"] == "not-met"  # and in the .bak
    else:
        assert (saved["1.1"]["status"], saved["1.1"]["updated_by"]) == ("not-met", "amina")
        assert (kept_aside.status, kept_aside.updated_by) == ("not-assessed", "boris")


async def test_colleagues_save_is_taken_in_by_the_watch_without_a_question(
        example_dir: Path, make_app, monkeypatch) -> None:
    path = example_dir / "example.toml"
    a = app_as("amina", make_app, path, monkeypatch)
    async with a.run_test(size=SIZE) as pa:
        screen = a.screen
        r = subprocess.run([sys.executable, "-m", "ncsi_tui", "record", str(path), "2.3",
                            "--status", "not-met"], capture_output=True, text=True, timeout=60)
        assert r.returncode == 0, r.stderr
        screen.check_disk()  # what the 2-second watch does
        await settle(a, pa)
        assert isinstance(a.screen, AssessmentScreen)
        assert screen.session.record("2.3").status == "not-met"
        assert not screen.session.changed_on_disk()


async def test_read_only_shows_everything_writes_nothing_and_takes_no_lock(
        example_dir: Path, make_app) -> None:
    path = example_dir / "example.toml"
    before = path.read_bytes()
    app = make_app(path, read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, AssessmentScreen) and screen.read_only
        assert not presence.lock_path(path).exists()
        await pilot.press("m", "x", "c", "e", *"typed", "escape", "r", "escape", "ctrl+s")
        await settle(app, pilot)
        assert not screen.session.dirty
        assert screen.query_one(StatusLine).state == "read-only"
        await pilot.press("ctrl+q")
    assert path.read_bytes() == before
    assert sorted(p.name for p in example_dir.iterdir()) == ["example.toml"]


async def test_open_locked_read_only_and_cancel(example_dir: Path, make_app) -> None:
    path = example_dir / "example.toml"
    held = Presence(path, "amina")
    held.acquire()
    try:
        app = make_app(path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, OpenLockedDialog)
            await pilot.press("enter")  # Read-only is focused
            await pilot.pause()
            assert isinstance(app.screen, AssessmentScreen) and app.screen.read_only
            assert holders(path) == ["amina"]
        app = make_app(path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("escape")  # do not open: nothing else to show, so the app ends
            await pilot.pause()
            assert app.return_code == 0 and not app.is_running
    finally:
        held.release()


async def test_a_lock_left_by_kill_9_does_not_block_the_next_session(
        example_dir: Path, make_app) -> None:
    path = example_dir / "example.toml"
    hold = ("import sys, time; from pathlib import Path; from ncsi_tui.core.files.presence import "
            "Presence; Presence(Path(sys.argv[1]), 'gone').acquire(); print('held', flush=True);"
            " time.sleep(60)")
    proc = subprocess.Popen([sys.executable, "-c", hold, str(path)], stdout=subprocess.PIPE,
                            text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    assert presence.lock_path(path).exists()
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, AssessmentScreen) and not app.screen.read_only
        assert holders(path) == ["tester"]
    assert not presence.lock_path(path).exists()


def test_the_start_screen_lists_assessments_not_conflict_notes(example_dir: Path) -> None:
    from ncsi_tui.app.screens.start import list_assessments
    from ncsi_tui.core.model.catalogue import Catalogues

    note = example_dir / "example.toml.conflict-boris-20261123T120000Z.toml"
    note.write_bytes((example_dir / "example.toml").read_bytes())
    assert is_conflict_note(note)
    listed = [row.path.name for row in list_assessments(example_dir, Catalogues())]
    assert listed == ["example.toml"]


async def test_a_reviewer_follows_a_colleagues_save(example_dir: Path, make_app) -> None:
    path = example_dir / "example.toml"
    app = make_app(path, read_only=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        r = subprocess.run([sys.executable, "-m", "ncsi_tui", "record", str(path), "2.3",
                            "--status", "not-met"], capture_output=True, text=True, timeout=60)
        assert r.returncode == 0, r.stderr
        screen.check_disk()  # what the 2-second watch does
        await settle(app, pilot)
        assert screen.session.record("2.3").status == "not-met"
        assert screen.query_one(StatusLine).state == "read-only"
        told = len(app._notifications)
        path.write_text("not = = toml", encoding="utf-8")  # a broken hand edit
        screen.check_disk()
        screen.check_disk()  # said once, not at every tick
        await settle(app, pilot)
        assert isinstance(app.screen, AssessmentScreen)
        assert len(app._notifications) == told + 1
    assert path.read_text(encoding="utf-8") == "not = = toml"
