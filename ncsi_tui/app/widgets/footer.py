"""The footer: the current screen's most used keys first, rebuilt once per burst of
binding changes.

Order: a screen may name its main actions in ``FOOTER_FIRST`` (action strings as in its
bindings, e.g. ``"mark('met')"``, ``"help"``); those come first in that order, the rest
keep the order of the binding chain. At 80 columns the footer cuts off its right end, so
what comes first is what a person sees.

Textual's Footer queues a full recompose for every `bindings_updated` signal (screen push,
each focus change, refresh_bindings); at start-up that is five rebuilds of every key in a
row, a good part of the time to the first full screen. This one coalesces them, using only
Textual's public API: the first signal goes to Footer's own handler (which makes the footer
ready and composes it), later ones share one queued recompose.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer


def footer_rank(first: tuple[str, ...], action: str) -> int:
    """Position of `action` in a screen's FOOTER_FIRST; after them all when not named."""
    name = action.removeprefix("app.").removeprefix("screen.")
    return first.index(name) if name in first else len(first)


def _width(key: Widget) -> int:
    """Cells of a compact footer key: "k Desc" and a space (the palette key: a border)."""
    text = f"{getattr(key, 'key_display', '')} {getattr(key, 'description', '')}"
    return len(text) + 1


class KeysFooter(Footer):
    _recompose_queued = False
    _started = False

    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("compact", True)  # two spaces a key more is a key less at 80
        super().__init__(**kwargs)  # type: ignore[arg-type]

    def _compose_keys(self) -> ComposeResult:
        items: list[Widget] = list(super().compose())
        if not all(hasattr(w, "action") for w in items):  # only FooterKeys carry one
            yield from items  # key groups must keep their place: no reordering
            return
        first: tuple[str, ...] = getattr(self.screen, "FOOTER_FIRST", ())
        ordered = sorted(items, key=lambda w: (w.has_class("-command-palette"),
                                               footer_rank(first, getattr(w, "action", ""))))
        # only the keys that fit whole: a key cut at the edge shows through beside the
        # palette key ("JumpP"), and half a key is no help
        room = self.size.width or self.app.size.width  # known before the first layout
        if room:
            room -= sum(_width(w) for w in ordered if w.has_class("-command-palette"))
            kept = []
            for w in ordered:
                if not w.has_class("-command-palette"):
                    room -= _width(w)
                    if room < 0:
                        continue
                kept.append(w)
            ordered = kept
        yield from ordered

    def on_resize(self) -> None:
        self.bindings_changed(self.screen)

    def bindings_changed(self, screen: Screen) -> None:
        if not self._started:
            self._started = True
            super().bindings_changed(screen)  # the keys are ready (its rebuild, queued after
            self._recompose_queued = True    # the first frame, finds nothing new); the rest
            self.call_after_refresh(self._burst_over)  # of this burst shares it
            if self.is_attached and screen is self.screen:
                self.refresh(recompose=True)  # the keys now: in the first frame, not a later one
            return
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._recompose_queued:
            self._recompose_queued = True
            self.call_after_refresh(self._recompose_once)

    def _burst_over(self) -> None:
        self._recompose_queued = False

    async def recompose(self) -> None:
        """Rebuild the keys, unless the same keys are on screen already."""
        if self.is_attached and self._last_shown is not None and self._shown() == self._last_shown:
            return
        await super().recompose()

    async def _recompose_once(self) -> None:
        self._recompose_queued = False
        if not self.is_attached:
            return  # its screen was closed meanwhile
        await self.recompose()  # only if the keys shown changed

    _last_shown: tuple[object, ...] | None = None

    def _shown(self) -> tuple[object, ...]:
        """What the keys would show: each shown binding, whether it is enabled, the width."""
        width = self.size.width or self.app.size.width
        return (width, *((b.key, b.action, b.description, enabled)
                         for _, b, enabled, _ in self.screen.active_bindings.values() if b.show))

    def compose(self) -> ComposeResult:
        keys = list(self._compose_keys())  # none until the screen's keys are ready
        if keys and self.is_attached:
            self._last_shown = self._shown()
        yield from keys
