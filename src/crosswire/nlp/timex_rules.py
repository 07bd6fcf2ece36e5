"""The rule grammar for temporal expressions: lexicon, patterns and their normalisers.

Each :class:`Rule` pairs one precompiled pattern with a function turning a match
into a TIMEX3 type and value, given a :class:`Context` (the anchor date, the tense
around the mention, what was mentioned before), and with the trigger words near
which it can match. A pattern may mark the mention with a group named ``x``; text
outside it is context (a preposition) and not part of the mention. Relative
expressions need an anchor: without one their value is None. The conventions are
TimeML's (TIMEX3 values as in TimeBank), in the spirit of HeidelTime's rules.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from crosswire.model import TimeType
from crosswire.nlp import timex_calendar as cal

# --------------------------------------------------------------------------- lexicon

MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTH_ABBREVIATIONS = ["Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec"]

UNITS = {
    "second": "S",
    "minute": "MIN",
    "hour": "H",
    "day": "D",
    "night": "D",
    "week": "W",
    "fortnight": "W",
    "month": "M",
    "quarter": "Q",
    "year": "Y",
    "decade": "Y",
    "century": "Y",
}
# Units measured in another unit: a fortnight is 2 weeks, a decade 10 years.
UNIT_FACTOR = {"fortnight": 2, "decade": 10, "century": 100, "quarter century": 25, "half century": 50}

SMALL_NUMBERS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen".split()
    )
}
TENS = {
    w: 10 * i
    for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split())
    if w != "_"
}
ARTICLE_NUMBERS = {
    "a": 1,
    "an": 1,
    "a couple of": 2,
    "a couple": 2,
    "couple of": 2,
    "a dozen": 12,
    "dozen": 12,
    "half a": 0.5,
    "half an": 0.5,
    "a half": 0.5,
}
VAGUE_NUMBERS = {
    "few",
    "a few",
    "several",
    "some",
    "many",
    "dozens of",
    "hundreds of",
    "a number of",
    "the last few",
    "a couple more",
}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
SET_WORDS = {
    "hourly": "PT1H",
    "daily": "P1D",
    "nightly": "P1D",
    "weekly": "P1W",
    "biweekly": "P2W",
    "monthly": "P1M",
    "yearly": "P1Y",
}
REFERENCE_WORDS = {
    "now": "PRESENT_REF",
    "right now": "PRESENT_REF",
    "currently": "PRESENT_REF",
    "at present": "PRESENT_REF",
    "nowadays": "PRESENT_REF",
    "these days": "PRESENT_REF",
    "recently": "PAST_REF",
    "lately": "PAST_REF",
    "the past": "PAST_REF",
    "the future": "FUTURE_REF",
    "the near future": "FUTURE_REF",
}


def _alternation(words: list[str] | set[str]) -> str:
    """A regex alternation, longest first so that "twenty four" wins over "twenty"."""
    return "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words), key=len, reverse=True))


def _cased(words: list[str]) -> str:
    """Proper names matched case-sensitively: Title case or all capitals ("may" is a verb)."""
    forms = [w.title() for w in words] + [w.upper() for w in words]
    return "(?-i:" + "|".join(sorted(forms, key=len, reverse=True)) + r")(?![a-zA-Z])"


MONTH_WORD = _cased(MONTHS)
# Abbreviations only with a period unless a day number follows ("Mar" alone is not a month).
MONTH_ABBR_DOT = "(?-i:" + "|".join(a + r"\." for a in MONTH_ABBREVIATIONS) + ")"
MONTH_ABBR = "(?-i:" + "|".join(a + r"\.?" for a in MONTH_ABBREVIATIONS) + r")(?![a-zA-Z])"
MONTH = f"(?:{MONTH_WORD}|{MONTH_ABBR})"
MONTH_ALONE = f"(?:{MONTH_WORD}|{MONTH_ABBR_DOT})"
WEEKDAY = _cased(WEEKDAYS)
YEAR = r"(?:1[0-9]|20)\d\d(?![\d])"
_DIGIT_WORDS = [w for w in SMALL_NUMBERS if 0 < SMALL_NUMBERS[w] < 10]
NUMBER = (
    r"(?:\d{1,3}(?:,\d{3})*(?:\.\d+)?(?:\s+\d/\d)?(?!\d)|"
    rf"(?:{_alternation(list(TENS))})(?:[\s-]+(?:{_alternation(_DIGIT_WORDS)}))?|"
    rf"{_alternation(list(SMALL_NUMBERS) + list(ARTICLE_NUMBERS) + list(VAGUE_NUMBERS))})"
    r"(?:\s+and\s+a\s+half)?"
)
UNIT = (
    r"(?:(?:quarter|half)[\s-]centur(?:y|ie)|second|minute|hour|day|night|week|fortnight|month|"
    r"quarter|year|decade|centur(?:y|ie))s?(?![a-z])"
)
HEDGE = (
    r"(?:(?:more|less|fewer)\s+than|nearly|almost|about|around|roughly|approximately|at\s+least|"
    r"at\s+most|over|under|up\s+to|only|just|barely|close\s+to|upwards\s+of|another|"
    r"an?\s+(?:additional|further|extra)|a\s+full|the\s+better\s+part\s+of)"
)
# Boundary modifiers that keep the value ("early 1991" is 1991, with a TIMEX3 mod).
EDGE = (
    r"(?:(?:earlier|later)\s+in|early|late|mid|earlier|later|"
    r"the\s+(?:end|beginning|start|middle|rest|remainder|close|turn)\s+of|"
    r"the\s+(?:early|late|mid)(?:dle)?)"
)
RELATION = r"(?:this\s+past|this\s+coming|this|last|next|past|coming|the\s+coming|the\s+past)"


SPELLED_YEAR = (
    rf"(?:nineteen[\s-]+(?:hundred\s+(?:and\s+)?)?(?:(?:{_alternation(list(TENS))})(?:[\s-]+(?:{_alternation(_DIGIT_WORDS)}))?"
    rf"|{_alternation([w for w in SMALL_NUMBERS if 10 <= SMALL_NUMBERS[w]])})"
    rf"|two\s+thousand(?:\s+and\s+(?:{_alternation(_DIGIT_WORDS)}))?)(?![\w-])"
)
ANY_YEAR = rf"(?:{YEAR}|{SPELLED_YEAR})"


def year_number(text: str) -> int:
    """A year written in digits or words: "1997", "nineteen ninety-seven", "two thousand and one"."""
    words = re.sub(r"[\s-]+", " ", text.lower()).split()
    if words[0].isdigit():
        return int(words[0])
    words = [w for w in words if w not in {"hundred", "and", "thousand"}]
    if words[0] == "two":
        return 2000 + sum(SMALL_NUMBERS.get(w, 0) for w in words[1:])
    return 1900 + sum(TENS.get(w, SMALL_NUMBERS.get(w, 0)) for w in words[1:])


def month_number(name: str) -> int:
    return MONTHS.index(next(m for m in MONTHS if m.startswith(name.lower().rstrip(".")[:3]))) + 1


def weekday_number(name: str) -> int:
    return WEEKDAYS.index(name.lower())


def parse_amount(text: str) -> float | None:
    """The number in "three", "twenty-four", "5 1/2", "two and a half", "a"; None when vague."""
    words = re.sub(r"[\s-]+", " ", text.lower().replace(",", "")).strip()
    half = words.endswith(" and a half")
    if half:
        words = words[: -len(" and a half")]
    if words in VAGUE_NUMBERS:
        return None
    if words in ARTICLE_NUMBERS:
        amount: float = ARTICLE_NUMBERS[words]
    elif re.fullmatch(r"\d+(?:\.\d+)?", words):
        amount = float(words)
    elif re.fullmatch(r"\d+ \d/\d", words):
        whole, frac = words.split()
        num, den = frac.split("/")
        amount = int(whole) + int(num) / int(den)
    else:
        parts = words.split()
        amount = float(TENS.get(parts[0], SMALL_NUMBERS.get(parts[0], 0)))
        if len(parts) > 1:
            amount += SMALL_NUMBERS.get(parts[1], 0)
    return amount + 0.5 if half else amount


def unit_of(word: str) -> tuple[str, int]:
    """The duration code of a unit word and its multiplier ("decades" → ("Y", 10))."""
    stem = re.sub(r"[\s-]+", " ", word.lower())
    stem = re.sub(r"centur(?:y|ies)$", "century", stem).rstrip("s")
    return UNITS[stem.split()[-1]], UNIT_FACTOR.get(stem, 1)


# --------------------------------------------------------------------------- context


@dataclass
class Context:
    """What a rule knows besides its match.

    ``tense(start, end)`` is "past", "future" or None for the clause around a span;
    ``dated(start, end)`` says whether the parser took the span for a date (bare
    numbers such as "2000" are years only then); ``reference`` is the last day named,
    ``period`` the last calendar value (for "that year") and ``quarter`` the last
    quarter (results "a year earlier" compare quarters).
    """

    anchor: date | None
    tense: Callable[[int, int], str | None]
    dated: Callable[[int, int], bool]
    reference: date | None = None
    period: str | None = None
    quarter: str | None = None


Resolution = tuple[TimeType, str | None] | None
Resolver = Callable[["Groups", Context], Resolution]


class Rule(NamedTuple):
    """A pattern, its normaliser, and its ``trigger`` words: the rule only runs near one of them."""

    name: str
    pattern: re.Pattern[str]
    resolve: Resolver
    trigger: frozenset[str]


def mention_span(match: re.Match[str]) -> tuple[int, int]:
    """The mention inside a match: group ``x`` when the pattern marks one, else the whole match."""
    if "x" in match.re.groupindex and match.group("x") is not None:
        return match.span("x")
    return match.span()


class Groups:
    """A match read by group name: a missing or unmatched group reads as "", and ``name_2``,
    ``name_3``... are alternative spellings of ``name`` (a regex cannot reuse a name)."""

    __slots__ = ("match",)

    def __init__(self, match: re.Match[str]) -> None:
        self.match = match

    def __getitem__(self, key: str) -> str:
        index = self.match.re.groupindex
        for name in (key, f"{key}_2", f"{key}_3", f"{key}_4"):
            if name in index and (value := self.match.group(name)) is not None:
                return value
        return ""

    @property
    def text(self) -> str:
        return self.match.group(0)

    @property
    def string(self) -> str:
        return self.match.string

    def start(self) -> int:
        return self.match.start()

    def end(self) -> int:
        return self.match.end()

    def span(self, name: str) -> tuple[int, int]:
        return self.match.span(name)


def _tense(m: Groups, ctx: Context) -> str | None:
    return ctx.tense(*mention_span(m.match))


def _relation(word: str | None) -> str | None:
    """Normalise "this past"/"the coming"/... to last, next or this."""
    if not word:
        return None
    word = " ".join(word.lower().split())
    if word in {"last", "past", "the past", "this past", "previous", "the previous", "the latest"}:
        return "last"
    if word in {"next", "coming", "the coming", "this coming", "following", "the following"}:
        return "next"
    return "this"


# --------------------------------------------------------------------------- resolvers


def _full_date(m: Groups, ctx: Context) -> Resolution:
    """Month and day, with or without a year ("Sept. 27", "27 September 2020", "Oct. 14, 2020")."""
    mon, d = month_number(m["mon"]), int(m["d"])
    if not 1 <= d <= 31:
        return None
    if m["y"]:
        try:
            return "DATE", date(int(m["y"]), mon, d).isoformat()
        except ValueError:
            return None
    if ctx.anchor is None:
        return "DATE", None
    found = cal.nearest_date(ctx.anchor, mon, d, _tense(m, ctx))
    return "DATE", found.isoformat() if found else None


def _numeric_date(m: Groups, ctx: Context) -> Resolution:
    """2020-10-14, 10/14/2020 (month first unless the first number cannot be a month)."""
    y, a, b = int(m["y"]), int(m["a"]), int(m["b"])
    if y < 100:
        y += 2000 if y < 50 else 1900
    mon, d = (a, b) if m["iso"] or a <= 12 else (b, a)
    try:
        return "DATE", date(y, mon, d).isoformat()
    except ValueError:
        return None


def _month_year(m: Groups, ctx: Context) -> Resolution:
    return "DATE", f"{year_number(m['y']):04d}-{month_number(m['mon']):02d}"


def _month_relative_year(m: Groups, ctx: Context) -> Resolution:
    """ "January this year", "May last year"."""
    if ctx.anchor is None:
        return "DATE", None
    shift = {"this": 0, "last": -1, "next": 1}[_relation(m["rel"]) or "this"]
    return "DATE", f"{ctx.anchor.year + shift:04d}-{month_number(m['mon']):02d}"


def _month_alone(m: Groups, ctx: Context) -> Resolution:
    """A month name with no day or year: needs a preposition or modifier if it is also a word."""
    name = m["mon"].lower().rstrip(".")
    if name in {"may", "march"} and not (m["pre"] or m["rel"] or m["edge"]):
        return None
    if ctx.anchor is None:
        return "DATE", None
    return "DATE", cal.month_near(ctx.anchor, month_number(name), _tense(m, ctx), _relation(m["rel"]))


def _year(m: Groups, ctx: Context) -> Resolution:
    """A year; a bare number only if the parser or a preposition before it says it is a date."""
    if m["x"] == m["y"] and not (m["pre"] or ctx.dated(*m.span("y"))):
        return None
    return "DATE", m["y"]


# Holidays as a function of the year (fixed dates, Easter, US Thanksgiving).
HOLIDAYS: dict[str, Callable[[int], date]] = {
    "christmas": lambda y: date(y, 12, 25),
    "christmas day": lambda y: date(y, 12, 25),
    "christmas eve": lambda y: date(y, 12, 24),
    "new year's day": lambda y: date(y, 1, 1),
    "new year's eve": lambda y: date(y, 12, 31),
    "halloween": lambda y: date(y, 10, 31),
    "valentine's day": lambda y: date(y, 2, 14),
    "easter": cal.easter,
    "easter sunday": cal.easter,
    "good friday": lambda y: cal.easter(y) - timedelta(days=2),
    "thanksgiving": lambda y: cal.nth_weekday(y, 11, 3, 4),
    "thanksgiving day": lambda y: cal.nth_weekday(y, 11, 3, 4),
}


def _holiday(m: Groups, ctx: Context) -> Resolution:
    """ "Christmas", "last Thanksgiving", "Easter 1998": the nearest one unless told which."""
    name = re.sub(r"\s+", " ", m["h"].lower()).replace("’", "'")
    when = HOLIDAYS[name]
    if m["y"]:
        return "DATE", when(int(m["y"])).isoformat()
    if ctx.anchor is None:
        return "DATE", None
    a = ctx.anchor
    options = [when(y) for y in (a.year - 1, a.year, a.year + 1)]
    relation = _relation(m["rel"])
    if relation == "last":
        found = max(d for d in options if d < a)
    elif relation == "next":
        found = min(d for d in options if d > a)
    else:
        found = min(options, key=lambda d: abs((d - a).days))
    if m["week"]:
        return "DATE", cal.week(found)
    return "DATE", found.isoformat()


def _spelled_year(m: Groups, ctx: Context) -> Resolution:
    """ "nineteen ninety-six", "the year two thousand" ("two thousand" alone is a number)."""
    if m["y"].lower().startswith("two") and not m.text.lower().startswith("the"):
        return None
    return "DATE", str(year_number(m["y"]))


def _decade(m: Groups, ctx: Context) -> Resolution:
    """ "the 1990s" → 199, "the '80s" → 198 (century from the anchor), "the nineties" → 199."""
    if m["w"]:
        return "DATE", str(190 + TENS[m["w"].lower()[:-3] + "y"] // 10)
    if m["c"]:
        return "DATE", m["c"] + m["d"]
    digit = int(m["dd"])
    if ctx.anchor is None:
        return "DATE", None
    century = ctx.anchor.year // 100
    if digit * 10 > ctx.anchor.year % 100:
        century -= 1
    return "DATE", f"{century}{digit}"


def _century(m: Groups, ctx: Context) -> Resolution:
    return "DATE", f"{int(m['n']) - 1:02d}"


def _weekday(m: Groups, ctx: Context) -> Resolution:
    """Weekdays: the latest one (same day included) unless "next" or a future tense says otherwise.

    "Friday night" is valued as the day itself, as TimeBank mostly annotates it.
    """
    if ctx.anchor is None:
        return "DATE", None
    relation = _relation(m["rel"])
    if relation == "last":
        direction = "before"
    elif relation == "next":
        direction = "after"
    else:
        direction = "future" if _tense(m, ctx) == "future" else "past"
    found = cal.shift_weekday(ctx.anchor, weekday_number(m["wd"]), direction)
    return "DATE", found.isoformat()


_DAY_WORDS = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0, "this": 0, "last": -1}


def _day_word(m: Groups, ctx: Context) -> Resolution:
    """today, yesterday, tomorrow, tonight, this morning, last night, yesterday afternoon."""
    word = (m["day"] or "today").lower()
    part = (m["part"] or "").lower().replace("-", "").replace(" ", "").removeprefix("mid") or (
        "night" if word == "last" else ""
    )
    kind: TimeType = "TIME" if part else "DATE"
    if ctx.anchor is None:
        return kind, None
    value = (ctx.anchor + timedelta(days=_DAY_WORDS[word])).isoformat()
    if part == "day":
        return kind, value + "T12:00"
    return kind, value + "T" + PARTS_OF_DAY[part] if part else value


def _overnight(m: Groups, ctx: Context) -> Resolution:
    """ "overnight" is the night before the anchor day, or the night of the weekday named."""
    if ctx.anchor is None:
        return "TIME", None
    if m["wd"]:
        night = cal.shift_weekday(ctx.anchor, weekday_number(m["wd"]), "past")
    else:
        night = ctx.anchor - timedelta(days=1)
    return "TIME", night.isoformat() + "TNI"


def _clock(m: Groups, ctx: Context) -> Resolution:
    """ "9 a.m.", "3:30 p.m. EDT", "noon", optionally with a day ("9 a.m. Tuesday")."""
    if m["word"]:
        hour, minute = (12, 0) if m["word"].lower() == "noon" else (24, 0)
    else:
        hour, minute = int(m["h"]), int(m["m"] or 0)
        ampm = (m["ampm"] or "").lower().replace(".", "")
        if hour > 24 or minute > 59 or (ampm and not 1 <= hour <= 12):
            return None
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
    day_name = m["wd"]
    if m["mon"]:
        resolved = _full_date(m, ctx)
        if resolved is None or resolved[1] is None:
            return resolved and ("TIME", None)
        return "TIME", f"{resolved[1]}T{hour:02d}:{minute:02d}"
    dayword = (m["dw"] or "").lower()
    if ctx.anchor is None:
        return "TIME", None
    if day_name:
        direction = "future" if _tense(m, ctx) == "future" else "past"
        when = cal.shift_weekday(ctx.anchor, weekday_number(day_name), direction)
    else:
        when = (ctx.reference or ctx.anchor) + timedelta(days=_DAY_WORDS.get(dayword, 0))
    return "TIME", f"{when.isoformat()}T{hour:02d}:{minute:02d}"


def _relative_unit(m: Groups, ctx: Context) -> Resolution:
    """this/last/next week, month, year, quarter, decade, weekend ("earlier this month")."""
    relation = _relation(m["rel"])
    unit = m["unit"].lower()
    if m["fiscal"] and unit != "year":
        return None
    if relation is None:
        # "the end of the year": the bare article only counts after a boundary modifier.
        if not m["edge"]:
            return None
        relation = "this"
    if ctx.anchor is None:
        return "DATE", None
    a, shift = ctx.anchor, {"this": 0, "last": -1, "next": 1}[relation]
    if unit == "week":
        return "DATE", cal.week(a + timedelta(weeks=shift))
    if unit == "weekend":
        return "DATE", _weekend(a, relation if relation != "this" else None, _tense(m, ctx))
    if unit == "month":
        return "DATE", cal.month(cal.add_months(a, shift))
    if unit == "quarter":
        q = cal.add_months(a, 3 * shift)
        return "DATE", f"{q.year:04d}-Q{cal.quarter_of(q)}"
    if unit == "decade":
        return "DATE", str(a.year // 10 + shift)
    if unit == "century":
        return "DATE", f"{a.year // 100 + shift:02d}"
    return "DATE", f"{a.year + shift:04d}"


def _weekend(anchor: date, relation: str | None, tense: str | None) -> str:
    """The weekend meant: the latest one in past-tense text, the coming one in future-tense text."""
    saturday = 5
    if relation == "next" or (relation is None and tense == "future"):
        day_ = cal.shift_weekday(anchor, saturday, "future" if anchor.weekday() < saturday else "after")
    else:
        day_ = cal.shift_weekday(anchor, saturday, "past")
        if relation == "last" and anchor.weekday() >= saturday:
            day_ -= timedelta(weeks=1)
    return cal.weekend(day_)


def _the_weekend(m: Groups, ctx: Context) -> Resolution:
    if ctx.anchor is None:
        return "DATE", None
    return "DATE", _weekend(ctx.anchor, None, _tense(m, ctx))


_RATE_BEFORE = re.compile(
    r"(?:\d[\d,.]*%?|million|billion|thousand|percent|cents?|dollars?|times|once|twice)\s+$", re.I
)


def _duration(m: Groups, ctx: Context) -> Resolution:
    """ "three weeks", "more than 10 hours", "the past five years", "a 10-year" → P3W, PT10H, P5Y."""
    number = " ".join(m["num"].lower().split())
    code, factor = unit_of(m["unit"])
    if number in {"a", "an"} and (code == "S" or m["unit"].lower().endswith("s")):
        return None  # "a second" is an ordinal, "a months-long" no count
    if (
        number in {"a", "an"}
        and m.text.lower().startswith(number)
        and _RATE_BEFORE.search(m.string, max(0, m.start() - 40), m.start())
    ):
        return None  # "$2 million a year", "four flights a week": a rate, not a period
    if m["adj"] == "-old" or m.string.startswith(" old", m.end()):
        return None  # an age, not a period
    if code == "Q" and m.string.startswith(" of", m.end()):
        return None  # "a quarter of the vote" is a fraction
    amount = parse_amount(number)
    return "DURATION", cal.duration(amount * factor if amount is not None else None, code)


_COUNTED = re.compile(rf"\b(?:{NUMBER})[\s-]+$", re.I)


def _vague_duration(m: Groups, ctx: Context) -> Resolution:
    """ "years", "recent months", "the coming weeks" → PXY, PXM, PXW."""
    if _COUNTED.search(m.string, max(0, m.start() - 30), m.start()) or m.string.startswith(" old", m.end()):
        return None  # the counted form was declined ("52 years old"): so is the bare unit
    code, _ = unit_of(m["unit"])
    return "DURATION", cal.duration(None, code)


def _period_duration(m: Groups, ctx: Context) -> Resolution:
    """ "the past year", "the last week" (no number): a span of one unit ending now."""
    code, factor = unit_of(m["unit"])
    return "DURATION", cal.duration(factor, code)


def _shifted(base: date, amount: float, code: str) -> str:
    """The date ``amount`` units from ``base``, at the granularity of the unit."""
    whole = int(amount)
    if code in {"S", "MIN", "H"}:
        return (base + timedelta(hours=amount if code == "H" else 0)).isoformat()
    if code == "D":
        return (base + timedelta(days=whole)).isoformat()
    if code == "W":
        return cal.week(base + timedelta(weeks=whole))
    if code == "M":
        return cal.month(cal.add_months(base, whole))
    if code == "Q":
        q = cal.add_months(base, 3 * whole)
        return f"{q.year:04d}-Q{cal.quarter_of(q)}"
    return f"{base.year + whole:04d}"


def _ago(m: Groups, ctx: Context) -> Resolution:
    """ "three days ago", "a year earlier", "two weeks later", "a month from now"."""
    direction = m["dir"].lower()
    sign = -1 if direction in {"ago", "earlier", "before"} else 1
    code, factor = unit_of(m["unit"])
    number = " ".join(m["num"].lower().split())
    amount = parse_amount(number)
    if amount is None:
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF"
    if code == "Y" and amount == 1 and sign < 0 and ctx.quarter:
        return "DATE", _year_before(ctx.quarter)
    base = (
        ctx.anchor
        if direction in {"ago", "from now", "hence"} or code not in {"D", "W"}
        else (ctx.reference or ctx.anchor)
    )
    if base is None:
        return "DATE", None
    return "DATE", _shifted(base, sign * amount * factor, code)


# Words that move a quarter a year back: "the year-ago quarter", "last year's fourth quarter".
YEAR_BACK = re.compile(r"year-(?:ago|earlier)|last\s+year['’]s|a\s+year\s+(?:ago|earlier)", re.I)


def _year_before(quarter: str) -> str:
    """The same quarter a year earlier: 1989-Q3 → 1988-Q3."""
    return f"{int(quarter[:4]) - 1:04d}{quarter[4:]}"


def _year_ago(m: Groups, ctx: Context) -> Resolution:
    """ "year-earlier", "the year-ago period": the quarter under discussion a year back, else last year."""
    if ctx.quarter:
        return "DATE", _year_before(ctx.quarter)
    if ctx.anchor is None:
        return "DATE", None
    return "DATE", f"{ctx.anchor.year - 1:04d}"


_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


def _quarter(m: Groups, ctx: Context) -> Resolution:
    """ "the third quarter", "third-quarter", "the latest quarter", "the year-ago quarter", "Q3 2020"."""
    text = m.text.lower()
    ordinal = (m["ord"] or "").lower()
    n = _ORDINALS.get(ordinal)
    if m["q"]:
        n = int(m["q"])
    year_ago = bool(YEAR_BACK.search(text))
    if n is None and not re.match(r"(?:the|this|its|last|next|latest|current|year-|fiscal)", text):
        return None
    if m["y"]:
        return "DATE", f"{m['y']}-Q{n}" if n else m["y"]
    if ctx.anchor is None:
        return "DATE", None
    a = ctx.anchor
    deictic = re.search(r"\b(?:this|current|next|coming|latest|last|recent)\b", text)
    if n is None and ctx.quarter and not deictic:
        # "the quarter", "the year-ago quarter": the quarter under discussion.
        y, n = int(ctx.quarter[:4]), int(ctx.quarter[-1])
    elif n is None:
        shift = -1
        if re.search(r"\b(?:this|current)\b", text):
            shift = 0
        elif re.search(r"\b(?:next|coming)\b", text):
            shift = 1
        q = cal.add_months(a, 3 * shift)
        y, n = q.year, cal.quarter_of(q)
    else:
        # A quarter later than the current one is last year's unless the clause looks ahead.
        y = a.year - (n > cal.quarter_of(a) and _tense(m, ctx) != "future")
    if m["yr"]:
        y = a.year + {"this": 0, "last": -1, "next": 1}[m["yr"].lower()]
        year_ago = False
    return "DATE", f"{y - year_ago:04d}-Q{n}"


def _half(m: Groups, ctx: Context) -> Resolution:
    n = 1 if m["ord"].lower() == "first" else 2
    if m["y"]:
        return "DATE", f"{m['y']}-H{n}"
    if ctx.anchor is None:
        return "DATE", None
    return "DATE", f"{ctx.anchor.year:04d}-H{n}"


def _season(m: Groups, ctx: Context) -> Resolution:
    code = cal.SEASONS[m["s"].lower()]
    rel = (m["rel"] or "").lower()
    if not (m["y"] or m["pre"] or rel) or (m["s"].lower() == "fall" and rel in {"", "the"} and not m["y"]):
        return None  # "a hot spring", "the fall of the city"
    if m["y"]:
        return "DATE", f"{year_number(m['y']):04d}-{code}"
    if ctx.anchor is None:
        return "DATE", None
    relation = _relation(rel) if rel not in {"", "the", "early", "late", "mid"} else None
    return "DATE", cal.season_near(ctx.anchor, code, relation, _tense(m, ctx))


def _reference_word(m: Groups, ctx: Context) -> Resolution:
    """now, currently, recently, the future...; sentence-initial "Now" is mostly a discourse marker."""
    word = m["x"]
    if word == "Now" or (word.lower() in {"the future", "the past"} and m.string.startswith(" of ", m.end())):
        return None  # "Now, he says...", "the future of our peoples"
    return "DATE", REFERENCE_WORDS[" ".join(m["x"].lower().split())]


def _set(m: Groups, ctx: Context) -> Resolution:
    """ "every week", "each Thursday", "twice a year", "daily", "on Mondays"."""
    if m["word"]:
        return "SET", SET_WORDS[m["word"].lower()]
    if m["wd"]:
        return "SET", f"XXXX-WXX-{weekday_number(m['wd'].rstrip('s')) + 1}"
    if m["mon"]:
        return "SET", f"XXXX-{month_number(m['mon']):02d}"
    if m["part"]:
        return "SET", "XXXX-XX-XXT" + PARTS_OF_DAY[m["part"].lower()]
    code, factor = unit_of(m["unit"])
    amount = parse_amount(m["num"]) if m["num"] else 1
    return "SET", cal.duration((amount or 1) * factor, code)


def _day_relative(m: Groups, ctx: Context) -> Resolution:
    """ "the next day", "the day before", "that day", "the following week": from the last day named."""
    base = ctx.reference or ctx.anchor
    if base is None:
        return "DATE", None
    rel = " ".join((m["rel"] or "").lower().split())
    shift = (
        1
        if rel in {"the next", "the following", "after"}
        else -1
        if rel in {"the previous", "the prior", "the preceding", "before"}
        else 0
    )
    unit = m["unit"].lower()
    if unit == "year" and ctx.period:
        return "DATE", f"{int(ctx.period[:4]) + shift:04d}"
    if unit == "month" and ctx.period and re.match(r"\d{4}-\d\d", ctx.period):
        return "DATE", cal.month(cal.add_months(date(int(ctx.period[:4]), int(ctx.period[5:7]), 1), shift))
    if unit in PARTS_OF_DAY:
        return "TIME", (base + timedelta(days=shift)).isoformat() + "T" + PARTS_OF_DAY[unit]
    if unit == "week":
        return "DATE", cal.week(base + timedelta(weeks=shift))
    if unit == "month":
        return "DATE", cal.month(cal.add_months(base, shift))
    if unit == "year":
        return "DATE", f"{base.year + shift:04d}"
    return "DATE", (base + timedelta(days=shift)).isoformat()


# --------------------------------------------------------------------------- patterns


def _rule(name: str, trigger: str, pattern: str, resolve: Resolver) -> Rule:
    return Rule(name, re.compile(pattern, re.IGNORECASE), resolve, frozenset(trigger.split()))


# Triggers: lower-cased words (``#digit`` for any number) every match of a rule contains.
_T_MONTH = " ".join(MONTHS + [a.lower() for a in MONTH_ABBREVIATIONS])
_T_WEEKDAY = " ".join(WEEKDAYS)
_T_UNIT = (
    "second seconds minute minutes hour hours day days night nights week weeks weekend weekends "
    "fortnight fortnights month months quarter quarters year years decade decades century centuries"
)
_T_DAY_WORD = "today yesterday tomorrow tonight morning afternoon evening night midday mid"
_T_REFERENCE = "now current currently present nowadays these recently lately past future"
_T_SET = "every each once twice times " + " ".join(SET_WORDS) + " " + " ".join(d + "s" for d in WEEKDAYS)
_T_HOLIDAY = "christmas year halloween valentine easter friday thanksgiving"
_T_DECADE = "#digit twenties thirties forties fifties sixties seventies eighties nineties"


_B = r"(?<![\w$£€.,/-])"  # a mention never starts inside a word or a number
_E = r"(?![\w])"
_PRE = (
    r"(?:(?P<pre>in|since|by|until|till|through|throughout|during|from|to|of|before|after|between|"
    r"and|or|around|for|on)\s+)?"
)

RULES: list[Rule] = [
    _rule(
        "numeric_date",
        "#digit",
        rf"{_B}(?:(?P<iso>(?P<y>\d{{4}})-(?P<a>\d\d)-(?P<b>\d\d))|(?P<a_2>\d{{1,2}})/(?P<b_2>\d{{1,2}})/(?P<y_2>\d{{4}}|\d\d)){_E}",
        _numeric_date,
    ),
    _rule(
        "month_day",
        _T_MONTH,
        rf"{_B}(?:{WEEKDAY},?\s+)?(?:(?:{EDGE})[\s-]+)?(?:the\s+)?(?P<mon>{MONTH})\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?"
        rf"(?!\d|:\d|[.,]\d|\s*(?:{UNIT}|%|percent|per\s+cent|million|billion|people|%))(?:,?\s+(?P<y>{YEAR}))?",
        _full_date,
    ),
    _rule(
        "day_month",
        _T_MONTH,
        rf"{_B}(?:{WEEKDAY},?\s+)?(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{MONTH})(?:,?\s+(?P<y>{YEAR}))?{_E}",
        _full_date,
    ),
    _rule(
        "month_year",
        _T_MONTH,
        rf"{_B}(?:(?:{EDGE})[\s-]+)?(?P<mon>{MONTH}),?\s+(?:of\s+)?(?P<y>{ANY_YEAR}){_E}",
        _month_year,
    ),
    _rule(
        "month_relative_year",
        _T_MONTH,
        rf"{_B}(?:(?:{EDGE})[\s-]+)?(?P<mon>{MONTH})\s+(?:of\s+)?(?P<rel>this|last|next)\s+year{_E}",
        _month_relative_year,
    ),
    _rule(
        "month_alone",
        _T_MONTH,
        rf"{_B}{_PRE}(?P<x>(?:(?P<edge>{EDGE})[\s-]+)?(?:(?P<rel>{RELATION})\s+)?(?P<mon>{MONTH_ALONE}))"
        rf"(?!\s*\d|-)",
        _month_alone,
    ),
    _rule(
        "decade",
        _T_DECADE,
        rf"{_B}(?:the\s+)?(?:(?:{EDGE})[\s-]+)?(?:(?P<c>1[0-9]|20)(?P<d>\d)0|['‘’](?P<dd>\d)0)['’]?s{_E}"
        r"|\bthe\s+(?:(?:early|mid|late)[\s-]+)?(?:nineteen[\s-]+)?(?P<w>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b",
        _decade,
    ),
    _rule("spelled_year", "nineteen thousand", rf"\b(?:the\s+year\s+)?(?P<y>{SPELLED_YEAR})", _spelled_year),
    _rule(
        "holiday",
        _T_HOLIDAY,
        rf"\b(?:(?P<rel>last|next|this)\s+)?(?-i:(?P<h>Christmas(?:\s+(?:Day|Eve))?|New\s+Year['’]s\s+(?:Day|Eve)|Halloween|Valentine['’]s\s+Day"
        rf"|Easter(?:\s+Sunday)?|Good\s+Friday|Thanksgiving(?:\s+Day)?))(?P<week>\s+week)?(?:,?\s+(?P<y>{YEAR}))?{_E}",
        _holiday,
    ),
    _rule(
        "century",
        "century",
        rf"{_B}(?:the\s+)?(?:(?:{EDGE})[\s-]+)?(?P<n>\d{{1,2}})(?:st|nd|rd|th)[\s-]+century{_E}",
        _century,
    ),
    _rule(
        "year",
        "#digit",
        rf"{_B}(?:(?P<pre>in|since|until|till|through|throughout|during|before|after|circa)\s+)?(?P<x>(?:(?:{EDGE}|fiscal(?:\s+year)?|calendar(?:\s+year)?|the\s+year|FY)[\s-]*)?(?P<y>{YEAR}))"
        r"(?!\s*(?:%|percent|per\s+cent)|[.,]\d|-\d|['’]?s\b)",
        _year,
    ),
    _rule(
        "weekday",
        _T_WEEKDAY,
        rf"{_B}(?:(?:early|late|earlier|later)\s+)?(?:(?P<rel>{RELATION})\s+)?(?P<wd>{WEEKDAY})"
        r"(?:\s+(?P<part>morning|afternoon|evening|night))?",
        _weekday,
    ),
    _rule(
        "day_word",
        _T_DAY_WORD,
        r"\b(?:(?:early|late|earlier|later)\s+)?(?:(?P<day>today|yesterday|tomorrow|tonight)(?:\s+(?P<part>morning|afternoon|evening|night))?"
        r"|(?P<day_2>this|last)\s+(?P<part_2>morning|afternoon|evening|night)"
        r"|(?P<part_3>mid[\s-]?(?:day|morning|afternoon))(?:\s+(?P<day_3>today|yesterday|tomorrow))?)(?![\w-])",
        _day_word,
    ),
    _rule("overnight", "overnight", rf"\bovernight(?:\s+(?:on\s+)?(?P<wd>{WEEKDAY}))?{_E}", _overnight),
    _rule(
        "clock",
        "#digit noon midnight",
        rf"{_B}(?:(?P<wd>{WEEKDAY})\s+(?:at\s+)?|(?P<dw>today|yesterday|tomorrow)\s+at\s+)?"
        r"(?:(?P<h>\d{1,2})(?:[:.](?P<m>\d\d))?\s*(?P<ampm>[ap]\.m\.|[ap]m(?![a-z]))|(?P<h_2>\d{1,2}):(?P<m_2>\d\d)(?=\s+(?:local|(?-i:GMT|UTC|[A-Z]{2,3}T)))|(?P<word>noon|midnight))"
        rf"(?:\s+(?:local\s+time|(?-i:GMT|UTC|[A-Z]{{2,3}}T)(?![a-zA-Z])))?(?:,?\s+(?:on\s+)?(?:(?P<wd_2>{WEEKDAY})|(?P<dw_2>today|yesterday|tomorrow)|(?P<mon>{MONTH})\s*(?P<d>\d{{1,2}})(?!\d)))?",
        _clock,
    ),
    _rule(
        "period_duration",
        _T_UNIT,
        rf"\bthe\s+(?:past|last|first|next|coming)\s+(?P<unit>year|month|week|decade|century|fortnight){_E}",
        _period_duration,
    ),
    _rule(
        "relative_unit",
        _T_UNIT,
        rf"\b(?:(?P<edge>{EDGE})[\s-]+)?(?:(?P<rel>{RELATION}|the\s+current|current|the\s+latest)|the)\s+(?:(?P<fiscal>fiscal)\s+)?(?P<unit>week|weekend|month|year|quarter|decade|century){_E}",
        _relative_unit,
    ),
    _rule("the_weekend", _T_UNIT, r"\b(?:the|this)\s+weekend\b", _the_weekend),
    _rule(
        "duration",
        _T_UNIT,
        rf"{_B}(?:(?:the|its|their|his|her|a)\s+(?:(?:past|last|next|first|final|coming|previous|following|latest|recent|remaining|initial|prior|ensuing|subsequent|same)\s+)?"
        r"|(?:past|last|next|first|coming|recent)\s+)?"
        rf"(?:{HEDGE}\s+)?(?P<num>{NUMBER})[\s-]+(?:(?:more|full|straight|consecutive|long|additional|further|extra|whole)\s+)?(?P<unit>{UNIT})(?P<adj>-(?:long|old))?",
        _duration,
    ),
    _rule(
        "vague_duration",
        _T_UNIT,
        rf"\b(?:(?:the\s+)?(?:past|last|next|coming|recent|previous|following|ensuing|first|early)\s+)?(?P<unit>(?:year|month|week|day|decade|hour|minute|centurie)s){_E}",
        _vague_duration,
    ),
    _rule(
        "ago",
        _T_UNIT,
        rf"{_B}(?:{HEDGE}\s+)?(?P<num>{NUMBER})[\s-]+(?P<unit>{UNIT})\s+(?:or\s+so\s+)?(?P<dir>ago|earlier|later|from\s+now|hence)(?!\s+than)\b",
        _ago,
    ),
    _rule(
        "quarter",
        "quarter q",
        rf"{_B}(?:(?:the|its|(?P<yr>this|last|next)\s+year['’]s|their)\s+)?(?:(?:fiscal|calendar|current|latest|last|previous|next|coming|this|same|most\s+recent|recent|year-ago|year-earlier)[\s-]+)*(?:(?P<y_4>{YEAR})\s+)?"
        rf"(?:(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?:(?:fiscal|calendar)[\s-]+)?)?quarter(?!s)(?:\s+(?:of|in)\s+(?:fiscal\s+)?(?P<y>{YEAR})|,?\s+(?P<y_3>{YEAR}))?{_E}"
        rf"|\bQ(?P<q>[1-4])(?:\s+(?P<y_2>{YEAR}))?\b",
        _quarter,
    ),
    _rule(
        "year_ago",
        "year",
        r"\b(?:the\s+)?year-(?:ago|earlier)(?:\s+(?:period|quarter|level|levels|figure|figures|results))?\b",
        _year_ago,
    ),
    _rule(
        "half",
        "half",
        rf"\bthe\s+(?P<ord>first|second|last|latter)\s+half(?:\s+of\s+(?:the\s+year|this\s+year|(?:fiscal\s+)?(?P<y>{YEAR})))?{_E}",
        _half,
    ),
    _rule(
        "season",
        "spring summer fall autumn winter",
        rf"\b{_PRE}(?P<x>(?:(?P<rel>this\s+past|this\s+coming|this|last|next|the|early|late|mid)[\s-]+)?(?:(?:early|late|mid)[\s-]+)?"
        rf"(?P<s>spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?(?P<y>{ANY_YEAR}))?){_E}",
        _season,
    ),
    _rule(
        "reference_word",
        _T_REFERENCE,
        rf"\b(?P<x>{_alternation(list(REFERENCE_WORDS))})(?![\w-])",
        _reference_word,
    ),
    _rule(
        "set",
        _T_SET,
        rf"\b(?:(?:every|each)\s+(?:other\s+)?(?:(?P<num>{NUMBER})\s+)?(?:(?P<unit>{UNIT})|(?P<wd>{WEEKDAY})|(?P<mon>{MONTH_WORD})|(?P<part>morning|afternoon|evening|night))"
        rf"|(?:once|twice|(?:\w+)\s+times)\s+(?:a|an|per|each|every)\s+(?P<unit_2>{UNIT})"
        rf"|(?P<word>{_alternation(list(SET_WORDS))})"
        rf"|(?<=on\s)(?P<wd_2>{_cased([d + 's' for d in WEEKDAYS])})){_E}",
        _set,
    ),
    _rule(
        "day_relative",
        _T_UNIT + " morning afternoon evening",
        r"\b(?:(?:earlier|later|early|late)\s+)?(?:(?P<rel>that|the\s+same|the\s+next|the\s+following|the\s+previous|the\s+prior|the\s+preceding)\s+"
        r"(?P<unit>day|morning|afternoon|evening|night|week|month|year)|the\s+(?P<unit_2>day)\s+(?P<rel_2>before|after)(?!\s+(?:yesterday|tomorrow)))\b",
        _day_relative,
    ),
]
