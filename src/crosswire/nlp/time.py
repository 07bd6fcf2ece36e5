"""Temporal expressions, found by rule and normalised against the publication date.

:func:`find_times` is the pure function other stages and the evaluator use;
:func:`tag_times` is the per-article stage. The grammar lives in
:mod:`crosswire.nlp.timex_rules`, calendar arithmetic in
:mod:`crosswire.nlp.timex_calendar`. Relative expressions ("on Wednesday",
"last month", "three days ago") resolve against the anchor — the publication
date — and keep a null value when there is none: never a guess presented as fact.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from spacy.tokens import Doc

from crosswire.model import Article, TimeMention
from crosswire.nlp.timex_rules import RULES, YEAR_BACK, Context, Groups, mention_span

_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "gon"})
# Verbs whose "to"-infinitive points forward: "is expected to meet on Friday".
_FUTURE_HEADS = frozenset(
    {"expect", "schedule", "plan", "due", "set", "intend", "aim", "prepare", "go", "be"}
)
# Present-tense reporting verbs report the present, not a plan: "says Monday".
_REPORTING = frozenset({"say", "tell", "report", "announce", "add", "note", "insist", "claim", "be"})
_FUTURE_WORDS = re.compile(r"\b(?:will|shall|'ll|going\s+to|expected\s+to|scheduled\s+to|due\s+to)\b", re.I)
# A capitalised unit inside a mention makes it a title ("This Week", "60 Minutes").
_TITLE_UNIT = re.compile(r"(?<=\s)(?:Seconds?|Minutes?|Hours?|Days?|Weeks?|Weekend|Months?|Years?)\b")
# Characters a mention reaches before and after its trigger word
# ("the better part of the past twenty-four hours", "Oct. 14, 2020").
_REACH_BACK, _REACH_AHEAD = 60, 40
_WORD = re.compile(r"[A-Za-z]+|\d+")
# Trigger word → the rules it wakes.
_TRIGGERED: dict[str, tuple[int, ...]] = {
    word: tuple(i for i, rule in enumerate(RULES) if word in rule.trigger)
    for word in set().union(*(rule.trigger for rule in RULES))
}
_EARLIEST = re.compile(r"\bas\s+(?:soon|early)\s+as\s+$", re.I)
_SENTENCE_END = re.compile(r"[.!?\n]")
_DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d")
_YEAR_VALUE = re.compile(r"\d{4}(?!\d)")
_QUARTER_VALUE = re.compile(r"\d{4}-Q\d")


def parse_anchor(published: str | None) -> date | None:
    """The calendar day of an ISO date or datetime string; None when absent or malformed."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _doc_tense(doc: Doc) -> Callable[[int, int], str | None]:
    """Tense of the clause governing a span, read from the dependency parse."""

    def tense(start: int, end: int) -> str | None:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            return None
        token = span.root
        if token.dep_ == "poss":
            return None  # "Tuesday's declaration" names a day already known, whatever the verb
        for _ in range(5):
            if token.pos_ in {"VERB", "AUX"} or token.head is token:
                break
            token = token.head
        if token.pos_ not in {"VERB", "AUX"}:
            return None
        markers = [token, *(c for c in token.children if c.dep_ in {"aux", "auxpass"})]
        perfect = any(t.lemma_ == "have" for t in markers[1:])
        if any(t.lower_ in _FUTURE_AUX for t in markers):
            return "future"
        if any(t.tag_ == "MD" and t.lower_ != "could" for t in markers) and not perfect:
            return "future"  # "would leave Thursday", "could come as early as Tuesday"
        if (
            token.tag_ == "VB"
            and token.head.lemma_ in _FUTURE_HEADS
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
        ):
            return "future"
        if any(t.tag_ == "VBD" for t in markers) or (token.tag_ == "VBN" and perfect):
            return "past"
        if (
            token.dep_ == "ROOT"
            and token.lemma_ not in _REPORTING
            and (token.tag_ in {"VBZ", "VBP"} or any(t.tag_ in {"VBZ", "VBP"} for t in markers[1:]))
        ):
            # News present in a main clause announces: "They meet Monday". Inside reported
            # speech it is the speaker's present: "said on Tuesday Iran welcomes...".
            return "future"
        return None

    return tense


def _text_tense(text: str) -> Callable[[int, int], str | None]:
    """Without a parse: future when the sentence has a future marker, else unknown."""

    def tense(start: int, end: int) -> str | None:
        before = max((m.end() for m in _SENTENCE_END.finditer(text, max(0, start - 300), start)), default=0)
        after = _SENTENCE_END.search(text, end)
        sentence = text[before : after.start() if after else len(text)]
        return "future" if _FUTURE_WORDS.search(sentence) else None

    return tense


def _doc_dated(doc: Doc) -> Callable[[int, int], bool]:
    spans = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in {"DATE", "TIME"}]
    return lambda start, end: any(s < end and start < e for s, e in spans)


def _windows(text: str) -> list[list[tuple[int, int]]]:
    """For each rule, disjoint stretches of ``text`` around its trigger words: only there can it match.

    One pass over the words replaces a full scan per rule, which keeps the rule
    set cheap on long articles.
    """
    spans: list[list[tuple[int, int]]] = [[] for _ in RULES]
    for word in _WORD.finditer(text):
        token = word.group()
        rules = _TRIGGERED.get("#digit" if token[0].isdigit() else token.lower())
        if not rules:
            continue
        low, high = max(0, word.start() - _REACH_BACK), min(len(text), word.end() + _REACH_AHEAD)
        for index in rules:
            rule_spans = spans[index]
            if rule_spans and low <= rule_spans[-1][1]:
                rule_spans[-1] = (rule_spans[-1][0], high)
            else:
                rule_spans.append((low, high))
    return spans


def find_times(text: str, anchor: date | None, doc: Doc | None = None) -> list[TimeMention]:
    """Temporal expressions in ``text`` with TIMEX3 types and values, in text order.

    ``anchor`` is the publication date; ``doc`` (the spaCy parse of ``text``), when
    given, supplies the tense of each clause and tells dates from other numbers.
    """
    clause_tense = _doc_tense(doc) if doc is not None else _text_tense(text)

    def tense(start: int, end: int) -> str | None:
        if _EARLIEST.search(text, max(0, start - 20), start):
            return "future"  # "as soon as Tuesday" names a day still to come
        return clause_tense(start, end)

    context = Context(
        anchor=anchor,
        tense=tense,
        dated=_doc_dated(doc) if doc is not None else (lambda start, end: False),
    )
    candidates: list[tuple[int, int, int, Groups]] = []
    for priority, (rule, windows) in enumerate(zip(RULES, _windows(text), strict=True)):
        for low, high in windows:
            for found in rule.pattern.finditer(text, low, high):
                start, end = mention_span(found)
                if end > start:
                    candidates.append((start, end, priority, Groups(found)))
    # Longest expression first, then rule order; a rule may still decline its match.
    candidates.sort(key=lambda c: (c[0] - c[1], c[2]))
    taken: list[tuple[int, int, int, Groups]] = []
    occupied = bytearray(len(text))
    for start, end, priority, match in candidates:
        if any(occupied[start:end]):
            continue
        rule = RULES[priority]
        if rule.name != "holiday" and _TITLE_UNIT.search(text, start + 1, end):
            continue
        if rule.resolve(match, context) is None:
            continue
        occupied[start:end] = b"\x01" * (end - start)
        taken.append((start, end, priority, match))
    # Second pass in text order: "the next day" reads the last day named before it.
    mentions = []
    for start, end, priority, match in sorted(taken, key=lambda c: c[0]):
        rule = RULES[priority]
        resolved = rule.resolve(match, context)
        if resolved is None:
            continue
        kind, value = resolved
        mentions.append(TimeMention(start=start, end=end, text=text[start:end], type=kind, value=value))
        if value and _YEAR_VALUE.match(value):
            context.period = value
        if value and _DAY_VALUE.match(value):
            context.reference = date.fromisoformat(value[:10])
        elif (
            value
            and _QUARTER_VALUE.fullmatch(value)
            and rule.name == "quarter"
            and not YEAR_BACK.search(match.text)
        ):
            # The quarter under discussion; "the year-ago quarter" is only compared with it.
            context.quarter = value
    return mentions


def tag_times(article: Article, doc: Doc) -> Article:
    """Fill ``article.times``, anchored on the article's publication date."""
    article.times = find_times(article.text, parse_anchor(article.published), doc)
    return article
