"""The live fulfilment summary of a points framework: per section `points/max percent`
with a bar, category subtotals and the total index. Renders a core PointsScore only."""

from __future__ import annotations

from rich.text import Text

from ncsi_tui.app.widgets.marks import bar
from ncsi_tui.app.widgets.score_summary import ScoreSummary
from ncsi_tui.core.judge.scoring import PointsScore


class PointsSummary(ScoreSummary[PointsScore]):
    DEFAULT_CSS = """
    PointsSummary { height: auto; padding: 0 1; }
    """

    def make_text(self, s: PointsScore, width: int) -> Text:
        bar_w = 5 if width < 40 else 10 if width < 56 else 16
        name_w = max(8, width - bar_w - 13)
        text = Text()
        text.append(f"Index {s.total.points}/{s.total.max}  {s.total.percent:.2f}\n", style="bold")
        text.append(
            f"publicly evidenced {s.total.public_percent:.2f} · "
            f"{s.met} met, {s.not_met} not met, {s.not_assessed} open\n",
            style="dim",
        )
        if s.to_reconfirm:
            text.append(f"{s.to_reconfirm} carried forward, to re-confirm\n", style="bold")
        for cat in s.categories:
            text.append(f"\n{cat.name[: width - 12]}", style="bold")
            text.append(f"  {cat.label()}\n", style="bold")
            for sec in s.sections:
                if s.section_category[sec.id] != cat.id:
                    continue
                frac = sec.points / sec.max if sec.max else 0.0
                name = f"{sec.id} {sec.name}"
                name = name if len(name) <= name_w else name[: name_w - 1] + "…"
                text.append(f"{name:<{name_w}} ")
                text.append(bar(frac, bar_w))
                text.append(f" {sec.points:>2}/{sec.max:<2} {round(frac * 100):>3}%\n")
        return text
