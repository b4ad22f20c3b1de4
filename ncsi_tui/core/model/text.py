"""Text that is safe to show on a terminal: the one helper every printing path uses.

Evidence, titles and ids come from files that colleagues (or a hostile sheet) wrote. A
terminal obeys control characters in what it prints: ``ESC ] 0 ; title BEL`` renames the
window, ``ESC [ 2 J`` clears the screen, OSC 8 makes hidden links, ``CR`` overwrites a line.
:func:`strip_controls` removes whole escape sequences (so no ``]0;title`` is left over to
read) and then every control character except newline and tab (and CR that ends a line, as
CSV and Windows text have), so none of that reaches a terminal.
"""

from __future__ import annotations

import re

#: C0 controls but tab and newline, DEL, the C1 controls (0x80-0x9f: CSI, OSC, ... on
#: 8-bit terminals), and a carriage return not followed by a newline.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")
#: ECMA-48 sequences, 7-bit and 8-bit: OSC/DCS/APC/PM/SOS strings ended by BEL or ST (an
#: unended one loses only its introducer, never the text after it), CSI with its
#: parameters, and ESC with one following character.
SEQUENCE = re.compile(
    r"(?:\x1b[\]P_^X]|[\x90\x98\x9d-\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)"
    r"|(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|\x1b[ -~]?"
)


def strip_controls(text: str) -> str:
    """`text` without control characters other than ``\\n``, ``\\t`` and ``\\r\\n``."""
    if "\x1b" in text or CONTROL.search(text):
        text = CONTROL.sub("", SEQUENCE.sub("", text))
    return text
