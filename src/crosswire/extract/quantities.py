"""Numbers with units, bounds and subjects: "more than 10 hours of talks", "at least nine people dead".

A quantity is found from the parse: a run of number tokens (digits, number words, scale
words, currency symbols), or a vague count ("hundreds", "dozens"), or a multiplier
("six-fold"). Around it we read

- the bound, from the words before it ("more than" → at_least, "up to" → at_most,
  "nearly"/"about" → approx, "between 5 and 7" → range, "hundreds" → vague 200-999);
- the unit: a currency (USD, EUR, ...), percent, fold, a unit of time, or the counted noun;
- the subject: what is counted (noun + event verb: "civilians killed") or measured
  ("hours of talks"), so that only like is compared with like downstream;
- the scope, when stated: a place the event verb is located in, or "nationally".

``low``/``high`` always hold the interval the text allows; "more than N" keeps ``low = N``
(inclusive) because reporters round, and a strict bound would turn rounding into conflict.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from crosswire.model import Article, BoundKind, Quantity
from crosswire.nlp.timex_rules import MONTH_ABBREVIATIONS, MONTHS

_SMALL = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "dozen": 12,
    "a": 1,
    "an": 1,
}
_SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "mln": 1_000_000,
    "m": 1_000_000,
    "billion": 1_000_000_000,
    "bn": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
# Plural number words used as vague counts: "hundreds" = a few hundred up to a thousand.
# "hundreds" = 200-999, "tens of thousands" = 20,000-99,999: at least two, fewer than ten, of the scale.
_VAGUE_SCALE = {
    "tens": 10,
    "dozens": 12,
    "scores": 20,
    "hundreds": 100,
    "thousands": 1_000,
    "millions": 1_000_000,
    "billions": 1_000_000_000,
}
_CURRENCY_SYMBOLS = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₽": "RUB"}
_CURRENCY_WORDS = {
    "dollar": "USD",
    "euro": "EUR",
    "pound": "GBP",
    "yen": "JPY",
    "rupee": "INR",
    "rouble": "RUB",
    "ruble": "RUB",
    "yuan": "CNY",
    "franc": "CHF",
    "lira": "TRY",
}
_TIME_UNITS = {
    "second": "second",
    "minute": "minute",
    "hour": "hour",
    "day": "day",
    "week": "week",
    "month": "month",
    "year": "year",
    "decade": "decade",
}
_PERCENT = {"%", "percent", "per cent", "pct"}
# Units of measure (as opposed to counted nouns such as "people").
MEASURE_UNITS = frozenset(
    {*_TIME_UNITS.values(), *_CURRENCY_SYMBOLS.values(), *_CURRENCY_WORDS.values(), "percent", "fold"}
)

# Bound cues read right-to-left before the number: (words, bound, low factor, high factor).
# Approximations get a generous interval: reporters round, and only clear conflict matters.
_CUES: list[tuple[tuple[str, ...], BoundKind, float, float]] = [
    (("more", "than"), "at_least", 1.0, float("inf")),
    (("over",), "at_least", 1.0, float("inf")),
    (("above",), "at_least", 1.0, float("inf")),
    (("upwards", "of"), "at_least", 1.0, float("inf")),
    (("in", "excess", "of"), "at_least", 1.0, float("inf")),
    (("at", "least"), "at_least", 1.0, float("inf")),
    (("no", "fewer", "than"), "at_least", 1.0, float("inf")),
    (("no", "less", "than"), "at_least", 1.0, float("inf")),
    (("a", "minimum", "of"), "at_least", 1.0, float("inf")),
    (("less", "than"), "at_most", 0.0, 1.0),
    (("fewer", "than"), "at_most", 0.0, 1.0),
    (("under",), "at_most", 0.0, 1.0),
    (("below",), "at_most", 0.0, 1.0),
    (("up", "to"), "at_most", 0.0, 1.0),
    (("at", "most"), "at_most", 0.0, 1.0),
    (("no", "more", "than"), "at_most", 0.0, 1.0),
    (("as", "many", "as"), "at_most", 0.0, 1.0),
    (("as", "much", "as"), "at_most", 0.0, 1.0),
    (("nearly",), "approx", 0.75, 1.0),
    (("almost",), "approx", 0.75, 1.0),
    (("close", "to"), "approx", 0.75, 1.05),
    (("just", "under"), "approx", 0.8, 1.0),
    (("just", "over"), "approx", 1.0, 1.25),
    (("about",), "approx", 0.75, 1.3),
    (("around",), "approx", 0.75, 1.3),
    (("roughly",), "approx", 0.75, 1.3),
    (("approximately",), "approx", 0.75, 1.3),
    (("some",), "approx", 0.75, 1.3),
    (("an", "estimated"), "approx", 0.75, 1.3),
    (("estimated",), "approx", 0.75, 1.3),
    (("circa",), "approx", 0.75, 1.3),
]
_MAX_CUE = max(len(words) for words, *_ in _CUES)

# Casualty wording normalised so "nine people dead" and "400 people killed" share a subject.
_EVENT_FORMS = {
    "dead": "killed",
    "die": "killed",
    "kill": "killed",
    "death": "killed",
    "killed": "killed",
    "wound": "wounded",
    "wounded": "wounded",
    "injure": "wounded",
    "injured": "wounded",
    "hurt": "wounded",
    "injury": "wounded",
    "missing": "missing",
    "arrest": "arrested",
    "detain": "detained",
    "displace": "displaced",
    "evacuate": "evacuated",
    "flee": "fled",
}
# Events whose bare count ("killing hundreds", "thousands fled") counts people.
_PEOPLE_EVENTS = frozenset(
    {"killed", "wounded", "missing", "arrested", "detained", "displaced", "evacuated", "fled"}
)
_DEATH_NOUNS = frozenset({"fatality", "death"})
_LIGHT_VERBS = frozenset({"be", "have", "do", "get", "make", "include"})
_NATIONAL = {
    "nationally": "nationally",
    "nationwide": "nationally",
    "countrywide": "nationally",
    "worldwide": "worldwide",
    "globally": "worldwide",
    "overall": "overall",
    "in total": "overall",
}
_SCOPE_PREPS = frozenset({"in", "across", "throughout", "near", "around", "at"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_NUMBER_TEXT = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$|^\d+(\.\d+)?$")
# Month names and their abbreviations: "May 14" is a date, not a count of 14.
_MONTHS = frozenset(MONTHS) | {m.lower() for m in MONTH_ABBREVIATIONS} | {m[:3] for m in MONTHS}
_YEAR = re.compile(r"^(1[6-9]|20)\d\d$")
_FOLD = re.compile(r"^(\w+)-?fold$", re.I)


def _word_number(words: list[str]) -> float | None:
    """Value of number words such as "twenty five", "two hundred", "a dozen"."""
    total, current, seen = 0.0, 0.0, False
    for word in words:
        if word in ("-", "and"):
            continue
        if _NUMBER_TEXT.match(word):
            current += float(word.replace(",", ""))
        elif word in _SMALL:
            current += _SMALL[word] if word != "dozen" else (11 * current if current else 12)
        elif word in _SCALES:
            scale = _SCALES[word]
            current = (current or 1) * scale
            if scale >= 1000:
                total, current = total + current, 0.0
        else:
            return None
        seen = True
    return total + current if seen else None


def _is_number_token(token: Token) -> bool:
    low = token.lower_
    if _NUMBER_TEXT.match(token.text):
        return True
    if low in _SCALES and low not in ("m",):
        return True
    return low in _SMALL and low not in ("a", "an") and token.pos_ in ("NUM", "NOUN", "ADJ", "DET")


def _skip_number(doc: Doc, first: int, last: int) -> bool:
    """Numbers that are not amounts: years, days of the month, clock times, periods, codes."""
    text = doc[first : last + 1].text
    prev = doc[first - 1] if first else None
    nxt = doc[last + 1] if last + 1 < len(doc) else None
    if _YEAR.match(text) and (nxt is None or nxt.lemma_.lower() not in _TIME_UNITS):
        return True
    before = doc[first - 2] if first >= 2 and prev is not None and prev.text == "." else prev
    if any(t is not None and t.lower_.rstrip(".") in _MONTHS for t in (before, nxt)):
        return True  # "September 27", "27 Sept.", "jan . 28"
    if (
        first >= 2
        and prev is not None
        and prev.text == ","
        and doc[first - 2].pos_ in ("PROPN", "NOUN")
        and (nxt is None or nxt.text in (",", ")", "."))
        and _NUMBER_TEXT.match(text)
    ):
        return True  # "Glenn Rundles, 32, ...": an age
    if prev is not None and prev.lower_ in ("first", "last", "next"):
        return True  # "the first nine months of 2020" names a period, not an amount
    if prev is not None and (prev.text in ("-", "#", "No.", "no.") or prev.text.endswith("-")):
        return True  # "Su-25", "#3", model numbers
    if nxt is not None and nxt.lower_ in ("a.m.", "p.m.", "am", "pm", "gmt", "utc"):
        return True
    return (
        nxt is not None and nxt.text in (":", "-", "/") and nxt.i + 1 < len(doc) and doc[nxt.i + 1].like_num
    )


def _bound(doc: Doc, first: int, value: float) -> tuple[BoundKind, float, float | None, int]:
    """Bound from the cue words before ``doc[first]``; returns (bound, low, high, cue start)."""
    before = [t.lower_ for t in doc[max(0, first - _MAX_CUE) : first]]
    for words, bound, low_f, high_f in _CUES:
        if tuple(before[-len(words) :]) == words:
            high = value * high_f if high_f != float("inf") else None
            return bound, value * low_f, high, first - len(words)
    return "exact", value, value, first


def _head_noun(doc: Doc, first: int, last: int) -> Token | None:
    """The noun the number counts: "47 civilians" → civilians, "11 hours" → hours."""
    nxt = doc[last + 1] if last + 1 < len(doc) else None
    if nxt is not None and nxt.pos_ in ("NOUN", "PROPN") and nxt.ent_type_ not in ("GPE", "ORG", "NORP"):
        return nxt
    if nxt is not None and nxt.pos_ == "ADJ" and last + 2 < len(doc) and doc[last + 2].pos_ == "NOUN":
        return doc[last + 2]  # "33 other civilians"
    head = doc[last].head
    if (
        doc[last].dep_ in ("nummod", "quantmod", "compound")
        and head.pos_ in ("NOUN", "PROPN")
        and head.i > last
        and not any(t.is_punct for t in doc[last + 1 : head.i])  # "19 (10 policemen": 19 is not policemen
    ):
        return head
    return None


def _event_word(token: Token) -> str:
    lemma = token.lemma_.lower()
    if lemma in _LIGHT_VERBS:
        return ""  # "the rate was 30 percent": the copula says nothing about what is counted
    if lemma in _EVENT_FORMS:
        return _EVENT_FORMS[lemma]
    if token.lower_ in _EVENT_FORMS:
        return _EVENT_FORMS[token.lower_]
    return lemma


def _governing_event(token: Token) -> Token | None:
    """The verb or predicate adjective the counted noun takes part in ("killed", "dead")."""
    for child in token.children:  # "nine people dead" parses dead as a sibling or a child
        if child.dep_ in ("amod", "acomp", "oprd") and child.lower_ in _EVENT_FORMS and child.i > token.i:
            return child
    for sibling in token.head.children if token.dep_ in ("nsubj", "nsubjpass") else ():
        if sibling.dep_ in ("oprd", "acomp") and sibling.pos_ == "ADJ":
            return sibling
    node = token
    for _ in range(4):
        if node.dep_ == "ROOT":
            break
        node = node.head
        if node.pos_ in ("VERB", "AUX") or (node.pos_ == "ADJ" and node.lower_ in _EVENT_FORMS):
            return node
    return None


def _subject_noun(token: Token) -> Token | None:
    """For measures ("$77 million", "six-fold"): the noun whose amount it is."""
    node = token
    for _ in range(5):
        if node.lower_ == "worth" or node.lemma_.lower() in _TIME_UNITS:
            for child in node.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    objs = [c for c in child.children if c.dep_ == "pobj"]
                    if objs:
                        return objs[0]
        if node.pos_ == "VERB" and node.dep_ == "relcl" and node.head.pos_ == "NOUN":
            return node.head  # "fighting that has raged for three weeks"
        if node.pos_ in ("VERB", "AUX") and node is not token:
            # The first verb up the tree is the amount's own clause; past it lies the reporting one.
            for child in node.children:
                if (
                    child.dep_ in ("nsubj", "nsubjpass", "dobj")
                    and child.pos_ in ("NOUN", "PROPN")
                    and child != token
                ):
                    return child
            return None
        if node.dep_ == "ROOT":
            break
        node = node.head
    return None


def _scope(event: Token | None, sent: Span) -> str:
    """A place or national scope attached to the event verb, when the text states one."""
    if event is None:
        return ""
    for child in event.children:
        if child.dep_ == "prep" and child.lower_ in _SCOPE_PREPS:
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.ent_type_ in _PLACE_LABELS:
                    ent = next((e for e in sent.ents if e.start <= obj.i < e.end), None)
                    return ent.text if ent is not None else obj.text
        if child.lower_ in _NATIONAL:
            return _NATIONAL[child.lower_]
    following = sent.doc[event.i + 1 : min(event.i + 4, sent.end)].text.lower()
    return next((scope for phrase, scope in _NATIONAL.items() if phrase in following), "")


def _unit(doc: Doc, first: int, last: int, noun: Token | None) -> tuple[str, int]:
    """Unit and the index of the last token belonging to the quantity."""
    prev = doc[first - 1] if first else None
    if prev is not None and prev.text.lower() in _CURRENCY_SYMBOLS:
        return _CURRENCY_SYMBOLS[prev.text.lower()], last
    first_text = doc[first].text.lower()
    for symbol, code in _CURRENCY_SYMBOLS.items():
        if first_text.startswith(symbol):
            return code, last
    nxt = doc[last + 1] if last + 1 < len(doc) else None
    if nxt is not None:
        if nxt.text.lower() in _PERCENT or (
            nxt.lower_ == "per" and last + 2 < len(doc) and doc[last + 2].lower_ == "cent"
        ):
            return "percent", last + (2 if nxt.lower_ == "per" else 1)
        if nxt.lemma_.lower() in _CURRENCY_WORDS:
            return _CURRENCY_WORDS[nxt.lemma_.lower()], last + 1
    if noun is not None:
        lemma = noun.lemma_.lower()
        if lemma in _TIME_UNITS:
            return _TIME_UNITS[lemma], noun.i
        return lemma, noun.i
    return "", last


def _quantity_at(
    doc: Doc,
    first: int,
    last: int,
    value: float,
    bound: BoundKind,
    low: float | None,
    high: float | None,
    cue_start: int,
    previous: list[tuple[Quantity, Token | None]],
) -> tuple[Quantity, Token | None]:
    sent = doc[first].sent
    noun = _head_noun(doc, first, last)
    unit, end_token = _unit(doc, first, last, noun)
    counted = noun if noun is not None and unit == noun.lemma_.lower() else None
    anchor = noun if noun is not None else doc[last]
    event = _governing_event(anchor)
    if counted is None and not unit and previous:
        # "47 civilians had been killed and 222 wounded": the elided noun is the earlier one's.
        prior, prior_noun = previous[-1]
        if prior_noun is not None and prior.unit and prior_noun.sent == sent:
            counted, unit = prior_noun, prior.unit
    event_text = _event_word(event) if event is not None else ""
    if unit in MEASURE_UNITS:
        what = _subject_noun(noun if noun is not None else doc[last])
        plural = noun.lower_ if noun is not None else unit
        if what is not None and noun is not None and unit in _TIME_UNITS.values():
            subject = f"{plural} of {what.lower_}"
        elif what is not None:
            subject = f"{what.lower_} {event_text}".strip()
        else:
            subject = ""  # a bare measure ("30 percent") does not say what it measures
    elif counted is not None and counted.lemma_.lower() in _DEATH_NOUNS:
        unit, subject = "people", "people killed"  # "3 fatalities", "12 deaths"
    elif counted is not None:
        subject = f"{counted.lower_} {event_text}".strip()
    elif event_text in _PEOPLE_EVENTS:
        unit, subject = "people", f"people {event_text}"  # "killing hundreds"
    else:
        subject = event_text
    start_token = cue_start
    if first and doc[first - 1].text.lower() in _CURRENCY_SYMBOLS and cue_start == first:
        start_token = first - 1
    span = doc[start_token : end_token + 1]  # Span.text, not doc.text: the latter rebuilds the whole text
    quantity = Quantity(
        start=span.start_char,
        end=span.end_char,
        text=span.text,
        value=value,
        low=low,
        high=high,
        unit=unit,
        bound=bound,
        subject=subject,
        scope=_scope(event, sent),
    )
    return quantity, counted


def _number_runs(doc: Doc) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(doc):
        if _is_number_token(doc[i]):
            j = i
            while j + 1 < len(doc) and (
                _is_number_token(doc[j + 1])
                or (doc[j + 1].text == "-" and j + 2 < len(doc) and doc[j + 2].lower_ in _SMALL)
            ):
                j += 1
            runs.append((i, j))
            i = j + 1
        else:
            i += 1
    return runs


def tag_quantities(article: Article, doc: Doc) -> Article:
    """Fill ``article.quantities`` with every count, amount, duration and multiplier in the text."""
    found: list[tuple[Quantity, Token | None]] = []
    runs = _number_runs(doc)
    consumed: set[int] = set()
    for index, (first, last) in enumerate(runs):
        if first in consumed:
            continue
        # "six-fold" / "sixfold": a multiplier, not a count.
        if last + 2 < len(doc) and doc[last + 1].text == "-" and doc[last + 2].lower_ == "fold":
            value = _word_number([t.lower_ for t in doc[first : last + 1]])
            if value is not None:
                found.append(_multiplier(doc, first, last + 2, value))
            continue
        if _skip_number(doc, first, last):
            continue
        value = _word_number([t.lower_ for t in doc[first : last + 1]])
        if value is None:
            continue
        bound, low, high, cue_start = _bound(doc, first, value)
        # Ranges: "between 5 and 7", "5 to 7", "5-7".
        if index + 1 < len(runs):
            nfirst, nlast = runs[index + 1]
            joiner = doc[last + 1 : nfirst].text.lower() if nfirst > last else ""
            if joiner in ("to", "-", "and", "or", "–") and nfirst - last <= 2:
                upper = _word_number([t.lower_ for t in doc[nfirst : nlast + 1]])
                if upper is not None and upper > value:
                    between = first >= 1 and doc[first - 1].lower_ == "between"
                    if joiner != "and" or between:
                        consumed.add(nfirst)
                        bound, low, high = "range", value, upper
                        cue_start = first - 1 if between else first
                        last = nlast
        found.append(_quantity_at(doc, first, last, value, bound, low, high, cue_start, [f for f in found]))
    for token in doc:
        if token.lower_ not in _VAGUE_SCALE:
            continue
        if (
            token.i + 2 < len(doc)
            and doc[token.i + 1].lower_ == "of"
            and doc[token.i + 2].lower_ in _VAGUE_SCALE
        ):
            continue  # "tens of thousands": the last word closes the phrase
        scale, first = _VAGUE_SCALE[token.lower_], token.i
        if token.i >= 2 and doc[token.i - 1].lower_ == "of" and doc[token.i - 2].lower_ in _VAGUE_SCALE:
            scale, first = scale * _VAGUE_SCALE[doc[token.i - 2].lower_], token.i - 2
        low, high = 2 * scale, 10 * scale - 1
        found.append(_quantity_at(doc, first, token.i, low, "vague", low, high, first, found))
    for token in doc:
        match = _FOLD.match(token.text)  # one-token multipliers: "sixfold", "10-fold"
        value = _word_number([match.group(1).lower()]) if match else None
        if value is not None:
            found.append(_multiplier(doc, token.i, token.i, value))
    article.quantities = sorted((q for q, _ in found), key=lambda q: q.start)
    return article


def _multiplier(doc: Doc, first: int, last: int, value: float) -> tuple[Quantity, Token | None]:
    what = _subject_noun(doc[last])
    verb = _governing_event(doc[last])
    subject = " ".join(
        w
        for w in ((what.lower_ if what is not None else ""), _event_word(verb) if verb is not None else "")
        if w
    )
    span = doc[first : last + 1]
    quantity = Quantity(
        start=span.start_char,
        end=span.end_char,
        text=span.text,
        value=value,
        low=value,
        high=value,
        unit="fold",
        bound="exact",
        subject=subject,
        scope="",
    )
    return quantity, None
