"""Why a unit carries ⚑ or ⚐ in the navigator: its readiness findings, each with the key
that fixes it, then what the review holds about it (gaps, what sessions heard). The screen
runs the core's rules (one list for the CLI, the readiness screen and this pane) and hands
the unit's findings here."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ncsi_tui.app.widgets.indicator_pane import update_in_place
from ncsi_tui.core.judge.readiness import Finding

#: rule id -> the key (or keys) that fix what the rule found, in the app's words.
_REF_EDIT = "enter on the reference edits it"
FIXES: dict[str, str] = {
    "record.reconfirm": "m or x confirms the status",
    "evidence.missing": "e writes the evidence",
    "reference.missing": "r adds a reference",
    "reference.kind-not-accepted": "r adds one, or " + _REF_EDIT,
    "reference.kind-unspecified": _REF_EDIT,
    "reference.url-invalid": _REF_EDIT,
    "reference.url-missing": _REF_EDIT,
    "reference.title-empty": _REF_EDIT,
    "reference.duplicate": "del on the reference removes it",
    "reference.after-reference-date": _REF_EDIT,
    "document.expired": "r adds the document in force, or x marks not met",
    "window.too-old": "r adds newer evidence, or x marks not met",
    "window.undated": _REF_EDIT + " (add its date)",
    "review.open-gap": "g marks or closes the unit's gaps",
}
_MATURITY_FIXES = {
    "record.reconfirm": "1-5 sets the stage again to confirm it",
    "document.expired": "r adds the document in force, or 0 clears the stage",
    "window.too-old": "r adds newer evidence, or 0 clears the stage",
}
MARK = {"error": "⚑ error", "warning": "⚐ warning"}


def fix_for(finding: Finding, maturity: bool) -> str:
    """The key that fixes `finding` (maturity models set stages, not statuses)."""
    if maturity and finding.rule in _MATURITY_FIXES:
        return _MATURITY_FIXES[finding.rule]
    return FIXES.get(finding.rule, "f6 shows the readiness check")


class UnitFindings(Static):
    """The current unit's errors and warnings; hidden when there are none."""

    DEFAULT_CSS = """
    UnitFindings { height: auto; padding: 0 1; margin-top: 1; display: none; }
    UnitFindings.-some { display: block; }
    """

    def show_findings(self, findings: list[Finding], *, maturity: bool,
                      review: list[str] | None = None) -> None:
        """`findings`: the unit's readiness findings; `review`: its gaps and session findings
        (core.model.review.unit_review_notes), f and g add to them."""
        problems = [f for f in findings if f.severity in MARK]
        review = review or []
        self.set_class(bool(problems or review), "-some")
        text = Text()
        if problems:
            text.append(f"Readiness ({len(problems)}):", style="bold")
        for f in problems:
            text.append(f"\n{MARK[f.severity]} ", style="bold")
            text.append(f.message)
            text.append(f" → {fix_for(f, maturity)}", style="italic")
        if review:
            text.append(("\n" if problems else "") + "Review (f finding · g gap):", style="bold")
        for line in review:
            text.append(f"\n· {line}")
        update_in_place(self, text)
