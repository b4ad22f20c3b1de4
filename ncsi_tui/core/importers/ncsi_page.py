"""Import an NCSI country page (text copied from the browser) as an assessment to review.

One public entry point, :func:`import_ncsi_page`, shared by ``ncsi import ncsi-page`` and
the app's new-assessment dialog. It reads the page (``ncsi_page_text``), picks the
installed catalogue of the page's methodology (by the catalogue's data: framework
``ncsi``, scoring ``points``, its ``methodology``), maps indicators by id, and
cross-checks the page against itself and the catalogue. Mismatches are warnings with the
page's line numbers; only text that is not an NCSI page, or a methodology with no
catalogue installed, is refused (InputError).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from ncsi_tui.core.disk import decode_text, read_bytes
from ncsi_tui.core.errors import InputError
from ncsi_tui.core.files.session import current_user, now
from ncsi_tui.core.importers.ncsi_page_text import (
    NcsiPage,
    PageIndicator,
    PageWarning,
    plain,
    read_page,
)
from ncsi_tui.core.model.assessment import Assessment, Country, Record, Reference
from ncsi_tui.core.model.catalogue import Catalogue, Catalogues, user_catalogue_dir
from ncsi_tui.core.model.countries import country_code

__all__ = ["PageImport", "PageWarning", "import_ncsi_page", "read_page", "read_page_file"]

#: The `framework` field of NCSI catalogues (data in the catalogue, not an id).
PAGE_FRAMEWORK = "ncsi"
IMPORTED_KIND = "unspecified"
_WEB_LINK = re.compile(r"\bweb\s*link\s*(\d+)", re.IGNORECASE)
_WEB_LINK_PAREN = re.compile(r"\s*\(?\bweb\s*link\s*\d+\)?", re.IGNORECASE)
_TITLE_MAX = 160

HOW_TO_ADD = (
    "add a catalogue of that methodology: fill in a sheet from the methodology document "
    "(columns as in docs/catalogue-sheet-example.csv), then run "
    "`ncsi catalogue from-csv SHEET.csv --id ncsi-{m} --title \"National Cyber Security "
    "Index {m}\" -o {folder}/ncsi-{m}.toml` (or write it into a folder you pass with "
    "--catalogue-dir) and import again; see docs/import.md"
)


@dataclass
class PageImport:
    """The result: an unsaved assessment, its catalogue, and what to review."""

    assessment: Assessment
    catalogue: Catalogue
    page: NcsiPage
    warnings: list[PageWarning]

    @property
    def references(self) -> int:
        return sum(len(r.references) for r in self.assessment.indicators.values())


def import_ncsi_page(
    text: str,
    catalogues: Catalogues,
    country: str | Country,
    title: str = "",
    framework: str | None = None,
    *,
    country_name: str = "",
    source: str = "",
    path: Path | None = None,
    today: dt.date | None = None,
) -> PageImport:
    """Page text -> assessment (not saved) + warnings. InputError when it cannot be used.

    `framework` forces a catalogue (id, or a name such as `ncsi` for the newest);
    without it, the installed NCSI catalogue of the page's methodology is used.
    `source` names where the text came from (a file name, a URL) for the provenance;
    `path`, when the text came from a file, is named in errors about the page.
    """
    the_country = _country(country, country_name)
    try:
        page = read_page(text)
    except InputError as exc:
        exc.path = exc.path or path
        raise
    try:
        cat, warnings = choose_catalogue(page, catalogues, framework)
    except InputError as exc:
        if exc.line is not None:  # about the page (its methodology), not about a catalogue
            exc.path = exc.path or path
        raise
    today = today or dt.date.today()
    warnings = [*page.warnings, *warnings, *cross_check(page, cat)]
    records, more = records_from_page(page, cat)
    warnings += more
    ref_date = page.version or today
    if page.version is None and not page.version_text:
        warnings.append(PageWarning(None, "no date stamp ('Version 3 Dec 2019') found; the "
                                    "reference date is today: set the right one", "version-date"))
    day = f"{page.version.day} {page.version:%B %Y}" if page.version else ""
    stamp = f"version of {day}" if day else "undated"
    method = f"methodology {page.methodology}, " if page.methodology else ""
    provenance = (f"NCSI country page ({method}{stamp}), imported"
                  + (f" from {source}" if source else "") + f" on {today.isoformat()}")
    default_title = f"{the_country.name}: NCSI country page" + (f" of {day}" if day else "")
    try:
        assessment = Assessment.checked(  # made here from checked parts: no pydantic needed
            framework=cat.id,
            country=the_country,
            title=title or default_title,
            reference_date=ref_date,
            organisations=page.contributors,
            source=provenance,
            indicators=records,
        )
    except ValueError as exc:  # defensive: every field above is built to be valid
        raise InputError(f"the page gives no valid assessment: {exc}") from None
    warnings.sort(key=lambda w: (w.line is None, w.line or 0))
    return PageImport(assessment, cat, page, warnings)


def read_page_file(path: Path) -> str:
    """The text of a saved page: UTF-8 (with or without BOM) or UTF-16 as Notepad writes it."""
    path = Path(path)
    raw = read_bytes(path, what="saved page")
    return decode_text(raw, path, what="the text of a page",
                       hint="paste the copied page into a plain text file (.txt)")


def _country(country: str | Country, name: str) -> Country:
    if isinstance(country, Country):
        return country
    try:
        return Country.checked(code=country_code(country), name=name)
    except ValueError as exc:
        msg = str(exc)
        raise InputError(
            f"country: {msg}",
            hint="give an ISO 3166-1 alpha-2 code such as EE; a fictional or training country "
            "takes a user-assigned code (XA to XZ) and its name",
        ) from None


# --- which catalogue ----------------------------------------------------------------


def ncsi_catalogues(catalogues: Catalogues) -> list[Catalogue]:
    """Installed catalogues that an NCSI page can fill: NCSI framework, points scoring."""
    out = []
    for cid in catalogues.ids:
        try:
            cat = catalogues.get(cid)
        except InputError:  # a broken catalogue is reported by `ncsi frameworks`
            continue
        if cat.framework == PAGE_FRAMEWORK and cat.scoring == "points":
            out.append(cat)
    return out


def choose_catalogue(
    page: NcsiPage, catalogues: Catalogues, framework: str | None
) -> tuple[Catalogue, list[PageWarning]]:
    """The catalogue to import into, and a warning when it is not the page's methodology."""
    if framework:
        cat = catalogues.get(framework)
        if cat.scoring != "points":
            raise InputError(
                f"{cat.id} is a {cat.scoring} model; an NCSI page gives points per indicator",
                hint="choose an NCSI catalogue with --framework, or leave it out",
            )
        if page.methodology and cat.methodology != page.methodology:
            return cat, [PageWarning(
                page.methodology_line,
                f"the page is NCSI methodology {page.methodology} ({page.methodology_basis}) "
                f"but {cat.id} is methodology {cat.methodology}: the same id may mean another "
                "indicator; check every one", "methodology")]
        return cat, []
    found = ncsi_catalogues(catalogues)
    if page.methodology:
        same = [c for c in found if c.methodology == page.methodology]
        if same:
            return same[0], []
        have = ", ".join(f"{c.id} (methodology {c.methodology})" for c in found) or "none"
        raise InputError(
            f"this is an NCSI methodology {page.methodology} page "
            f"(line {page.methodology_line}: {page.methodology_basis}), and no methodology "
            f"{page.methodology} catalogue is installed (installed NCSI catalogues: {have})",
            line=page.methodology_line,
            hint=_how_to_add(page.methodology),
        )
    if not found:
        raise InputError("no NCSI catalogue is installed", hint=_how_to_add("2.0"))
    ranked = sorted(found, key=lambda c: -_fit(page, c))
    best = ranked[0]
    return best, [PageWarning(
        None, f"the page shows no heading or section line that tells its methodology; "
        f"{best.id} was chosen because {_fit(page, best)} of its {len(page.indicators)} "
        "indicators match by id and points (choose another with --framework)", "methodology")]


def _how_to_add(methodology: str) -> str:
    return HOW_TO_ADD.format(m=methodology, folder=user_catalogue_dir())


def _fit(page: NcsiPage, cat: Catalogue) -> int:
    return sum(1 for i in page.indicators
               if (u := cat.unit_index.get(i.id)) is not None and u.points == i.maximum)


# --- cross-checks -------------------------------------------------------------------


def _percent(points: int, maximum: int) -> int:
    if maximum <= 0:
        return 0
    return int((Decimal(points) * 100 / maximum).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def cross_check(page: NcsiPage, cat: Catalogue) -> list[PageWarning]:
    """The page against itself (section figures) and against the catalogue (points, ids)."""
    out: list[PageWarning] = []
    by_section: dict[str, list[PageIndicator]] = defaultdict(list)
    for ind in page.indicators:
        by_section[ind.section_id].append(ind)
    leaf = {g.id: g for g in cat.leaf_groups}
    for sec in page.sections:
        shown = f"{sec.earned}/{sec.maximum}"
        inds = by_section.get(sec.id, [])
        if inds:
            earned, mx = sum(i.earned for i in inds), sum(i.maximum for i in inds)
            if (earned, mx) != (sec.earned, sec.maximum):
                out.append(PageWarning(sec.line, f"section {sec.id} shows {shown} but its "
                                       f"indicators on the page add up to {earned}/{mx}",
                                       "section-sum"))
        if sec.percent != _percent(sec.earned, sec.maximum):
            out.append(PageWarning(sec.line, f"section {sec.id} shows {shown} as {sec.percent}%;"
                                   f" {shown} is {_percent(sec.earned, sec.maximum)}%",
                                   "section-percent"))
        group = leaf.get(sec.id)
        if group is not None:
            gmax = sum(u.points or 0 for u in group.units)
            if gmax != sec.maximum:
                out.append(PageWarning(sec.line, f"section {sec.id} has a maximum of "
                                       f"{sec.maximum} on the page but {gmax} in {cat.id}",
                                       "section-max"))
    for ind in page.indicators:
        unit = cat.unit_index.get(ind.id)
        if unit is None:
            out.append(PageWarning(ind.line, f"indicator {ind.id} ('{ind.name}') is not in "
                                   f"{cat.id}; not imported", "unknown-id"))
            continue
        if unit.points is not None and unit.points != ind.maximum:
            out.append(PageWarning(ind.line, f"{ind.id}: the page gives {ind.maximum} point(s) "
                                   f"as its maximum, {cat.id} gives {unit.points}",
                                   "points-max"))
        if difflib.SequenceMatcher(None, plain(ind.name), plain(unit.name)).ratio() < 0.6:
            out.append(PageWarning(ind.line, f"{ind.id}: the page names it '{ind.name}', "
                                   f"{cat.id} '{unit.name}': is the page of another "
                                   "methodology?", "name"))
    on_page = {i.id for i in page.indicators}
    sec_line = {s.id: s.line for s in page.sections}
    for group in cat.leaf_groups:
        missing = [u.id for u in group.units if u.id not in on_page]
        if missing:
            out.append(PageWarning(
                sec_line.get(group.id), f"{cat.id} {cat.levels[-1]}(s) {', '.join(missing)} "
                f"of section {group.id} are not on the page; left not assessed", "missing-id"))
    return out


# --- mapping ------------------------------------------------------------------------


def records_from_page(
    page: NcsiPage, cat: Catalogue
) -> tuple[dict[str, Record], list[PageWarning]]:
    """One record per indicator the catalogue knows: status, evidence text, references."""
    records: dict[str, Record] = {}
    warnings: list[PageWarning] = []
    who, when = current_user(), now()
    for ind in page.indicators:
        if ind.id not in cat.unit_index:
            continue
        if ind.maximum > 0 and ind.earned == ind.maximum:
            status = "met"
        elif ind.earned == 0:
            status = "not-met"
        else:
            status = "not-assessed"
            warnings.append(PageWarning(ind.line, f"{ind.id}: {ind.earned} of {ind.maximum} "
                                        "point(s) is neither met nor not met; left not assessed",
                                        "partial"))
        refs, more = _references(ind)
        warnings += more
        notes = ("The NCSI page flags this evidence as presented in a foreign language."
                 if ind.foreign_language else "")
        records[ind.id] = Record.checked(
            status=status,  # type: ignore[arg-type]
            evidence="\n".join(t for _, t in ind.evidence),
            references=refs,
            notes=notes,
            reconfirm=True,
            updated_by=who,
            updated_at=when,
        )
    return records, warnings


def _references(ind: PageIndicator) -> tuple[list[Reference], list[PageWarning]]:
    """Every URL a reference; its title from the line that mentions it, else from the URL."""
    warnings: list[PageWarning] = []
    refs: list[Reference] = []
    texts = ind.evidence
    for n, text in texts:
        for k in map(int, _WEB_LINK.findall(text)):
            if not 1 <= k <= len(ind.urls):
                warnings.append(PageWarning(n, f"{ind.id}: mentions Web link {k}, but the "
                                            f"evidence holds {len(ind.urls)} link(s)",
                                            "web-link"))
    for k, (n, url) in enumerate(ind.urls, 1):
        title = next((t for _, t in texts if url in t), "")
        title = title or next(
            (t for _, t in texts if k in map(int, _WEB_LINK.findall(t))), "")
        if not title and len(ind.urls) == 1 and len(texts) == 1:
            title = texts[0][1]
        try:
            refs.append(Reference.checked(kind=IMPORTED_KIND,
                                          title=_title(title, url) or url_title(url), url=url))
        except ValueError:
            warnings.append(PageWarning(n, f"{ind.id}: '{url[:80]}' is not a usable URL; "
                                        "not made a reference", "url"))
    return refs, warnings


def _title(text: str, url: str) -> str:
    text = _WEB_LINK_PAREN.sub("", text.replace(url, "")).strip(" .,;:-")
    if text.count("(") > text.count(")"):
        text += ")"
    if len(text) > _TITLE_MAX:
        text = text[:_TITLE_MAX].rsplit(" ", 1)[0] + "…"
    return text


def url_title(url: str) -> str:
    """A readable title made from a URL: host and path, without scheme and `www.`."""
    t = re.sub(r"^https?://(www\.)?", "", url, flags=re.IGNORECASE).rstrip("/")
    return (t[:_TITLE_MAX] + "…") if len(t) > _TITLE_MAX else (t or url)
