"""Hostile text for the property tests of issue 17 (items 6 and 7): Rich/Textual markup
and terminal control sequences, put into every text field of an assessment.

:func:`hostile_file` writes the example assessment with `text` in every free-text field
(title, country name, organisations, evidence, notes, updated_by, every reference's title,
locator, quote, English rendering, URL where one is allowed, the review's context,
clusters, sessions with their meeting places, findings, gaps and recommendations).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ncsi_tui.core.files.session import AssessmentSession
from ncsi_tui.core.files.storage import save
from ncsi_tui.core.model.assessment import Record, Reference
from ncsi_tui.core.model.catalogue import Catalogues
from ncsi_tui.core.model.review import (
    ConsultationSession,
    Gap,
    Recommendation,
    Review,
    SessionFinding,
    StakeholderCluster,
)

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "ncsi_tui" / "examples" / "example.toml"

#: One of each kind of trouble: markup that crashes (a closing tag with nothing open),
#: markup that would style or link, brackets in a plain title, terminal sequences (window
#: title, clear screen, OSC 8 link, 8-bit CSI, a bare carriage return, bell, DEL).
SAMPLES = [
    "[/x]",
    "Law [draft] [bold red]loud[/] [link=https://evil.example]click[/link] [@click=app.quit]q[/]",
    "\x1b]0;pwned\x07title \x1b[2J\x1b[31mred \x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\",
    "over\rWRITE \x9b2J \x07 \x7f \x00 end [/]",
    "=HYPERLINK(\"https://evil.example\",\"x\") +1 -1 @SUM(A1)",
]

#: What must never reach a terminal: ESC, C1 controls, BEL, NUL, DEL, a lone CR.
TERMINAL_BAD = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")


def hostile_file(path: Path, text: str) -> Path:
    """The example assessment, saved at `path` with `text` in every text field."""
    session = AssessmentSession.open(EXAMPLE, Catalogues())
    a = session.assessment.model_copy(deep=True)
    a.title = text
    a.country.name = text or "Examplia"
    a.organisations = [text, "Ministry"]
    a.source = text
    url = "https://gov.example/" + "".join(c for c in text if c.isalnum())[:20]
    ref = Reference(kind="legal-act", title=text or "t", url=url, locator=text, quote=text,
                    quote_en=text)
    for uid, rec in list(a.indicators.items()):
        a.indicators[uid] = rec.model_copy(update={
            "evidence": text or "e", "notes": text, "updated_by": text,
            "references": [ref, *rec.references],
        })
    first = next(iter(session.catalogue.unit_index))
    a.indicators.setdefault(first, Record())
    body = text or "x"
    a.review = Review(
        context=text,
        clusters=[StakeholderCluster(id="C1", name=body, organisations=[text],
                                     contacts=[text], covers=[first])],
        sessions=[ConsultationSession(id="S1", day=dt.date(2025, 6, 1), time=text,
                                      cluster="C1", place=text)],
        findings=[SessionFinding(session="S1", units=[first], text=body)],
        gaps=[Gap(unit=first, kind="follow-up", cluster="C1", note=text)],
        recommendations=[Recommendation(id="R1", unit=first, text=body, priority="high",
                                        owner=text, progress=text, references=[ref])],
    )
    save(path, a, session.catalogue, None)
    return path
