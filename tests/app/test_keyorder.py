"""Keys typed in one burst land where they would land typed slowly (keyorder.py).

Pilot's `press` waits after every key, so it never makes a burst; these tests post all the
keys to the app at once, as the terminal driver does when a burst arrives over SSH, and
then read the file on disk. Before KeysInOrder, the name after `tab` went to the format list
and ctrl+s exported the proposed name; the evidence typed after `e` went to the navigator.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from textual import events

from ncsi_tui.app.keyorder import typed_keys
from ncsi_tui.app.screens.assessment import AssessmentScreen
from tests.app.bursts import burst, settle


async def test_export_name_typed_in_one_burst_is_the_name_exported(example_dir: Path,
                                                                   make_app) -> None:
    app = make_app(example_dir / "example.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, "f8", "tab", "ctrl+u", *"burst-name", "ctrl+s")
        await settle(pilot, lambda: (example_dir / "burst-name.html").is_file()
                     or (example_dir / "example.html").is_file())
        assert isinstance(app.screen, AssessmentScreen)  # the export screen closed
    assert (example_dir / "burst-name.html").is_file()
    assert not (example_dir / "example.html").exists()  # not the proposed name


async def test_a_refused_name_in_one_burst_keeps_the_dialog_and_the_keys_after_it(
        example_dir: Path, make_app) -> None:
    before = sorted(p.name for p in example_dir.parent.rglob("*"))
    app = make_app(example_dir / "example.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        burst(app, "f8", "tab", "ctrl+u", *"../x.html", "ctrl+s", "escape", "x")
        await settle(pilot, lambda: screen.session.record("1.1").status == "not-met")
        await pilot.pause(0.2)
        assert app.screen is screen
        # the x after escape reached the navigator: 1.1 marked not met, nothing typed
        assert isinstance(screen, AssessmentScreen)
        assert screen.session.record("1.1").status == "not-met"
    assert sorted(p.name for p in example_dir.parent.rglob("*")) == before


async def test_evidence_typed_after_e_and_saved_in_one_burst(example_dir: Path,
                                                              make_app) -> None:
    path = example_dir / "example.toml"
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, "e", *" Adopted.", "ctrl+s")
        await settle(pilot, lambda: b"Adopted." in path.read_bytes())
    saved = tomllib.loads(path.read_text(encoding="utf-8"))["indicators"]["1.1"]
    assert saved["evidence"].endswith("section 12). Adopted.")


def test_escape_x_read_as_alt_x_is_two_keys_other_keys_one() -> None:
    keys = typed_keys(events.Key("alt+x", "x"))
    assert [(k.key, k.character) for k in keys] == [("escape", "\x1b"), ("x", "x")]
    keys = typed_keys(events.Key("alt+shift+m", "M"))
    assert [(k.key, k.character) for k in keys] == [("escape", "\x1b"), ("M", "M")]
    for key in (events.Key("x", "x"), events.Key("alt+up", None), events.Key("f8", None)):
        assert typed_keys(key) == [key]


async def test_a_paste_right_after_e_goes_into_the_evidence(example_dir: Path, make_app) -> None:
    path = example_dir / "example.toml"
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, "e")
        app.post_message(events.Paste(" Pasted."))
        burst(app, "ctrl+s")
        await settle(pilot, lambda: b"Pasted." in path.read_bytes())
    saved = tomllib.loads(path.read_text(encoding="utf-8"))["indicators"]["1.1"]
    assert saved["evidence"].endswith("section 12). Pasted.")


async def test_a_key_whose_path_broke_holds_the_next_one_a_second_at_most(
        example_dir: Path, make_app) -> None:
    app = make_app(example_dir / "example.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AssessmentScreen)
        app.keys_in_order._follow = lambda *args: None  # the path of every key breaks
        burst(app, "x", "c")
        await pilot.pause(0.2)
        assert screen.session.record("1.1").status == "not-met"  # x acted, c waits
        await settle(pilot, lambda: screen.session.record("1.1").status == "not-assessed")
        assert screen.session.record("1.1").status == "not-assessed"  # then c went
