"""Fact alignment: sentences of different articles that state the same thing.

Two sentences are linked when they are similar in wording or meaning (TF-IDF and, when shipped,
static embeddings) and, for weaker similarity, agree on anchors: the same entities, numbers or
dates. Links are merged greedily, strongest first, into facts holding at most one sentence per
article, and a sentence joins a fact only if it is close to the fact's members on average
(so a chain of loose links never glues two different facts together).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from crosswire.compare.units import MONTH_STEMS, WEEKDAYS, Similarity, Unit, stem

# Similarity alone enough to call two sentences the same fact.
SAME = 0.45
# Weaker similarity needs shared anchors (entities, places, numbers, dates) to back it.
BACKED = 0.3
MIN_ANCHORS = 2
# A sentence joins a fact only if its mean similarity to the members reaches this.
JOIN = 0.3
# Sentences shorter than this (in content words) are headings or fragments, not facts.
MIN_STEMS = 3
# An entity named in more than this share of a story's sentences is its topic ("Armenia" in a
# story on the Armenia-Azerbaijan war): sharing it says nothing about stating the same fact.
TOPICAL = 0.2


@dataclass
class Fact:
    """Sentences from different articles stating the same thing."""

    members: list[Unit] = field(default_factory=list)
    score: float = 0.0


def date_words(a: Unit, b: Unit) -> set[str]:
    """Month and weekday words both sentences use (a stand-in when dates are unresolved)."""

    def dated(unit: Unit) -> set[str]:
        return {
            w if w in WEEKDAYS else stem(w)
            for w in unit.words
            if w in WEEKDAYS or (len(w) >= 3 and stem(w) in MONTH_STEMS)
        }

    return dated(a) & dated(b)


def topical_entities(units: list[Unit]) -> frozenset[str]:
    """Entities (not dates) named in more than a ``TOPICAL`` share of the sentences."""
    counts = Counter(e for u in units for e in u.entities if not e.startswith("date:"))
    return frozenset(e for e, n in counts.items() if n > TOPICAL * len(units))


def anchors(a: Unit, b: Unit, topical: frozenset[str] = frozenset()) -> int:
    """How many entities, places, numbers and dates the two sentences share, topical ones aside.

    A date counts once whether it was resolved ("date:2020-10-10") or only written alike ("Saturday").
    """
    shared = (a.entities & b.entities) - topical
    dates = sum(1 for e in shared if e.startswith("date:"))
    return len(shared) - dates + len(a.numbers & b.numbers) + max(dates, len(date_words(a, b)))


def linked(a: Unit, b: Unit, similarity: Similarity, topical: frozenset[str] = frozenset()) -> float:
    """The link strength of two sentences (0 when they do not state the same thing)."""
    score = similarity(a, b)
    if score >= SAME or (score >= BACKED and anchors(a, b, topical) >= MIN_ANCHORS):
        return score
    return 0.0


def candidate_pairs(
    units: list[Unit], similarity: Similarity, topical: frozenset[str]
) -> list[tuple[float, Unit, Unit]]:
    """Linked sentence pairs across articles, strongest first."""
    eligible = [len(set(u.stems)) >= MIN_STEMS and u.is_statement for u in units]
    pairs: list[tuple[float, Unit, Unit]] = []
    for i, j in similarity.pairs(BACKED):
        a, b = units[i], units[j]
        if a.article_id == b.article_id or not (eligible[i] and eligible[j]):
            continue
        score = linked(a, b, similarity, topical)
        if score:
            pairs.append((score, a, b))
    pairs.sort(key=lambda p: (-p[0], p[1].key, p[2].key))
    return pairs


def align_facts(units: list[Unit], similarity: Similarity) -> list[Fact]:
    """Facts stated by at least two articles, strongest first."""
    fact_of: dict[int, Fact] = {}
    topical = topical_entities(units)
    for score, a, b in candidate_pairs(units, similarity, topical):
        fa, fb = fact_of.get(a.key), fact_of.get(b.key)
        if fa is not None and fa is fb:
            continue
        left = fa.members if fa else [a]
        right = fb.members if fb else [b]
        if {u.article_id for u in left} & {u.article_id for u in right}:
            continue
        mean = sum(similarity(x, y) for x in left for y in right) / (len(left) * len(right))
        # Paraphrases that share little wording ("broke out on Sept. 27" / "began on September 27")
        # may still join when they agree on anchors with every member.
        anchored = all(anchors(x, y, topical) >= MIN_ANCHORS for x in left for y in right)
        if mean < JOIN and not anchored:
            continue
        merged = Fact(left + right, max(score, fa.score if fa else 0.0, fb.score if fb else 0.0))
        for unit in merged.members:
            fact_of[unit.key] = merged
    facts = {id(f): f for f in fact_of.values()}.values()
    return sorted(facts, key=lambda f: (-len(f.members), -f.score, f.members[0].key))
