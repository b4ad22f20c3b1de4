"""The readiness screen on a minimal App: findings listed by section; enter goes to the unit."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from rich.console import Console
from textual.app import App
from textual.screen import Screen
from textual.widgets import Label, OptionList

from ncsi_tui.app.screens.readiness import ReadinessScreen
from ncsi_tui.core.files.session import AssessmentSession
from ncsi_tui.core.model.assessment import Assessment, Country, Record, Reference
from ncsi_tui.core.model.catalogue import Catalogues


def fitting(ref: Reference, kind: str) -> Reference:
    """A reference of a kind the unit accepts, dated inside any time window."""
    return ref.model_copy(update={"kind": kind, "published": dt.date(2023, 1, 2)})


def make_session(path: Path) -> AssessmentSession:
    cat = Catalogues().get("ncsi-2.0")
    good = Reference(kind="legal-act", title="Act", url="https://gov.example/act")
    records = {
        u.id: Record(status="met", evidence="In force.", references=[fitting(good, u.accepts[0])])
        for u in cat.units
    }
    records["1.2"] = Record(status="met")  # evidence.missing + reference.missing (errors)
    records["9.1"] = Record(
        status="met",
        evidence="CERT statute.",
        references=[good.model_copy(update={"kind": "unspecified"})],
    )
    records["12.1"] = Record(status="not-met")  # open work, 3 points
    a = Assessment(
        framework=cat.id,
        country=Country(code="RS"),
        reference_date=dt.date(2023, 6, 1),
        indicators=records,
    )
    session = AssessmentSession.create(path, a, cat)
    session.save()
    return session


class Below(Screen[None]):
    """Stands in for the assessment screen: remembers where it was asked to go."""

    def __init__(self) -> None:
        super().__init__()
        self.jumped: list[str] = []

    def on_readiness_screen_jump_to(self, event: ReadinessScreen.JumpTo) -> None:
        self.jumped.append(event.unit_id)


class Host(App[None]):
    def __init__(self, session: AssessmentSession) -> None:
        super().__init__()
        self.session = session
        self.below = Below()
        self.results: list[str | None] = []

    def on_mount(self) -> None:
        self.push_screen(self.below)
        self.push_screen(ReadinessScreen(self.session), callback=self.results.append)


def lines(screen: ReadinessScreen) -> list[str]:
    """Each option as the words a user reads (columns joined by single spaces)."""
    out = []
    for option in screen.query_one(OptionList).options:
        console = Console(width=78, file=io.StringIO(), record=True, color_system=None)
        console.print(option.prompt)
        out.append(" ".join(console.export_text().split()))
    return out


async def test_findings_are_grouped_by_section_and_enter_goes_to_the_unit(tmp_path):
    app = Host(make_session(tmp_path / "a.toml"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReadinessScreen)
        head = str(screen.query_one("#readiness-head", Label).render())
        assert "2 error(s), 1 warning(s), 1 open" in head and "not ready" in head
        shown = lines(screen)
        assert shown[0] == "Section 1 Cyber security policy development"
        assert shown[1].startswith("✗ error 1.2 marked met") and "no evidence text" in shown[1]
        assert any(s.startswith("! warning 9.1 reference [1] 'Act'") for s in shown)
        assert shown[-2] == "Open work, most points first" and shown[-1].startswith(
            "· open 12.1 +3 Cyber operations unit"
        )
        await pilot.press("down", "down")  # 1.2 again, then past the section 9 heading to 9.1
        assert screen.selected() is not None and screen.selected().unit_id == "9.1"
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == ["9.1"]
        assert app.below.jumped == ["9.1"]
        assert app.screen is app.below


async def test_escape_goes_back_without_a_unit_and_f5_sees_new_edits(tmp_path):
    session = make_session(tmp_path / "a.toml")
    app = Host(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReadinessScreen)
        session.set_text("1.2", "evidence", "Council statute, Government decree 5/2022.")
        session.add_reference(
            "1.2",
            Reference(kind="legal-act", title="Decree 5/2022", url="https://gov.example/decree"),
        )
        await pilot.press("f5")
        head = str(screen.query_one("#readiness-head", Label).render())
        assert "0 error(s), 1 warning(s), 1 open — no errors" in head
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [None] and app.below.jumped == []
