"""Reading the text of an NCSI country page, as a browser copies it, into plain data.

This module knows the page's *layout* (date stamp, category headings, section lines,
indicator lines, `Evidence` blocks, `-` separators, the `CONTRIBUTORS` list), not any
catalogue: matching against a catalogue and the cross-checks live in ``ncsi_page``.
Reading is tolerant: Windows line endings, curly quotes, non-breaking and other odd
spaces, stray blank lines, a missing heading and page text after the data do not matter.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ncsi_tui.core.errors import InputError


@dataclass(frozen=True)
class PageWarning:
    """Something in the page that a person should look at; the import still goes on."""

    line: int | None
    message: str
    code: str

    def located(self, where: str) -> str:
        """`PAGE.txt:12: warning: ...`, as compilers print it (editors can jump there)."""
        place = f"{where}:{self.line}" if self.line else where
        return f"{place}: warning: {self.message}"


@dataclass
class PageIndicator:
    """An indicator line (`1.2. Name 002`) and the evidence printed under it."""

    id: str
    name: str
    earned: int
    maximum: int
    line: int
    evidence: list[tuple[int, str]] = field(default_factory=list)
    urls: list[tuple[int, str]] = field(default_factory=list)
    foreign_language: bool = False

    @property
    def section_id(self) -> str:
        return self.id.split(".")[0]


@dataclass(frozen=True)
class PageSection:
    """A section line: `1. Cyber security policy development 5/7 71%57 71%`."""

    id: str
    name: str
    earned: int
    maximum: int
    percent: int
    line: int


@dataclass
class NcsiPage:
    """What the page says, line numbers kept so that every warning can point at its line."""

    methodology: str | None = None
    methodology_line: int | None = None
    methodology_basis: str = ""
    version: dt.date | None = None
    version_text: str = ""
    version_line: int | None = None
    headings: list[tuple[int, str]] = field(default_factory=list)
    sections: list[PageSection] = field(default_factory=list)
    indicators: list[PageIndicator] = field(default_factory=list)
    contributors: list[str] = field(default_factory=list)
    warnings: list[PageWarning] = field(default_factory=list)
    comparison_view: bool = False


#: Category (2.0) and pillar (3.0) headings. The preventive and responsive 3.0 headers are
#: unverified (see the NCSI 3.0 framework notes); they are read by analogy.
KNOWN_HEADINGS: dict[str, str] = {
    "GENERAL CYBER SECURITY INDICATORS": "2.0",
    "BASELINE CYBER SECURITY INDICATORS": "2.0",
    "INCIDENT AND CRISIS MANAGEMENT INDICATORS": "2.0",
    "STRATEGIC CYBERSECURITY INDICATORS": "3.0",
    "PREVENTIVE CYBERSECURITY INDICATORS": "3.0",
    "RESPONSIVE CYBERSECURITY INDICATORS": "3.0",
}

_SPACES = re.compile(r"[\s\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "′": "'", "“": '"', "”": '"',
                         "„": '"', "″": '"', "–": "-", "—": "-", "‐": "-", "−": "-"})

_INDICATOR = re.compile(r"^(\d{1,2})\.(\d{1,2})\.?\s+(.*?\S)\s+(\d)\s?(\d)\s?(\d)$")
_SECTION = re.compile(r"^(\d{1,2})\.\s+(.+?)\s+(\d{1,3})\s*/\s*(\d{1,3})\s+(\d{1,3})\s*%")
_HEADING = re.compile(r"^[A-Z][A-Z ,&/-]* INDICATORS$")
_VERSION = re.compile(r"\bVersion\s+(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b", re.IGNORECASE)
URL = re.compile(r"https?://[^\s<>\"'“”‘’]+", re.IGNORECASE)
_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
#: Page furniture that ends an evidence block (lines compared in lower case, by prefix).
_FURNITURE = ("what can i do to improve", "become a data contributor", "choose a version",
              "ncsi fulfilment percentage", "ranking timeline", "national cyber security index",
              "update a specific indicator")
#: 3.0 guidance bullets printed after the evidence; they are the page's help, not evidence.
_GUIDANCE = ("what is measured", "importance:", "evidence:")
#: Lines after the contributors that are the site's footer, not organisations.
_FOOTER = re.compile(
    r"©|\(c\)\s*\d{4}|copyright|cookie|privacy|all rights reserved|newsletter|subscribe|"
    r"back to top|follow us|contact us|terms of use|e-governance academy|@|https?://|www\.|"
    r"\||ranking timeline|what can i do to improve|become a data contributor",
    re.IGNORECASE,
)
MAX_LINES = 200_000
_MAX_STRUCTURE = 300


def clean(line: str) -> str:
    """One line with odd spaces and invisible characters made plain, ends stripped."""
    return _SPACES.sub(" ", _INVISIBLE.sub("", line)).strip()


def plain(text: str) -> str:
    """For comparing words: straight quotes and dashes, one case."""
    return clean(text).translate(_QUOTES).casefold()


def split_lines(text: str) -> list[str]:
    """Lines as an editor numbers them, whatever the line endings."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def read_page(text: str) -> NcsiPage:
    """The page's data; InputError when the text holds no NCSI indicator at all."""
    lines = split_lines(text)
    if len(lines) > MAX_LINES:
        raise InputError(f"{len(lines)} lines: far longer than any NCSI country page",
                         hint="is this the right file?")
    page = NcsiPage()
    state = "page"  # page | requirements | evidence | guidance | contributors | footer
    current: PageIndicator | None = None
    seen: dict[str, int] = {}
    for n, raw in enumerate(lines, 1):
        s = clean(raw)
        if not s:
            continue
        # A separator glued to the end of a line (`... in Estonia. -`) ends the item too.
        glued = s != "-" and s.endswith(" -") and state not in ("contributors", "footer")
        if glued:
            s = s[:-2].rstrip()
        low = plain(s)
        short = len(s) <= _MAX_STRUCTURE  # headings, section and indicator lines are short
        if state in ("contributors", "footer"):
            if state == "contributors" and s != "-" and len(s) <= 200 and not _FOOTER.search(s):
                if s not in page.contributors:
                    page.contributors.append(s)
            else:
                state = "footer"
            continue
        if low == "contributors":
            state, current = "contributors", None
        elif short and "digital development" in low and "rank" in low:
            page.comparison_view = True
        elif short and not page.indicators and not page.version_text and (
            m := _VERSION.search(s)
        ):
            _version(page, m, n)
        elif short and (m := _INDICATOR.match(s)) and (state != "evidence" or _plausible(m)):
            current, state = _indicator(page, m, n, seen), "requirements"
        elif short and (m := _SECTION.match(s)) and state != "requirements" and _named(m[2]):
            page.sections.append(PageSection(m[1], m[2], int(m[3]), int(m[4]), int(m[5]), n))
            state, current = "page", None
        elif short and _is_heading(s):
            page.headings.append((n, s))
            state, current = "page", None
        elif s == "-" or low.startswith(_FURNITURE):
            state, current = "page", None
        elif current is None:
            pass
        elif state == "requirements" and low == "evidence":
            state = "evidence"
        elif state == "evidence":
            if low.lstrip("•·*- ").startswith(_GUIDANCE):
                state = "guidance"
            else:
                _evidence(current, s, low, n)
        if glued:
            state, current = "page", None
    if not page.indicators:
        raise InputError(_not_a_page(page), hint=_NOT_A_PAGE_HINT)
    _methodology(page)
    return page


_NOT_A_PAGE_HINT = (
    "open the country's page on ncsi.ega.ee, show all indicators with their evidence, "
    "select all (Ctrl+A), copy, paste into a text file and import that file; "
    "see docs/import.md"
)


def _not_a_page(page: NcsiPage) -> str:
    if page.comparison_view:
        return ("the text looks like the NCSI comparison view (ranking with digital "
                "development), which shows no evidence, not a country page")
    if page.sections:
        return (f"the text holds {len(page.sections)} NCSI section line(s) but no indicator "
                "lines such as '1.1. Cyber security policy unit 333'")
    return ("not an NCSI country page: no indicator lines such as "
            "'1.1. Cyber security policy unit 333' were found")


def _named(name: str) -> bool:
    return any(c.isalpha() for c in name)


def _plausible(m: re.Match[str]) -> bool:
    """Inside evidence, `2.1. Law no. 123` is text: a real indicator line repeats its points."""
    return m[4] == m[5] and int(m[4]) <= int(m[6])


def _is_heading(s: str) -> bool:
    return bool(_HEADING.match(s)) or plain(s).upper() in KNOWN_HEADINGS


def _version(page: NcsiPage, m: re.Match[str], n: int) -> None:
    page.version_text, page.version_line = m[0], n
    month = _MONTHS.get(m[2][:3].lower())
    try:
        if month is None:
            raise ValueError(m[2])
        page.version = dt.date(int(m[3]), month, int(m[1]))
    except ValueError:
        page.warnings.append(PageWarning(n, f"'{m[0]}' is not a date the importer can read; "
                                         "the reference date is today", "version-date"))


def _indicator(page: NcsiPage, m: re.Match[str], n: int, seen: dict[str, int]) -> PageIndicator:
    uid = f"{int(m[1])}.{int(m[2])}"
    first, again, maximum = int(m[4]), int(m[5]), int(m[6])
    ind = PageIndicator(uid, m[3], first, maximum, n)
    if first != again:
        page.warnings.append(PageWarning(
            n, f"{uid}: the awarded points are printed as {first} and {again}; "
            f"{first} is used", "points-twice"))
    if uid in seen:
        page.warnings.append(PageWarning(
            n, f"{uid} appears again (first at line {seen[uid]}); this copy is ignored",
            "duplicate-id"))
    else:
        seen[uid] = n
        page.indicators.append(ind)
    return ind


def _evidence(ind: PageIndicator, s: str, low: str, n: int) -> None:
    if low.startswith("evidence presented in a foreign language"):
        ind.foreign_language = True
        return
    known = {u for _, u in ind.urls}
    for u in map(trim_url, URL.findall(s)):
        if u not in known and len(u) > len("https://x"):
            ind.urls.append((n, u))
            known.add(u)
    if URL.sub("", s).strip(" -:;,.()"):
        ind.evidence.append((n, s))


def trim_url(url: str) -> str:
    """A URL without the sentence punctuation a page puts after it (balanced ')' kept)."""
    while url and url[-1] in ".,;:!?'\"]}>)":
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


def _methodology(page: NcsiPage) -> None:
    """Headings decide; without them, capitalised section names (3.0) or Title case (2.0)."""
    for n, h in page.headings:
        m = KNOWN_HEADINGS.get(plain(h).upper())
        if m:
            page.methodology, page.methodology_line = m, n
            page.methodology_basis = f"heading '{h}'"
            return
    named = [s for s in page.sections if any(c.isalpha() for c in s.name)]
    if named:
        capitals = sum(s.name == s.name.upper() for s in named)
        first = named[0]
        page.methodology = "3.0" if capitals * 2 > len(named) else "2.0"
        page.methodology_line = first.line
        kind = "capitalised" if page.methodology == "3.0" else "Title case"
        page.methodology_basis = f"{kind} section names such as '{first.name}'"
