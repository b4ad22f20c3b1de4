"""Country names and codes: ISO 3166-1 alpha-2 codes, short names and other spellings.

Bundled data, no network: ``data/countries.tsv`` (code and the short name shown) and
``data/country_aliases.tsv`` (other spellings: ISO 3166 short names, the UN's and the NCSI
site's names, common former names). A name is matched after folding case, accents,
typographic apostrophes and a leading "The", so "Côte d’Ivoire", "cote d'ivoire" and
"CÔTE D'IVOIRE" are one country.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from functools import cache
from importlib import resources

from ncsi_tui.core.errors import InputError

__all__ = ["countries", "country_code", "find_countries", "fold", "match_country"]

#: Codes people use that ISO 3166-1 spells otherwise (EU usage, old habits).
COMMON_MISTAKES = {"UK": "GB", "EL": "GR"}
#: ISO 3166-1 user-assigned codes: usable for fictional or training countries.
USER_ASSIGNED = re.compile(r"^(AA|Q[M-Z]|X[A-Z]|ZZ)$")
_APOSTROPHES = str.maketrans({c: "'" for c in "’‘ʼ`´′"})
_SPACE = re.compile(r"\s+")


def _read(name: str) -> list[tuple[str, str]]:
    text = resources.files("ncsi_tui.core.model").joinpath(f"data/{name}").read_text("utf-8")
    rows = []
    for line in text.splitlines():
        if line and not line.startswith("#"):
            code, value = line.split("\t", 1)
            rows.append((code, value.strip()))
    return rows


@cache
def countries() -> dict[str, str]:
    """ISO 3166-1 alpha-2 code -> short name (plus XK, Kosovo). Bundled: no network."""
    return dict(_read("countries.tsv"))


@cache
def _names() -> dict[str, str]:
    """Folded name or alias -> code: every spelling this module knows."""
    known = countries()
    out = {fold(name): code for code, name in known.items()}
    for code, alias in _read("country_aliases.tsv"):
        if code not in known:  # pragma: no cover - a data error the tests catch
            raise ValueError(f"country_aliases.tsv: unknown code {code}")
        out.setdefault(fold(alias), code)
    return out


def fold(text: str) -> str:
    """A name as compared: no accents, straight apostrophes, one case, single spaces,
    no leading "the " ("Côte d’Ivoire" -> "cote d'ivoire")."""
    s = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = _SPACE.sub(" ", s).strip().casefold()
    return s.removeprefix("the ")


def find_countries(query: str, limit: int = 8) -> list[tuple[str, str]]:
    """Countries whose code, name or other spelling matches what was typed, best first:
    (code, short name) pairs, for suggestions."""
    q = fold(query)
    if not q:
        return []
    known = countries()
    ranks: dict[str, int] = {}
    for name, code in _names().items():
        if q == code.casefold() or q == name:
            rank = 0
        elif name.startswith(q):
            rank = 1
        elif q in name:
            rank = 2
        else:
            continue
        ranks[code] = min(rank, ranks.get(code, 3))
    order = sorted(ranks, key=lambda c: (ranks[c], known[c]))
    return [(c, known[c]) for c in order[:limit]]


def closest(query: str, limit: int = 3) -> list[tuple[str, str]]:
    """The countries nearest to a misspelt name or code (for "did you mean")."""
    q = fold(query)
    known = countries()
    out = [c for c, _ in find_countries(query, limit)]
    if q.upper() in COMMON_MISTAKES:
        out.insert(0, COMMON_MISTAKES[q.upper()])
    names = _names()
    for name in difflib.get_close_matches(q, list(names), n=limit * 2, cutoff=0.6):
        out.append(names[name])
    seen: list[str] = []
    for c in out:
        if c not in seen:
            seen.append(c)
    return [(c, known[c]) for c in seen[:limit]]


def unknown_country(text: str) -> str:
    """The message for a name or code that is no country: says what is wrong, suggests."""
    near = closest(text)
    hint = f" (did you mean {'; '.join(f'{c} {n}' for c, n in near)}?)" if near else ""
    return f"'{text.strip()}' is not an ISO 3166-1 country name or code{hint}"


def match_country(text: str) -> str | None:
    """The code of the country a text names exactly (a code, a name or another spelling,
    folded as :func:`fold` does), or None."""
    s = text.strip()
    if len(s) == 2 and s.upper() in countries():
        return s.upper()
    return _names().get(fold(s))


def country_code(text: str) -> str:
    """The code of a country given by code or by name ("RS", "Serbia", "Viet Nam",
    "Korea (Republic of)", "Côte d’Ivoire"). A two-letter text is returned upper-cased
    for the Country model to check (user-assigned codes such as XE are allowed there).

    Raises InputError naming the closest countries when nothing matches."""
    s = text.strip()
    if len(s) == 2 and s.isalpha() and s.isascii():
        return s.upper()
    code = match_country(s)
    if code is None:
        raise InputError(
            unknown_country(s),
            hint="give the country's ISO 3166-1 alpha-2 code (e.g. RS) or its name "
            "(e.g. Serbia); a fictional or training country takes a user-assigned code "
            "(XA to XZ) and its name",
        )
    return code
