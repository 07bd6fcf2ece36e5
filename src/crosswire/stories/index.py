"""Incremental story index: each new article joins the story it fits best or opens a new one.

Decision rule (one rule for every corpus, no per-dataset settings):

1. Similarity of two articles is the cosine of their TF-IDF vectors (title + body, plus the
   named entities and places the article carries, each name as one term). It is 0 when both
   have a publication date more than ``WINDOW_DAYS`` apart, and weighted by ``UNDATED`` when
   either date is unknown, unless the two share a calendar day (one the texts name, such as
   the day fighting began, or a publication day): dates known to be close are evidence of one
   story in themselves, and so is a shared date the stories are about.
2. It is locally scaled: divided by ``sqrt(m_a * m_b)``, where ``m_x`` is the mean cosine of
   article x to its ``SCALE_K`` nearest neighbours, kept within ``SCALE_BOUNDS``. A wordy
   opinion piece and a terse wire item reach different raw cosines with their own story;
   measured against their own neighbourhoods they are comparable, so one threshold fits both.
3. An article joins the story with the highest mean scaled similarity to its members
   (average link) when that mean is at least ``JOIN``; otherwise it opens a new story. Two
   stories it was a candidate for merge when their average link reaches ``JOIN`` too (the
   older story's id is kept), so the result does not hinge on which article came first.

Candidates are sub-quadratic: an inverted index maps each article's ``TOP_TERMS`` heaviest
terms to the articles that have them among theirs (the latest ``POSTING_CAP`` per term), so a
new article is compared only with the ``CANDIDATES`` articles within the time window that
share most of its rare terms. Articles added together (``add_many``) are all indexed first,
so each one's neighbourhood is known before any is placed, then placed in publication order.
The IDF is that of the articles indexed so far.
"""

from __future__ import annotations

import bisect
import hashlib
import heapq
from array import array
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from crosswire.stories.terms import Row, TermSpace, cosine, terms

WINDOW_DAYS = 7
SCALE_K = 5
# Bounds of the neighbourhood scale: the floor keeps an article with no real neighbours from
# being inflated; the ceiling keeps a small corpus that is all one story (every neighbour a
# story mate) from setting the bar at its own mates.
SCALE_BOUNDS = (0.05, 0.25)
JOIN = 0.85
# Weight of a pair when either date is unknown: close publication dates are evidence too.
UNDATED = 0.85
TOP_TERMS = 24
POSTING_CAP = 256
CANDIDATES = 40
# Stories considered for an article: those of its OPTIONS most similar placed neighbours.
OPTIONS = 8


# A calendar day a text names: (month-day "09-27", year "2020" or "" when the text leaves it open).
Day = tuple[str, str]


@dataclass
class Entry:
    """One indexed article."""

    id: str
    day: date | None
    row: Row
    days: frozenset[Day] = frozenset()
    neighbours: dict[int, float] = field(default_factory=dict)  # entry number -> cosine
    story: int | None = None
    scale: float = SCALE_BOUNDS[0]
    nearest: list[float] = field(default_factory=list)  # the SCALE_K highest cosines, ascending

    def meet(self, other: int, similarity: float) -> None:
        """Record a neighbour and update the neighbourhood scale."""
        self.neighbours[other] = similarity
        if len(self.nearest) < SCALE_K or similarity > self.nearest[0]:
            bisect.insort(self.nearest, similarity)
            del self.nearest[:-SCALE_K]
            mean = sum(self.nearest) / len(self.nearest)
            self.scale = min(max(mean, SCALE_BOUNDS[0]), SCALE_BOUNDS[1])


@dataclass
class StoryState:
    """A story: its id and its member entries (empty once merged into another)."""

    id: str
    members: list[int]


@dataclass(frozen=True)
class Document:
    """What the index needs of an article: an id, the text to compare, a day when known,
    the names it mentions and the calendar days it names."""

    id: str
    text: str
    day: date | None = None
    names: tuple[str, ...] = ()
    days: frozenset[Day] = frozenset()


class StoryIndex:
    """Articles and the stories they form; grows one article (or batch) at a time."""

    def __init__(self) -> None:
        self.space = TermSpace()
        self.entries: list[Entry] = []
        self.by_id: dict[str, int] = {}
        self.postings: dict[int, array[int]] = defaultdict(lambda: array("q"))
        self.days: list[int] = []  # day ordinal per entry, -1 when undated
        self.stories: list[StoryState] = []
        self._epoch = -1
        self._vectors: dict[int, Row] = {}

    # ------------------------------------------------------------------ adding
    def add(self, document: Document) -> str:
        """Index one article and place it; returns the id of the story it joined or opened."""
        return self.add_many([document])[0]

    def add_many(self, documents: list[Document]) -> list[str]:
        """Index a batch, then place each article in publication order; story ids in input order."""
        counts = [self._counts(d) for d in documents]
        first = len(self.entries)
        for document, count in zip(documents, counts, strict=True):
            if document.id in self.by_id:
                raise ValueError(f"article {document.id!r} is already indexed")
            self.by_id[document.id] = len(self.entries)
            self.entries.append(Entry(document.id, document.day, self.space.row(count), document.days))
            self.days.append(document.day.toordinal() if document.day else -1)
        new = list(range(first, len(self.entries)))
        for n in new:
            self._link(n)
        for n in sorted(new, key=lambda n: (self.entries[n].day or date.max, self.entries[n].id)):
            self._place(n)
        return [self.stories[self.entries[n].story].id for n in new]  # type: ignore[index]

    @staticmethod
    def _counts(document: Document) -> Counter[str]:
        counts = terms(document.text)
        # A multi-word name is one term, so "New York" is not just "new" and "york".
        for name in document.names:
            counts["=" + " ".join(name.lower().split())] += 1
        return counts

    # ------------------------------------------------------------------ neighbours
    def _link(self, n: int) -> None:
        """Find the nearest earlier-indexed articles of entry ``n`` and record the cosines both ways."""
        entry = self.entries[n]
        row = entry.row
        weights = row.values * self.space.idf(row.ids)
        top = row.ids[np.argsort(-weights, kind="stable")[:TOP_TERMS]]
        postings = [np.frombuffer(self.postings[int(t)][-POSTING_CAP:], dtype=np.int64) for t in top]
        for term in top:
            self.postings[int(term)].append(n)
        if not any(len(p) for p in postings):
            return
        found, votes = np.unique(np.concatenate(postings), return_counts=True)
        if entry.day is not None:
            ordinal = entry.day.toordinal()
            days = np.array([self.days[i] for i in found])
            keep = (days < 0) | (np.abs(days - ordinal) <= WINDOW_DAYS)
            found, votes = found[keep], votes[keep]
        # Most shared top terms first; ties to the earlier article (np.unique sorts ascending).
        candidates = found[np.argsort(-votes, kind="stable")[:CANDIDATES]].tolist()
        for other, similarity in zip(candidates, self._cosines(n, candidates), strict=True):
            entry.meet(other, similarity)
            self.entries[other].meet(n, similarity)

    def _weighted(self, n: int) -> Row:
        """Entry ``n``'s TF-IDF row, cached until the document frequencies change."""
        if self._epoch != self.space.documents:
            self._epoch, self._vectors = self.space.documents, {}
        if n not in self._vectors:
            self._vectors[n] = self.space.weighted(self.entries[n].row)
        return self._vectors[n]

    def _cosines(self, n: int, others: list[int]) -> np.ndarray:
        """Cosines of entry ``n`` with each of ``others`` under the current IDF."""
        vector = self._weighted(n)
        return np.array([cosine(vector, self._weighted(o)) for o in others])

    @staticmethod
    def dated_together(a: Entry, b: Entry) -> bool:
        """Both publication days are known (and so within the window), or the two share a calendar day."""
        if a.day is not None and b.day is not None:
            return True
        return any(
            year == other or not year or not other
            for month_day, year in a.days
            for month_day_b, other in b.days
            if month_day == month_day_b
        )

    @staticmethod
    def _in_window(a: Entry, b: Entry) -> bool:
        return a.day is None or b.day is None or abs((a.day - b.day).days) <= WINDOW_DAYS

    # ------------------------------------------------------------------ placing
    def affinity(self, n: int, members: list[int]) -> float:
        """Mean locally scaled similarity of entry ``n`` to ``members`` (average link)."""
        entry = self.entries[n]
        inside = [m for m in members if self._in_window(entry, self.entries[m])]
        if not inside:
            return 0.0
        cosines = self._cosines(n, inside)
        scales = np.array([self.entries[m].scale for m in inside])
        weights = np.array([1.0 if self.dated_together(entry, self.entries[m]) else UNDATED for m in inside])
        return float(np.sum(weights * cosines / np.sqrt(scales * entry.scale)) / len(members))

    def _place(self, n: int) -> None:
        """Put entry ``n`` in its best story (rule 3), or open one."""
        entry = self.entries[n]
        # The stories of the nearest placed neighbours: a story none of them is in cannot win.
        placed = [m for m in entry.neighbours if self.entries[m].story is not None]
        nearest = heapq.nlargest(OPTIONS, placed, key=lambda m: (entry.neighbours[m], -m))
        options = sorted({s for m in nearest if (s := self.entries[m].story) is not None})
        best, best_score = None, JOIN
        for s in options:
            score = self.affinity(n, self.stories[s].members)
            if score >= best_score:
                best, best_score = s, score
        if best is None:
            best = len(self.stories)
            self.stories.append(StoryState(story_id(entry.id), []))
        self.stories[best].members.append(n)
        entry.story = best
        self._merge(best, [s for s in options if s != best])

    def _merge(self, target: int, others: list[int]) -> None:
        """Fold into ``target`` each story whose average link to it has reached ``JOIN``."""
        for s in others:
            members = self.stories[s].members
            if not members:
                continue
            link = sum(self.affinity(m, self.stories[target].members) for m in members) / len(members)
            if link >= JOIN:
                keep, gone = min(target, s), max(target, s)
                for m in self.stories[gone].members:
                    self.entries[m].story = keep
                self.stories[keep].members += self.stories[gone].members
                self.stories[gone].members = []
                target = keep

    # ------------------------------------------------------------------ reading
    def story_members(self) -> list[tuple[str, list[str]]]:
        """Every story as (id, member article ids in the order they joined)."""
        return [(s.id, [self.entries[m].id for m in s.members]) for s in self.stories if s.members]

    def centrality(self, article_id: str) -> float:
        """Mean raw cosine of an article to the other members of its story."""
        n = self.by_id[article_id]
        others = [m for m in self.stories[self.entries[n].story].members if m != n]  # type: ignore[index]
        return float(np.mean(self._cosines(n, others))) if others else 0.0


def story_id(founder: str) -> str:
    """A stable story id derived from the article that opened the story."""
    return "s" + hashlib.sha1(founder.encode()).hexdigest()[:10]
