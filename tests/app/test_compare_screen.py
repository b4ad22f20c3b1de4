"""The compare screen on a minimal App: pick a revision or type a file with real keys, see
the section deltas and changed units, and old and new evidence side by side."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.widgets import DataTable, OptionList, Static

from ncsi_tui.app.screens.compare import CompareScreen
from ncsi_tui.core.files.session import AssessmentSession
from ncsi_tui.core.model.catalogue import Catalogues
from tests import diff_cases as case


class Host(App[None]):
    """Nothing but the compare screen over a session."""

    def __init__(self, session: AssessmentSession) -> None:
        super().__init__()
        self.session = session

    def on_mount(self) -> None:
        self.push_screen(CompareScreen(self.session))


def _edited_session(path: Path) -> AssessmentSession:
    """The file open with edits not yet saved: they are part of the comparison."""
    s = AssessmentSession.open(path)
    ev = s.record("1.1").evidence
    s.set_text("1.1", "evidence", ev.replace(case.EVIDENCE_OLD_WORDS, case.EVIDENCE_NEW_WORDS))
    s.set_status("4.3", "met")
    return s


def _text(screen: CompareScreen, wid: str) -> str:
    return str(screen.query_one(wid, Static).content)


async def test_picking_the_first_revision_shows_deltas_and_marked_evidence(
    example: Path, tmp_path: Path
) -> None:
    path = case.three_commits(tmp_path / "repo", example)
    on_disk = path.read_bytes()
    session = _edited_session(path)
    app = Host(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        sources = screen.query_one("#compare-sources", OptionList)
        labels = [str(sources.get_option_at_index(i).prompt) for i in range(sources.option_count)]
        assert len(labels) == 3 and "first draft" in labels[2] and "39/77" in labels[2]
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        d = screen.diff
        assert d is not None
        assert [u.id for u in d.gained] == ["1.2", "4.3"]
        assert [u.id for u in d.lost] == ["3.1"]
        table = screen.query_one("#compare-sections", DataTable)
        row = table.get_row("1")
        assert (row[1], row[2], str(row[3])) == ("5/7", "7/7", "+2")
        total = table.get_row("total")
        # 39, +2 for 1.2 (committed), -1 for 3.1 (committed), +3 for 4.3 (unsaved edit)
        assert (total[1], total[2], str(total[3])) == ("39/77", "43/77", "+4")
        # the first changed unit is 1.1: its evidence, old and new, side by side
        old, new = _text(screen, "#compare-old"), _text(screen, "#compare-new")
        assert "{+and coordinates+}" in new and "{+" not in old
        assert case.EVIDENCE_OLD_WORDS in old
        await pilot.press("down")
        await pilot.pause()
        assert "1.2" in str(
            screen.query_one("#compare-units", OptionList).get_option_at_index(1).prompt
        )
        assert "not-met" in _text(screen, "#compare-old") and "met" in _text(screen, "#compare-new")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CompareScreen)
    assert path.read_bytes() == on_disk  # comparing never writes


async def test_typing_another_file_compares_with_it(example: Path, tmp_path: Path) -> None:
    other = case.year_after(example, tmp_path / "next.toml")
    app = Host(AssessmentSession.open(example))
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        await pilot.press("o")
        await pilot.press(*other.name)
        await pilot.press("enter")
        await pilot.pause()
        d = screen.diff
        assert d is not None and d.old.label == "next.toml"
        # the open file is the *new* side here, so last year's gains read as losses
        assert [u.id for u in d.lost] == case.GAINED
        assert [u.id for u in d.gained] == case.LOST
        assert d.total is not None and d.total.delta == case.TOTAL_BEFORE - case.TOTAL_AFTER


async def test_outside_git_a_bad_revision_is_a_notice_not_a_crash(example: Path) -> None:
    app = Host(AssessmentSession.open(example))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        sources = screen.query_one("#compare-sources", OptionList)
        notes = [str(sources.get_option_at_index(i).prompt) for i in range(sources.option_count)]
        assert any("not in a git repository" in n for n in notes)
        await pilot.press("o", *"HEAD~1", "enter")
        await pilot.pause()
        assert screen.diff is None
        assert any("Cannot compare" in (n.title or "") for n in app._notifications)


class MiniHost(App[None]):
    def __init__(self, session: AssessmentSession, catalogues: Catalogues) -> None:
        super().__init__()
        self.session, self.cats = session, catalogues

    def on_mount(self) -> None:
        self.push_screen(CompareScreen(self.session, self.cats))


async def test_maturity_comparison_shows_stage_counts_and_directions(mini_file) -> None:
    path, cats = mini_file
    s = AssessmentSession.open(path, cats)
    s.set_stage("A.1.1", "low")
    s.set_stage("A.2", "high")
    s.save()
    old = path.with_name("last-year.toml")
    old.write_bytes(path.read_bytes())
    s.set_stage("A.1.1", "mid")  # up, unsaved
    s.set_stage("A.2", None)  # down to not assessed
    app = MiniHost(s, cats)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("o", *old.name, "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen) and screen.diff is not None
        assert [(u.id, u.direction) for u in screen.diff.stage_changes] == [
            ("A.1.1", "up"),
            ("A.2", "down"),
        ]
        row = screen.query_one("#compare-sections", DataTable).get_row("A")
        assert [str(c) for c in row[1:4]] == ["1→0", "0→1", "1→0"]  # low, mid, high
        units = screen.query_one("#compare-units", OptionList)
        first = str(units.get_option_at_index(0).prompt)
        assert first.startswith("▲ A.1.1") and "(up)" in first
        assert "low" in _text(screen, "#compare-old") and "mid" in _text(screen, "#compare-new")


async def test_follow_up_opens_from_the_compare_screen(example: Path, tmp_path: Path) -> None:
    from ncsi_tui.app.screens.follow_up import FollowUpScreen

    path = case.three_commits(tmp_path / "repo", example)
    session = _edited_session(path)
    app = Host(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("f")  # nothing compared yet: no follow-up to show
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, FollowUpScreen)
        assert app.screen.old == app.screen_stack[-2].other


async def test_only_comparable_assessments_are_listed(example: Path, tmp_path: Path, ncsi) -> None:
    """Issue 20.7: no pyproject.toml, no conflict note, no CMM file beside an NCSI one."""
    folder = tmp_path / "f"
    folder.mkdir()
    mine = folder / "xe-2025.toml"
    mine.write_bytes(example.read_bytes())
    (folder / "xe-2024.toml").write_bytes(example.read_bytes())
    (folder / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    (folder / "xe-2025.toml.conflict-20260101T000000.toml").write_bytes(example.read_bytes())
    r = ncsi("new", folder / "cmm.toml", "--framework", "cmm-2021", "--country", "RS")
    assert r.returncode == 0, r.stderr
    app = Host(AssessmentSession.open(mine))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        files = [spec for spec, _ in screen.sources if spec.endswith(".toml")]
        assert files == [str(folder / "xe-2024.toml")]
        sources = screen.query_one("#compare-sources", OptionList)
        assert "xe-2024.toml" in str(sources.get_option_at_index(sources.highlighted or 0).prompt)
