"""Fixtures shared by every test: a private catalogue/user environment and example copies."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "ncsi_tui" / "examples" / "example.toml"


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads the developer's own catalogue folder or writes as the developer."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("NCSI_CACHE_DIR", str(home / "cache" / "ncsi-tui"))
    monkeypatch.delenv("NCSI_CATALOGUE_PATH", raising=False)
    monkeypatch.setenv("NCSI_USER", "tester")
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A private copy of the bundled example assessment."""
    dst = tmp_path / "example.toml"
    shutil.copyfile(EXAMPLE, dst)
    return dst


def run_ncsi(*args: object, cwd: Path | None = None, env: dict[str, str] | None = None,
             input: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real command line in a subprocess, as a user would."""
    full_env = {**os.environ, "COLUMNS": "120", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "ncsi_tui", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=full_env,
        input=input,
        timeout=60,
    )


@pytest.fixture
def ncsi():
    """The `run_ncsi` helper as a fixture."""
    return run_ncsi
