"""One rule per typed field: a reference URL, a calendar date, a clock time.

Each rule returns ``None`` for a good value or a short sentence naming the actual problem
("month 13 does not exist", "'htp' is not http or https"). The same functions are used by
every place that takes the value: the CLI at input (exit 2 with the sentence), the app's
dialogs as the person types, and the readiness check for values already in a file (an
invalid URL there is a finding, never a crash). Pure functions, no I/O.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from urllib.parse import urlsplit

__all__ = [
    "date_problem",
    "is_http_url",
    "normal_time",
    "parse_date",
    "parse_time",
    "time_problem",
    "url_problem",
]

_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")
DATE_EXAMPLE = "write the date as YYYY-MM-DD, e.g. 2024-05-31"


def url_problem(url: str) -> str | None:
    """Why `url` is not an absolute http(s) URL with a host, or None if it is one.

    Never raises: a value urllib cannot parse ("http://[bad") is a problem, not an error.
    """
    text = url.strip()
    if not text:
        return "the URL is empty"
    if any(c.isspace() for c in text):
        return "a URL has no spaces"
    if len(text) > 2000:
        return "a URL is shorter than 2000 characters"
    try:
        parts = urlsplit(text)
        host = parts.hostname
        parts.port  # noqa: B018  (raises on a port that is not a number)
    except ValueError as exc:
        return f"the URL cannot be read ({exc}); write it in full, e.g. https://www.example.gov/page"
    scheme = parts.scheme.lower()
    if scheme and scheme not in ("http", "https"):
        return f"the address starts with '{parts.scheme}:', not http: or https:"
    if not scheme or not text.lower().startswith(f"{scheme}://"):
        rest = text.split(":", 1)[-1].lstrip("/") if scheme else text.lstrip("/")
        return (f"'{text}' is not a full address: write it with http:// or https://, "
                f"e.g. https://{rest}")
    if not host:
        return "the URL names no host (the site), e.g. https://www.example.gov/page"
    return None


def is_http_url(url: str) -> bool:
    """True if `url` is an absolute http(s) URL with a host (see :func:`url_problem`)."""
    return url_problem(url) is None


def date_problem(text: str) -> str | None:
    """Why `text` is not a calendar date written YYYY-MM-DD, or None if it is one."""
    m = _DATE.match(text.strip())
    if not m:
        return f"'{text.strip()}' is not a date: {DATE_EXAMPLE}"
    year, month, day = (int(g) for g in m.groups())
    if not 1 <= month <= 12:
        return f"month {month} does not exist (months are 01 to 12)"
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        return f"day {day} does not exist: {calendar.month_name[month]} {year} has {last} days"
    if year < 1900:
        return f"year {year} is too early for this work"
    return None


def parse_date(text: str) -> dt.date:
    """`text` (YYYY-MM-DD) as a date; ValueError carrying :func:`date_problem`'s sentence."""
    problem = date_problem(text)
    if problem:
        raise ValueError(problem)
    year, month, day = (int(g) for g in _DATE.match(text.strip()).groups())  # type: ignore[union-attr]
    return dt.date(year, month, day)


def time_problem(text: str) -> str | None:
    """Why `text` is not a clock time HH:MM or a range HH:MM-HH:MM, or None if it is one."""
    parts = text.strip().split("-")
    if len(parts) > 2 or not all(parts):
        return f"'{text.strip()}' is not a time: write HH:MM or HH:MM-HH:MM, e.g. 09:00-11:00"
    for part in parts:
        m = _TIME.match(part.strip())
        if not m:
            return f"'{part.strip()}' is not a time: write HH:MM, e.g. 09:30"
        hour, minute = int(m.group(1)), int(m.group(2))
        if hour > 23:
            return f"hour {hour} does not exist (hours are 00 to 23)"
        if minute > 59:
            return f"minute {minute} does not exist (minutes are 00 to 59)"
    if len(parts) == 2 and parse_time(parts[0]) >= parse_time(parts[1]):
        return f"the session ends ({parts[1].strip()}) before it starts ({parts[0].strip()})"
    return None


def parse_time(text: str) -> str:
    """One HH:MM time, zero-padded ('9:30' -> '09:30'); assumes :func:`time_problem` passed."""
    hour, minute = text.strip().split(":")
    return f"{int(hour):02d}:{int(minute):02d}"


def normal_time(text: str) -> str:
    """A session time as written in the file: '' stays '', '9:30-11:00' -> '09:30-11:00'.

    Raises ValueError carrying :func:`time_problem`'s sentence.
    """
    if not text.strip():
        return ""
    problem = time_problem(text)
    if problem:
        raise ValueError(problem)
    return "-".join(parse_time(p) for p in text.strip().split("-"))
