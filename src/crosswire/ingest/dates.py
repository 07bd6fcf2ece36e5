"""Absolute calendar dates as pages print them ("14 October 2020 - 22:05", "Mon. Jun 10th, 2024").

Only explicit dates with a year are recognised: a page's metadata is never
completed by guessing a missing year or resolving "yesterday".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_WEEKDAY = (
    r"(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?"
    r"|sat(?:urday)?|sun(?:day)?)\.?,?"
)
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_TIME = (
    r"(?:\s*(?:[-–—|,@]|at)?\s*[0-2]?\d[:.][0-5]\d(?:[:.][0-5]\d)?\s*(?:[ap]\.?m\.?)?"
    r"\s*(?:[A-Z]{2,4}|[+-]\d\d:?\d\d)?)"
)

_FORMS = [
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?!\d)"),
    re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)/(?P<month>[01]?\d)/(?P<day>[0-3]?\d)(?!\d)"),
]
_YEAR_HINT = re.compile(r"(?:19|20)\d\d")
_WEEKDAY_RE = re.compile(rf"\b{_WEEKDAY}", re.IGNORECASE)
_FILLER = re.compile(rf"^[\W_]*(?:{_WEEKDAY})?[\W_]*$|^\W*{_TIME}?\W*$", re.IGNORECASE)


@dataclass(frozen=True)
class DateMatch:
    """A date found in a line: the ISO value and where it stood."""

    value: str
    start: int
    end: int
    weekday: bool


def _to_iso(match: re.Match[str]) -> str | None:
    month_text = match.group("month").lower().rstrip(".")
    month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text)
    try:
        return date(int(match.group("year")), month or 0, int(match.group("day"))).isoformat()
    except ValueError:
        return None


def find_dates(text: str) -> list[DateMatch]:
    """Every explicit day-precision date in ``text``, in order of appearance."""
    if not _YEAR_HINT.search(text):
        return []
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []
    for form in _FORMS:
        for match in form.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            value = _to_iso(match)
            if value:
                weekday = bool(_WEEKDAY_RE.search(text[max(0, match.start() - 12) : match.start()]))
                found.append(DateMatch(value, match.start(), match.end(), weekday))
                taken.append((match.start(), match.end()))
    return sorted(found, key=lambda m: m.start)


def date_only(line: str) -> DateMatch | None:
    """The date if ``line`` holds nothing but a date (with weekday and time at most)."""
    dates = find_dates(line)
    if len(dates) != 1:
        return None
    match = dates[0]
    before, after = line[: match.start], line[match.end :]
    if _FILLER.match(before) and (_FILLER.match(after) or re.fullmatch(rf"\W*{_TIME}\W*", after)):
        return match
    return None


def parse_date(value: str) -> str | None:
    """The ISO date in a metadata value ("2020-10-14T22:05:00Z", "Oct 14, 2020"), or None."""
    dates = find_dates(value)
    return dates[0].value if dates else None
