"""Run the package as an installed user has it: with bytecode.

A wheel install compiles every module; a clone (or a machine with
``PYTHONDONTWRITEBYTECODE=1``) otherwise compiles our modules on every process start, which
adds 0.15-0.25 to a first-screen ratio. Every bench script calls :func:`as_installed` first.
"""

from __future__ import annotations

import compileall
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def as_installed() -> None:
    """Compile ncsi_tui's bytecode, and let the processes started from here write theirs."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    compileall.compile_dir(ROOT / "ncsi_tui", quiet=1)
