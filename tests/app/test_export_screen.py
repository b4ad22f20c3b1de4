"""The export dialog on a minimal App: pick a format with the keyboard, ctrl+s writes it."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from textual.app import App
from textual.widgets import Input, Label

from ncsi_tui.app.screens.export import ExportScreen, FormatButton
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
    def __init__(self, session: AssessmentSession) -> None:
        super().__init__()
        self.session = session
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
        assert path_input.value == str(tmp_path / "rs.html")
        await pilot.press("down", "down", "enter")  # HTML -> Markdown -> CSV
        assert path_input.value == str(tmp_path / "rs.csv")
        marks = {b.id: b.BUTTON_INNER for b in app.screen.query(FormatButton)}
        assert marks == {
            "format-html": " ",
            "format-md": " ",
            "format-csv": "●",
            "format-json": " ",
        }
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
        assert "overwrite the assessment" in str(
            app.screen.query_one("#export-error", Label).render()
        )
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [None]
    assert session.path.read_bytes() == before
    assert not (tmp_path / "rs.html").exists()
