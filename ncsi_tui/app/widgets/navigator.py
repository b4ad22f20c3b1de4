"""The navigator: the catalogue tree (categories -> sections -> indicators, or
dimensions -> factors -> aspects) with a mark per unit, and a filter by id or words."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widget import PseudoClasses
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from ncsi_tui.app.widgets import marks
from ncsi_tui.app.widgets.kept_styles import KeptStyles
from ncsi_tui.app.widgets.marks import unit_mark
from ncsi_tui.core.model.assessment import Assessment
from ncsi_tui.core.model.catalogue import Catalogue, Group, Unit

#: Readiness marks beside a unit's id: a shape per severity, readable without colour.
FLAGS = {"error": f"{marks.FLAG_ERROR} ", "warning": f"{marks.FLAG_WARNING} "}


def unit_matches(unit: Unit, words: list[str]) -> bool:
    """Every word appears in the id, the name, the criterion or the description."""
    hay = f"{unit.id} {unit.name} {unit.criterion} {unit.description}".casefold()
    return all(w in hay for w in words)


def fit_name(name: str, room: int, siblings: list[str]) -> str:
    """`name` in at most `room` cells, told apart from `siblings`.

    Names of one section often share their first words ("Cyber security policy unit",
    "Cyber security policy coordination format"): cutting the end would leave the same
    words for both. When the name is too long, the words it shares with a sibling shrink
    to the first word and an ellipsis ("Cyber…policy unit"), keeping as many of the
    shared words before the distinct ones as fit; the end is cut only if still too long.
    """
    if len(name) <= room:
        return name
    if room < 2:
        return name[:room]
    words = name.split()
    shared = 0
    for other in siblings:
        if other == name:
            continue
        n = 0
        for a, b in zip(words, other.split(), strict=False):
            if a != b:
                break
            n += 1
        shared = max(shared, n)
    if 2 <= shared < len(words):  # one shared word ("Cyber") is no help to drop
        rest = words[shared:]
        for keep in range(shared - 1, 0, -1):  # shared words just before the distinct ones
            candidate = f"{words[0]}…{' '.join([*words[keep:shared], *rest])}"
            if len(candidate) <= room:
                return candidate
        short = f"{words[0]}…{' '.join(rest)}"
        return short if len(short) <= room else short[: room - 1].rstrip() + "…"
    return name[: room - 1].rstrip() + "…"


def redraw(node: TreeNode[str]) -> None:
    """Draw a node's line again, and those of its children shown (their guides follow the
    node's cursor style)."""
    node.refresh()  # a new key for its cached line
    if node.is_expanded:
        for child in node.children:
            redraw(child)


class Navigator(Tree[str], KeptStyles):
    """A tree whose leaves carry unit ids; posts UnitHighlighted when the cursor moves."""

    COMPONENT_CLASSES = {"navigator--cursor-away"}
    DEFAULT_CSS = """
    Navigator { scrollbar-size-vertical: 1; overflow-x: hidden; scrollbar-gutter: stable; }
    /* A focus change restyles nothing here (see watch_has_focus): the navigator looks the
       same focused or not (Tree tints itself and its guides when focused), and so does
       `.tree--cursor`; with the focus elsewhere the cursor's line is drawn in
       `.navigator--cursor-away` (Tree's blurred cursor), so where the focus is still shows.
       Both must show without colour too (NO_COLOR, vt100): bold, and reverse when away. */
    Navigator, Navigator:focus { background-tint: $foreground 5%; }
    Navigator > .tree--guides, Navigator:focus > .tree--guides { color: $surface-lighten-3; }
    Navigator > .tree--guides-hover, Navigator:focus > .tree--guides-hover {
        color: $surface-lighten-3;
    }
    Navigator > .tree--guides-selected, Navigator:focus > .tree--guides-selected {
        color: $block-cursor-background;
    }
    Navigator > .tree--cursor, Navigator:focus > .tree--cursor {
        color: $block-cursor-foreground;
        background: $block-cursor-background;
        text-style: $block-cursor-text-style;
    }
    Navigator > .navigator--cursor-away {
        background: $block-cursor-blurred-background;
        text-style: bold reverse;
    }
    """

    class UnitHighlighted(Message):
        def __init__(self, unit_id: str) -> None:
            super().__init__()
            self.unit_id = unit_id

    def __init__(self, catalogue: Catalogue, assessment: Assessment, **kwargs: object) -> None:
        super().__init__(catalogue.title, **kwargs)  # type: ignore[arg-type]
        self.show_root = False
        self.guide_depth = 2
        self.catalogue = catalogue
        self.assessment = assessment
        self.words: list[str] = []
        self.flags: dict[str, str] = {}
        self._leaves: dict[str, TreeNode[str]] = {}
        self.build()

    # --- building ------------------------------------------------------------------
    def build(self) -> None:
        """(Re)build the tree, keeping only units that match the filter words."""
        self.clear()
        self._leaves = {}
        for group in self.catalogue.groups:
            self._add_group(self.root, group)
        self.root.expand()

    def _add_group(self, parent: TreeNode[str], group: Group) -> bool:
        units = [u for u in group.units if unit_matches(u, self.words)]
        if group.units and not units:
            return False
        if len(group.units) == 1 and group.units[0].id == group.id:  # a factor staged whole
            self._leaves[group.id] = leaf = parent.add_leaf(group.id, data=group.id)
            leaf.set_label(self.unit_label(group.id))
            return True
        node = parent.add(self._group_label(group), data=f"group:{group.id}", expand=True)
        kept = bool(units)
        for child in group.groups:
            kept = self._add_group(node, child) or kept
        for unit in units:
            self._leaves[unit.id] = node.add_leaf(unit.id, data=unit.id)
        for unit in units:
            self._leaves[unit.id].set_label(self.unit_label(unit.id))
        if not kept:
            node.remove()
        return kept

    def _group_label(self, group: Group) -> Text:
        if not any(c.isdigit() for c in group.id):  # a word id ("general") adds nothing
            return Text(group.name, style="bold")
        return Text.assemble((group.id, "bold"), " ", group.name)

    def unit_label(self, unit_id: str) -> Text:
        unit = self.catalogue.unit_index[unit_id]
        mark, _ = unit_mark(self.catalogue, self.assessment.record(unit_id))
        tail = f" {unit.points}p" if unit.points is not None else ""
        flag = FLAGS.get(self.flags.get(unit_id, ""), "")
        name = unit.name
        width = self.scrollable_content_region.width
        node = self._leaves.get(unit_id)
        if width and node is not None:
            depth = 0
            parent = node.parent
            while parent is not None and parent is not self.root:
                depth, parent = depth + 1, parent.parent
            room = width - self.guide_depth * depth - len(f"{mark} {unit.id} {flag}{tail}")
            siblings = [self.catalogue.unit_index[c.data].name for c in node.parent.children
                        if c.data in self.catalogue.unit_index] if node.parent else []
            name = fit_name(name, room, siblings)
        return Text.assemble(
            (mark, "bold"), " ", (unit.id, "bold"), " ", (flag, "bold"), name, (tail, "dim")
        )

    def watch_has_focus(self, has_focus: bool) -> None:
        """The focus came or went. Textual restyles the widget and its scrollbar then (3-4 ms
        for a tree, and the scrollbar drawn again: a third of what `e` may take, issue 24);
        here only the cursor's line looks different (see DEFAULT_CSS): it alone is drawn
        again, right after the frame that shows where the focus went (the cursor in the
        evidence box on `e`), and the repaint of the whole widget that follows is skipped."""
        self._cursor_only = True
        self.call_next(setattr, self, "_cursor_only", False)
        self.call_after_refresh(self._redraw_cursor)

    def _redraw_cursor(self) -> None:
        if self.cursor_node is not None:
            redraw(self.cursor_node)

    def render_label(self, node: TreeNode[str], base_style: Style, style: Style) -> Text:
        """Tree's; the cursor's line in `.navigator--cursor-away` while the focus is
        elsewhere (the cursor's own style is the same focused or not)."""
        if not self.has_focus and node.line == self.cursor_line and node.line >= 0:
            style = (self.get_component_rich_style("tree--label", partial=True)
                     + self.get_component_rich_style("navigator--cursor-away", partial=False))
        return super().render_label(node, base_style, style)

    #: after a focus change, until the focus or blur event is handled: Textual's handlers
    #: repaint the whole widget, which only its cursor's line needs
    _cursor_only = False

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False,
                recompose: bool = False) -> Navigator:
        """Textual repaints a widget whole when it gains or loses the focus: the focus
        change has already asked for the line that changes (`watch_has_focus`)."""
        if self._cursor_only and not (regions or layout or recompose):
            return self
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def render_lines(self, crop: Region) -> list[Strip]:
        """Tree's, with the focus left out of each cached line's key: the lines look the
        same focused or not but the cursor's, which a focus change draws again."""
        state = self.get_pseudo_class_state()
        self._pseudo_class_state = PseudoClasses(state.enabled, False, state.hover)
        return super(Tree, self).render_lines(crop)

    def on_resize(self) -> None:
        """Names are fitted to the width: fit them again."""
        if self.scrollable_content_region.width != getattr(self, "_fitted_width", None):
            self._fitted_width = self.scrollable_content_region.width
            for unit_id in self._leaves:
                self.refresh_unit(unit_id)

    def set_findings(self, worst: dict[str, str]) -> None:
        """Mark units with readiness findings (worst severity per unit id)."""
        old, self.flags = self.flags, worst
        for unit_id in set(old) | set(worst):
            if old.get(unit_id) != worst.get(unit_id):
                self.refresh_unit(unit_id)

    # --- use -----------------------------------------------------------------------
    def refresh_unit(self, unit_id: str) -> None:
        node = self._leaves.get(unit_id)
        if node is not None:
            node.set_label(self.unit_label(unit_id))

    def visible_units(self) -> list[str]:
        return list(self._leaves)

    def set_filter(self, text: str) -> None:
        self.words = text.casefold().split()
        self.build()

    def show_unit(self, unit_id: str, *, scroll: bool = True) -> bool:
        """Put the cursor on a unit; False when the filter hides it. `scroll` False leaves
        the scroll position alone (before the first layout, when there is no size yet)."""
        node = self._leaves.get(unit_id)
        if node is None:
            return False
        _ = self.last_line  # public; builds the line numbers of nodes just added
        if scroll:
            self.move_cursor(node)
        else:
            self.cursor_line = node.line
        return True

    def scroll_to_line(self, line: int, animate: bool = True) -> None:
        """Tree's scrolls the least that shows `line`: moving on past the bottom edge then
        scrolls one line per key, and each scroll draws every line of the navigator and
        its scrollbar again (8-14 ms of `n` or `u`, and the whole column sent again over
        SSH; issue 24). Here a line out of view is brought to the middle of the view, so
        the next moves need no scroll; a line in view scrolls nothing."""
        height = self.scrollable_content_region.height
        if not height:  # no size yet (before the first layout)
            super().scroll_to_line(line, animate=animate)
            return
        top = round(self.scroll_y)
        if top <= line < top + height:
            return
        # force: right after a rebuild (the filter) the scrollbar is not back yet, and a
        # scroll without it would be refused (as Tree's own passes)
        self.scroll_to(y=max(0, line - height // 2), animate=False, force=True)

    @property
    def current_unit(self) -> str | None:
        node = self.cursor_node
        if node is None or node.data is None or node.data.startswith("group:"):
            return None
        return node.data

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[str]) -> None:
        data = event.node.data
        if data and not data.startswith("group:"):
            event.stop()
            self.post_message(self.UnitHighlighted(data))
