"""Issue 17, items 6 and 7 in the app: markup and terminal sequences in every text field
of an assessment crash no screen and have no effect (shown as typed, controls dropped)."""

from __future__ import annotations

import sys
from pathlib import Path

from ncsi_tui.app.app import NcsiApp
from ncsi_tui.core.files.session import AssessmentSession
from ncsi_tui.core.model.catalogue import Catalogues

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from hostile import SAMPLES, hostile_file

#: every screen an assessment opens, by its key (views of app/bindings.py, help)
KEYS = [("f6", "escape"), ("f7", "escape"), ("f8", "escape"), ("f9", "escape"),
        ("f10", "escape"), ("question_mark", "escape")]


async def test_hostile_text_crashes_no_screen(tmp_path: Path) -> None:
    text = " ".join(SAMPLES[:4])  # a closing tag first: it crashed every screen it reached
    folder = tmp_path / "team"
    folder.mkdir()
    path = hostile_file(folder / "h.toml", text)
    cats = Catalogues()
    app = NcsiApp(cats, folder=folder, autosave_delay=60.0)  # the start screen lists it
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # opens the hostile file
        await pilot.pause()
        assert type(app.screen).__name__ == "AssessmentScreen"
        for keys in KEYS:
            await pilot.press(keys[0])
            await pilot.pause()
            await pilot.press(keys[1])
            await pilot.pause()
        await pilot.press("u", "m")  # a change is shown and notified
        await pilot.pause()
    app = NcsiApp(cats, session=AssessmentSession.open(path, cats), autosave_delay=60.0,
                  read_only=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shot = app.export_screenshot()
    assert "Law [draft]" in shot.replace("&#160;", " ")  # shown as typed


async def test_terminal_sequences_in_evidence_never_reach_the_text_box(tmp_path: Path) -> None:
    """Issue 17.7 in the app: the evidence box passed ESC]0;... to the terminal (it set the
    window title of whoever opened the file). Shown without it; the file keeps its bytes."""
    from textual.widgets import TextArea

    src = (Path(__file__).resolve().parents[2] / "ncsi_tui" / "examples" / "example.toml")
    text = src.read_text(encoding="utf-8").replace(
        'evidence = "The Cyber Policy Department',
        'evidence = "\\u001b]0;PWNED\\u0007\\u001b[2JThe Cyber Policy Department', 1)
    path = tmp_path / "h.toml"
    path.write_text(text, encoding="utf-8")
    before = path.read_bytes()
    cats = Catalogues()
    app = NcsiApp(cats, session=AssessmentSession.open(path, cats), autosave_delay=0.1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        area = app.screen.query_one("#evidence", TextArea)
        assert "\x1b" not in area.text and "\x07" not in area.text
        assert area.text.startswith("The Cyber Policy Department")
        await pilot.press("e")  # into the box and out: nothing typed
        await pilot.press("escape")
        await pilot.pause(0.3)
    assert path.read_bytes() == before  # looking changes no byte
