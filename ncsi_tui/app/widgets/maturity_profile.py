"""The live maturity profile: per factor a five-cell bar filled to its stage (shaded over
the range when its aspects differ), per dimension the stage counts. Renders a core
MaturityScore only; letters and shapes carry the meaning, colour adds nothing."""

from __future__ import annotations

from rich.text import Text

from ncsi_tui.app.widgets.marks import stage_bar
from ncsi_tui.app.widgets.score_summary import ScoreSummary
from ncsi_tui.core.judge.scoring import MaturityScore
from ncsi_tui.core.model.catalogue import Catalogue


class MaturityProfile(ScoreSummary[MaturityScore]):
    DEFAULT_CSS = """
    MaturityProfile { height: auto; padding: 0 1; }
    """

    def __init__(self, catalogue: Catalogue, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.catalogue = catalogue

    def stage_words(self, low: str | None, high: str | None) -> str:
        names = {s.id: s.name for s in self.catalogue.stages}
        if low is None:
            return "not assessed"
        if low == high:
            return names[low]
        return f"{names[low]} to {names[high or low]}"

    def make_text(self, s: MaturityScore, width: int) -> Text:
        order = {sid: i for i, sid in enumerate(s.stages, 1)}
        cells = len(s.stages)
        text = Text()
        text.append(f"Maturity profile · {s.assessed}/{s.units} assessed\n", style="bold")
        if s.to_reconfirm:
            text.append(f"{s.to_reconfirm} carried forward, to re-confirm\n", style="bold")
        legend = " ".join(f"{i}={st.name}" for i, st in enumerate(self.catalogue.stages, 1))
        text.append(legend + "\n", style="dim")
        for dim in s.dimensions:
            text.append(f"\n{dim.id} {dim.name}"[: width + 1], style="bold")
            counts = " ".join(f"{order[k]}:{v}" for k, v in dim.stage_counts.items())
            text.append(f"\n  stages {counts}\n", style="dim")
            for f in dim.factors:
                low = order.get(f.stage_min or "", 0)
                high = order.get(f.stage_max or "", 0)
                words = self.stage_words(f.stage_min, f.stage_max)
                head = f"{f.id:<6} {stage_bar(cells, low, high)} "
                room = max(6, width - len(head))
                text.append(head)
                text.append(words[:room] + "\n", style="bold" if low else "dim")
        return text
