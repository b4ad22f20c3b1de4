"""A person's settings: ``settings.toml`` in the config folder (core/model/folders.py).

Every key is optional::

    name = "Ana Petrović"          # written into updated_by (else NCSI_USER, else the login)
    theme = "textual-dark"         # the app's theme; choosing one in the palette stores it

    [keymap]                       # binding id = keys (Textual's keymap; ids in docs/keys.md)
    "assessment.save" = "ctrl+s,f2"

The app changes only the ``theme`` line when a theme is chosen, so a person's comments
and other keys stay as they were.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ncsi_tui.core.disk import read_text
from ncsi_tui.core.errors import InputError, load_toml
from ncsi_tui.core.files.storage import write_file
from ncsi_tui.core.model.folders import config_dir


def settings_path() -> Path:
    """``settings.toml`` in :func:`config_dir`."""
    return config_dir() / "settings.toml"


@dataclass(frozen=True)
class Settings:
    """What a person set; empty values mean "the default"."""

    name: str = ""
    theme: str = ""
    keymap: dict[str, str] = field(default_factory=dict)


def load_settings(path: Path | None = None) -> Settings:
    """Read the settings; no file means defaults. Raises InputError (file:line) if invalid."""
    path = path or settings_path()
    if not path.is_file():
        return Settings()
    text = read_text(path, what="settings file")
    data = load_toml(text, path)
    name, theme, keymap = data.get("name", ""), data.get("theme", ""), data.get("keymap", {})
    if not isinstance(name, str) or not isinstance(theme, str):
        raise InputError("`name` and `theme` are texts in quotes", path=path,
                         hint='e.g. name = "Ana Petrović"')
    if not isinstance(keymap, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in keymap.items()):
        raise InputError("[keymap] maps a binding id to keys, both in quotes", path=path,
                         hint='e.g. "assessment.save" = "ctrl+s,f2" (ids: docs/keys.md)')
    return Settings(name=name.strip(), theme=theme.strip(), keymap=dict(keymap))


_THEME_LINE = re.compile(r"(?m)^theme[ \t]*=.*$")
_FIRST_TABLE = re.compile(r"(?m)^[ \t]*\[")


def store_theme(theme: str, path: Path | None = None) -> Path:
    """Remember the theme: replace the top-level ``theme = ...`` line or add one.

    Everything else in the file (comments, other keys) stays byte for byte. Raises
    OSError if the folder cannot be written, InputError if the file is not valid TOML.
    """
    path = path or settings_path()
    text = read_text(path, what="settings file") if path.is_file() else ""
    load_settings(path)  # refuse to edit a file that is already broken
    line = f"theme = {_quoted(theme)}"
    table = _FIRST_TABLE.search(text)
    top = text[: table.start()] if table else text
    if _THEME_LINE.search(top):
        new = _THEME_LINE.sub(lambda _: line, top, count=1) + text[len(top):]
    else:
        new = line + "\n" + text
    if new != text:
        write_file(path, new.encode("utf-8"))
    return path


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
