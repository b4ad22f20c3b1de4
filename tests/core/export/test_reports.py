"""The review report draft and the follow-up, as a reader sees them (issue 25, item 7)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from ncsi_tui.core.compare.follow_up import follow_up
from ncsi_tui.core.export import export
from ncsi_tui.core.export.follow_up import render_html as follow_up_html
from ncsi_tui.core.export.follow_up import render_markdown as follow_up_md
from ncsi_tui.core.files.session import AssessmentSession
from ncsi_tui.core.model.catalogue import Catalogues

ROOT = Path(__file__).resolve().parents[3]


def _open(tmp_path: Path, name: str) -> AssessmentSession:
    path = tmp_path / name
    shutil.copyfile(ROOT / "ncsi_tui" / "examples" / name, path)
    return AssessmentSession.open(path, Catalogues())


def _report(s: AssessmentSession, fmt: str) -> str:
    out = export(fmt, s.catalogue, s.assessment, s.score(), [])
    assert isinstance(out, str)
    return out


def test_ncsi_report_names_categories_shows_the_total_index_and_quotes(tmp_path):
    s = _open(tmp_path, "example.toml")
    html, md = _report(s, "report-html"), _report(s, "report-md")
    total = s.score().total
    assert f'<span class="big">{total.percent:.2f}</span> total index' in html
    assert f"**Total index {total.percent:.2f}**" in md
    assert "<h3>General cyber security indicators</h3>" in html
    assert "general General" not in html + md
    assert "Küberpoliitika osakond" in html and "develops national cyber security policy" in html
    assert "*In English:* The Cyber Policy Department develops" in md


def test_met_and_not_met_look_different_in_words_and_class(tmp_path):
    s = _open(tmp_path, "example.toml")
    html = _report(s, "report-html")
    assert '<span class="badge met">✓ Met</span>' in html
    assert '<span class="badge not-met">✗ Not met</span>' in html


def test_a_heading_is_printed_on_the_page_of_its_first_unit(tmp_path):
    s = _open(tmp_path, "example-cmm.toml")
    html = _report(s, "report-html")
    first = re.search(r'<h4 class="factor">D1.1 [^<]*</h4>', html)
    assert first is not None
    assert html[: first.start()].endswith('<div class="keep"><h3>D1 Cybersecurity Policy and '
                                          'Strategy</h3>')
    assert ".keep { break-inside: avoid" in html


def test_cmm_profile_labels_wrap_instead_of_being_cut(tmp_path):
    s = _open(tmp_path, "example-cmm.toml")
    html = _report(s, "report-html")
    assert "Prote…" not in html
    assert ">Protection Online</text>" in html  # the second line of D2.3's long name


def test_html_declares_the_assessments_language(tmp_path):
    s = _open(tmp_path, "example.toml")
    assert '<html lang="en">' in _report(s, "report-html")
    s.assessment.language = "et"
    for fmt in ("html", "report-html"):
        assert '<html lang="et">' in _report(s, fmt)


def test_follow_up_names_the_country_and_the_assessment(tmp_path):
    s = _open(tmp_path, "example-cmm.toml")
    fu = follow_up(s.catalogue, s.assessment, s.assessment)
    html, md = follow_up_html(s.catalogue, fu), follow_up_md(s.catalogue, fu)
    assert "Examplia (XE): follow-up of the review" in html
    assert s.assessment.title in html and s.assessment.title in md
