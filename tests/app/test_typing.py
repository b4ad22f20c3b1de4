"""Typing into the evidence as a person does: `e` adds at the end (issue 20.2), the usual
document keys move in it, and escape then a key typed in one burst leaves the box before
the key acts (issue 16.8). Pilot presses real keys; the file on disk is read back."""

from __future__ import annotations

import tomllib
from pathlib import Path

from textual import events
from textual.widgets import TextArea

from ncsi_tui.app.screens.assessment import AssessmentScreen

OLD = ("The Cyber Policy Department of the Ministry of Digital Affairs drafts national cyber "
       "security policy (Statute of the Ministry, section 12).")


def _saved(path: Path, unit: str) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))["indicators"][unit]


async def test_e_then_typing_appends_to_existing_evidence(example_dir: Path, make_app) -> None:
    path = example_dir / "example.toml"
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e", "space", *"Adopted 2021.", "ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert _saved(path, "1.1")["evidence"] == OLD + " Adopted 2021."


async def test_document_keys_move_to_the_start_and_the_end(example_dir: Path, make_app) -> None:
    app = make_app(example_dir / "example.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, AssessmentScreen)
        await pilot.press("e", "ctrl+home", *"See: ", "ctrl+end", "enter", *"More.")
        await pilot.pause()
        assert screen.session.record("1.1").evidence == "See: " + OLD + "\nMore."
        area = screen.query_one("#evidence", TextArea)
        await pilot.press("ctrl+shift+home")
        assert area.selected_text == "See: " + OLD + "\nMore."


async def test_escape_then_x_in_one_burst_marks_not_met(example_dir: Path, make_app) -> None:
    """`e`, `abc`, escape, `x` pressed without a pause: x marks 1.1 not met."""
    path = example_dir / "example.toml"
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, AssessmentScreen)
        await pilot.press("e", *"abc", "escape", "x")
        assert screen.session.record("1.1").evidence == OLD + "abc"
        assert screen.session.record("1.1").status == "not-met"
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
    saved = _saved(path, "1.1")
    assert (saved["evidence"], saved["status"]) == (OLD + "abc", "not-met")


async def test_escape_x_read_as_alt_x_is_escape_then_x(example_dir: Path, make_app) -> None:
    """Over SSH the burst arrives as the bytes ESC x, which the terminal parser reads as
    one key, alt+x (character "x"): it must act as escape, then x."""
    app = make_app(example_dir / "example.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, AssessmentScreen)
        await pilot.press("e", *"abc")
        await pilot.pause()
        app.post_message(events.Key("alt+x", "x"))  # what the driver posts for ESC x
        await pilot.pause()
        assert screen.session.record("1.1").evidence == OLD + "abc"
        assert screen.session.record("1.1").status == "not-met"
        assert not isinstance(app.focused, TextArea)
        # and in the navigator, alt+shift+m is escape (nothing) then M (nothing either)
        app.post_message(events.Key("alt+shift+m", "M"))
        await pilot.pause()
        assert screen.session.record("1.1").status == "not-met"


async def test_read_only_offers_what_a_reviewer_does_and_e_types_nowhere(example_dir: Path,
                                                                          make_app) -> None:
    """Issue 20.6: no `m met · x not met`, no `e to type`; `e` does not enter a box."""
    from textual.widgets import Label, Static

    app = make_app(example_dir / "example.toml", read_only=True)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await pilot.press("e")
        await pilot.pause()
        assert not isinstance(app.focused, TextArea)
        status = str(screen.query_one("#unit-status", Static).render())
        assert "m met" not in status and "f6 findings" in status and "read-only" in status
        labels = " ".join(str(w.render()) for w in screen.query(Label))
        assert "e to type" not in labels and "r adds one" not in labels
        assert not screen.query_one("#ref-bar").display
