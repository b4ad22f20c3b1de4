"""The one rule per field (core/model/fields.py): URL, date, time. Cases from issues 16 and 19,
and properties: no text makes a rule raise, and a rule agrees with what it parses."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ncsi_tui.core.model.fields import (
    date_problem,
    is_http_url,
    normal_time,
    parse_date,
    time_problem,
    url_problem,
)

#: URLs the dialog let through and the readiness check then rejected (issue 19.5), and the
#: one that crashed three commands and the app (issue 16.5). Shared with the app and CLI tests.
BAD_URLS = {
    "htp://gov.me/zakon": "'htp:', not http: or https:",
    "gov.me/zakon": "not a full address",
    "ftp://gov.me/x": "'ftp:', not http: or https:",
    "https://": "names no host",
    "javascript:alert(1)": "'javascript:', not http: or https:",
    "http://[bad": "cannot be read",
}
GOOD_URLS = ["https://gov.me/zakon", "http://www.example.gov/page?x=1#a", "HTTPS://Gov.ME",
             "https://[2001:db8::1]/x", "http://intranet.local:8080/doc"]


@pytest.mark.parametrize(("url", "words"), BAD_URLS.items())
def test_bad_urls_are_refused_naming_the_problem(url: str, words: str) -> None:
    problem = url_problem(url)
    assert problem is not None and words in problem
    assert not is_http_url(url)


@pytest.mark.parametrize("url", GOOD_URLS)
def test_good_urls_pass(url: str) -> None:
    assert url_problem(url) is None


@pytest.mark.parametrize(("text", "words"), [
    ("2025-13-45", "month 13 does not exist"),
    ("2025-02-30", "day 30 does not exist: February 2025 has 28 days"),
    ("2025-00-10", "month 0 does not exist"),
    ("31.12.2025", "write the date as YYYY-MM-DD"),
    ("", "is not a date"),
])
def test_bad_dates_name_the_actual_problem(text: str, words: str) -> None:
    assert words in (date_problem(text) or "")
    with pytest.raises(ValueError, match=words.split(":")[0]):
        parse_date(text)


def test_a_leap_day_is_a_date() -> None:
    assert date_problem("2024-02-29") is None
    assert parse_date("2024-02-29") == dt.date(2024, 2, 29)


@pytest.mark.parametrize(("text", "words"), [
    ("9-12", "'9' is not a time: write HH:MM"),
    ("25:00", "hour 25 does not exist"),
    ("09:61", "minute 61 does not exist"),
    ("11:00-09:00", "ends (09:00) before it starts (11:00)"),
    ("morning", "is not a time"),
])
def test_bad_times_name_the_actual_problem(text: str, words: str) -> None:
    assert words in (time_problem(text) or "")


def test_times_are_written_zero_padded() -> None:
    assert normal_time("9:30-11:00") == "09:30-11:00"
    assert normal_time("  ") == ""
    with pytest.raises(ValueError, match="hour 24"):
        normal_time("24:00")


@given(st.text(max_size=60))
def test_no_text_makes_the_url_rule_raise(text: str) -> None:
    problem = url_problem(text)
    assert problem is None or problem.strip()


@given(st.sampled_from(["http", "https"]),
       st.from_regex(r"[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?(\.[a-z]{2,6}){1,2}", fullmatch=True),
       st.from_regex(r"(/[A-Za-z0-9._~-]{0,12}){0,3}", fullmatch=True))
def test_every_absolute_http_url_with_a_host_passes(scheme: str, host: str, path: str) -> None:
    assert url_problem(f"{scheme}://{host}{path}") is None


@given(st.from_regex(r"[a-z][a-z0-9+.-]{0,8}", fullmatch=True).filter(
    lambda s: s not in ("http", "https")), st.text(max_size=20))
def test_every_other_scheme_is_refused(scheme: str, rest: str) -> None:
    assert url_problem(f"{scheme}://gov.me/{rest}") is not None


@given(st.text(max_size=12))
def test_the_date_rule_agrees_with_the_calendar(text: str) -> None:
    problem = date_problem(text)
    if problem is None:
        assert isinstance(parse_date(text), dt.date)
    else:
        with pytest.raises(ValueError):
            parse_date(text)


@given(st.integers(1900, 2100), st.integers(-1, 14), st.integers(-1, 33))
def test_a_date_passes_exactly_when_the_calendar_has_it(y: int, m: int, d: int) -> None:
    text = f"{y:04d}-{m:02d}-{d:02d}"
    try:
        expected: dt.date | None = dt.date(y, m, d)
    except ValueError:
        expected = None
    assert (date_problem(text) is None) == (expected is not None) or m < 0 or d < 0
    if expected is not None:
        assert parse_date(text) == expected
