"""Errors in people's words: what happened, where (file:line:column, TOML path), what to do.

Every user error in the product is an :class:`InputError`; the CLI prints it and exits 2,
the app shows it as a notification. Nothing here imports a UI.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path


class InputError(Exception):
    """A problem with what the user gave us; never a bug."""

    def __init__(
        self,
        message: str,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        column: int | None = None,
        hint: str = "",
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        self.column = column
        self.hint = hint

    @property
    def where(self) -> str:
        if self.path is None:
            return ""
        out = str(self.path)
        if self.line is not None:
            out += f":{self.line}"
            if self.column is not None:
                out += f":{self.column}"
        return out

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}" if self.where else self.message
        if self.hint:
            text += f"\n  {self.hint}"
        return text


class ConflictError(InputError):
    """The file on disk changed since it was loaded; saving would overwrite someone's work."""


def load_toml(text: str, path: Path | None = None) -> dict[str, object]:
    """TOML text -> data; a syntax error, or nesting too deep to parse, is an InputError."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise toml_error(path, text, exc) from None
    except RecursionError:
        raise InputError(
            "not an assessment or catalogue: arrays or tables nested too deeply to read",
            path=path, hint="is this the right file?",
        ) from None


_AT = re.compile(r"\(at line (\d+), column (\d+)\)")


def toml_error(path: Path | None, text: str, exc: tomllib.TOMLDecodeError) -> InputError:
    """A TOML syntax error with its line and column, and the offending line quoted."""
    msg = str(exc)
    line = getattr(exc, "lineno", None)
    col = getattr(exc, "colno", None)
    m = _AT.search(msg)
    if m:
        line, col = int(m.group(1)), int(m.group(2))
        msg = _AT.sub("", msg).strip()
    hint = "fix the TOML syntax there (quotes, brackets, `key = value`)"
    lines = text.splitlines()
    if line and 0 < line <= len(lines):
        hint = f"line {line}: {lines[line - 1].strip()[:80]!r}\n  " + hint
    return InputError(f"not valid TOML: {msg}", path=path, line=line, column=col, hint=hint)


def loc_to_path(loc: tuple[object, ...]) -> str:
    """pydantic's loc -> a dotted TOML path such as indicators."3.2".references[1].url."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif isinstance(part, str) and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", part):
            out += ("." if out else "") + part
        else:
            out += ("." if out else "") + f'"{part}"'
    return out


def _header_parts(header: str) -> list[str]:
    """`indicators."3.2".references` -> ['indicators', '3.2', 'references']."""
    return [m.group(1) or m.group(2) or m.group(3).strip()
            for m in re.finditer(r'"((?:[^"\\]|\\.)*)"|\'([^\']*)\'|([^.]+)', header)]


def locate(text: str, loc: tuple[object, ...]) -> int | None:
    """Best-effort line (1-based) of a TOML path such as groups[0].units[2].points."""
    target = list(loc)
    counters: dict[tuple[str, ...], int] = {}
    best_line, best_len, best_end = None, -1, None
    table_start: int | None = None
    current: list[object] = []
    lines = text.splitlines()

    def matched_prefix(pos: list[object]) -> int:
        n = 0
        for a, b in zip(pos, target, strict=False):
            if a != b:
                break
            n += 1
        return n if n == len(pos) else -1

    for i, raw in enumerate(lines):
        s = raw.strip()
        if not s.startswith("["):
            continue
        aot = s.startswith("[[")
        name = s.strip("[] \t").split("]")[0] if not aot else s[2:s.index("]]")]
        parts = _header_parts(name)
        key = tuple(parts)
        for k in list(counters):
            if len(k) > len(key) and k[: len(key)] == key:
                del counters[k]
        if aot:
            counters[key] = counters.get(key, 0) + 1
        pos: list[object] = []
        for j in range(1, len(parts) + 1):
            pos.append(parts[j - 1])
            sub = tuple(parts[:j])
            if sub in counters and (j < len(parts) or aot):
                pos.append(counters[sub] - 1)
        current = pos
        n = matched_prefix(current)
        if n > best_len:
            best_line, best_len, table_start = i, n, i
            best_end = None
        elif table_start is not None and best_end is None and i > table_start:
            best_end = i
    if best_line is None:
        best_line, best_len = -1, 0
    # look for the leaf key inside the best table
    leaf = target[best_len] if best_len < len(target) else None
    stop = best_end if best_end is not None else len(lines)
    if isinstance(leaf, str):
        for j in range(best_line + 1, stop):
            s = lines[j].strip()
            if s.startswith("["):
                break
            if re.match(rf'("?){re.escape(leaf)}\1\s*=', s):
                return j + 1
    return best_line + 1 if best_line >= 0 else None


def validation_error(path: Path | None, text: str, exc: Exception) -> InputError:
    """A pydantic ValidationError as one readable message naming TOML paths and lines."""
    errors = getattr(exc, "errors", None)
    if not callable(errors):
        return InputError(str(exc), path=path)
    items = errors()
    parts = []
    first_line = None
    for e in items[:8]:
        loc = tuple(e.get("loc", ()))
        where = loc_to_path(loc) or "(top level)"
        msg = e.get("msg", "invalid")
        if e.get("type") in ("extra_forbidden", "unexpected_keyword_argument"):
            msg = "unknown key (not part of the format; remove it or fix its spelling)"
        if e.get("type") == "missing_argument":  # a model's required field (dataclasses)
            msg = "Field required"
        msg = msg.removeprefix("Value error, ")
        line = locate(text, loc) if text else None
        if first_line is None:
            first_line = line
        parts.append(f"{where}: {msg}" + (f" (line {line})" if line else ""))
    if len(items) > 8:
        parts.append(f"... and {len(items) - 8} more")
    return InputError(
        "; ".join(parts) if len(parts) == 1 else "\n  " + "\n  ".join(parts),
        path=path,
        line=first_line,
        hint="correct the value(s) named above; docs/assessment-format.md lists every key",
    )
