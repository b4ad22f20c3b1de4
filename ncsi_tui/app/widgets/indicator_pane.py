"""What the framework asks for one unit: id, name, points, criterion, accepted reference
kinds and time window (points), or the stage descriptions with the chosen one marked
(maturity). Read-only; the evidence editor below it holds what the team recorded."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Container
from textual.visual import visualize
from textual.widgets import Static

from ncsi_tui.app.widgets.marks import stage_number
from ncsi_tui.core.model.assessment import Record
from ncsi_tui.core.model.catalogue import REFERENCE_KINDS, Catalogue


def update_in_place(widget: Static, content: Text) -> None:
    """Update a height-auto Static; skip the screen-wide layout pass when the new text
    needs exactly the height the widget has (most moves between units), or when the
    widget is hidden (a class that shows it lays the screen out itself): keeps the
    key-to-screen time low. Measured the way Textual itself measures content height."""
    if not widget.display:  # hidden, and stays so: nothing on screen moves
        widget.update(content, layout=False)
        return
    width, height = widget.content_size
    if width and height:
        needed = visualize(widget, content).get_height(widget.styles, width)
        if needed == height:
            widget.update(content, layout=False)
            return
    widget.update(content)


class IndicatorPane(Static):
    """The framework's text for a unit (both kinds); the stage grid adds maturity stages."""

    DEFAULT_CSS = """
    IndicatorPane { height: auto; padding: 0 1; }
    """

    def show(self, catalogue: Catalogue, unit_id: str) -> None:
        unit = catalogue.unit(unit_id)
        parent = catalogue.unit_parent[unit_id]
        text = Text()
        text.append(f"{unit.id}  ", style="bold")
        text.append(unit.name, style="bold")
        if unit.points is not None:
            text.append(f"  [{unit.points} point{'s' if unit.points != 1 else ''}]")
        if parent.id != unit.id:
            text.append(f"\n{parent.id} {parent.name}", style="dim")
        if unit.criterion:
            text.append("\nCriterion: ", style="bold")
            text.append(unit.criterion)
        if unit.description:
            text.append("\n" + unit.description)
        if unit.accepts or unit.accepted_text:
            text.append("\nAccepts: ", style="bold")
            kinds = ", ".join(REFERENCE_KINDS.get(k, k).split(" (")[0].lower() for k in unit.accepts)
            text.append(unit.accepted_text or kinds)
            if unit.accepted_text and kinds:
                text.append(f" ({', '.join(unit.accepts)})", style="dim")
        if unit.window is not None:
            text.append("\nWindow: ", style="bold")
            text.append(unit.window.text or unit.window.rule)
        update_in_place(self, text)


class StageCell(Static):
    DEFAULT_CSS = """
    StageCell { height: auto; padding: 0 1; }
    StageCell.-chosen { text-style: bold reverse; }
    """


class StageGrid(Container):
    """The five stage descriptions, stacked (narrow) or side by side (wide, via CSS)."""

    DEFAULT_CSS = """
    StageGrid { height: auto; layout: vertical; }
    """

    def __init__(self, catalogue: Catalogue, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.catalogue = catalogue

    def compose(self) -> ComposeResult:
        for i, _stage in enumerate(self.catalogue.stages, 1):
            yield StageCell(id=f"stage-{i}")

    def show(self, unit_id: str, rec: Record) -> None:
        unit = self.catalogue.unit(unit_id)
        chosen = stage_number(self.catalogue, rec.stage)
        for i, stage in enumerate(self.catalogue.stages, 1):
            cell = self.query_one(f"#stage-{i}", StageCell)
            mark = "▶" if i == chosen else " "
            text = Text.assemble((f"{mark}{i} {stage.name}", "bold"), ": " if i != chosen else " (chosen): ")
            text.append(unit.stages.get(stage.id, stage.description) or "—")
            update_in_place(cell, text)
            cell.set_class(i == chosen, "-chosen")
