"""Command palette providers, one per screen. `ctrl+p` then `3.2` or words of a name or
criterion jumps to that unit on the assessment screen."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
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


class ViewProvider(Provider):
    """The other screens (readiness, compare, export, plan, ...) by name: at 80 columns the
    footer has no room for their keys, so the palette reaches them too."""

    def _views(self) -> list[tuple[str, str, str]]:
        from ncsi_tui.app import bindings

        screen = self.screen
        out = []
        for v in bindings.VIEWS:
            action = f"open_view('{v.name}')"
            if screen.check_action("open_view", (v.name,)):
                out.append((f"{v.description} ({v.key})", action, f"open the {v.name} screen"))
        out.append(("Help: keys and marks (?)", "app.help", "every key of this screen"))
        return out

    async def discover(self) -> Hits:
        for label, action, help_text in self._views():
            yield DiscoveryHit(label, partial(self.screen.run_action, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, action, help_text in self._views():
            score = matcher.match(label)
            if score > 0:
                yield Hit(score * 0.95, matcher.highlight(label),
                          partial(self.screen.run_action, action), help=help_text)
