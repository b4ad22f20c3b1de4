"""The app never loses an edit and never crashes on the file (issue 16 items 3, 10; issue 17
item 5): a commented file is rewritten only after the person agrees; a file replaced by a
folder is "cannot read now"; a hang-up while the "file removed" dialog is open keeps the
edits in a conflict note."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from ncsi_tui.app.screens import opening
from ncsi_tui.app.screens.assessment import AssessmentScreen
from ncsi_tui.app.screens.dialogs.confirm import ConfirmDialog
from ncsi_tui.app.screens.dialogs.conflict import ConflictDialog
from ncsi_tui.core.files import storage
from ncsi_tui.core.files.merge import is_conflict_note

SIZE = (80, 24)
COMMENT = "# agreed with the ministry on 3 March: keep this line\n"


@pytest.fixture(autouse=True)
def _no_timed_disk_watch(monkeypatch: pytest.MonkeyPatch) -> None:
    from ncsi_tui.app.screens import autosave

    monkeypatch.setattr(autosave, "DISK_WATCH_SECONDS", 3600.0)


async def _until(pilot: Pilot, check, what: str) -> None:  # type: ignore[no-untyped-def]
    for _ in range(100):
        if check():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"timed out waiting for {what}; screen is {pilot.app.screen!r}")


def _notes(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if is_conflict_note(p)]


async def test_commented_file_unchanged_until_the_person_agrees(example_dir: Path,
                                                                make_app) -> None:
    path = example_dir / "example.toml"
    commented = COMMENT + path.read_text(encoding="utf-8")
    path.write_text(commented, encoding="utf-8")
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")  # 1.1: met -> not met
        await pilot.press("ctrl+s")
        await _until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the question")
        assert "# comments" in str(app.screen.query_one("#question").render())
        assert path.read_text(encoding="utf-8") == commented
        await pilot.press("escape")  # not now
        await _until(pilot, lambda: isinstance(app.screen, AssessmentScreen), "the screen")
        await pilot.press("n", "x")  # another edit: autosave does not ask again
        await pilot.pause(0.2)
        assert isinstance(app.screen, AssessmentScreen)
        assert path.read_text(encoding="utf-8") == commented
        await pilot.press("ctrl+s")  # asks again
        await _until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the question")
        await pilot.click("#choice-drop")
        await _until(pilot, lambda: "# agreed" not in path.read_text(encoding="utf-8"), "save")
        await pilot.press("n", "x")
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
        assert isinstance(app.screen, AssessmentScreen)
    saved = storage.load(path).assessment
    assert saved.record("1.1").status == "not-met"
    assert storage.comments_backup_path(path).read_text(encoding="utf-8") == commented
    assert storage.backup_path(path).read_text(encoding="utf-8") != commented  # 2 saves later


async def test_commented_file_opened_read_only_keeps_the_edits_in_a_note(example_dir: Path,
                                                                          make_app) -> None:
    path = example_dir / "example.toml"
    commented = COMMENT + path.read_text(encoding="utf-8")
    path.write_text(commented, encoding="utf-8")
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        await pilot.press("ctrl+s")
        await _until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the question")
        await pilot.click("#choice-read-only")
        await _until(pilot, lambda: isinstance(app.screen, AssessmentScreen)
                     and app.screen.read_only, "the read-only screen")
        assert app.screen.session.record("1.1").status == "met"  # as on disk
    assert path.read_text(encoding="utf-8") == commented
    (note,) = _notes(example_dir)
    assert 'status = "not-met"' in note.read_text(encoding="utf-8")


async def test_open_file_replaced_by_a_folder_is_cannot_read_now(example_dir: Path,
                                                                  make_app) -> None:
    path = example_dir / "example.toml"
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.press("x")
        path.unlink()
        path.mkdir()
        screen.check_disk()  # what the 2-second watch does
        await _until(pilot, lambda: isinstance(app.screen, ConflictDialog), "the dialog")
        assert "folder" in " ".join(str(s.render()) for s in app.screen.query("Static"))
        assert screen.in_conflict and screen.session.dirty


async def test_hangup_while_the_file_removed_dialog_is_open_keeps_the_edits(
        example_dir: Path, make_app) -> None:
    path = example_dir / "example.toml"
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.press("x")
        path.unlink()
        screen.check_disk()
        await _until(pilot, lambda: isinstance(app.screen, ConflictDialog), "the dialog")
        opening._save_all()  # what SIGHUP and SIGTERM do before the process ends
    (note,) = _notes(example_dir)
    text = note.read_text(encoding="utf-8")
    assert "could not be saved" in text and 'status = "not-met"' in text
    assert not path.exists()  # not recreated behind a colleague's back
