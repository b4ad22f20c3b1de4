"""Opening a file a git merge left unfinished (issue 21.4): the app asks about each field."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from ncsi_tui.app.app import NcsiApp
from ncsi_tui.app.screens.assessment import AssessmentScreen
from ncsi_tui.app.screens.dialogs.merge_conflict import MergeConflictDialog
from ncsi_tui.cli import main
from ncsi_tui.core.files.session import AssessmentSession
from ncsi_tui.core.model.catalogue import Catalogues


def _version(example: Path, name: str, user: str, evidence: str,
             monkeypatch: pytest.MonkeyPatch) -> Path:
    path = example.with_name(name)
    shutil.copyfile(example, path)
    monkeypatch.setenv("NCSI_USER", user)
    s = AssessmentSession.open(path)
    s.set_text("1.1", "evidence", evidence)
    s.save()
    return path


@pytest.mark.parametrize("keys", [(), ("right", "enter")])
async def test_the_app_asks_about_each_unresolved_field_and_saves(
        example_dir: Path, monkeypatch: pytest.MonkeyPatch, keys: tuple[str, ...]) -> None:
    base = example_dir / "example.toml"
    ours = _version(base, "ours.toml", "amina", "Amina's", monkeypatch)
    theirs = _version(base, "theirs.toml", "boris", "Boris's", monkeypatch)
    assert main(["merge", str(base), str(ours), str(theirs)]) == 1
    monkeypatch.setenv("NCSI_USER", "carla")
    cats = Catalogues()
    session = AssessmentSession.open(ours, cats, unresolved_ok=True)
    app = NcsiApp(cats, session=session, folder=example_dir, autosave_delay=60.0)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(100):
            if isinstance(app.screen, MergeConflictDialog):
                break
            await pilot.pause(0.05)
        dialog = app.screen
        assert isinstance(dialog, MergeConflictDialog)
        assert [c.key for c in dialog.conflicts] == ["1.1.evidence"]
        yours = str(dialog.query_one("#mine-0").render())
        assert "evidence: Amina's" in yours and "by amina" in yours
        await pilot.press(*keys, "ctrl+s")
        for _ in range(100):
            await pilot.pause(0.05)
            if not tomllib.loads(ours.read_text(encoding="utf-8")).get("unresolved"):
                break
        assert isinstance(app.screen, AssessmentScreen)
    data = tomllib.loads(ours.read_text(encoding="utf-8"))
    kept, lost = ("Boris's", "Amina's") if keys else ("Amina's", "Boris's")
    assert "unresolved" not in data and data["indicators"]["1.1"]["evidence"] == kept
    [note] = example_dir.glob("ours.toml.conflict-carla-*.toml")
    assert tomllib.loads(note.read_text(encoding="utf-8"))["indicators"]["1.1"]["evidence"] == lost
