"""The core and the headless CLI never import Textual: they stay UI-free and fast."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import EXAMPLE


def _modules_after(code: str) -> str:
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    return r.stdout


def test_core_does_not_import_textual() -> None:
    out = _modules_after(
        "import sys, pkgutil, importlib, ncsi_tui.core as c\n"
        "for m in pkgutil.walk_packages(c.__path__, 'ncsi_tui.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "print(sorted(k for k in sys.modules if k.split('.')[0] == 'textual'))"
    )
    assert out.strip() == "[]"


def test_summary_command_does_not_import_textual() -> None:
    out = _modules_after(
        "import sys, contextlib, io\n"
        "from ncsi_tui.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    code = main(['summary', {str(EXAMPLE)!r}])\n"
        "assert code == 0, code\n"
        "print('textual' in sys.modules)"
    )
    assert out.strip() == "False"
