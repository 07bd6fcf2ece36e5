"""Sentences as the unit of comparison: their words, anchors and pairwise similarity.

Comparison works on the records alone (no re-parse): each sentence of each article becomes a
:class:`Unit` holding normalised words, content stems, and anchors (entity ids, resolved dates
and places, numbers) taken from the article's records and text. Similarity is a story-level
TF-IDF cosine, lifted where the shipped static embedding table (when present) finds two
sentences closer in meaning than in wording.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from scipy import sparse

from crosswire.errors import ResourceError
from crosswire.model import Article, Cite, Mention

# Stories up to this many sentences get a dense similarity matrix (64 MB at the limit).
DENSE_LIMIT = 4000

_WORD = re.compile(r"[A-Za-z]+(?:[-’'][A-Za-z]+)*|\d+(?:[.,]\d+)*")
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be been before being below
    between both but by can could did do does doing down during each few for from further had has have
    having he her here hers herself him himself his how i if in into is it its itself just me more most
    my myself no nor not now of off on once only or other our ours ourselves out over own same she
    should so some such than that the their theirs them themselves then there these they this those
    through to too under until up very was we were what when where which while who whom why will with
    would you your yours yourself since amid despite via per upon would may might must shall us one""".split()
)
# Reporting verbs and function nouns: present in most news sentences, they say nothing about the fact.
REPORTING = frozenset(
    """say said says saying tell told according claim claimed claims statement statements report reported
    reports add added adding note noted stated state states""".split()
)
WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
_MONTHS = {
    m[:3]: m
    for m in "january february march april may june july august september october november december".split()
}
MONTH_STEMS = frozenset(_MONTHS)
# Suffixes stripped by :func:`stem`, the first that fits, with what replaces them.
_SUFFIXES = tuple(
    tuple(pair.split(":")) for pair in "ies:y ied:y ing: ed: ches:ch shes:sh sses:ss xes:x s:".split()
)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude, fast English stem so "targeting", "targeted" and "targets" meet."""
    w = word.lower().replace("’", "'").removesuffix("'s").replace("-", "")
    if w[:3] in _MONTHS and (w in _MONTHS.values() or w in (w[:3], "sept")):
        return w[:3]
    for suffix, repl in _SUFFIXES:
        if len(w) > len(suffix) + 2 and w.endswith(suffix) and not (suffix == "s" and w.endswith("ss")):
            w = w[: -len(suffix)] + repl
            break
    return w[:-1] if len(w) > 3 and w.endswith("e") else w  # "fire"/"fired", "missile"/"missiles"


def words(text: str) -> list[str]:
    """Lower-case word tokens (quotes and punctuation dropped)."""
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def content_stems(text: str, tokens: list[str] | None = None) -> list[str]:
    """Stems of the words that carry content (no stopwords, no reporting verbs)."""
    tokens = words(text) if tokens is None else tokens
    return [stem(w) for w in tokens if w not in STOPWORDS and w not in REPORTING and len(w) > 1]


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks, tracked across sentences of a paragraph.

    A quotation often runs over several sentences, so the open/closed state is carried along
    the text; it resets at a line break (a quoted paragraph that goes on reopens its quote).
    """
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    for i, char in enumerate(text):
        if char == "\n" and opened is not None:
            spans.append((opened, i))
            opened = None
        elif char == "“" or (char == '"' and opened is None):
            if opened is None:
                opened = i
        elif (char == "”" or char == '"') and opened is not None:
            spans.append((opened, i + 1))
            opened = None
    if opened is not None:
        spans.append((opened, len(text)))
    return spans


@dataclass
class Unit:
    """One sentence of one article, ready for comparison."""

    article: Article
    index: int
    start: int
    end: int
    text: str
    words: list[str]
    stems: list[str]
    entities: frozenset[str]
    numbers: frozenset[str]
    mentions: list[Mention] = field(default_factory=list, repr=False)
    key: int = 0  # position in the story's unit list
    is_statement: bool = False  # says something (not a dateline, credit or caption fragment)

    @property
    def article_id(self) -> str:
        return self.article.id

    def cite(self) -> Cite:
        return Cite(article_id=self.article.id, start=self.start, end=self.end, text=self.text)

    def own_words(self, quotes: list[tuple[int, int]]) -> list[str]:
        """The outlet's own wording: words outside quotations, without names (capitalised or tagged).

        Shared quotations and shared names say two outlets covered the same speech or people;
        shared wording around them says one copied the other.
        """
        text = self.article.text
        pieces, at = [], self.start
        hidden = sorted([*quotes, *((m.start, m.end) for m in self.mentions)])
        for start, end in hidden:
            if end <= self.start or start >= self.end:
                continue
            pieces.append(text[at : max(at, start)])
            at = max(at, min(end, self.end))
        pieces.append(text[at : self.end])
        tokens = _WORD.findall(" ".join(pieces))
        return [w.lower().replace("’", "'") for n, w in enumerate(tokens) if n == 0 or not w[0].isupper()]


def trimmed_span(text: str, start: int, end: int) -> tuple[int, int]:
    """A span shrunk to exclude surrounding whitespace, so a cite's text is the sentence itself."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentence_spans(article: Article) -> list[tuple[int, int]]:
    """The article's sentences, trimmed, and split at line breaks: a line break always ends a
    sentence in clean text, even where the parser ran a caption or a heading into the next one."""
    spans: list[tuple[int, int]] = []
    for sentence in article.sentences:
        at = sentence.start
        for piece in re.split(r"(\n+)", article.text[sentence.start : sentence.end]):
            start, end = trimmed_span(article.text, at, at + len(piece))
            at += len(piece)
            if end > start and not piece.startswith("\n"):
                spans.append((start, end))
    return spans


def _within(items: list, starts: list[int], start: int, end: int) -> list:  # type: ignore[type-arg]
    """Items (sorted by start offset) that begin inside [start, end)."""
    return items[bisect_left(starts, start) : bisect_left(starts, end)]


def _says_something(text: str, tokens: list[str]) -> bool:
    plain = [w for w in _WORD.findall(text) if w.islower() and len(w) > 2 and w not in STOPWORDS]
    return len(tokens) >= 4 and bool(plain)


def story_units(articles: list[Article]) -> list[Unit]:
    """Every sentence of every article, with anchors from the article's mentions."""
    units: list[Unit] = []
    for article in articles:
        mentions = sorted(article.mentions, key=lambda m: m.start)
        mention_starts = [m.start for m in mentions]
        dates = sorted((t for t in article.times if t.value and t.type == "DATE"), key=lambda t: t.start)
        date_starts = [t.start for t in dates]
        places = sorted((p for p in article.places if p.place_id), key=lambda p: p.start)
        place_starts = [p.start for p in places]
        for index, (start, end) in enumerate(sentence_spans(article)):
            text = article.text[start:end]
            tokens = words(text)
            inside = _within(mentions, mention_starts, start, end)
            # Resolved dates and places anchor like entities do: "on Saturday" in two reports of one
            # week meet, and so do "Stepanakert" and "Khankendi".
            entities = (
                {m.entity_id for m in inside if m.entity_id}
                | {f"date:{t.value}" for t in _within(dates, date_starts, start, end)}
                | {f"place:{p.place_id}" for p in _within(places, place_starts, start, end)}
            )
            units.append(
                Unit(
                    article,
                    index,
                    start,
                    end,
                    text,
                    tokens,
                    content_stems(text, tokens),
                    frozenset(entities),
                    frozenset(w for w in tokens if w[0].isdigit()),
                    mentions=inside,
                    key=len(units),
                    is_statement=_says_something(text, tokens),
                )
            )
    return units


def outlet_name(article: Article) -> str:
    """How an article is named in a sentence: its outlet, else its id (unique, unlike a title)."""
    return article.outlet or article.id


class Similarity:
    """Pairwise sentence similarity within one story, computed at once as a matrix."""

    def __init__(self, units: list[Unit]) -> None:
        self.units = units
        df = Counter(s for u in units for s in set(u.stems))
        total = len(units) or 1
        self.idf = {s: math.log(1 + total / c) for s, c in df.items()}
        self.scores = self._scores(units)
        self.embedded = self._lift(units)

    def _scores(self, units: list[Unit]) -> np.ndarray | sparse.csr_matrix:
        """Cosine of the sentences' TF-IDF vectors (dense up to DENSE_LIMIT sentences)."""
        column = {s: i for i, s in enumerate(self.idf)}
        rows, cols, values = [], [], []
        for unit in units:
            for s, count in Counter(unit.stems).items():
                rows.append(unit.key)
                cols.append(column[s])
                values.append(count * self.idf[s])
        matrix = sparse.csr_matrix(
            (np.asarray(values, dtype=np.float32), (rows, cols)), shape=(len(units), max(len(column), 1))
        )
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        matrix = sparse.diags(1.0 / np.where(norms > 0, norms, 1.0)) @ matrix
        product = (matrix @ matrix.T).tocsr()
        return product.toarray() if len(units) <= DENSE_LIMIT else product

    def _lift(self, units: list[Unit]) -> bool:
        """Fold static-embedding similarity in, when the table ships (dense scores only).

        Static embeddings give unrelated sentences a sizeable cosine; measured against the story's
        own baseline they only ever lift a pair that shares meaning more than its wording shows.
        """
        if not units or len(units) > DENSE_LIMIT:
            return False
        vectors = _embed([u.text for u in units])
        if vectors is None:
            return False
        cosine = vectors @ vectors.T
        articles = np.array([hash(u.article_id) for u in units])
        cross = articles[:, None] != articles[None, :]
        baseline = float(min(0.9, max(0.0, cosine[cross].mean()))) if cross.any() else 0.5
        lifted = np.clip((cosine - baseline) / (1.0 - baseline), 0.0, 1.0)
        self.scores = np.maximum(self.scores, 0.5 * self.scores + 0.5 * lifted)
        return True

    def __call__(self, a: Unit, b: Unit) -> float:
        return float(self.scores[a.key, b.key])

    def pairs(self, threshold: float) -> list[tuple[int, int]]:
        """Sentence index pairs (i < j) scoring at least ``threshold``."""
        if isinstance(self.scores, np.ndarray):
            i, j = np.nonzero(np.triu(self.scores >= threshold, k=1))
        else:
            coo = sparse.triu(self.scores, k=1).tocoo()
            keep = coo.data >= threshold
            i, j = coo.row[keep], coo.col[keep]
        return list(zip(i.tolist(), j.tolist(), strict=True))

    def best_elsewhere(self) -> np.ndarray:
        """For each sentence, its highest score with a sentence of another article."""
        articles = np.array([hash(u.article_id) for u in self.units])
        best = np.zeros(len(self.units), dtype=np.float32)
        for i in range(len(self.units)):
            row = self.scores[i]
            row = row.toarray().ravel() if sparse.issparse(row) else row
            others = row[articles != articles[i]]
            best[i] = others.max() if others.size else 0.0
        return best

    def weight(self, stem_: str) -> float:
        return self.idf.get(stem_, 0.0)


def _embed(texts: list[str]) -> np.ndarray | None:
    """Static sentence vectors when the embedding table ships; None falls back to TF-IDF alone."""
    try:
        from crosswire.nlp.embed import embed
    except ImportError:
        return None
    try:
        vectors = embed(texts)
    except ResourceError:
        return None
    return vectors if vectors.shape[0] == len(texts) else None
