"""Fatality and injury counts of an event sentence, by ACLED's rules.

ACLED codes the most conservative figure reported, and 0 when no death is
reported. Within one sentence, distinct victim groups add up ("killed two
soldiers and three civilians" = 5); a range or a bound keeps its lower end
("at least 12" = 12, "between 5 and 8" = 5). Vague plurals follow ACLED's
convention: "several"/"a few" = 3, "a number of"/"an unknown number" = 10,
"dozens" = 12, "hundreds" = 100. A single victim ("a civilian was killed")
is 1; "no casualties" is an explicit 0.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

_UNITS = dict(
    zip(
        "zero no none one a an single two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty "
        "ninety hundred dozen both couple pair".split(),
        [0, 0, 0, 1, 1, 1, 1, *range(2, 21), 30, 40, 50, 60, 70, 80, 90, 100, 12, 2, 2, 2],
        strict=True,
    )
)
# Vague counts, by ACLED's convention (the most conservative reading of each).
_VAGUE = {
    "several": 3,
    "few": 3,
    "some": 3,
    "many": 3,
    "multiple": 3,
    "numerous": 3,
    "dozens": 12,
    "scores": 20,
    "hundreds": 100,
    "thousands": 1000,
    "number": 10,
    "unknown": 10,
    "unspecified": 10,
}
_DEATH_VERBS = frozenset(
    "kill die murder slay behead assassinate execute perish massacre lynch strangle decapitate "
    "succumb".split()
)
_DEATH_NOUNS = frozenset(
    "fatality fatalities death deaths dead casualties body bodies corpse corpses killing killings "
    "lives".split()
)
_INJURY_VERBS = frozenset({"injure", "wound", "hurt", "maim"})
_INJURY_NOUNS = frozenset({"injury", "injuries", "injured", "wounded"})
_NONE = re.compile(
    r"\b(no|neither|nor|without)\s+(\w+\s+){0,2}(casualt|fatalit|deaths?\b|one was (killed|hurt|injured)"
    r"|injur|one died)|\bno(body| one) was (killed|hurt)|\bcausing no\b",
    re.I,
)
_SPLIT = re.compile(
    r"(\d+) fatalities (?:were )?split (?:up )?(?:between|among|across) (\d+|\w+) events", re.I
)
# A source's own statement of the figure it settled on: "Unknown number of fatalities coded as 10".
_CODED = re.compile(
    r"fatalit(?:y|ies)\b[^.]*?\bcoded as (\d+)(?:[^.]*?\b(?:split|spread|divided) (?:up )?"
    r"(?:between|among|across) (?:the )?(\d+|\w+) (?:events|locations))?(?:[^.]*?with (\d+) "
    r"coded to each)?",
    re.I,
)
_TOTAL = re.compile(
    r"(?:^|[.;]\s*)(?:at least |around |about )?(\d+) fatalit(?:y|ies)(?: reported)?\.?\s*$", re.I
)


@dataclass(frozen=True)
class Casualties:
    """What one sentence reports: ``None`` when it says nothing about deaths (or injuries)."""

    fatalities: int | None = None
    injuries: int | None = None


def number_value(token: Token) -> float | None:
    """The number a token states: digits, number words, "a"/"an", vague plurals."""
    text = token.lower_.replace(",", "")
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return float(text)
    if text in _UNITS:
        return float(_UNITS[text])
    if text in _VAGUE:
        return float(_VAGUE[text])
    if "-" in text:  # twenty-seven
        parts = [_UNITS.get(p) for p in text.split("-")]
        if all(p is not None for p in parts):
            return float(sum(p for p in parts if p is not None))
    return None


_NOT_VICTIMS = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC", "ORG", "NORP", "EVENT", "PRODUCT", "MONEY"})


def _numeral(token: Token) -> float | None:
    """A number token's value, with a tens word before it ("twenty seven" = 27)."""
    value = number_value(token)
    if value is None:
        return None
    for child in token.children:
        if (
            child.dep_ == "compound"
            and (tens := number_value(child)) is not None
            and tens % 10 == 0
            and value < 10
        ):
            value += tens
    return value


def _count_of(noun: Token) -> float | None:
    """The (lowest) number counting ``noun``: its numeric modifier, a determiner, or a plural's 'some'."""
    if noun.ent_type_ in _NOT_VICTIMS or noun.pos_ == "PROPN" and noun.ent_type_ not in ("PERSON", ""):
        return None
    values = []
    for child in noun.children:
        if child.dep_ in ("nummod", "det", "amod", "quantmod", "compound", "npadvmod"):
            value = _numeral(child)
            if value is None:
                continue
            # "between 5 and 8", "5 to 8", "5 or 6": the lowest figure is the conservative one.
            for sub in child.subtree:
                if (
                    sub is not child
                    and sub.dep_ != "compound"
                    and sub.like_num
                    and (v := number_value(sub)) is not None
                ):
                    value = min(value, v)
            values.append(value)
        elif child.dep_ == "prep" and child.lower_ == "of" and noun.lower_ in _VAGUE:
            values.append(_VAGUE[noun.lower_])
    if noun.like_num or noun.lower_ in _VAGUE:
        value = _numeral(noun)
        if value is not None:
            values.append(value)
    if values:
        return min(values)
    if noun.tag_ in ("NN", "NNP") and noun.pos_ in ("NOUN", "PROPN"):
        return 1.0  # "a civilian", "the driver", "Ahmed" — one person
    return None


def _victims(verb: Token) -> list[Token]:
    """The heads counted by a death/injury verb: patients of 'kill', subjects of 'die'/'were killed'."""
    victims = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "obj")]
    if not victims and verb.tag_ == "VBN":  # "1 killed, 7 injured": a reduced passive with a number subject
        victims = [c for c in verb.children if c.dep_ == "nsubj" and c.like_num]
    if not victims and any(c.dep_ == "auxpass" for c in verb.children):
        # A misparsed passive ("a man was beaten to death" with "man" as an apposition): the noun
        # right before the auxiliary is the patient.
        window = verb.doc[max(0, verb.i - 4) : verb.i]
        starts = [t.i for t in window if t.is_sent_start]  # stay within the verb's sentence
        before = [t for t in window if t.pos_ in ("NOUN", "NUM") and t.i >= max(starts, default=0)]
        victims = before[-1:]
    if verb.lemma_ in ("die", "perish", "succumb"):
        victims = [c for c in verb.children if c.dep_ == "nsubj"]
    if not victims and verb.dep_ in ("acl", "amod", "relcl") and verb.head.pos_ in ("NOUN", "PROPN", "NUM"):
        victims = [verb.head]  # "20 elements killed", "people killed in ..."
    if not victims and verb.dep_ == "conj":
        victims = _victims(verb.head)
    out = []
    for victim in victims:
        out.append(victim)
        out += [c for c in victim.conjuncts if c.pos_ in ("NOUN", "PROPN", "NUM")]
    return out


def _sum_counts(heads: list[Token]) -> int | None:
    counts = [c for c in (_count_of(h) for h in heads) if c is not None]
    return int(sum(counts)) if counts else None


def sentence_casualties(sentence: Span) -> Casualties:
    """Deaths and injuries one sentence reports."""
    text = sentence.text
    deaths: list[int] = []
    injuries: list[int] = []
    if (coded := _CODED.search(text)) is not None:
        figure = int(coded.group(3) or coded.group(1))
        parts = (
            coded.group(2)
            and not coded.group(3)
            and (int(coded.group(2)) if coded.group(2).isdigit() else _UNITS.get(coded.group(2).lower()))
        )
        deaths.append(math.floor(figure / parts + 0.5) if parts else figure)
        return Casualties(deaths[0], None)
    if (split := _SPLIT.search(text)) is not None:
        word = split.group(2).lower()
        events = int(word) if word.isdigit() else _UNITS.get(word)
        if events:  # ACLED divides a total between the events it is split across
            deaths.append(math.floor(int(split.group(1)) / events + 0.5))
    elif (total := _TOTAL.search(text)) is not None:
        deaths.append(int(total.group(1)))
    for token in sentence:
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" and lemma in _DEATH_VERBS and not split and not total:
            if (n := _sum_counts(_victims(token))) is not None:
                deaths.append(n)
        elif token.pos_ == "VERB" and lemma in _INJURY_VERBS:
            if (n := _sum_counts(_victims(token))) is not None:
                injuries.append(n)
        elif token.lower_ in _DEATH_NOUNS and token.pos_ in ("NOUN", "ADJ") and not split and not total:
            if (n := _noun_count(token)) is not None:
                deaths.append(n)
        elif token.lower_ in _INJURY_NOUNS and token.pos_ in ("NOUN", "ADJ", "VERB"):
            if (n := _noun_count(token)) is not None:
                injuries.append(n)
    if _NONE.search(text):
        if not deaths and re.search(r"casualt|fatalit|death|killed|died", text, re.I):
            deaths.append(0)
        if not injuries and re.search(r"casualt|injur|hurt|wounded", text, re.I):
            injuries.append(0)
    return Casualties(sum(deaths) if deaths else None, sum(injuries) if injuries else None)


def _noun_count(noun: Token) -> int | None:
    """'12 dead', '3 fatalities', 'death toll rose to 7', 'killing of two'."""
    count = _count_of(noun)
    if count is not None and (noun.tag_ in ("NNS", "NNPS") or noun.pos_ == "ADJ") or noun.like_num:
        return int(count) if count is not None else None
    head = noun.head
    if noun.lower_ == "death" and head.lower_ == "to" and head.head.pos_ == "VERB":  # "beaten to death"
        return _sum_counts(_victims(head.head))
    if noun.pos_ == "ADJ" and head.pos_ in ("NOUN", "PROPN", "NUM") and noun.dep_ == "amod":
        return int(c) if (c := _count_of(head)) is not None else None
    if noun.pos_ == "ADJ" and noun.dep_ in (
        "acomp",
        "oprd",
    ):  # "two people were dead", "a man was found dead"
        subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
        return _sum_counts(subjects[-1:])
    if noun.lower_ in ("toll",):
        return None
    for child in noun.children:  # "death toll rose to 7" is read off the verb's object
        if child.dep_ == "compound":
            return None
    if head.lower_ == "toll" or (noun.dep_ == "compound" and noun.head.lower_ == "toll"):
        verb = head.head
        values = [v for t in verb.subtree if t.like_num and (v := number_value(t)) is not None]
        return int(min(values)) if values else None
    return None
