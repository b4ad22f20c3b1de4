"""The app's terminal threads get the interpreter lock promptly (issue 24): a frame drawn
just before the main thread goes on working reaches the terminal at once, not 5 ms or
more later."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pytest

from ncsi_tui.app import app as app_module
from ncsi_tui.app.app import THREAD_SWITCH_SECONDS, NcsiApp, prompt_threads, run_app


def test_prompt_threads_sets_the_switch_interval_and_restores_it() -> None:
    before = sys.getswitchinterval()
    with prompt_threads():
        assert sys.getswitchinterval() == pytest.approx(THREAD_SWITCH_SECONDS)
        assert THREAD_SWITCH_SECONDS <= 0.001 < before
    assert sys.getswitchinterval() == before


def test_prompt_threads_restores_it_when_the_app_fails() -> None:
    before = sys.getswitchinterval()
    with pytest.raises(RuntimeError), prompt_threads():
        raise RuntimeError("the app crashed")
    assert sys.getswitchinterval() == before


def test_run_app_runs_the_app_with_prompt_threads(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[float] = []

    def run(self: NcsiApp) -> None:  # instead of a terminal: what the app would run with
        seen.append(sys.getswitchinterval())

    monkeypatch.setattr(NcsiApp, "run", run)
    monkeypatch.setattr(app_module.gc, "freeze", lambda: None)
    monkeypatch.setattr(app_module.gc, "disable", lambda: None)
    before = sys.getswitchinterval()
    args = argparse.Namespace(dir=str(tmp_path), catalogue_dir=[], serve=None,
                              read_only=False, export_dir=None)
    assert run_app(args) == 0
    assert seen == [pytest.approx(THREAD_SWITCH_SECONDS)]
    assert sys.getswitchinterval() == before
