"""Renderers of an :class:`AssessmentDiff`: rich text for the terminal and Markdown.

Meaning never rests on colour alone: deltas carry their sign, stage moves an arrow and a
word, and word changes the ``[-removed-]{+added+}`` marks of ``git diff --word-diff``.
"""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from ncsi_tui.core.compare.diff import AssessmentDiff, GroupDelta
from ncsi_tui.core.compare.unit_changes import ReferenceChanges, TextChange, UnitChange, marked_runs

#: Unchanged words kept around a change; longer unchanged runs are shortened with "…".
CONTEXT_WORDS = 8
ARROWS = {"gained": "▲", "up": "▲", "lost": "▼", "down": "▼", "changed": "•", "unchanged": " "}


def signed(n: int | float, places: int = 0) -> str:
    """+2, -1, 0: the sign is part of the text, not only of the colour."""
    text = f"{abs(n):.{places}f}"
    if n > 0:
        return "+" + text
    if n < 0:
        return "-" + text
    return text


def _style(n: float) -> str:
    return "green" if n > 0 else "red" if n < 0 else "dim"


def _shown(value: object) -> str:
    return "—" if value is None or value == "" else str(value)


def _score(points: int | None, maximum: int | None) -> str:
    return "—" if points is None else f"{points}/{maximum}"


def _elide(text: str, where: str) -> str:
    """Shorten an unchanged run: keep the words next to the change."""
    words = text.split(" ")
    n = CONTEXT_WORDS
    if len(words) <= 2 * n + 1:
        return text
    if where == "start":
        return "… " + " ".join(words[-n:])
    if where == "end":
        return " ".join(words[:n]) + " …"
    return " ".join(words[:n]) + " … " + " ".join(words[-n:])


def word_runs(change: TextChange, full: bool = False) -> list[tuple[str, str]]:
    """The word diff with long unchanged runs elided (unless `full`)."""
    runs = list(change.words())
    out = []
    for i, (op, text) in enumerate(runs):
        if op == "equal" and not full:
            where = "start" if i == 0 else "end" if i == len(runs) - 1 else "middle"
            text = _elide(text, where)
        out.append((op, text))
    return out


WORD_MARKS = {"delete": ("[-", "-]"), "insert": ("{+", "+}")}


def word_text(change: TextChange, full: bool = False) -> Text:
    t = Text()
    for op, text in marked_runs(word_runs(change, full), WORD_MARKS):
        style = {"delete": "red strike", "insert": "green underline"}.get(op, "")
        t.append(text, style=style)
    return t


def print_indented(out: Console, text: Text, indent: int) -> None:
    """Wrapped text with every line indented, and no trailing blanks."""
    for line in text.wrap(out, max(20, out.width - indent)):
        line.rstrip()
        out.print(Text(" " * indent) + line, soft_wrap=True)


def _ref_line(kind: str, ref_title: str, url: str) -> str:
    return f"{kind}: {ref_title}" + (f" <{url}>" if url else "")


def _reference_lines(refs: ReferenceChanges) -> list[tuple[str, str, str]]:
    """(mark, style, text) per reference change."""
    out = [("+", "green", _ref_line(r.kind, r.title, r.url)) for r in refs.added]
    out += [("-", "red", _ref_line(r.kind, r.title, r.url)) for r in refs.removed]
    for c in refs.changed:
        b, a = c.before.model_dump(), c.after.model_dump()
        fields = ", ".join(f"{k} {b[k] or '—'} → {a[k] or '—'}" for k in c.fields)
        out.append(("~", "yellow", f"{c.after.title}: {fields}"))
    return out


# --- rich text ---------------------------------------------------------------------------


def render_text(out: Console, d: AssessmentDiff, *, full: bool = False) -> None:
    """The report printed by `ncsi diff`."""
    o, n = d.old, d.new
    if d.note:  # the first line: a comparison of different catalogues says so
        out.print(f"[yellow]![/] {escape(d.note)}", soft_wrap=True)
    for word, side in (("old", o), ("new", n)):
        out.print(
            f"{word}: [bold]{escape(side.label)}[/] ({side.framework}, {side.country}, "
            f"reference date {side.reference_date})",
            soft_wrap=True,
        )
    if d.equal:
        out.print("no differences")
        return
    for c in d.header:
        out.print(f"{c.field}: {escape(str(c.before))} → {escape(str(c.after))}")
    if d.kind == "points":
        _points_text(out, d)
    else:
        _maturity_text(out, d)
    _unpaired_text(out, d)
    _content_text(out, d, full)


def _unpaired_text(out: Console, d: AssessmentDiff) -> None:
    """Across catalogues: the recorded units that could not be paired, and why."""
    if d.mapping is None:
        return
    for side, cat in (("old", d.mapping.old_catalogue), ("new", d.mapping.new_catalogue)):
        units = [u for u in d.mapping.unpaired if u.side == side]
        recorded = {u.id for u in d.unpaired if u.in_catalogue == side}
        shown = [u for u in units if u.id in recorded]
        if shown:
            out.print(f"\n[bold]Not paired, only in {cat} ({len(shown)}): not compared[/]")
            for u in shown:
                out.print(f"  {escape(u.line())}")


def _points_text(out: Console, d: AssessmentDiff) -> None:
    table = Table(show_edge=False, pad_edge=False, title_justify="left")
    for col, just in (
        ("section", "left"),
        ("name", "left"),
        ("before", "right"),
        ("after", "right"),
        ("change", "right"),
    ):
        table.add_column(col, justify=just)  # type: ignore[arg-type]
    cats = {c.id: c for c in d.categories}
    current = None
    for s in d.sections:
        if s.parent != current and s.parent in cats:
            current = s.parent
            c = cats[current]
            table.add_row("", f"[bold]{escape(c.name)}[/]", *_cells(c, bold=True))
        table.add_row(s.id, escape(s.name), *_cells(s))
    t = d.total
    if t is not None:
        table.add_section()
        table.add_row("", "[bold]Total[/]", *_cells(t, bold=True))
    out.print(table)
    if t is not None and t.percent_before is not None and t.percent_after is not None:
        diff = round(t.percent_after - t.percent_before, 2)
        out.print(
            f"index {t.percent_before:.2f} → {t.percent_after:.2f} "
            f"([{_style(diff)}]{signed(diff, 2)}[/])"
        )
    for title, units in (
        ("Gained", d.gained),
        ("Lost", d.lost),
        ("Status changed, no points", d.with_direction("changed")),
    ):
        if units:
            out.print(f"\n[bold]{title} ({len(units)})[/]")
            for u in units:
                pts = u.points_after if u.points_after is not None else u.points_before
                sign = {"gained": pts or 0, "lost": -(pts or 0)}.get(u.direction, 0)
                unit = "point" if abs(sign) == 1 else "points"
                extra = f"  [{_style(sign)}]{signed(sign)} {unit}[/]" if sign else ""
                out.print(
                    f"  {ARROWS[u.direction]} {u.label} {escape(u.name)}: "
                    f"{u.before} → {u.after}{extra}{_criterion(u)}"
                )


def _cells(g: GroupDelta, bold: bool = False) -> tuple[str, str, str]:
    b = "[bold]" if bold else ""
    e = "[/]" if bold else ""
    delta = f"[{_style(g.delta)}]{signed(g.delta)}[/]"
    return (
        f"{b}{_score(g.before, g.max_before)}{e}",
        f"{b}{_score(g.after, g.max_after)}{e}",
        delta,
    )


def _range(r: tuple[str | None, str | None]) -> str:
    lo, hi = r
    if lo is None:
        return "not assessed"
    return lo if lo == hi else f"{lo} to {hi}"


def _maturity_text(out: Console, d: AssessmentDiff) -> None:
    b, a = d.assessed
    out.print(f"units assessed {b} → {a} ([{_style(a - b)}]{signed(a - b)}[/])")
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("dimension")
    for s in d.stages:
        table.add_column(s, justify="right")
    for dim in d.dimensions:
        cells = []
        for s in d.stages:
            x, y = dim.before.get(s, 0), dim.after.get(s, 0)
            cells.append(str(y) if x == y else f"{x} → {y}")
        table.add_row(f"{dim.id} {escape(dim.name)}", *cells)
    if d.dimensions:
        out.print(table)
    moved = [f for f in d.factors if f.before != f.after]
    if moved:
        out.print(f"\n[bold]Factors whose range changed ({len(moved)})[/]")
        for f in moved:
            out.print(f"  {f.id} {escape(f.name)}: {_range(f.before)} → {_range(f.after)}")
    changes = d.stage_changes
    out.print(f"\n[bold]Stage changed ({len(changes)})[/]")
    for u in changes:
        style = "green" if u.direction == "up" else "red"
        out.print(
            f"  [{style}]{ARROWS[u.direction]} {u.direction:<4}[/] {u.label} "
            f"{escape(u.name)}: {u.before} → {u.after}{_criterion(u)}"
        )


def _criterion(u: UnitChange) -> str:
    return " [yellow](criterion changed: re-confirm)[/]" if u.criterion_changed else ""


def _where(u: UnitChange) -> str:
    bits = []
    if u.recorded != "both":
        bits.append(f"recorded only in {u.recorded}")
    if u.in_catalogue != "both":
        bits.append(f"only in the {u.in_catalogue} catalogue")
    return f" [yellow]({'; '.join(bits)})[/]" if bits else ""


def _content_text(out: Console, d: AssessmentDiff, full: bool) -> None:
    units = d.content_changes
    if not units:
        return
    out.print(f"\n[bold]Evidence, references and notes changed ({len(units)})[/]")
    for u in units:
        out.print(f"[bold]{u.label}[/] {escape(u.name)}{_where(u)}{_criterion(u)}")
        for change in (u.evidence, u.notes):
            if change is not None:
                out.print(f"    {change.field}:")
                print_indented(out, word_text(change, full), 6)
        for mark, style, line in _reference_lines(u.references):
            out.print(f"    [{style}]{mark} reference[/] {escape(line)}")
        for c in u.other:
            out.print(f"    {c.field}: {_shown(c.before)} → {_shown(c.after)}")


# --- Markdown ------------------------------------------------------------------------------


def _md_words(change: TextChange, full: bool) -> str:
    marks = {"delete": ("~~", "~~"), "insert": ("**", "**")}
    text = "".join(t for _, t in marked_runs(word_runs(change, full), marks))
    return text.replace("\n", " ↵ ").strip()


def _md_cell(s: str) -> str:
    return s.replace("|", "\\|")


def render_markdown(d: AssessmentDiff, *, full: bool = False) -> str:
    """The same report as Markdown (for a review memo or a merge request)."""
    o, n = d.old, d.new
    what = "Comparison of different catalogues" if d.mapping else "Comparison"
    lines = [
        f"# {what}: {o.label} → {n.label}",
        "",
        f"- old: {o.framework}, {o.country}, reference date {o.reference_date}",
        f"- new: {n.framework}, {n.country}, reference date {n.reference_date}",
    ]
    if d.mapping:
        lines.append(f"- **{d.note}**")
        cat_of = {"old": d.mapping.old_catalogue, "new": d.mapping.new_catalogue}
        lines += [f"- not paired, only in {cat_of[u.in_catalogue]}: {u.id} {_md_cell(u.name)}"
                  for u in d.unpaired]
    lines += [f"- {c.field}: {c.before} → {c.after}" for c in d.header]
    lines.append("")
    if d.equal:
        return "\n".join([*lines, "No differences.", ""])
    if d.kind == "points":
        lines += ["| section | name | before | after | change |", "|---|---|---:|---:|---:|"]
        for s in d.sections:
            lines.append(
                f"| {s.id} | {_md_cell(s.name)} | {_score(s.before, s.max_before)} | "
                f"{_score(s.after, s.max_after)} | {signed(s.delta)} |"
            )
        if d.total:
            t = d.total
            lines.append(
                f"| | **Total** | {_score(t.before, t.max_before)} | "
                f"{_score(t.after, t.max_after)} | {signed(t.delta)} |"
            )
        for title, units in (("Gained", d.gained), ("Lost", d.lost)):
            if units:
                lines += ["", f"## {title} ({len(units)})", ""]
                lines += [f"- {u.label} {u.name}: {u.before} → {u.after}" for u in units]
    else:
        lines += ["| dimension | " + " | ".join(d.stages) + " |", "|---|" + "---:|" * len(d.stages)]
        for dim in d.dimensions:
            cells = [f"{dim.before.get(s, 0)} → {dim.after.get(s, 0)}" for s in d.stages]
            lines.append(f"| {dim.id} {_md_cell(dim.name)} | " + " | ".join(cells) + " |")
        lines += ["", f"## Stage changed ({len(d.stage_changes)})", ""]
        lines += [
            f"- {ARROWS[u.direction]} {u.direction}: {u.label} {u.name}: {u.before} → {u.after}"
            for u in d.stage_changes
        ]
    units = d.content_changes
    if units:
        lines += ["", f"## Evidence, references and notes changed ({len(units)})"]
        for u in units:
            lines += ["", f"### {u.label} {u.name}", ""]
            for change in (u.evidence, u.notes):
                if change is not None:
                    lines.append(f"- {change.field}: {_md_words(change, full)}")
            for mark, _, line in _reference_lines(u.references):
                word = {"+": "added", "-": "removed", "~": "changed"}[mark]
                lines.append(f"- reference {word}: {line}")
            lines += [f"- {c.field}: {_shown(c.before)} → {_shown(c.after)}" for c in u.other]
    return "\n".join(lines) + "\n"
