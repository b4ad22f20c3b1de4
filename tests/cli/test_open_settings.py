"""`ncsi open` sets Textual's frame rate before Textual is imported (issue 24: a key's
second frame came 17-33 ms after its first at Textual's default of 60), unless the person
set it."""

from __future__ import annotations

import os
import subprocess
import sys
import types
from pathlib import Path

import pytest

from ncsi_tui.cli.commands import open as open_command


def _max_fps(env: dict[str, str]) -> int:
    code = ("from ncsi_tui.cli.commands.open import textual_settings\n"
            "textual_settings()\n"
            "import textual.constants\n"
            "print(textual.constants.MAX_FPS)\n")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                         text=True, check=True)
    return int(out.stdout)


def test_textual_runs_at_the_apps_frame_rate_unless_the_person_set_one() -> None:
    env = {k: v for k, v in os.environ.items() if k != "TEXTUAL_FPS"}
    assert _max_fps(env) == open_command.FRAMES_PER_SECOND == 120
    assert _max_fps({**env, "TEXTUAL_FPS": "30"}) == 30


def test_the_open_command_sets_it_before_it_imports_the_app(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str | None] = []
    fake = types.ModuleType("ncsi_tui.app.app")
    fake.run_app = lambda args, session: seen.append(os.environ.get("TEXTUAL_FPS")) or 0  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "ncsi_tui.app.app", fake)
    monkeypatch.delenv("TEXTUAL_FPS", raising=False)
    monkeypatch.setattr(open_command, "terminal_problem", lambda: "")
    args = open_command_args(tmp_path)
    assert open_command.run(args) == 0
    assert seen == ["120"]


def open_command_args(folder: Path):
    import argparse

    parser = argparse.ArgumentParser()
    open_command.register(parser.add_subparsers())
    return parser.parse_args(["open", "--dir", str(folder)])
