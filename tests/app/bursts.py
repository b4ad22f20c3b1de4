"""Keys posted in one burst, as the driver hands on bytes read in one go (SSH, tmux, a paste),
and a wait until the app has worked them off. Shared by the key-order and key-pane tests."""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.app import App

CHARS = {"tab": "\t", "ctrl+u": "\x15", "ctrl+s": "\x13", "escape": "\x1b", "f8": None}


def burst(app: App[object], *keys: str) -> None:
    """Post every key at once, as the driver does for bytes read in one go."""
    for key in keys:
        app.post_message(events.Key(key, CHARS.get(key, key if len(key) == 1 else None)))


async def settle(pilot, done: Callable[[], bool]) -> None:
    """Let the app work until `done()` holds (at most ~10 s; the assertion after tells)."""
    for _ in range(200):
        await pilot.pause(0.05)
        if done():
            return
