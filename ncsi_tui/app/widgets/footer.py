"""The footer, rebuilt once per burst of binding changes.

Textual's Footer queues a full recompose for every `bindings_updated` signal (screen push,
each focus change, refresh_bindings); at start-up that is five rebuilds of every key in a
row, a good part of the time to the first full screen. This one coalesces them.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class KeysFooter(Footer):
    _recompose_queued = False

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._recompose_queued:
            self._recompose_queued = True
            self.call_after_refresh(self._recompose_once)

    async def _recompose_once(self) -> None:
        self._recompose_queued = False
        await self.recompose()
