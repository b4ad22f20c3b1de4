"""The footer: the current screen's most used keys first, one widget updated in place.

Order: a screen may name its main actions in ``FOOTER_FIRST`` (action strings as in its
bindings, e.g. ``"mark('met')"``, ``"help"``); those come first in that order, the rest
keep the order of the binding chain. Only keys that fit whole at the current width are
shown (a key cut at the edge is no help), and the command-palette key stands at the right
end, as in Textual's compact Footer.

Why one widget (issue 24): Textual's Footer holds one FooterKey widget per key and
recomposes on every change of the keys shown. Pressing `e` (focus into the evidence box)
and `escape` changed the keys, and removing and mounting ten widgets, then laying out the
whole screen again, cost more than the key's own work, all after its first frame. This
footer has no children: a change of the keys recomputes one line of text and repaints
one row (`refresh()`, never a layout or a recompose), only when the line changed, in the
frame right after the key's own effect (reading the keys costs about 1 ms).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.strip import Strip

from ncsi_tui.app.widgets.kept_styles import KeptStyles


def footer_rank(first: tuple[str, ...], action: str) -> int:
    """Position of `action` in a screen's FOOTER_FIRST; after them all when not named."""
    name = action.removeprefix("app.").removeprefix("screen.")
    return first.index(name) if name in first else len(first)


@dataclass(frozen=True)
class FooterItem:
    """One key as the footer shows it.

    `key` is the key as bound ("ctrl+s", what a click simulates), `display` as shown
    ("^s"); `enabled` is False for a binding whose check_action returned None (shown
    dimmed, a click rings the bell); `palette` marks the command-palette key.
    """

    key: str
    display: str
    description: str
    action: str
    enabled: bool = True
    tooltip: str = ""
    palette: bool = False

    @property
    def width(self) -> int:
        """Cells of "key description" (no space around it)."""
        if not self.description:
            return cell_len(self.display)
        return cell_len(self.display) + 1 + cell_len(self.description)


#: The line the footer shows: (x, item) for each key placed, left to right.
Placed = tuple[tuple[int, FooterItem], ...]

#: Drawn left of the palette key (Textual's compact footer: a `vkey` left border).
SEPARATOR = "▏"


def screen_items(screen: Screen, *, with_palette: bool = True) -> tuple[
        list[FooterItem], FooterItem | None]:
    """The keys the screen offers now, in footer order, and its command-palette key.

    As Textual's Footer: bindings with `show`, one key per action (the first bound), those
    whose check_action returned False left out, None kept as disabled. The palette key is
    `App.COMMAND_PALETTE_BINDING` when the app enables the palette (None otherwise).
    """
    app = screen.app
    active = screen.active_bindings
    first: tuple[str, ...] = getattr(screen, "FOOTER_FIRST", ())
    by_action: dict[str, FooterItem] = {}
    for _node, binding, enabled, tooltip in active.values():
        if binding.show and binding.action not in by_action:
            by_action[binding.action] = FooterItem(
                binding.key, app.get_key_display(binding), binding.description,
                binding.action, enabled, tooltip or binding.tooltip)
    items = sorted(by_action.values(), key=lambda i: footer_rank(first, i.action))
    palette = None
    if with_palette and app.ENABLE_COMMAND_PALETTE:
        found = active.get(app.COMMAND_PALETTE_BINDING)
        if found is not None:
            _node, binding, enabled, _tooltip = found
            palette = FooterItem(binding.key, app.get_key_display(binding),
                                 binding.description, binding.action, enabled,
                                 binding.tooltip or binding.description, palette=True)
            items = [i for i in items if i.action != palette.action]
    return items, palette


def fit(items: list[FooterItem], palette: FooterItem | None, width: int) -> Placed:
    """Place the keys on one line of `width` cells: each key one space after the last,
    only those that end before the palette key (a key that does not fit is left out, a
    shorter one after it may still fit); the palette key right-aligned as
    "▏^p Jump " (separator, key, one space of margin)."""
    limit = width
    placed: list[tuple[int, FooterItem]] = []
    tail: list[tuple[int, FooterItem]] = []
    if palette is not None:
        limit = max(0, width - (palette.width + 2))
        tail.append((limit + 1, palette))
    x = 0
    for item in items:
        if x + item.width <= limit:
            placed.append((x, item))
            x += item.width + 1
    return (*placed, *tail)


class KeysFooter(KeptStyles, can_focus=False):
    """The screen's keys on one line, docked at the bottom; no child widgets.

    Subscribes to the screen's `bindings_updated_signal` (as Textual's Footer does) and
    recomputes its line right after the next frame (once for a burst of signals) and on
    each resize; it repaints only when the line changed. A click on a key presses that key (`App.simulate_key`), as Textual's
    FooterKey does. `shown_keys()` and `palette_shown()` say what it shows.
    """

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "keys-footer--key",
        "keys-footer--description",
        "keys-footer--separator",
        "keys-footer--hover",
    }
    DEFAULT_CSS = """
    KeysFooter {
        dock: bottom;
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
        .keys-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .keys-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .keys-footer--separator {
            color: $foreground 20%;
        }
        .keys-footer--hover {
            background: $block-hover-background;
        }
    }
    """

    def __init__(self, *, show_command_palette: bool = True, name: str | None = None,
                 id: str | None = None, classes: str | None = None) -> None:
        """`show_command_palette`: the palette key at the right end (as Textual's Footer)."""
        super().__init__(name=name, id=id, classes=classes)
        self.show_command_palette = show_command_palette
        self._items: list[FooterItem] = []
        self._palette: FooterItem | None = None
        self._placed: Placed = ()
        self._hover: FooterItem | None = None
        self._recheck_queued = False

    # -- what it shows -------------------------------------------------------------------

    def shown_items(self) -> list[FooterItem]:
        """The keys on the line now, left to right (the palette key, if shown, last)."""
        return [item for _x, item in self._placed]

    def shown_keys(self) -> list[tuple[str, str]]:
        """(key as displayed, description) of the keys shown, not the palette key."""
        return [(i.display, i.description) for i in self.shown_items() if not i.palette]

    def palette_shown(self) -> bool:
        """Whether the command-palette key is shown (at the right end)."""
        return any(i.palette for i in self.shown_items())

    def item_at(self, x: int) -> FooterItem | None:
        """The key drawn at column `x` of the footer (None between keys)."""
        for start, item in self._placed:
            if start <= x < start + item.width:
                return item
        return None

    # -- keeping it current --------------------------------------------------------------

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed,
                                                      immediate=True)
        self._update(self.screen)  # the keys in the first frame, not after it

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen) -> None:
        """The screen's keys may have changed (focus, screen state): re-read them right
        after the next frame, once for a burst of signals. Not at once: reading them takes
        about 1 ms (every binding's `check_action`), and the frame that shows a key's own
        effect (the cursor in the box on `e`) comes first (issue 24). Repaints only if the
        line changed."""
        if not screen.app.app_focus:
            return  # the terminal lost focus: keep the keys (as Textual's Footer)
        if self.is_attached and screen is self.screen and not self._recheck_queued:
            self._recheck_queued = True
            self.call_after_refresh(self._recheck)

    def _recheck(self) -> None:
        self._recheck_queued = False
        if self.is_attached and self.app.app_focus:
            self._update(self.screen)

    def on_resize(self) -> None:
        self._refit()

    def _update(self, screen: Screen) -> None:
        self._items, self._palette = screen_items(
            screen, with_palette=self.show_command_palette)
        self._refit()

    def _refit(self) -> None:
        """Place the keys at the current width; repaint (one row) only if the line changed."""
        width = self.size.width or self.app.size.width  # known before the first layout
        placed = fit(self._items, self._palette, width)
        if placed != self._placed:
            self._placed = placed
            if self._hover is not None and self._hover not in self.shown_items():
                self._hover = None
            self.refresh()

    # -- drawing -------------------------------------------------------------------------

    def render(self) -> Text:
        """One line: each key in its key style and its description after it."""
        style = self.get_component_rich_style
        key_style, desc_style = style("keys-footer--key"), style("keys-footer--description")
        hover = style("keys-footer--hover", partial=True)
        line = Text(no_wrap=True, overflow="crop", end="")
        for x, item in self._placed:
            line.append(" " * max(0, x - line.cell_len - (1 if item.palette else 0)))
            if item.palette:
                line.append(SEPARATOR, style("keys-footer--separator"))
            extra = Style(dim=True) if not item.enabled else Style()
            if item == self._hover:
                extra += hover
            line.append(item.display, key_style + extra)
            if item.description:
                line.append(" " + item.description, desc_style + extra)
        return line

    def render_line(self, y: int) -> Strip:
        """`render`'s line as segments (Textual's line API), kept until the line or its
        styles change: a rich Text drawn through Textual's Content took 1.7 ms, a good part
        of `e`'s frame (issue 24)."""
        width, base = self.size.width, self.rich_style
        key = (self._placed, self._hover, width, base, self.get_component_rich_style(
            "keys-footer--key"))
        if y or not width:
            return Strip.blank(width, base)
        if self._drawn is None or self._drawn[0] != key:
            segments = Segment.apply_style(self.render().render(self.app.console), base)
            self._drawn = (key, Strip(segments).adjust_cell_length(width, base))
        return self._drawn[1]

    _drawn: tuple[tuple[object, ...], Strip] | None = None

    # -- the mouse -----------------------------------------------------------------------

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """A key clicked is that key pressed (a disabled one rings the bell)."""
        item = self.item_at(event.x)
        if item is None:
            return
        event.stop()
        if item.enabled:
            self.app.simulate_key(item.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._set_hover(self.item_at(event.x))

    def on_leave(self) -> None:
        self._set_hover(None)

    def _set_hover(self, item: FooterItem | None) -> None:
        """Highlight the key under the mouse and give its tooltip."""
        if item != self._hover:
            self._hover = item
            self.tooltip = (item.tooltip or item.description) if item else None
            self.refresh()
