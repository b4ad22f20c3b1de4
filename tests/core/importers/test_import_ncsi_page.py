"""Importing NCSI country pages: mapping, each cross-check, each tolerance, refusals.

Variants of the sample page are made here, by the tests, from the sample's own lines.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ncsi_tui.core.errors import InputError
from ncsi_tui.core.importers.ncsi_page import PageImport, import_ncsi_page, read_page_file
from ncsi_tui.core.judge.scoring import summary_dict
from ncsi_tui.core.model.catalogue import Catalogues

DATA = Path(__file__).resolve().parents[2] / "data" / "ncsi-pages"
SAMPLE = (DATA / "ncsi-2.0-examplia.txt").read_text(encoding="utf-8")
PAGE_30 = (DATA / "ncsi-3.0-examplia.txt").read_text(encoding="utf-8")
SECTION_LINE = re.compile(r"^(\d+)\. .+? (\d+)/(\d+) \d+%", re.MULTILINE)

CATALOGUE_30 = """\
schema = 1
id = "ncsi-3.0"
framework = "ncsi"
methodology = "3.0"
title = "National Cyber Security Index 3.0 (test excerpt)"
scoring = "points"
levels = ["pillar", "section", "indicator"]

[[groups]]
id = "strategic"
name = "Strategic cybersecurity indicators"

[[groups.groups]]
id = "1"
name = "Cybersecurity policy"
"""
for _uid, _name in [("1.1", "High-level cybersecurity leadership"),
                    ("1.2", "Cybersecurity policy development"),
                    ("1.3", "Cybersecurity policy coordination"),
                    ("1.4", "National cybersecurity strategy")]:
    CATALOGUE_30 += (f'\n[[groups.groups.units]]\nid = "{_uid}"\nname = "{_name}"\n'
                     "points = 3\n")


def imp(text: str, catalogues: Catalogues | None = None, **kw: object) -> PageImport:
    return import_ncsi_page(text, catalogues or Catalogues(), "XE",
                            country_name="Examplia", **kw)  # type: ignore[arg-type]


def line_no(text: str, starts: str) -> int:
    """1-based number of the first line starting with `starts` (to check warning lines)."""
    for n, line in enumerate(text.splitlines(), 1):
        if line.startswith(starts):
            return n
    raise AssertionError(starts)


def replace_line(text: str, starts: str, new: str) -> str:
    lines = text.split("\n")
    n = line_no(text, starts)
    lines[n - 1] = new
    return "\n".join(lines)


def codes(result: PageImport) -> dict[str, list[int | None]]:
    out: dict[str, list[int | None]] = {}
    for w in result.warnings:
        out.setdefault(w.code, []).append(w.line)
    return out


def essence(result: PageImport) -> dict[str, object]:
    """What an import produced, without the import's own time stamps."""
    a = result.assessment
    return {
        "framework": a.framework,
        "date": a.reference_date,
        "organisations": a.organisations,
        "records": {uid: (r.status, r.evidence, [(x.kind, x.title, x.url) for x in r.references])
                    for uid, r in a.indicators.items()},
    }


@pytest.fixture(scope="module")
def sample() -> PageImport:
    return imp(SAMPLE)


# --- the sample --------------------------------------------------------------------


def test_sample_scores_every_section_as_its_section_line_prints(sample: PageImport) -> None:
    summary = summary_dict(sample.catalogue, sample.assessment)
    printed = {sid: (int(p), int(m)) for sid, p, m in SECTION_LINE.findall(SAMPLE)}
    assert len(printed) == 12
    got = {s["id"]: (s["points"], s["max"]) for s in summary["sections"]}
    assert got == printed
    assert summary["total"] == {"points": 46, "max": 77, "percent": 59.74}
    assert sample.warnings == []


def test_evidence_of_1_1_is_kept_and_its_url_is_an_unspecified_reference(
    sample: PageImport,
) -> None:
    rec = sample.assessment.indicators["1.1"]
    assert rec.status == "met"
    assert rec.evidence.startswith("The Cyber Policy Department of the Ministry of Digital Affairs")
    assert [(r.kind, r.url) for r in rec.references] == [
        ("unspecified", "https://example.org/examplia/ministry-statute")]
    assert rec.references[0].title.startswith("The Cyber Policy Department")
    assert "Web link" not in rec.references[0].title
    assert rec.reconfirm  # imported: to be confirmed by the official


def test_contributors_become_organisations(sample: PageImport) -> None:
    assert sample.assessment.organisations == [
        "Ministry of Digital Affairs of Examplia", "National CERT of Examplia"]


def test_page_date_becomes_reference_date_and_provenance(sample: PageImport) -> None:
    a = sample.assessment
    assert a.reference_date.isoformat() == "2019-12-03"
    assert "3 December 2019" in a.source and "methodology 2.0" in a.source
    assert a.framework == "ncsi-2.0"


def test_not_met_indicators_are_recorded_as_not_met(sample: PageImport) -> None:
    assert sample.assessment.indicators["1.2"].status == "not-met"
    assert sample.assessment.indicators["12.3"].evidence == ""


def test_web_link_n_is_tied_to_the_nth_url() -> None:
    text = SAMPLE.replace(
        "https://example.org/examplia/ministry-statute\n",
        "https://example.org/examplia/ministry-statute\n"
        "Government regulation on the ministry (Web link 2).\n"
        "https://example.org/examplia/regulation\n", 1)
    refs = imp(text).assessment.indicators["1.1"].references
    assert [r.url for r in refs] == ["https://example.org/examplia/ministry-statute",
                                     "https://example.org/examplia/regulation"]
    assert refs[1].title == "Government regulation on the ministry"


def test_a_url_no_line_mentions_is_titled_from_the_url() -> None:
    text = SAMPLE.replace("https://example.org/examplia/ministry-statute\n",
                          "https://example.org/examplia/ministry-statute\n"
                          "https://www.example.org/other/page/\n", 1)
    refs = imp(text).assessment.indicators["1.1"].references
    assert refs[1].title == "example.org/other/page"


# --- cross-checks ------------------------------------------------------------------


def test_section_figures_are_checked_against_their_indicators() -> None:
    text = SAMPLE.replace("5/7 71%57 71%", "6/7 86%67 86%")
    found = codes(imp(text))
    assert found == {"section-sum": [line_no(text, "1. Cyber security policy development")]}


def test_section_percent_is_checked_against_its_figures() -> None:
    text = SAMPLE.replace("5/7 71%57 71%", "5/7 70%57 70%")
    assert codes(imp(text)) == {"section-percent": [5]}


def test_indicator_points_are_checked_against_the_catalogue() -> None:
    text = SAMPLE.replace("1.1. Cyber security policy unit 333", "1.1. Cyber security policy unit 222")
    result = imp(text)
    found = codes(result)
    assert found["points-max"] == [line_no(text, "1.1. ")]
    assert found["section-sum"] == [5]  # the page's own figures no longer add up either
    assert result.assessment.indicators["1.1"].status == "met"  # 2 of the page's 2


def test_ids_the_catalogue_lacks_are_reported_and_not_imported() -> None:
    text = SAMPLE.replace("-\n-\nWhat can I do", "-\n12.4. Cyber reserve 111\nRequirements\n"
                          "Evidence\nA reserve exists.\n-\n-\nWhat can I do")
    result = imp(text)
    assert codes(result) == {"unknown-id": [line_no(text, "12.4. ")],
                             "section-sum": [line_no(text, "12. Military")]}
    assert "12.4" not in result.assessment.indicators


def test_catalogue_ids_missing_from_the_page_are_reported() -> None:
    start = SAMPLE.index("1.2. Cyber security policy coordination format")
    end = SAMPLE.index("1.3. Cyber security strategy")
    text = SAMPLE[:start] + SAMPLE[end:]
    result = imp(text)
    found = codes(result)
    assert found["missing-id"] == [5]  # pointed at section 1's line
    assert any("1.2" in w.message for w in result.warnings if w.code == "missing-id")
    assert "1.2" not in result.assessment.indicators
    assert result.assessment.record("1.2").status == "not-assessed"


def test_a_page_of_another_methodology_than_the_chosen_catalogue_is_reported() -> None:
    result = imp(PAGE_30, framework="ncsi-2.0")
    found = codes(result)
    assert found["methodology"] == [3]  # the pillar heading
    assert found["section-max"] == [5]
    assert "name" in found and "points-max" in found and "missing-id" in found
    assert result.assessment.framework == "ncsi-2.0"


def test_partial_and_doubly_printed_points_and_duplicates_are_reported() -> None:
    text = SAMPLE.replace("1.1. Cyber security policy unit 333", "1.1. Cyber security policy unit 113")
    text = text.replace("1.3. Cyber security strategy 111", "1.3. Cyber security strategy 101")
    text = text.replace("-\n-\nWhat can I do", "-\n1.4. Cyber security strategy implementation "
                        "plan 001\n-\n-\nWhat can I do")
    result = imp(text)
    found = codes(result)
    assert found["partial"] == [line_no(text, "1.1. ")]
    assert found["points-twice"] == [line_no(text, "1.3. ")]
    assert found["duplicate-id"] == [text.split("\n").index(
        "1.4. Cyber security strategy implementation plan 001") + 1]
    assert result.assessment.indicators["1.1"].status == "not-assessed"
    assert result.assessment.indicators["1.4"].status == "met"  # the first copy counts


def test_a_web_link_without_its_url_is_reported() -> None:
    text = SAMPLE.replace("(Web link 1).\nhttps://example.org/examplia/ministry-statute",
                          "(Web link 2).\nhttps://example.org/examplia/ministry-statute")
    assert codes(imp(text)) == {"web-link": [12]}


# --- tolerant reading --------------------------------------------------------------


def test_windows_line_endings_change_nothing(sample: PageImport) -> None:
    result = imp(SAMPLE.replace("\n", "\r\n"))
    assert essence(result) == essence(sample) and result.warnings == []
    broken = SAMPLE.replace("5/7 71%57", "6/7 71%57")
    assert codes(imp(broken.replace("\n", "\r\n"))) == codes(imp(broken))


def test_curly_quotes_change_nothing(sample: PageImport) -> None:
    straight = imp(SAMPLE.replace("’", "'"))
    curly = imp(SAMPLE.replace("'", "’"))
    assert straight.warnings == [] and curly.warnings == []
    statuses = {u: r.status for u, r in sample.assessment.indicators.items()}
    for variant in (straight, curly):
        assert {u: r.status for u, r in variant.assessment.indicators.items()} == statuses


def test_non_breaking_and_odd_spaces_change_nothing(sample: PageImport) -> None:
    text = SAMPLE.replace(" ", "\u00a0").replace("Version\u00a03", "Version\u202f3")
    text = text.replace("\nEvidence\n", "\n\u200bEvidence\u00a0\t\n")
    result = imp(text)
    assert essence(result) == essence(sample) and result.warnings == []


def test_stray_blank_lines_change_nothing_and_lines_stay_true(sample: PageImport) -> None:
    text = "\n\n".join(SAMPLE.split("\n")) + "\n\n\n"
    result = imp(text)
    assert essence(result) == essence(sample) and result.warnings == []
    broken = text.replace("5/7 71%57 71%", "6/7 86%67 86%")
    assert codes(imp(broken)) == {"section-sum": [line_no(broken, "1. Cyber")]}


def test_a_missing_category_heading_changes_nothing(sample: PageImport) -> None:
    one = imp(SAMPLE.replace("BASELINE CYBER SECURITY INDICATORS\n", ""))
    assert essence(one) == essence(sample) and one.warnings == []
    none = SAMPLE
    for heading in ("GENERAL CYBER SECURITY INDICATORS\n", "BASELINE CYBER SECURITY INDICATORS\n",
                    "INCIDENT AND CRISIS MANAGEMENT INDICATORS\n"):
        none = none.replace(heading, "")
    result = imp(none)
    assert essence(result) == essence(sample) and result.warnings == []
    assert result.page.methodology == "2.0" and "section names" in result.page.methodology_basis


def test_page_text_around_the_data_changes_nothing(sample: PageImport) -> None:
    before = "Skip to content\nHome Indicators Countries About\nExamplia\n"
    after = ("\n© 2025 e-Governance Academy\nPrivacy policy\nSubscribe to our newsletter\n"
             "https://ncsi.ega.ee/\nncsi@ega.ee\n")
    result = imp(before + SAMPLE + after)
    assert essence(result) == essence(sample) and result.warnings == []


def test_a_ranking_table_after_the_contributors_is_not_an_organisation(
    sample: PageImport,
) -> None:
    after = "\nRANKING TIMELINE\nNCSI Update | Data source\n3 Dec 2019 | Government officials\n"
    assert imp(SAMPLE + after).assessment.organisations == sample.assessment.organisations


def test_an_evidence_line_that_looks_like_an_indicator_line_stays_evidence() -> None:
    text = SAMPLE.replace("National Cyber Security Strategy 2024-2028, adopted",
                          "2.1. Government decision no. 123\nNational Cyber Security "
                          "Strategy 2024-2028, adopted")
    result = imp(text)
    assert result.warnings == []
    assert result.assessment.indicators["1.3"].evidence.startswith("2.1. Government decision")
    assert result.assessment.indicators["2.1"].status == "not-met"


def test_furniture_after_the_last_indicator_is_not_evidence(sample: PageImport) -> None:
    text = SAMPLE.replace("Evidence\n-\n-\nWhat can I do", "Evidence\nWhat can I do")
    result = imp(text)
    assert result.assessment.indicators["12.3"].evidence == ""
    assert result.assessment.organisations == sample.assessment.organisations


def test_a_page_without_date_stamp_is_dated_today_with_a_warning() -> None:
    import datetime as dt

    result = imp(SAMPLE.replace("Version 3 Dec 2019\n", ""), today=dt.date(2025, 5, 1))
    assert result.assessment.reference_date == dt.date(2025, 5, 1)
    assert codes(result) == {"version-date": [None]}


# --- refusals and methodology 3.0 ----------------------------------------------------


@pytest.mark.parametrize("text", ["", "Dear colleague,\nplease find the minutes attached.\n",
                                  "[indicators.\"1.1\"]\nstatus = \"met\"\n"])
def test_text_that_is_not_an_ncsi_page_is_refused(text: str) -> None:
    with pytest.raises(InputError, match="not an NCSI country page") as err:
        imp(text)
    assert "docs/import.md" in err.value.hint


def test_a_page_with_section_lines_only_says_what_is_missing() -> None:
    text = "\n".join(m.group(0) for m in re.finditer(r"^\d+\. .*%$", SAMPLE, re.MULTILINE))
    with pytest.raises(InputError, match="12 NCSI section line"):
        imp(text)


def test_the_comparison_view_is_refused_with_its_own_message() -> None:
    text = ("RANKING TIMELINE\nRank\tCountry\tNational Cyber Security Index\tDigital "
            "development\tDifference\n1\tExamplia\t59.74\t60.00\t-0.26\n"
            "1. CYBERSECURITY POLICY\n1.1. High-level cybersecurity leadership\n3/3\n")
    with pytest.raises(InputError, match="comparison view"):
        imp(text)


def test_a_3_0_page_without_a_3_0_catalogue_is_refused_with_how_to_add_it() -> None:
    with pytest.raises(InputError) as err:
        imp(PAGE_30, path=Path("ua.txt"))
    e = err.value
    assert "methodology 3.0" in e.message and e.line == 3 and str(e.path) == "ua.txt"
    assert "ncsi catalogue from-csv" in e.hint and "docs/import.md" in e.hint


def test_a_3_0_page_goes_into_an_installed_3_0_catalogue(tmp_path: Path) -> None:
    (tmp_path / "ncsi-3.0.toml").write_text(CATALOGUE_30, encoding="utf-8")
    result = imp(PAGE_30, Catalogues([tmp_path]))
    a = result.assessment
    assert a.framework == "ncsi-3.0" and result.warnings == []
    summary = summary_dict(result.catalogue, a)
    assert summary["total"]["points"] == 9 and summary["total"]["max"] == 12
    assert a.indicators["1.3"].status == "not-met"
    rec = a.indicators["1.1"]
    assert rec.evidence == "Statute of the Cabinet, Article 4 (placeholder text for a test page)"
    assert "foreign language" in rec.notes  # the flag line is not evidence
    assert [r.url for r in rec.references] == ["https://example.org/examplia/cabinet-statute"]


def test_a_page_that_does_not_say_its_methodology_goes_to_the_best_fitting_catalogue(
    tmp_path: Path,
) -> None:
    (tmp_path / "ncsi-3.0.toml").write_text(CATALOGUE_30, encoding="utf-8")
    bare = "\n".join(line for line in SAMPLE.split("\n")
                     if not line.isupper() and not SECTION_LINE.match(line))
    result = imp(bare, Catalogues([tmp_path]))
    assert result.assessment.framework == "ncsi-2.0"
    assert codes(result)["methodology"] == [None]


def test_an_unknown_country_code_is_an_input_error() -> None:
    with pytest.raises(InputError, match="not an ISO 3166-1"):
        import_ncsi_page(SAMPLE, Catalogues(), "QQQ")


def test_page_files_in_utf16_are_read_and_binary_files_refused(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_bytes(SAMPLE.encode("utf-16"))
    assert read_page_file(page) == SAMPLE
    page.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(InputError, match="binary"):
        read_page_file(page)


# --- random text -------------------------------------------------------------------

SAMPLE_LINES = SAMPLE.split("\n")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_random_text_raises_nothing_but_input_error(text: str) -> None:
    try:
        result = imp(text)
    except InputError as exc:
        assert exc.message  # words for people, never an empty error
        return
    assert_coherent(text, result)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(SAMPLE_LINES), st.text(max_size=40),
                          st.from_regex(r"\A\d{1,2}\.\d{1,2}\. [a-z’ ]{0,12}\d{3}\Z")),
                max_size=60))
def test_shuffled_page_lines_raise_nothing_but_input_error(lines: list[str]) -> None:
    text = "\n".join(lines)
    try:
        result = imp(text)
    except InputError as exc:
        assert exc.message
        return
    assert_coherent(text, result)


def assert_coherent(text: str, result: PageImport) -> None:
    """Whatever was imported can be scored and every warning points into the text."""
    summary = summary_dict(result.catalogue, result.assessment)
    assert 0 <= summary["total"]["points"] <= summary["total"]["max"]
    count = len(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    assert all(w.line is None or 1 <= w.line <= count for w in result.warnings)
