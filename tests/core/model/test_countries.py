"""Country names as officials type or paste them (issue 23, fault 3).

The spellings come from the NCSI site's country list (/work/shared/cases/
country-names-from-ncsi-site.txt), ISO 3166-1's short names and the UN's names of its
member and observer states.
"""

from __future__ import annotations

import pytest

from ncsi_tui.core.errors import InputError
from ncsi_tui.core.model.countries import (
    _read,
    countries,
    country_code,
    find_countries,
    fold,
    match_country,
)

SPELLINGS = [
    # as the NCSI site prints them
    ("Korea (Republic of)", "KR"),
    ("Tanzania, United Republic of", "TZ"),
    ("Lao PDR", "LA"),
    ("The Bahamas", "BS"),
    ("Vatican City", "VA"),
    ("Côte d’Ivoire", "CI"),
    ("Viet Nam", "VN"),
    ("Türkiye", "TR"),
    ("Czechia", "CZ"),
    ("North Macedonia", "MK"),
    ("Eswatini", "SZ"),
    ("Kosovo", "XK"),
    # the UN's names
    ("Republic of Korea", "KR"),
    ("Democratic People's Republic of Korea", "KP"),
    ("United Republic of Tanzania", "TZ"),
    ("Lao People's Democratic Republic", "LA"),
    ("Bolivia (Plurinational State of)", "BO"),
    ("Iran (Islamic Republic of)", "IR"),
    ("Venezuela (Bolivarian Republic of)", "VE"),
    ("Micronesia (Federated States of)", "FM"),
    ("Republic of Moldova", "MD"),
    ("Syrian Arab Republic", "SY"),
    ("Russian Federation", "RU"),
    ("United Kingdom of Great Britain and Northern Ireland", "GB"),
    ("United States of America", "US"),
    ("Democratic Republic of the Congo", "CD"),
    ("State of Palestine", "PS"),
    ("Holy See", "VA"),
    ("Cabo Verde", "CV"),
    ("Brunei Darussalam", "BN"),
    ("Netherlands (Kingdom of the)", "NL"),
    ("Gambia", "GM"),
    # ISO 3166-1 short names
    ("Korea, Republic of", "KR"),
    ("Iran, Islamic Republic of", "IR"),
    ("Moldova, Republic of", "MD"),
    ("Bolivia, Plurinational State of", "BO"),
    ("Venezuela, Bolivarian Republic of", "VE"),
    ("Taiwan, Province of China", "TW"),
    ("Congo, The Democratic Republic of the", "CD"),
    # case, accents and apostrophes folded
    ("côte d'ivoire", "CI"),
    ("COTE D’IVOIRE", "CI"),
    ("  viet   nam ", "VN"),
    ("Turkiye", "TR"),
    ("serbia", "RS"),
    ("rs", "RS"),
]


@pytest.mark.parametrize(("spelling", "code"), SPELLINGS)
def test_a_country_spelled_as_the_ncsi_un_or_iso_list_does_resolves(
    spelling: str, code: str
) -> None:
    assert country_code(spelling) == code
    assert match_country(spelling) == code


def test_the_table_holds_at_least_30_distinct_spellings() -> None:
    assert len({fold(s) for s, _ in SPELLINGS}) >= 30


def test_every_alias_names_a_known_country_and_no_alias_names_two() -> None:
    known = countries()
    seen: dict[str, str] = {fold(n): c for c, n in known.items()}
    for code, alias in _read("country_aliases.tsv"):
        assert code in known, alias
        assert seen.setdefault(fold(alias), code) == code, alias


def test_an_unknown_name_says_name_or_code_and_suggests_the_closest() -> None:
    with pytest.raises(InputError) as err:
        country_code("Korea (Republic)")
    msg = str(err.value)
    assert "country name or code" in msg and "KR South Korea" in msg
    with pytest.raises(InputError, match=r"country name or code.*RS Serbia"):
        country_code("Serbai")


def test_suggestions_while_typing_find_other_spellings() -> None:
    assert find_countries("viet")[0] == ("VN", "Vietnam")
    assert ("KR", "South Korea") in find_countries("republic of korea")
