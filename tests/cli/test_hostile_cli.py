"""Issue 17, items 6 and 7 on the command line and in every export: markup and terminal
sequences in every text field crash nothing, have no markup effect, and no control
character reaches standard output (property test over generated text)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ncsi_tui.cli import main
from ncsi_tui.core.export import FORMATS, is_binary

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from hostile import EXAMPLE, SAMPLES, TERMINAL_BAD, hostile_file

PIECES = ["[", "]", "/", "\\", "[/x]", "[/]", "[bold]", "[@click=app.quit]", "[link=x]", "=",
          "+", "-", "@", "a", " ", "\x1b", "\x1b]0;t\x07", "\x1b[2J", "\x9b", "\r", "\x07",
          "\x7f", "\x00", "\t", "\n", "é"]
TEXT = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)


def _run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def _commands(path: Path) -> list[list[object]]:
    return [["summary", path], ["show", path, "1.1"], ["check", path], ["plan", path],
            ["recs", path], ["diff", EXAMPLE, path], ["diff", EXAMPLE, path, "--format", "md"],
            ["follow-up", EXAMPLE, path], ["check", path, "--json"], ["summary", path, "--json"],
            *(["export", path, "-f", fmt] for fmt in FORMATS if not is_binary(fmt))]


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=TEXT)
def test_no_crash_and_no_control_character_on_output(capsys, text):
    with tempfile.TemporaryDirectory() as tmp:
        path = hostile_file(Path(tmp) / "h.toml", text)
        for args in _commands(path):
            code, out, err = _run(capsys, *args)
            assert code in (0, 1), (args, err)
            assert not TERMINAL_BAD.search(out), (args, out)
            assert not TERMINAL_BAD.search(err), (args, err)


def test_markup_is_shown_as_typed(capsys, tmp_path):
    text = SAMPLES[1]  # "Law [draft] [bold red]loud[/] ..."
    path = hostile_file(tmp_path / "h.toml", text)
    code, out, _ = _run(capsys, "show", path, "1.1")
    assert code == 0
    flat = " ".join(out.split())
    assert "Law [draft] [bold red]loud[/] [link=https://evil.example]click[/link]" in flat
    code, _, err = _run(capsys, "show", path, "[/x]")  # an id of markup: the error printer
    assert code == 2 and "[/x]" in err


def test_terminal_sequences_do_not_reach_standard_output(capsys, tmp_path):
    path = hostile_file(tmp_path / "h.toml", SAMPLES[2])
    for args in (["show", path, "1.1"], ["export", path, "-f", "md"], ["diff", EXAMPLE, path]):
        code, out, _ = _run(capsys, *args)
        assert code in (0, 1)
        assert "\x1b" not in out and "pwned" in out  # the text stays, the escape goes
