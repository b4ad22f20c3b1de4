"""Command palette providers: every key of the screen in front (all screens), and on the
assessment screen `ctrl+p` then `3.2` or words of a name or criterion jumps to that unit."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.actions import parse
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from ncsi_tui.app.screens.assessment import AssessmentScreen


class UnitJumpProvider(Provider):
    """Every unit of the open catalogue, matched on id + name, and on the criterion."""

    @property
    def _screen(self) -> AssessmentScreen:
        return self.screen  # type: ignore[return-value]

    def _units(self) -> list[tuple[str, str, str]]:
        cat = self._screen.session.catalogue
        return [(u.id, f"{u.id} {u.name}", f"{u.criterion} {u.description}") for u in cat.units]

    async def discover(self) -> Hits:
        for uid, label, _ in self._units():
            yield DiscoveryHit(label, partial(self._screen.goto, uid), help="jump to this unit")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        q = query.strip()
        for uid, label, text in self._units():
            # an exact id always wins: "1.1" must not pick 11.1, which matches as well
            score = 1.0 if uid == q else min(matcher.match(label), 0.9)
            words = q.casefold().split()
            if not score and words and all(w in text.casefold() for w in words):
                score = 0.3  # words of the criterion
            if score > 0:
                yield Hit(score, matcher.highlight(label), partial(self._screen.goto, uid),
                          help=text[:120])


class BindingsProvider(Provider):
    """Every key of the screen in front, as a palette entry: "Mark met (m)".

    Taken from the screen's active bindings (the key contract in bindings.py, the focused
    widget's keys, the app's), so a key added to any screen is in the palette without a
    second list. A key that only waits for the text box to be left (shown disabled) runs
    from the palette: the focus leaves the box first."""

    def _entries(self) -> list[tuple[str, str, str, Callable[[], object]]]:
        screen, app = self.screen, self.app
        # the keys active now (focused widget, screen, app), then the screen's own keys a
        # widget's key shadows (enter on the start screen's table is the table's "select")
        chain = [(a.node, a.binding, a.enabled) for a in screen.active_bindings.values()]
        for b in type(screen).BINDINGS:
            if isinstance(b, Binding):
                _, name, params = parse(b.action)
                state = screen.check_action(name, params)
                if state is not False:
                    chain.append((screen, b, bool(state)))
        out: list[tuple[str, str, str, Callable[[], object]]] = []
        seen: set[tuple[int, str]] = set()
        for node, b, enabled in chain:
            if not b.id or b.action == "command_palette" or (id(node), b.action) in seen:
                continue  # no id: Textual's own cursor keys, not the app's contract
            seen.add((id(node), b.action))
            words = b.tooltip or b.description
            label = f"{palette_label(b.description, b.tooltip)} ({app.get_key_display(b)})"
            run = partial(self._run, node, b.action, enabled)
            out.append((label, f"{label} {b.description} {words}", words, run))
        return out

    async def _run(self, node: DOMNode, action: str, enabled: bool) -> None:
        if not enabled:
            self.screen.set_focus(None)  # e.g. a status key while typing in the evidence
        await self.app.run_action(action, node)

    async def discover(self) -> Hits:
        for label, _, help_text, run in self._entries():
            yield DiscoveryHit(label, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, text, help_text, run in self._entries():
            score = max(matcher.match(label), matcher.match(text) * 0.8)
            if score > 0:
                yield Hit(score, matcher.highlight(label), run, help=help_text)


def palette_label(description: str, tooltip: str | None) -> str:
    """What a palette entry says: the tooltip's first clause ("Mark met", "Save now"),
    which reads as a command; the short footer word when there is no tooltip."""
    if not tooltip:
        return description
    head = tooltip.split(" (")[0].split(";")[0].split(":")[0].strip()
    return head or description
