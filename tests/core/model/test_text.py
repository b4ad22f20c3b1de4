"""strip_controls: nothing a terminal obeys survives, and plain text is left as it is."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from ncsi_tui.core.model.text import strip_controls

SEQUENCES = ["\x1b]0;PWNED\x07", "\x1b[2J", "\x1b]8;;https://e.example\x1b\\", "\x1b[31;1m",
             "\x9b2J", "\x1bP1$r\x1b\\", "\x1b(B", "\x1b", "\r", "\x07", "\x9d"]
LEFT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")


@given(st.lists(st.one_of(st.text(), st.sampled_from(SEQUENCES))))
def test_no_control_survives(parts: list[str]) -> None:
    out = strip_controls("".join(parts))
    assert not LEFT.search(out)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc",))
               | st.sampled_from("\n\t")))
def test_text_without_controls_is_unchanged(text: str) -> None:
    assert strip_controls(text) == text


def test_whole_sequences_go_not_just_their_escape() -> None:
    assert strip_controls("\x1b]0;PWNED\x07\x1b[2JThe law") == "The law"
    assert strip_controls("see \x1b]8;;https://evil.example\x1b\\here\x1b]8;;\x1b\\.") == "see here."
    assert strip_controls("Law [draft]\r\nnext") == "Law [draft]\r\nnext"
    # an unended string loses its introducer only, never the text after it
    assert strip_controls("a\x9d b c") == "a b c"
