"""Terminals without UTF-8 (a vt100, `LANG=C`, an old console over SSH): the whole screen
in ASCII, chosen from the locale or the setting `NCSI_ASCII`.

Everything the app draws (marks, tree guides, borders, scroll bars, bars of the summary,
text of the file such as "Küberpoliitika") passes one translation on its way to the
terminal: each character becomes one ASCII character of the same width, so layouts keep
their columns. Marks stay distinct: met `+`, not met `x`, not assessed `-`, no evidence
`!`, readiness error `#`, warning `*`; bars `#` full, `+` shaded, `.` empty; tree
branches `|` and `` ` ``, corners `+`.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Mapping

from rich.cells import cell_len
from textual.driver import Driver

#: Marks and symbols the app uses, each to one ASCII character that keeps its meaning.
KNOWN: dict[str, str] = {
    "✓": "+", "✗": "x", "·": "-", "⚑": "#", "⚐": "*", "‼": "!",
    "█": "#", "▒": "+", "░": ".", "▶": ">", "▼": "v", "▲": "^", "•": "*", "✎": "~",
    "●": "*", "○": "o", "◌": "o", "⭘": "o", "…": "~", "—": "-", "–": "-", "↓": "v",
    "↑": "^", "→": ">", "←": "<", "⏎": "<", "“": '"', "”": '"', "‘": "'", "’": "'",
    "«": '"', "»": '"', "×": "x", "≥": ">", "≤": "<", "\u00a0": " ",
}


#: What Python writes into LC_CTYPE when it coerces the C locale at start-up (PEP 538).
_COERCED = ("C.UTF-8", "C.utf8", "UTF-8")


def wanted(environ: Mapping[str, str] | None = None) -> bool:
    """Whether to draw in ASCII: `NCSI_ASCII=1` or `0` decides; otherwise the locale's
    character set (LC_ALL, then LC_CTYPE, then LANG; none set is the C locale) is not
    UTF-8. Windows terminals draw UTF-8 whatever the (unset) locale variables say. Python
    coerces a C locale to C.UTF-8 for itself (PEP 538): that is still a C terminal."""
    env = os.environ if environ is None else environ
    setting = env.get("NCSI_ASCII", "").strip().lower()
    if setting in ("1", "yes", "true", "on"):
        return True
    if setting in ("0", "no", "false", "off"):
        return False
    if os.name == "nt":
        return False
    lang = env.get("LANG", "")
    ctype = env.get("LC_CTYPE", "")
    if not env.get("LC_ALL") and lang in ("", "C", "POSIX") and ctype in _COERCED:
        return True  # Python itself set LC_CTYPE for a C locale (PEP 538): still no UTF-8
    locale = next((env[k] for k in ("LC_ALL", "LC_CTYPE", "LANG") if env.get(k)), "C")
    charset = locale.partition(".")[2].partition("@")[0].replace("-", "").lower()
    return charset != "utf8"


def _one(char: str) -> str:
    """The ASCII stand-in of one character, as wide on screen as the character."""
    width = cell_len(char)
    if width == 0:
        return ""  # a combining mark, a zero-width joiner: nothing to draw
    stand_in = _stand_in(char)
    return stand_in if width == 1 else stand_in + "?" * (width - 1)


def _stand_in(char: str) -> str:
    if char in KNOWN:
        return KNOWN[char]
    name = unicodedata.name(char, "")
    if name.startswith("BOX DRAWINGS"):
        if "VERTICAL AND RIGHT" in name:
            return "|"  # a tree's branch (as `|--`): "+" is the met mark
        if "UP AND RIGHT" in name and "ARC" not in name:
            return "`"  # a tree's last branch (as `` `-- ``)
        vertical, horizontal = "VERTICAL" in name or "UP" in name or "DOWN" in name, (
            "HORIZONTAL" in name or "LEFT" in name or "RIGHT" in name)
        return "+" if vertical and horizontal else "|" if vertical else "-"
    if "BLOCK" in name or name.startswith("QUADRANT"):
        if "LEFT" in name or "RIGHT" in name:
            return "|"  # the thin vertical blocks of borders
        return " " if "LOWER ONE EIGHTH" in name or "UPPER ONE EIGHTH" in name else "#"
    plain = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
    return plain[0] if plain and plain[0].isprintable() else "?"


class _Table(dict[int, str]):
    """str.translate table that works out and keeps each new character once."""

    def __missing__(self, code: int) -> str:
        self[code] = value = chr(code) if code < 128 else _one(chr(code))
        return value


_TABLE = _Table()


def to_ascii(text: str) -> str:
    """`text` with every character outside ASCII replaced (escape sequences are ASCII)."""
    return text if text.isascii() else text.translate(_TABLE)


def ascii_driver(base: type[Driver]) -> type[Driver]:
    """A driver like `base` whose every write to the terminal is pure ASCII."""

    class AsciiDriver(base):  # type: ignore[valid-type, misc]
        def write(self, data: str) -> None:
            super().write(to_ascii(data))

    AsciiDriver.__name__ = f"Ascii{base.__name__}"
    return AsciiDriver
