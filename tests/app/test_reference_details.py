"""The reference dialog takes every field of a reference (issue 19.1), checks each field by the
core's one rule as it is typed (19.5, 16.5), and the unit pane shows what was kept and why a
unit is flagged (19.6). Real keys in, the file on disk read back."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

from textual.widgets import Input, Select, Static

from ncsi_tui.app.screens.assessment import AssessmentScreen
from ncsi_tui.app.screens.dialogs.reference import ReferenceDialog
from ncsi_tui.app.widgets.unit_findings import UnitFindings
from ncsi_tui.core.judge.readiness import run_checks
from ncsi_tui.core.model.assessment import Record, Reference
from tests.core.model.test_fields import BAD_URLS, GOOD_URLS


def _error(dialog: ReferenceDialog) -> str:
    return str(dialog.query_one("#error", Static).render())


async def test_dialog_and_readiness_check_judge_urls_alike(example_dir: Path, make_app) -> None:
    app = make_app(example_dir / "example.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, AssessmentScreen)
        await pilot.press("r")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ReferenceDialog)
        await pilot.press(*"Law", "enter")
        url = dialog.query_one("#url", Input)
        assert app.focused is url
        verdicts: dict[str, str] = {}
        await pilot.press(*"htp://gov.me/zakon")  # typed key by key, as a person would
        await pilot.pause()
        verdicts["htp://gov.me/zakon"] = _error(dialog)
        for text in [*BAD_URLS, *GOOD_URLS]:  # the rest as a paste: the same Changed event
            url.value = text
            await pilot.pause()
            verdicts.setdefault(text, _error(dialog))
        for text, words in BAD_URLS.items():
            assert "URL: " in verdicts[text] and words in verdicts[text], text
        for text in GOOD_URLS:
            assert "URL" not in verdicts[text], text
        url.clear()
        await pilot.press(*"http://[bad", "ctrl+s")
        await pilot.pause()
        assert app.screen is dialog  # refused, stays open, nothing crashed
        assert "URL: the URL cannot be read" in _error(dialog)
        await pilot.press("escape")
        await pilot.pause()
        assert not screen.session.dirty

        # the readiness check, on the same values already in a file, agrees
        cat, a = screen.session.catalogue, screen.session.assessment
        for text in [*BAD_URLS, *GOOD_URLS]:
            ref = Reference(kind="legal-act", title="Law", url=text)
            a.indicators["1.1"] = Record(status="met", evidence="x", references=[ref])
            found = [f for f in run_checks(cat, a) if f.rule == "reference.url-invalid"]
            if text in BAD_URLS:
                assert len(found) == 1 and BAD_URLS[text] in found[0].message, text
            else:
                assert not found, text


async def test_every_reference_field_is_entered_kept_and_shown(example_dir: Path, make_app) -> None:
    path = example_dir / "example.toml"
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await pilot.press("u")  # 4.3, not assessed, no references
        unit = screen.current
        await pilot.press("r")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ReferenceDialog)
        await pilot.press(*"Strategy", "enter")
        await pilot.press(*"https://g.me/s", "enter")
        await pilot.press(*"s. 4", "enter")
        await pilot.press(*"2024-12-20", "enter")
        await pilot.press(*"2025-05-02", "enter")
        await pilot.press(*"2025-13-01")
        await pilot.pause()
        assert "In force: month 13 does not exist" in _error(dialog)
        dialog.query_one("#valid_from", Input).clear()
        await pilot.press(*"2025-01-01", "enter")
        await pilot.press(*"2030-12-31", "enter")
        assert app.focused is dialog.query_one("#access", Select)
        await pilot.press("enter", "down", "enter")  # open the list, pick "restricted"
        await pilot.pause()
        assert dialog.query_one("#access", Select).value == "restricted"
        await pilot.press("tab", *"Stupa na snagu", "enter")
        await pilot.press(*"In force")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        detail = str(screen.query_one("#ref-detail", Static).render())
        for words in ("restricted", "in force 2025-01-01 to 2030-12-31",
                      'quote: "Stupa na snagu"', 'in English: "In force"'):
            assert words in detail
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
    ref = tomllib.loads(path.read_text(encoding="utf-8"))["indicators"][unit]["references"][0]
    assert ref == {
        "kind": ref["kind"],
        "title": "Strategy", "url": "https://g.me/s", "locator": "s. 4", "published": dt.date(2024, 12, 20),
        "accessed": dt.date(2025, 5, 2), "valid_from": dt.date(2025, 1, 1),
        "valid_until": dt.date(2030, 12, 31), "access": "restricted",
        "quote": "Stupa na snagu", "quote_en": "In force",
    }


async def test_the_unit_pane_says_why_a_unit_is_flagged(tmp_path: Path, ncsi, make_app) -> None:
    path = tmp_path / "next.toml"
    example = Path(__file__).resolve().parents[2] / "ncsi_tui" / "examples" / "example.toml"
    assert ncsi("new", path, "--from", example, "--date", "2026-06-30").returncode == 0
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        pane = screen.query_one(UnitFindings)
        text = str(pane.render())
        assert "carried forward from an earlier assessment" in text
        assert "m or x confirms the status" in text
        assert "30 to re-confirm" in str(screen.query_one("#status-line").render())
        await pilot.press("m")  # confirm 1.1: its warning goes, the count drops
        await pilot.pause()
        assert "carried forward" not in str(pane.render())
        assert "29 to re-confirm" in str(screen.query_one("#status-line").render())


async def test_a_file_with_an_unreadable_url_opens_and_says_so(tmp_path: Path, ncsi,
                                                              make_app) -> None:
    """Issue 16.5: `http://[bad` already in a file is a finding in the pane, not a crash."""
    path = tmp_path / "bad.toml"
    assert ncsi("new", path, "--framework", "ncsi-2.0", "--country", "ME",
                "--date", "2025-06-30").returncode == 0
    path.write_text(path.read_text(encoding="utf-8") + (
        '\n[indicators."1.1"]\nstatus = "met"\nevidence = "x"\n\n'
        '[[indicators."1.1".references]]\nkind = "legal-act"\ntitle = "Law"\n'
        'url = "http://[bad"\n'), encoding="utf-8")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AssessmentScreen) and screen.current == "1.1"
        text = str(screen.query_one(UnitFindings).render())
        assert "the URL cannot be read" in text and "enter on the reference edits it" in text
        assert "http://[bad" in str(screen.query_one("#ref-detail", Static).render())
