"""Styles a widget keeps between refreshes (issue 24).

Textual's Widget forgets its Rich styles, its own and its components', on every refresh,
even of one line, and works them out again from every ancestor's styles. A Tree asks for
five component styles for each line it draws and a TextArea for eight each time it draws:
2 ms of a cursor move, of `e`, of each typed character. A widget with :class:`KeptStyles`
keeps them until they can change: its styles are applied again (`notify_style_update`: a
class, a restyle), or the theme, its focus, or its disabled or hover state changed (they
are part of the key).
"""

from __future__ import annotations

from collections.abc import Hashable

from rich.style import Style
from textual.widget import Widget


class KeptStyles(Widget):
    """Mix in after the widget class, ``class Navigator(Tree[str], KeptStyles)``: Textual
    takes the CSS and component classes from the first base only."""

    _kept_styles: dict[tuple[Hashable, ...], Style] | None = None

    def _kept(self) -> dict[tuple[Hashable, ...], Style]:
        if self._kept_styles is None:
            self._kept_styles = {}
        return self._kept_styles

    def _state(self) -> tuple[Hashable, ...]:
        return (self.app.theme, self.has_focus, self.disabled, self.mouse_hover)

    def notify_style_update(self) -> None:
        """The styles were applied again: ask for them again."""
        self._kept_styles = None
        super().notify_style_update()

    def get_component_rich_style(self, *names: str, partial: bool = False,
                                 default: Style | None = None) -> Style:
        """Widget's, kept until it can change (see the module)."""
        kept, key = self._kept(), (*self._state(), names, partial, default)
        style = kept.get(key)
        if style is None:
            style = kept[key] = super().get_component_rich_style(
                *names, partial=partial, default=default)
        return style

    @property
    def rich_style(self) -> Style:
        """DOMNode's, kept until it can change (see the module)."""
        kept, key = self._kept(), (*self._state(), "rich_style")
        style = kept.get(key)
        if style is None:
            style = kept[key] = super().rich_style
        return style
