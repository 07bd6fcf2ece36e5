"""Calendar arithmetic and TIMEX3 value formatting used by the time normaliser.

Values follow TimeML: ``2020-10-14``, ``2020-10``, ``2020``, ``199`` (a decade),
``19`` (a century), ``2020-W42`` (ISO week), ``2020-W41-WE`` (a weekend),
``2020-Q3``, ``2020-H1``, ``2020-SU`` (a season), ``2020-10-14TNI`` (a part of day),
``2020-10-14T09:30``; durations are ISO 8601 (``P3W``, ``PT10H``, ``PXY`` when vague).
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
# First month of each season (northern hemisphere, as TimeML assumes).
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def day(d: date) -> str:
    return d.isoformat()


def month(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


def year(d: date) -> str:
    return f"{d.year:04d}"


def week(d: date) -> str:
    iso = d.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


def weekend(d: date) -> str:
    """The weekend of the ISO week containing ``d``."""
    return week(d) + "-WE"


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def add_months(d: date, months: int) -> date:
    """``d`` moved by whole months, the day clipped to the target month's length."""
    index = d.year * 12 + d.month - 1 + months
    y, m = divmod(index, 12)
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def add_years(d: date, years: int) -> date:
    return add_months(d, 12 * years)


def shift_weekday(anchor: date, weekday: int, direction: str) -> date:
    """The day with ``weekday`` (0 = Monday) relative to ``anchor``.

    ``past``: the most recent one, the anchor day itself included (a Wednesday
    report's "on Wednesday" is that day); ``future``: the next one, the anchor
    included; ``before``/``after``: strictly before/after ("last"/"next Friday").
    """
    back = (anchor.weekday() - weekday) % 7
    ahead = (weekday - anchor.weekday()) % 7
    if direction == "past":
        return anchor - timedelta(days=back)
    if direction == "future":
        return anchor + timedelta(days=ahead)
    if direction == "before":
        return anchor - timedelta(days=back or 7)
    return anchor + timedelta(days=ahead or 7)


def nearest_date(anchor: date, month_: int, day_: int, tense: str | None) -> date | None:
    """A month-day without a year: the occurrence nearest the anchor, bent by tense.

    A mention that would fall over three months after the anchor moves back a
    year unless the clause looks ahead (news mostly reports the past), and a
    future-tense one as far before it moves forward.
    """
    candidates = []
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidates.append(date(y, month_, day_))
        except ValueError:
            continue
    if not candidates:
        return None
    best = min(candidates, key=lambda c: abs((c - anchor).days))
    if tense != "future" and (best - anchor).days > 90:
        best = add_years(best, -1)
    elif tense == "future" and (anchor - best).days > 90:
        best = add_years(best, 1)
    return best


def month_near(anchor: date, month_: int, tense: str | None, relation: str | None = None) -> str:
    """A month name without a year: "last"/"next" pick the side; a past (future) tense takes
    this year's unless it lies over two months ahead (behind); otherwise the nearest one."""
    y = anchor.year
    ahead = month_ - anchor.month
    if relation == "last":
        y -= month_ >= anchor.month
    elif relation == "next":
        y += month_ <= anchor.month
    elif relation == "this":
        pass
    elif tense == "past":
        y -= ahead > 2
    elif tense == "future":
        y += ahead < -2
    elif ahead > 6:
        y -= 1
    elif ahead < -6:
        y += 1
    return f"{y:04d}-{month_:02d}"


def season_near(anchor: date, code: str, relation: str | None, tense: str | None) -> str:
    """A season's value: "last fall" is the latest one already over, "next spring" the coming one."""
    start = SEASON_START[code]
    began = anchor.month >= start
    current = began and anchor.month < start + 3
    y = anchor.year
    if relation == "last" or (relation is None and tense == "past"):
        if not began or (current and relation == "last"):
            y -= 1
    elif relation == "next" or (relation is None and tense == "future"):
        if began and (not current or relation == "next"):
            y += 1
    return f"{y:04d}-{code}"


def easter(year_: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year_ % 19, year_ // 100, year_ % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month_, day_ = divmod(h + l_ - 7 * m + 114, 31)
    return date(year_, month_, day_ + 1)


def nth_weekday(year_: int, month_: int, weekday: int, n: int) -> date:
    """The n-th given weekday of a month (Thanksgiving: 4th Thursday of November)."""
    first = date(year_, month_, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


_FRACTION_UNITS = {"H": ("M", 60), "M": ("S", 60)}


def duration(amount: float | None, unit: str) -> str:
    """ISO 8601 duration: ``duration(3, "W")`` → ``P3W``; hours, minutes, seconds take ``T``.

    Units are Y, Q, M (month), W, D, H, MIN, S; ``None`` amounts give ``X``
    ("several days" → ``PXD``); decades and centuries come in as years.
    """
    clock = unit in {"H", "MIN", "S"}
    code = "M" if unit == "MIN" else unit
    prefix = "PT" if clock else "P"
    if amount is None:
        return f"{prefix}X{code}"
    whole = int(amount)
    if amount == whole:
        return f"{prefix}{whole}{code}"
    if clock and code in _FRACTION_UNITS:
        small, factor = _FRACTION_UNITS[code]
        rest = round((amount - whole) * factor)
        return f"PT{whole}{code}{rest}{small}" if whole else f"PT{rest}{small}"
    return f"{prefix}{amount:g}{code}"


_DAY_VALUE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def calendar_date(value: str | None) -> tuple[str, str] | None:
    """The calendar part of a TIMEX3 value and its precision, for stages that place events.

    ``2020-10-14TNI`` → (``2020-10-14``, ``day``); ``2020-10`` → (``2020-10``, ``month``);
    ``2020-W42`` and ``2020-Q3`` → (``2020``, ``year``); durations and ``PRESENT_REF`` → None.
    """
    match = _DAY_VALUE.match(value or "")
    if not match:
        return None
    y, m, d = match.groups()
    if d:
        return f"{y}-{m}-{d}", "day"
    if m:
        return f"{y}-{m}", "month"
    return y, "year"
