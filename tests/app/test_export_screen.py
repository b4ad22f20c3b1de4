"""The export dialog on a minimal App: pick a format with the keyboard, ctrl+s writes it."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import Input, Label

from ncsi_tui.app.screens.export import ExportScreen, FormatButton
from ncsi_tui.core.export import FORMATS
from ncsi_tui.core.files.session import AssessmentSession
from ncsi_tui.core.model.assessment import Assessment, Country, Record, Reference
from ncsi_tui.core.model.catalogue import Catalogues

NOTE = "ask the minister before Friday"


def make_session(path: Path) -> AssessmentSession:
    cat = Catalogues().get("ncsi-2.0")
    ref = Reference(kind="legal-act", title="Act", url="https://gov.example/act")
    a = Assessment(
        framework=cat.id,
        country=Country(code="RS"),
        reference_date=dt.date(2023, 6, 1),
        indicators={
            "1.1": Record(
                status="met", evidence="Unit in the ministry.", notes=NOTE, references=[ref]
            )
        },
    )
    session = AssessmentSession.create(path, a, cat)
    session.save()
    return session


class Host(App[None]):
    def __init__(self, session: AssessmentSession, *, read_only: bool = False,
                 export_dir: Path | None = None) -> None:
        super().__init__()
        self.session = session
        self.read_only = read_only
        self.export_dir = export_dir
        self.results: list[Path | None] = []

    def on_mount(self) -> None:
        self.push_screen(ExportScreen(self.session), callback=self.results.append)


async def test_choosing_csv_and_ctrl_s_writes_one_row_per_indicator(tmp_path):
    session = make_session(tmp_path / "rs.toml")
    session.set_status("2.1", "not-met")  # an edit not saved yet is exported too
    app = Host(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        path_input = app.screen.query_one("#export-path", Input)
        assert path_input.value == "rs.html"  # a name: written in the folder shown
        await pilot.press("down", "down", "enter")  # HTML -> Markdown -> CSV
        assert path_input.value == "rs.csv"
        marks = {b.id: b.BUTTON_INNER for b in app.screen.query(FormatButton)}
        assert marks == {f"format-{f}": "●" if f == "csv" else " " for f in FORMATS}
        await pilot.press("ctrl+s")
        await pilot.pause()
    out = tmp_path / "rs.csv"
    assert app.results == [out]
    text = out.read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 46 and rows[0]["status"] == "met" and rows[4]["status"] == "not-met"
    assert NOTE not in text


async def test_refuses_to_write_over_the_assessment_and_stays_open(tmp_path):
    session = make_session(tmp_path / "rs.toml")
    before = session.path.read_bytes()
    app = Host(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        path_input = app.screen.query_one("#export-path", Input)
        path_input.value = "rs.toml"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        assert ".toml" in str(
            app.screen.query_one("#export-error", Label).render()
        )
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [None]
    assert session.path.read_bytes() == before
    assert not (tmp_path / "rs.html").exists()


async def test_the_default_name_works_for_a_file_opened_from_the_start_screen(tmp_path,
                                                                              monkeypatch):
    """Issue 19.2: `ncsi` lists assessments/ (a relative folder); f8 then ctrl+s wrote to
    assessments/assessments/NAME.html and failed."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "assessments").mkdir()
    session = make_session(Path("assessments") / "rs.toml")
    app = Host(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        where = str(app.screen.query_one("#export-where", Label).render())
        assert f"{(tmp_path / 'assessments').resolve()}/" in where.replace("\n", "")
        await pilot.press("ctrl+s")
        await pilot.pause()
        shown = [n.message for n in app._notifications]
    out = tmp_path / "assessments" / "rs.html"
    assert app.results == [Path("assessments") / "rs.html"] and out.is_file()
    assert any(str(out.resolve()) in m for m in shown)  # says where it wrote


@pytest.mark.parametrize("typed", [
    "../escape.html", "/tmp/escape.html", "~/.ssh/authorized_keys", ".bashrc",
    "sub/x.html", "rs.toml", "other.TOML", "notes.html", "link.html",
])
async def test_a_name_outside_the_folder_or_over_a_stranger_file_is_refused(tmp_path, typed):
    (tmp_path / "team").mkdir()
    session = make_session(tmp_path / "team" / "rs.toml")
    stranger = tmp_path / "team" / "notes.html"
    stranger.write_text("a colleague's page\n")
    (tmp_path / "team" / "other.TOML").write_text("x = 1\n")
    (tmp_path / "team" / "link.html").symlink_to(tmp_path / "target.html")
    before = {p: p.read_bytes() for p in (tmp_path / "team").iterdir() if not p.is_symlink()}
    app = Host(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#export-path", Input).value = typed
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)  # stays open, says why
        assert "Not written" in str(app.screen.query_one("#export-error", Label).render())
    assert app.results == []
    after = {p: p.read_bytes() for p in (tmp_path / "team").iterdir() if not p.is_symlink()}
    assert after == before
    assert not (tmp_path / "escape.html").exists() and not (tmp_path / "target.html").exists()


async def test_an_earlier_export_is_replaced_and_a_bare_name_gets_the_extension(tmp_path):
    session = make_session(tmp_path / "rs.toml")
    app = Host(session)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(2):  # the second time over the first export
            app.push_screen(ExportScreen(session), callback=app.results.append)
            await pilot.pause()
            app.screen.query_one("#export-path", Input).value = "pack"
            await pilot.press("ctrl+s")
            await pilot.pause()
    assert app.results[-2:] == [tmp_path / "pack.html", tmp_path / "pack.html"]


async def test_a_read_only_reviewer_exports_only_into_the_export_folder(tmp_path):
    session = make_session(tmp_path / "rs.toml")
    app = Host(session, read_only=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "read-only" in str(app.screen.query_one("#export-error", Label).render())
    assert not (tmp_path / "rs.html").exists()
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    app = Host(session, read_only=True, export_dir=outbox)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results == [outbox / "rs.html"] and (outbox / "rs.html").is_file()
    assert not (tmp_path / "rs.html").exists()
