"""Issue 20.8: the ASCII set is chosen from the locale or NCSI_ASCII, and keeps every
character one cell wide and every mark distinct."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ncsi_tui.app.charset import to_ascii, wanted
from ncsi_tui.app.widgets import marks


@pytest.mark.parametrize(("env", "ascii_wanted"), [
    ({"LANG": "C"}, True),
    ({"LANG": "C", "LC_CTYPE": "C.UTF-8"}, True),  # Python's own coercion of C (PEP 538)
    ({}, True),
    ({"LANG": "POSIX"}, True),
    ({"LANG": "de_DE.ISO-8859-1"}, True),
    ({"LANG": "en_GB.UTF-8"}, False),
    ({"LANG": "sr_RS.utf8@latin"}, False),
    ({"LANG": "C", "LC_ALL": "et_EE.UTF-8"}, False),
    ({"LANG": "en_GB.UTF-8", "NCSI_ASCII": "1"}, True),
    ({"LANG": "C", "NCSI_ASCII": "0"}, False),
])
def test_ascii_is_chosen_from_the_locale_or_the_setting(env, ascii_wanted, monkeypatch) -> None:
    monkeypatch.setattr("os.name", "posix")
    assert wanted(env) is ascii_wanted


def test_marks_stay_distinct() -> None:
    shown = [to_ascii(m) for m in (marks.MET, marks.NOT_MET, marks.OPEN, marks.NO_EVIDENCE,
                                   marks.FLAG_ERROR, marks.FLAG_WARNING)]
    assert shown == ["+", "x", "-", "!", "#", "*"]
    assert len({to_ascii(m) for m in (marks.FULL, marks.RANGE, marks.EMPTY)}) == 3
    assert to_ascii("├ ✓ 1.1 Küberpoliitika…") == "| + 1.1 Kuberpoliitika~"


@given(st.text())
def test_every_character_becomes_ascii_of_the_same_width(text: str) -> None:
    from rich.cells import cell_len

    out = to_ascii(text)
    assert out.isascii()
    if text.isprintable():
        assert cell_len(out) == cell_len(text)
