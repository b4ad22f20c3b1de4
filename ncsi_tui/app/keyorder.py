"""Keys typed in a burst land where they would land typed slowly.

Textual routes each key as soon as the App reads it: a priority binding runs at once in the
App's queue; any other key is posted to the focused widget, and a key that widget does not
handle bubbles back up, parent by parent, each through its own queue, to the binding check.
When keys come in one burst (over SSH keys arrive batched; a paste without bracketed paste;
tmux send-keys; a fast typist) the next key is routed before the last one took effect:
`tab` then a name sends the name to the widget tab was leaving, a name then ctrl+s submits a
dialog before the name is in its box, f8 then tab reaches a screen not yet mounted.

`KeysInOrder` routes one key at a time. After a key is routed, a callback follows it up the
path it travels (the focused widget, its parents, the screen, the App: each queue is first
in, first out, so the callback runs after the key in each); when the key opened or closed a
screen, the callback also goes through the screen now in front, after its mount and focus.
Only then is the next key routed. A path that breaks (its widget removed meanwhile) lets the
next key go after `SETTLE_AT_MOST` seconds at worst. What a key starts through messages of
its own (a dialog's `Input.Submitted`, then the `OptionList.OptionSelected` it causes) may
still finish after the next key: the order holds for keys, not for every later message.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Awaitable, Callable

from textual import events
from textual.app import App, ScreenStackError
from textual.dom import DOMNode
from textual.timer import Timer


def typed_keys(key: events.Key) -> list[events.Key]:
    """The keys that were typed. Escape then a letter typed in one burst (over SSH, by a
    paste, a fast typist) reaches the terminal as ESC x, which the parser reads as alt+x:
    that is two keys, escape and x (the app binds no alt+letter key); any other key is one.
    """
    if (key.key.startswith("alt+") and key.character and len(key.character) == 1
            and key.character.isprintable()):
        letter = key.key.removeprefix("alt+")
        if letter.startswith("shift+") and len(letter) == len("shift+x"):
            letter = key.character  # the parser names alt+X alt+shift+x; X alone is "X"
        return [events.Key("escape", "\x1b"), events.Key(letter, key.character)]
    return [key]


#: seconds: the longest a key waits for the one before it (a path that broke)
SETTLE_AT_MOST = 1.0


class KeysInOrder:
    """The App's keys, routed one at a time, each after the last one's effect.

    `route` is what routes one key (Textual's own `App.on_event`); `take` is called with each
    key (or paste: it goes where the keys before it put the focus) as it comes from the
    terminal, not with keys already forwarded to a widget.
    """

    def __init__(self, app: App[object],
                 route: Callable[[events.Key | events.Paste], Awaitable[None]]) -> None:
        self.app = app
        self.route = route
        self.waiting: deque[events.Key | events.Paste] = deque()
        self.in_flight = 0  # the number of the key being routed, 0 when none
        self.count = 0
        self.deadline: Timer | None = None

    async def take(self, key: events.Key | events.Paste) -> None:
        """Route `key` now if no key is in flight, else after the ones before it."""
        self.waiting.append(key)
        self._bound_the_wait()
        await self._route_next()

    def _bound_the_wait(self) -> None:
        """While keys wait behind one in flight, it settles in SETTLE_AT_MOST at the latest
        (a timer only in a burst, not for every key)."""
        if self.in_flight and self.waiting and self.deadline is None:
            number = self.in_flight
            self.deadline = self.app.set_timer(SETTLE_AT_MOST, lambda: self._settle(number))

    async def _route_next(self) -> None:
        while self.waiting and not self.in_flight:
            key = self.waiting.popleft()
            self.count += 1
            number = self.in_flight = self.count
            screen = self._front()
            start: DOMNode = self.app.focused or screen or self.app
            await self.route(key)
            if self.in_flight != number:  # settled meanwhile (the App is closing)
                continue
            self._bound_the_wait()
            self._follow(start, number, screen)

    def _front(self) -> DOMNode | None:
        try:
            return self.app.screen
        except ScreenStackError:  # no screen yet, or the App is closing
            return None

    def _follow(self, node: DOMNode | None, number: int, screen: DOMNode | None) -> None:
        """One step up the key's path: run again in `node`'s queue, then in its parent's."""
        if number != self.in_flight:
            return
        if node is None or node is self.app:
            if not self.app.call_later(self._arrived, number, screen):
                self._settle(number)
            return
        parent = node.parent
        if not node.call_later(self._follow, parent, number, screen):
            self._follow(parent, number, screen)  # a node closing: go on from its parent

    def _arrived(self, number: int, screen: DOMNode | None) -> None:
        """The key has been through every queue; if it changed the screen in front, wait
        for that screen too (its mount and the focus it sets), then for a refresh."""
        front = self._front()
        if front is None or front is screen:
            self._settle(number)
            return
        if not front.call_later(self.app.call_after_refresh, self._settle, number):
            self._settle(number)

    def _settle(self, number: int) -> None:
        if number != self.in_flight:
            return
        self.in_flight = 0
        if self.deadline is not None:
            self.deadline.stop()
            self.deadline = None
        if self.waiting:
            self.app.call_later(self._route_next)
