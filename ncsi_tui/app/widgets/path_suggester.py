"""Completion for a typed path: the rest of the first matching folder or assessment file
shows dimmed after the cursor, `right` (or `end`) takes it, as in a shell."""

from __future__ import annotations

import os
from pathlib import Path

from textual.suggester import Suggester


def complete_path(typed: str, *, suffix: str = ".toml") -> str | None:
    """`typed` completed to the first folder (ending in "/") or `suffix` file it begins;
    None when nothing matches. "~" is the home folder; names are compared as typed."""
    if not typed:
        return None
    folder_part, slash, prefix = typed.replace(os.sep, "/").rpartition("/")
    folder = Path(folder_part + slash).expanduser() if slash else Path(".")
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return None
    for entry in entries:
        if not entry.name.startswith(prefix) or (entry.name.startswith(".") and not prefix):
            continue
        try:
            is_dir = entry.is_dir()
        except OSError:
            continue
        if is_dir:
            return typed + entry.name[len(prefix):] + "/"
        if entry.name.endswith(suffix) and ".toml.conflict-" not in entry.name:
            return typed + entry.name[len(prefix):]
    return None


class PathSuggester(Suggester):
    """Suggests the completion of a typed path (folders and .toml files)."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        return complete_path(value)
