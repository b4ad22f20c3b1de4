"""What the CLI shows and accepts for a maturity (CMM) unit: stage words and the stage ladder.

Used by ``ncsi record`` (turning ``--stage Formative`` into a stage id) and ``ncsi show``
(the unit's stages, the recorded one marked). Nothing here knows a framework: the stages
and their texts come from the catalogue.
"""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ncsi_tui.core.errors import InputError
from ncsi_tui.core.model.assessment import NOT_ASSESSED, Record
from ncsi_tui.core.model.catalogue import Catalogue, Group, Unit, suggest

#: Words that clear a stage or a target stage.
CLEAR_WORDS = (NOT_ASSESSED, "none")
RECORDED, TARGET = "▶", "◇"


def stage_arg(cat: Catalogue, text: str, option: str = "--stage") -> str | None:
    """A stage id from what was typed: the id or the name in any case; None for a clear word.

    Unknown words are an InputError that lists the catalogue's stages in order.
    """
    word = text.strip().casefold()
    if word in CLEAR_WORDS:
        return None
    for stage in cat.stages:
        if word in (stage.id.casefold(), stage.name.casefold()):
            return stage.id
    near = suggest(word, [*cat.stage_ids, *CLEAR_WORDS])
    raise InputError(
        f"{option}: unknown stage '{text}'" + (f"; {near}" if near else ""),
        hint="stages, lowest first: " + ", ".join(cat.stage_ids) + f"; {NOT_ASSESSED} clears it",
    )


def stage_name(cat: Catalogue, stage_id: str | None) -> str:
    """The stage's display name ('Formative'), or 'not assessed'."""
    for stage in cat.stages:
        if stage.id == stage_id:
            return stage.name
    return "not assessed"


def group_path(cat: Catalogue, unit: Unit) -> list[Group]:
    """The groups above a unit, top first, leaving out a factor that *is* the unit."""

    def down(groups: tuple[Group, ...], trail: list[Group]) -> list[Group] | None:
        for g in groups:
            if any(u.id == unit.id for u in g.units):
                return [*trail, g]
            found = down(g.groups, [*trail, g])
            if found:
                return found
        return None

    return [g for g in down(cat.groups, []) or [] if g.id != unit.id]


def stage_ladder(cat: Catalogue, unit: Unit, rec: Record) -> Table:
    """Every stage with what it looks like for this unit; marks, not colour, say which is which."""
    table = Table.grid(padding=(0, 1))
    table.add_column(width=1, no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(ratio=1)
    for stage in cat.stages:
        chosen = stage.id == rec.stage
        mark = RECORDED if chosen else TARGET if stage.id == rec.target_stage else ""
        text = unit.stages.get(stage.id) or stage.description
        style = "bold" if chosen else ""
        table.add_row(mark, f"[{style}]{escape(stage.name)}[/]" if style else escape(stage.name),
                      f"[{style}]{escape(text)}[/]" if style else escape(text))
    return table


def print_maturity_unit(out: Console, cat: Catalogue, unit: Unit, rec: Record) -> None:
    """Where the unit sits, what it covers, its stage ladder and the recorded stage."""
    path = group_path(cat, unit)
    if path:
        out.print("[dim]" + " › ".join(f"{escape(g.id)} {escape(g.name)}" for g in path) + "[/]")
    kind = cat.levels[-1] if path and len(path) == len(cat.levels) - 1 else cat.levels[len(path)]
    if unit.description:
        out.print(f"\n[bold]What this {kind} covers[/]\n{escape(unit.description)}")
    notes = [n for n in [*(g.provenance for g in path), unit.provenance] if n]
    for note in notes:
        out.print(f"[dim]Source note: {escape(note)}[/]")
    out.print("\n[bold]Stages[/] (lowest first)")
    out.print(stage_ladder(cat, unit, rec))
    legend = f"{RECORDED} recorded stage"
    if rec.target_stage:
        legend += f"   {TARGET} stage aimed for next"
    out.print(f"[dim]{legend}[/]")
    line = f"\n[bold]Stage[/] {stage_name(cat, rec.stage)}"
    if rec.target_stage:
        line += f" (aiming for {stage_name(cat, rec.target_stage)})"
    out.print(line)
