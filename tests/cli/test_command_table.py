"""The static table of commands (fast start-up) says the truth, and a command imports only
what it uses (issue 24)."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import subprocess
import sys

from ncsi_tui.cli import COMMANDS, commands
from tests.conftest import EXAMPLE


def _registered() -> dict[str, str]:
    out: dict[str, str] = {}
    for m in pkgutil.iter_modules(commands.__path__):
        if m.name.startswith("_"):
            continue
        mod = importlib.import_module(f"{commands.__name__}.{m.name}")
        sub = argparse.ArgumentParser().add_subparsers()
        mod.register(sub)
        out.update(dict.fromkeys(sub.choices, m.name))
    return out


def test_the_command_table_names_every_command_and_its_module() -> None:
    assert _registered() == COMMANDS


def test_summary_imports_neither_diff_nor_importers_nor_exports_nor_the_app() -> None:
    code = (
        "import sys, contextlib, io\n"
        "from ncsi_tui.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['summary', {str(EXAMPLE)!r}]) == 0\n"
        "print(sorted(m for m in sys.modules if m.startswith('ncsi_tui.')))"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    loaded = eval(r.stdout)  # a list of module names printed by the child
    for forbidden in ("ncsi_tui.core.compare.", "ncsi_tui.core.importers", "ncsi_tui.core.export",
                      "ncsi_tui.app", "ncsi_tui.cli.commands.record", "ncsi_tui.cli.commands.diff"):
        assert not [m for m in loaded if m.startswith(forbidden)], forbidden
    assert "ncsi_tui.cli.commands.summary" in loaded
