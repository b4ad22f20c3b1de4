"""Windows has no `fcntl`: every module imports without it, and read-only commands work
(issue 18, item 4). Saving there goes through portalocker's Windows calls."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from tests.conftest import EXAMPLE

PACKAGE = Path(__file__).resolve().parents[1] / "ncsi_tui"


def test_every_module_imports_and_summary_runs_without_fcntl() -> None:
    code = (
        "import sys, io, contextlib, pkgutil, importlib\n"
        "sys.modules['fcntl'] = None  # import fcntl now raises ImportError\n"
        "import ncsi_tui\n"
        "for m in pkgutil.walk_packages(ncsi_tui.__path__, 'ncsi_tui.'):\n"
        "    if not m.name.endswith('__main__'):\n"
        "        importlib.import_module(m.name)\n"
        "from ncsi_tui.cli import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        f"    code = main(['summary', {str(EXAMPLE)!r}])\n"
        "assert code == 0, code\n"
        "assert 'fcntl' not in [k for k, v in sys.modules.items() if v is not None]\n"
        "print(out.getvalue())\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "Examplia" in r.stdout or "met" in r.stdout


def test_no_module_imports_fcntl_at_module_level() -> None:
    found = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            if any(n.split(".")[0] in ("fcntl", "termios", "msvcrt") for n in names):
                found.append(str(path.relative_to(PACKAGE)))
    assert found == []
