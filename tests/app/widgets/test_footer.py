"""KeysFooter (issue 24): one widget with no children, the keys in FOOTER_FIRST order, only
whole keys at the width, the palette key at the right end, disabled keys dimmed, a click
presses its key, and a change of keys repaints the line in place (no layout)."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input

from ncsi_tui.app.widgets.footer import SEPARATOR, KeysFooter


class KeysScreen(Screen[None]):
    """Eight keys, two named first; `d` disabled (shown dimmed) while `locked`."""

    FOOTER_FIRST = ("help", "save")
    BINDINGS = [
        Binding("a", "press('a')", "Alpha"),
        Binding("b", "press('b')", "Bravo"),
        Binding("d", "press('d')", "Delta"),
        Binding("question_mark", "help", "Help"),
        Binding("ctrl+s", "save", "Save"),
        Binding("l", "press('l')", "A rather long description of a key"),
        Binding("z", "press('z')", "Zulu"),
        Binding("h", "press('h')", "Hidden", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.pressed: list[str] = []
        self.locked = False
        self.gone = False

    def compose(self) -> ComposeResult:
        yield Input(id="box")
        yield KeysFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if parameters == ("d",) and self.locked:
            return None  # shown, greyed out
        return not (parameters == ("z",) and self.gone)  # False: not shown at all

    def action_press(self, key: str) -> None:
        self.pressed.append(key)

    def action_help(self) -> None:
        self.pressed.append("help")

    def action_save(self) -> None:
        self.pressed.append("save")


class KeysApp(App[None]):
    AUTO_FOCUS = None  # letter keys show (a focused Input would hide them: they type)

    def on_mount(self) -> None:
        self.push_screen(KeysScreen())


async def _started(pilot) -> tuple[KeysScreen, KeysFooter]:
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, KeysScreen)
    return screen, screen.query_one(KeysFooter)


def _line(footer: KeysFooter) -> str:
    return footer.render().plain


async def test_first_named_keys_lead_then_the_binding_order() -> None:
    async with KeysApp().run_test(size=(200, 10)) as pilot:
        _, footer = await _started(pilot)
        assert footer.shown_keys() == [
            ("?", "Help"), ("^s", "Save"), ("a", "Alpha"), ("b", "Bravo"), ("d", "Delta"),
            ("l", "A rather long description of a key"), ("z", "Zulu")]
        assert _line(footer).startswith("? Help ^s Save a Alpha b Bravo d Delta l A rather")


@pytest.mark.parametrize("width", [80, 60, 40])
async def test_only_whole_keys_and_the_palette_key_at_the_right_end(width: int) -> None:
    async with KeysApp().run_test(size=(width, 10)) as pilot:
        _, footer = await _started(pilot)
        line = _line(footer)
        assert footer.palette_shown()
        assert line.endswith(f"{SEPARATOR}^p palette") and len(line) == width - 1
        keys_part = line[:line.index(SEPARATOR)]
        shown = footer.shown_keys()
        for display, description in shown:  # every key shown is there in full
            assert f"{display} {description}" in keys_part
        assert " ".join(f"{k} {d}" for k, d in shown) == keys_part.rstrip()
        if width < 80:  # the long one does not fit: it is left out, not cut
            assert ("l", "A rather long description of a key") not in shown
        if width == 60:
            assert ("z", "Zulu") in shown  # a shorter key after it still fits
        assert shown[:2] == [("?", "Help"), ("^s", "Save")]


async def test_a_resize_refits_the_keys() -> None:
    async with KeysApp().run_test(size=(120, 10)) as pilot:
        _, footer = await _started(pilot)
        wide = footer.shown_keys()
        await pilot.resize_terminal(40, 10)
        await pilot.pause()
        assert footer.shown_keys() != wide and len(_line(footer)) == 39
        await pilot.resize_terminal(120, 10)
        await pilot.pause()
        assert footer.shown_keys() == wide


async def test_a_disabled_key_is_dimmed_and_a_click_on_it_only_rings() -> None:
    async with KeysApp().run_test(size=(120, 10)) as pilot:
        screen, footer = await _started(pilot)
        screen.locked = True
        screen.refresh_bindings()
        await pilot.pause()
        [delta] = [i for i in footer.shown_items() if i.description == "Delta"]
        assert not delta.enabled
        text = footer.render()
        start = text.plain.index("d Delta")
        dimmed = {i for span in text.spans if span.style and getattr(span.style, "dim", False)
                  for i in range(span.start, span.end)}
        assert set(range(start, start + len("d Delta"))) <= dimmed
        assert not dimmed & set(range(text.plain.index("a Alpha"), start))
        x = footer.region.x + start
        await pilot.click(offset=(x, footer.region.y))
        await pilot.pause()
        assert screen.pressed == []


async def test_a_click_on_a_key_presses_it() -> None:
    async with KeysApp().run_test(size=(120, 10)) as pilot:
        screen, footer = await _started(pilot)
        line = _line(footer)
        await pilot.click(KeysFooter, offset=(line.index("b Bravo") + 3, 0))
        await pilot.click(KeysFooter, offset=(line.index("^s Save"), 0))
        await pilot.click(KeysFooter, offset=(line.index("b Bravo") - 1, 0))  # between keys
        await pilot.pause()
        assert screen.pressed == ["b", "save"]
        await pilot.hover(KeysFooter, offset=(line.index("^p palette") + 1, 0))
        assert footer.tooltip == "Open the command palette"  # the key's own tooltip


async def test_new_keys_repaint_the_same_widget_without_a_layout(
        monkeypatch: pytest.MonkeyPatch) -> None:
    async with KeysApp().run_test(size=(120, 10)) as pilot:
        screen, footer = await _started(pilot)
        before = footer.shown_keys()
        calls: list[dict[str, object]] = []
        refresh = KeysFooter.refresh

        def recording(self: KeysFooter, *args: object, **kwargs: object) -> object:
            calls.append(kwargs)
            return refresh(self, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(KeysFooter, "refresh", recording)
        screen.refresh_bindings()  # nothing changed: no repaint
        await pilot.pause()
        assert calls == []
        screen.gone = True
        screen.refresh_bindings()  # right after the next frame (the key's own comes first)
        assert ("z", "Zulu") in footer.shown_keys()
        await pilot.pause()
        assert ("z", "Zulu") not in footer.shown_keys()
        screen.query_one(Input).focus()  # letter keys type now: the footer hides them
        await pilot.pause()
        assert footer.shown_keys() == [("^s", "Save")]
        screen.gone = False
        screen.set_focus(None)
        await pilot.pause()
        assert footer.shown_keys() == before
        assert calls and all(not (c.get("layout") or c.get("recompose")) for c in calls)
        assert not footer.children and screen.query_one(KeysFooter) is footer
