"""Inline SVG charts for the HTML export: points by section, maturity stages by factor.

Plain SVG markup with every text escaped; shapes carry the meaning (filled, hatched,
empty cells) and every bar has its figures written beside it, so a black-and-white
print reads the same as the screen.
"""

from __future__ import annotations

import re
from html import escape

from ncsi_tui.core.judge.scoring import DimensionProfile, Tally

ROW = 22
LABEL_W = 330
BAR_W = 300
FIG_W = 90
LABEL_CHARS = 52  # a maturity label wraps past this (never cut: names tell factors apart)
LINE = 15


def _text(x: float, y: float, s: str, cls: str = "", anchor: str = "start") -> str:
    c = f' class="{cls}"' if cls else ""
    return f'<text x="{x:g}" y="{y:g}" text-anchor="{anchor}"{c}>{escape(s)}</text>'


def wrap(s: str, n: int) -> list[str]:
    """``s`` in lines of at most ``n`` characters, broken between words (never cut)."""
    lines: list[str] = []
    for word in s.split():
        if lines and len(lines[-1]) + 1 + len(word) <= n:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _clip(s: str, n: int) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def points_chart(sections: tuple[Tally, ...], title: str = "Points by section") -> str:
    """Horizontal bars: one per section, filled to its points out of its maximum."""
    width = LABEL_W + BAR_W + FIG_W
    height = ROW * len(sections) + 8
    parts = [
        f'<svg class="chart" role="img" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">',
        f"<title>{escape(title)}</title>",
    ]
    for i, s in enumerate(sections):
        y = 4 + i * ROW
        filled = 0 if s.max <= 0 else BAR_W * s.points / s.max
        parts.append(_text(0, y + 15, _clip(f"{s.id} {s.name}", 44), "label"))
        parts.append(
            f'<rect class="bar-bg" x="{LABEL_W}" y="{y + 3}" width="{BAR_W}" height="{ROW - 8}"/>'
        )
        if filled:
            parts.append(
                f'<rect class="bar" x="{LABEL_W}" y="{y + 3}" width="{filled:.1f}" '
                f'height="{ROW - 8}"/>'
            )
        parts.append(_text(LABEL_W + BAR_W + 8, y + 15, s.label(), "figure"))
    parts.append("</svg>")
    return "".join(parts)


def maturity_chart(
    dim: DimensionProfile, stages: tuple[str, ...], stage_names: dict[str, str]
) -> str:
    """Factors as rows of stage cells: solid up to the lowest stage, hatched to the highest."""
    n = len(stages)
    cell = 78
    label_w = 370
    head = 34
    width = label_w + n * cell + 200
    height = head + sum(ROW + (len(wrap(f"{f.id} {f.name}", LABEL_CHARS)) - 1) * LINE
                        for f in dim.factors) + 6
    order = {s: i for i, s in enumerate(stages)}
    pid = "hatch-" + re.sub(r"[^A-Za-z0-9_-]", "_", dim.id)
    parts = [
        f'<svg class="chart" role="img" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">',
        f"<title>{escape(dim.id + ' ' + dim.name)}: stage by factor</title>",
        f'<defs><pattern id="{pid}" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" class="cell-empty"/>'
        '<line x1="0" y1="0" x2="0" y2="6" class="hatch"/></pattern></defs>',
    ]
    for j, sid in enumerate(stages):
        x = label_w + j * cell + cell / 2
        parts.append(
            _text(x, head - 10, _clip(stage_names.get(sid, sid), 12), "stage-head", "middle")
        )
    y = head
    for f in dim.factors:
        lines = wrap(f"{f.id} {f.name}", LABEL_CHARS)
        extra = (len(lines) - 1) * LINE
        for k, line in enumerate(lines):
            parts.append(_text(0, y + 15 + k * LINE, line, "label"))
        lo = order.get(f.stage_min or "", -1)
        hi = order.get(f.stage_max or "", -1)
        for j in range(n):
            cls = "cell-full" if j <= lo else ("cell-range" if j <= hi else "cell-empty")
            fill = f' fill="url(#{pid})"' if cls == "cell-range" else ""
            parts.append(
                f'<rect class="{cls}"{fill} x="{label_w + j * cell + 1}" y="{y + 3}" '
                f'width="{cell - 2}" height="{ROW - 6 + extra}"/>'
            )
        if lo < 0:
            words = "not assessed"
        elif lo == hi:
            words = stage_names.get(f.stage_min or "", f.stage_min or "")
        else:
            words = (
                f"{stage_names.get(f.stage_min or '', '')} to "
                f"{stage_names.get(f.stage_max or '', '')}"
            )
        parts.append(_text(label_w + n * cell + 8, y + 15, words, "figure"))
        y += ROW + extra
    parts.append("</svg>")
    return "".join(parts)
