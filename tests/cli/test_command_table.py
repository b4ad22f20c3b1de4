"""The static table of commands (fast start-up) says the truth, and a command imports only
what it uses (issue 24)."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import subprocess
import sys

from ncsi_tui.cli import COMMANDS, HELP, build_parser, commands, index_parser
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


def test_the_help_table_is_what_the_commands_register_in_their_order() -> None:
    action = build_parser()._subparsers._group_actions[0]  # type: ignore[union-attr]
    assert [(a.dest, a.help) for a in action._choices_actions] == list(HELP.items())
    assert set(HELP) == set(COMMANDS)


def test_ncsi_help_reads_the_same_without_importing_a_command(monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    assert index_parser().format_help() == build_parser().format_help()
    code = (
        "import sys, contextlib, io\n"
        "from ncsi_tui.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        "    try:\n"
        "        main(['--help'])\n"
        "    except SystemExit as e:\n"
        "        assert e.code == 0\n"
        "assert 'summary' in out.getvalue()\n"
        "print(sorted(m for m in sys.modules if m.startswith('ncsi_tui.cli.commands.')\n"
        "             or m.split('.')[0] in ('pydantic', 'rich')))"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "[]"  # no command, no model, no console: argparse alone


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
