"""A separator glued to the end of a line (issue 23, fault 4)."""

from __future__ import annotations

from ncsi_tui.core.importers.ncsi_page import import_ncsi_page
from ncsi_tui.core.importers.ncsi_page_text import read_page
from ncsi_tui.core.model.catalogue import Catalogues

CASE = """NCSI FULFILMENT PERCENTAGE
Version 6 Jul 2022
GENERAL CYBER SECURITY INDICATORS
-
1. Cyber security policy development 3/7 43%37 43%
-
1.1. Cyber security policy unit 333
Requirements
CriteriaA ministry has a unit that develops national cyber security policy.
Accepted referencesOfficial website or legal act
Evidence
https://example.org/xe/ministry-statute
The policy department of the ministry drafts national cyber security policy. -
1.2. Cyber security policy coordination format 002
Requirements
CriteriaA council coordinates national cyber security policy.
Accepted referencesOfficial website or legal act
Evidence
-
"""


def test_a_separator_glued_to_the_last_evidence_line_is_not_evidence() -> None:
    result = import_ncsi_page(CASE, Catalogues(), "XE", country_name="Examplia")
    rec = result.assessment.indicators["1.1"]
    assert rec.evidence == (
        "The policy department of the ministry drafts national cyber security policy."
    )
    assert [r.url for r in rec.references] == ["https://example.org/xe/ministry-statute"]
    assert result.assessment.indicators["1.2"].status == "not-met"


def test_a_glued_separator_ends_the_item_so_later_text_is_not_its_evidence() -> None:
    text = CASE.replace(
        "1.2. Cyber security policy coordination format 002",
        "Choose a version\n1.2. Cyber security policy coordination format 002",
    ).replace("national cyber security policy. -", "policy. -\nstray page text")
    page = read_page(text)
    first = page.indicators[0]
    assert [s for _, s in first.evidence] == ["The policy department of the ministry drafts policy."]

