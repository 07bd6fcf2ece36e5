"""Wire copy: passages two outlets share verbatim or lightly edited.

Sentences are matched across articles by shared word 5-gram shingles (an inverted index keeps
it sub-quadratic), then scored on each outlet's own wording (words outside quotation marks,
names left out) by the longest common word run and the share of words in common runs. Shared
quotations and names only show that two outlets covered the same speech or people; a quotation
counts as copy when the wording around it is shared too (two outlets quoting the same tweet is
not copy, two outlets reprinting the paragraph that carries it is). Matched sentences that
follow each other on both sides form one passage.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher

from crosswire.compare.units import Unit, outlet_name, quoted_spans
from crosswire.model import Article, Finding

SHINGLE = 5
# A shared run of own words this long is copy whatever the rest of the sentence does ("systems
# were deployed in areas of [Armenia] bordering the [Kalbajar] district of" is 10; shorter runs
# are often a stock phrase).
LONG_RUN = 10
# Otherwise most of the shorter sentence must sit in shared runs of at least MIN_BLOCK words,
# the longest at least SHORT_RUN.
MIN_BLOCK = 3
SHORT_RUN = 6
MIN_COVERAGE = 0.6
MIN_WORDS = 6
# A quotation counts as copy only near (in sentences) a shared unquoted passage.
QUOTE_REACH = 2
# A shingle in more sentences than this is boilerplate, not a sign of copy between two articles.
COMMON_SHINGLE = 50


@dataclass(frozen=True)
class WireMatch:
    """Two sentences of two articles that are copies of one another."""

    a: Unit
    b: Unit
    longest: int
    coverage: float

    @property
    def articles(self) -> frozenset[str]:
        return frozenset((self.a.article_id, self.b.article_id))


def _shingles(tokens: list[str]) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)}


def _overlap(a: list[str], b: list[str]) -> tuple[int, float]:
    """Longest common word run and the share of the shorter side inside common runs."""
    if not a or not b:
        return 0, 0.0
    blocks = SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    longest = max((blk.size for blk in blocks), default=0)
    covered = sum(blk.size for blk in blocks if blk.size >= MIN_BLOCK)
    return longest, covered / min(len(a), len(b))


def _same_outlet(a: Article, b: Article) -> bool:
    return bool(a.outlet and b.outlet and a.outlet.lower() == b.outlet.lower())


def _copied(longest: int, coverage: float, shorter: int) -> bool:
    return longest >= LONG_RUN or (shorter >= MIN_WORDS and longest >= SHORT_RUN and coverage >= MIN_COVERAGE)


def find_wire_matches(units: list[Unit]) -> list[WireMatch]:
    """Sentence pairs from different outlets that share their wording."""
    index: dict[tuple[str, ...], list[Unit]] = defaultdict(list)
    for unit in units:
        for shingle in _shingles(unit.words):
            index[shingle].append(unit)
    articles = {u.article_id: u.article for u in units}
    quotes = {article_id: quoted_spans(article.text) for article_id, article in articles.items()}
    candidates: set[tuple[int, int]] = set()
    for bucket in index.values():
        if len(bucket) > COMMON_SHINGLE:  # boilerplate shared by everything tells nothing about a pair
            continue
        for i, a in enumerate(bucket):
            for b in bucket[i + 1 :]:
                if a.article_id != b.article_id and not _same_outlet(a.article, b.article):
                    candidates.add((min(a.key, b.key), max(a.key, b.key)))
    plain: list[WireMatch] = []
    quoted: list[WireMatch] = []
    for ka, kb in sorted(candidates):
        a, b = units[ka], units[kb]
        ua, ub = a.own_words(quotes[a.article_id]), b.own_words(quotes[b.article_id])
        longest, coverage = _overlap(ua, ub)
        if _copied(longest, coverage, min(len(ua), len(ub))):
            plain.append(WireMatch(a, b, longest, coverage))
            continue
        longest, coverage = _overlap(a.words, b.words)
        if _copied(longest, coverage, min(len(a.words), len(b.words))):
            quoted.append(WireMatch(a, b, longest, coverage))
    near: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for m in plain:
        near[(m.a.article_id, m.b.article_id)].append((m.a.index, m.b.index))
    kept = list(plain)
    for m in quoted:
        anchors = near.get((m.a.article_id, m.b.article_id), [])
        if any(abs(m.a.index - i) <= QUOTE_REACH and abs(m.b.index - j) <= QUOTE_REACH for i, j in anchors):
            kept.append(m)
    return kept


def _passages(matches: list[WireMatch]) -> list[list[WireMatch]]:
    """Consecutive matches (on both sides) grouped into passages."""
    passages: list[list[WireMatch]] = []
    for m in sorted(matches, key=lambda m: (m.a.index, m.b.index)):
        last = passages[-1][-1] if passages else None
        if last is not None and 0 < m.a.index - last.a.index <= 2 and 0 < m.b.index - last.b.index <= 2:
            passages[-1].append(m)
        else:
            passages.append([m])
    return passages


def agencies(a: Article, b: Article) -> list[str]:
    """Agencies both articles credit, else those either credits."""
    shared = [w for w in a.wire if w in b.wire]
    return shared or sorted(set(a.wire) | set(b.wire))


def _credit_phrase(a: Article, b: Article) -> str:
    """Who the two articles credit, in words (empty when neither credits an agency)."""
    shared = [w for w in a.wire if w in b.wire]
    if shared:
        return f" (both credit {', '.join(shared)})"
    credits = [f"{outlet_name(x)} credits {', '.join(x.wire)}" for x in (a, b) if x.wire]
    return f" ({'; '.join(credits)})" if credits else ""


def wire_findings(matches: list[WireMatch]) -> list[Finding]:
    """One ``wire_copy`` finding per pair of articles, listing the shared passages."""
    by_pair: dict[tuple[str, str], list[WireMatch]] = defaultdict(list)
    for m in matches:
        by_pair[(m.a.article_id, m.b.article_id)].append(m)
    findings: list[Finding] = []
    for _, pair in sorted(by_pair.items()):
        a, b = pair[0].a.article, pair[0].b.article
        passages = _passages(pair)
        credited = agencies(a, b)
        units = [u for passage in passages for u in [m.a for m in passage] + [m.b for m in passage]]
        evidence = [u.cite() for u in {u.key: u for u in units}.values()]
        agency = _credit_phrase(a, b)
        count = f"{len(passages)} passage{'s' if len(passages) > 1 else ''}"
        findings.append(
            Finding(
                id="",
                kind="wire_copy",
                summary=f"{outlet_name(a)} and {outlet_name(b)} carry {count} of the same wording{agency}, "
                "so they are one source for what those passages say.",
                evidence=evidence,
                sources=1,
                details={
                    "articles": [a.id, b.id],
                    "agency": credited,
                    "passages": [
                        {
                            a.id: {"start": p[0].a.start, "end": p[-1].a.end},
                            b.id: {"start": p[0].b.start, "end": p[-1].b.end},
                            "longest_shared_run": max(m.longest for m in p),
                            "overlap": round(max(m.coverage for m in p), 2),
                        }
                        for p in passages
                    ],
                },
            )
        )
    return findings
