"""`ncsi example` (the bundled examples, never over a file) and `ncsi completion`."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT


def test_example_copies_both_and_never_replaces(tmp_path: Path, ncsi) -> None:
    r = ncsi("example", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    made = sorted(p.name for p in (tmp_path / "assessments").iterdir())
    assert made == ["example-cmm.toml", "example.toml"]
    bundled = ROOT / "ncsi_tui" / "examples" / "example.toml"
    assert (tmp_path / "assessments" / "example.toml").read_bytes() == bundled.read_bytes()
    assert ncsi("summary", "assessments/example.toml", cwd=tmp_path).returncode == 0
    mine = tmp_path / "assessments" / "example.toml"
    mine.write_text("my own work\n")
    r = ncsi("example", cwd=tmp_path)
    assert r.returncode == 2 and "already exists" in r.stderr and "Traceback" not in r.stderr
    assert mine.read_text() == "my own work\n"


def test_example_into_an_unwritable_place_is_exit_2(tmp_path: Path, ncsi) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    r = ncsi("example", blocker / "sub")
    assert r.returncode == 2 and "cannot copy" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_bash_completion_completes_commands_and_formats(tmp_path: Path, ncsi) -> None:
    r = ncsi("completion", "bash")
    assert r.returncode == 0, r.stderr
    script = tmp_path / "ncsi.bash"
    script.write_text(r.stdout)
    probe = (f'source "{script}"\n'
             'COMP_WORDS=(ncsi exp); COMP_CWORD=1; _shtab_ncsi; echo "${COMPREPLY[@]}"\n'
             'COMP_WORDS=(ncsi export x.toml --format ""); COMP_CWORD=4; _shtab_ncsi; '
             'echo "${COMPREPLY[@]}"\n')
    out = subprocess.run(["bash", "-c", probe], capture_output=True, text=True, timeout=30)
    first, second = out.stdout.splitlines()[:2]
    assert first.split() == ["export"]
    assert {"html", "md", "csv", "json"} <= set(second.split())


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_zsh_and_fish_scripts_name_every_command(shell: str, ncsi) -> None:
    r = ncsi("completion", shell)
    assert r.returncode == 0, r.stderr
    for command in ("summary", "export", "follow-up", "example", "completion"):
        assert command in r.stdout
