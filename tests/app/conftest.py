"""App fixtures: an app factory over a private copy of the example (posting's make_posting),
frozen clock, fixed user, and a tiny maturity catalogue written into tmp_path."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from ncsi_tui.app import app as app_module
from ncsi_tui.app.widgets import status_line
from ncsi_tui.core.files.session import AssessmentSession
from ncsi_tui.core.model.catalogue import Catalogues

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "ncsi_tui" / "examples" / "example.toml"

MINI_MATURITY = '''
schema = 1
id = "mini-1"
framework = "mini"
methodology = "1"
title = "Mini maturity model"
scoring = "maturity"
levels = ["dimension", "factor", "aspect"]

[[stages]]
id = "low"
name = "Low"
[[stages]]
id = "mid"
name = "Mid"
[[stages]]
id = "high"
name = "High"

[[groups]]
id = "A"
name = "Area A"
[[groups.groups]]
id = "A.1"
name = "Factor one"
[[groups.groups.units]]
id = "A.1.1"
name = "Aspect one"
stages = { low = "nothing yet", mid = "some of it", high = "all of it" }
[[groups.groups.units]]
id = "A.1.2"
name = "Aspect two"
[[groups.groups]]
id = "A.2"
name = "Factor two"
[[groups.groups.units]]
id = "A.2"
name = "Factor two"
'''


@pytest.fixture(autouse=True)
def _frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """The status line shows the save time: freeze it so snapshots are stable."""
    monkeypatch.setattr(status_line, "clock", lambda: dt.datetime(2026, 1, 2, 3, 4, 5))


@pytest.fixture
def example_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp_path/assessments/example.toml, with tmp_path as the working folder."""
    folder = tmp_path / "assessments"
    folder.mkdir()
    shutil.copyfile(EXAMPLE, folder / "example.toml")
    monkeypatch.chdir(tmp_path)
    return folder


@pytest.fixture
def cmm_file(tmp_path: Path, ncsi) -> Path:
    """A CMM assessment made with the real CLI, one unit already staged."""
    path = tmp_path / "cmm.toml"
    r = ncsi("new", path, "--framework", "cmm-2021", "--country", "RS", "--title", "CMM trial",
             "--date", "2026-01-15")
    assert r.returncode == 0, r.stderr
    r = ncsi("record", path, "D1.1.2", "--stage", "formative", "--evidence", "Draft exists.")
    assert r.returncode == 0, r.stderr
    return path


@pytest.fixture
def mini_file(tmp_path: Path) -> tuple[Path, Catalogues]:
    """A tiny three-stage maturity catalogue (not the CMM) and an empty assessment of it."""
    cats_dir = tmp_path / "cats"
    cats_dir.mkdir()
    (cats_dir / "mini-1.toml").write_text(MINI_MATURITY, encoding="utf-8")
    path = tmp_path / "mini.toml"
    path.write_text('schema = 1\nframework = "mini-1"\nreference_date = 2026-01-01\n\n'
                    '[country]\ncode = "XE"\nname = "Examplia"\n', encoding="utf-8")
    return path, Catalogues(dirs=[cats_dir])


@pytest.fixture
def make_app() -> Callable[..., app_module.NcsiApp]:
    """Build the app on a file (assessment screen) or on a folder (start screen)."""

    def factory(path: Path | None = None, *, folder: Path = Path("assessments"),
                catalogues: Catalogues | None = None, autosave_delay: float = 60.0,
                read_only: bool = False) -> app_module.NcsiApp:
        cats = catalogues or Catalogues()
        session = AssessmentSession.open(path, cats) if path is not None else None
        return app_module.NcsiApp(cats, session=session, folder=folder, read_only=read_only,
                                  autosave_delay=autosave_delay)

    return factory
