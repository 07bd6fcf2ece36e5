"""Cited story summary and timeline.

The summary is extractive: sentences are ranked by a LexRank-style centrality over
a TF-IDF sentence graph, weighted by a lead-position prior (news puts its key facts
first), by length (a long sentence carries more of the story than a fragment) and
by direct quotation (what the actors said), then picked greedily under a word
budget with redundancy control. Every picked sentence cites itself and every
sentence of another article that states the same fact. Contested points
(contradiction findings, denials) come first and are written as contested, citing
both sides. The timeline lists dated events, or, for a story without events, the
sentences carrying resolved dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from crosswire.compare.units import trimmed_span
from crosswire.model import Article, Cite, Claim, Event, Story, SummarySentence, TimelineEntry
from crosswire.stories.terms import terms

SUMMARY_WORDS = 250  # word budget of a story summary
SUMMARY_SHARE = 1 / 3  # ... or this share of a short story's words, so a summary stays a summary
SUMMARY_MIN_WORDS = 60
MIN_WORDS = 4  # shorter sentences are headlines, captions or fragments
DAMPING = 0.85  # PageRank damping of the centrality walk
LEAD_DECAY = 0.5  # position prior 1 / (1 + index) ** LEAD_DECAY
QUOTE_BONUS = 0.5  # relative boost of a sentence quoting someone directly
REDUNDANT = 0.3  # cosine above which a candidate repeats a picked sentence
SAME_FACT = 0.6  # cosine above which sentences of two articles state the same fact
MAX_CANDIDATES = 1500  # bounds the dense sentence graph of a very large story
TIMELINE_MAX = 30

DENY_STANCES = frozenset({"deny", "reject"})
ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
WORD = re.compile(r"\w+")
QUOTE = re.compile(r"[\"“”]")


@dataclass(frozen=True)
class Candidate:
    """A sentence eligible for the summary."""

    article: Article
    start: int
    end: int
    position: int  # index of the sentence in its article
    words: int

    @property
    def text(self) -> str:
        return self.article.text[self.start : self.end]

    def cite(self) -> Cite:
        return Cite(article_id=self.article.id, start=self.start, end=self.end, text=self.text)


def _candidates(articles: list[Article]) -> list[Candidate]:
    found = []
    for article in articles:
        for position, sentence in enumerate(article.sentences):
            start, end = trimmed_span(article.text, sentence.start, sentence.end)
            text = article.text[start:end]
            words = len(text.split())
            if words >= MIN_WORDS:
                found.append(Candidate(article, start, end, position, words))
    if len(found) > MAX_CANDIDATES:
        # A big story keeps its articles' leading sentences, so the sentence graph stays small.
        kept = set(sorted(range(len(found)), key=lambda i: found[i].position)[:MAX_CANDIDATES])
        found = [c for i, c in enumerate(found) if i in kept]
    return found


def _similarity(candidates: list[Candidate]) -> np.ndarray:
    """Cosine similarity of the candidates' TF-IDF vectors (sublinear tf, smoothed IDF taken over
    the story's own sentences)."""
    counts = [terms(c.text) for c in candidates]
    column: dict[str, int] = {}
    rows, cols, tfs = [], [], []
    for row, counted in enumerate(counts):
        for term, count in counted.items():
            rows.append(row)
            cols.append(column.setdefault(term, len(column)))
            tfs.append(1.0 + np.log(count))
    n = len(candidates)
    if not column:  # only stop words in the whole story
        return np.zeros((n, n))
    df = np.bincount(cols, minlength=len(column))
    idf = np.log((1 + n) / (1 + df)) + 1.0
    matrix = sparse.csr_matrix((np.asarray(tfs) * idf[cols], (rows, cols)), shape=(n, len(column)))
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    matrix = sparse.diags(1.0 / np.where(norms > 0, norms, 1.0)) @ matrix
    return np.asarray((matrix @ matrix.T).toarray())


def _centrality(similarity: np.ndarray) -> np.ndarray:
    """Stationary distribution of a damped random walk on the sentence graph (LexRank)."""
    n = len(similarity)
    weights = similarity.copy()
    np.fill_diagonal(weights, 0.0)
    totals = weights.sum(axis=1, keepdims=True)
    transition = np.where(totals > 0, weights / np.where(totals > 0, totals, 1.0), 1.0 / n)
    rank = np.full(n, 1.0 / n)
    for _ in range(100):
        updated = (1 - DAMPING) / n + DAMPING * rank @ transition
        if np.abs(updated - rank).sum() < 1e-8:
            return updated
        rank = updated
    return rank


def _rank(candidates: list[Candidate], similarity: np.ndarray) -> np.ndarray:
    """Score = centrality x lead prior x length x quotation boost."""
    centrality = _centrality(similarity)
    lead = np.array([1.0 / (1 + c.position) ** LEAD_DECAY for c in candidates])
    length = np.array([c.words for c in candidates], dtype=float)
    quoted = np.array([1.0 + QUOTE_BONUS * bool(QUOTE.search(c.text)) for c in candidates])
    return centrality * lead * length * quoted


def _select(
    candidates: list[Candidate], scores: np.ndarray, similarity: np.ndarray, budget: int
) -> list[int]:
    """Best-first picks within the word budget, skipping sentences that repeat a picked one."""
    picked: list[int] = []
    used = 0
    for i in np.argsort(-scores, kind="stable"):
        if used + candidates[i].words > budget:
            continue
        if picked and similarity[i, picked].max() > REDUNDANT:
            continue
        picked.append(int(i))
        used += candidates[i].words
    return picked


def extract_summary(articles: list[Article], budget: int = SUMMARY_WORDS) -> list[SummarySentence]:
    """Extractive summary of articles that have sentences, each sentence citing every article stating it.

    Sentences come out grouped by article in the order given, in text order within each.
    """
    candidates = _candidates(articles)
    if not candidates:
        return []
    similarity = _similarity(candidates)
    picked = _select(candidates, _rank(candidates, similarity), similarity, budget)
    order = {a.id: n for n, a in enumerate(articles)}
    picked.sort(key=lambda i: (order[candidates[i].article.id], candidates[i].start))
    summary = []
    for i in picked:
        chosen = candidates[i]
        cites = [chosen.cite()]
        seen = {chosen.article.id}
        for j in np.argsort(-similarity[i], kind="stable"):
            other = candidates[j]
            if similarity[i, j] < SAME_FACT:
                break
            if other.article.id not in seen:
                seen.add(other.article.id)
                cites.append(other.cite())
        summary.append(SummarySentence(text=chosen.text, cites=cites))
    return summary


# --------------------------------------------------------------------------- contested points


def sentence_cite(article: Article, start: int, end: int) -> Cite:
    """Cite the sentence(s) covering ``start``-``end`` (the span itself when sentences are unknown)."""
    first = article.sentence_at(start)
    last = article.sentence_at(max(start, end - 1))
    if first is not None:
        start = first.start
    if last is not None:
        end = last.end
    start, end = trimmed_span(article.text, start, end)
    return Cite(article_id=article.id, start=start, end=end, text=article.text[start:end])


def _claim_cite(claim: Claim, by_id: dict[str, Article]) -> Cite | None:
    article = by_id.get(claim.article_id)
    return sentence_cite(article, claim.start, claim.end) if article else None


def _overlap(claim: str, denial: str) -> float:
    """Share of the denial's content words the claim also has (0 unless they share at least two)."""
    claimed = {w for w in WORD.findall(claim.lower()) if len(w) > 3}
    denied = {w for w in WORD.findall(denial.lower()) if len(w) > 3}
    shared = len(claimed & denied)
    return shared / len(denied) if shared >= 2 else 0.0


def _speaker_key(claim: Claim) -> str:
    return claim.speaker.entity_id or claim.speaker.text.lower()


def _contested(story: Story, articles: list[Article]) -> list[SummarySentence]:
    """Contradiction findings and denials, each written as contested and citing both sides."""
    by_id = {a.id: a for a in articles}
    points = [
        SummarySentence(text=f"Contested: {finding.summary}", cites=list(finding.evidence), contested=True)
        for finding in story.findings
        if finding.kind == "contradiction" and finding.evidence
    ]
    # A denial already behind a contradiction finding is not restated.
    covered = {(c.article_id, c.start, c.end) for point in points for c in point.cites}
    claims = [c for a in articles for c in a.claims]
    for denial in (c for c in claims if c.stance in DENY_STANCES):
        denial_cite = _claim_cite(denial, by_id)
        if denial_cite is None or (denial_cite.article_id, denial_cite.start, denial_cite.end) in covered:
            continue
        covered.add((denial_cite.article_id, denial_cite.start, denial_cite.end))
        others = [
            c for c in claims if c.stance not in DENY_STANCES and _speaker_key(c) != _speaker_key(denial)
        ]
        best = max(others, key=lambda c: _overlap(c.content, denial.content), default=None)
        if best is not None and _overlap(best.content, denial.content) >= 0.5:
            best_cite = _claim_cite(best, by_id)
            text = f"{best.speaker.text} said {best.content.rstrip('.')}; {denial.speaker.text} denied it."
            cites = [best_cite, denial_cite] if best_cite else [denial_cite]
        else:
            text = f"{denial.speaker.text} denied that {denial.content.rstrip('.')}."
            cites = [denial_cite]
        points.append(SummarySentence(text=text, cites=cites, contested=True))
    return points


# --------------------------------------------------------------------------- timeline


def _event_entries(events: list[Event], by_id: dict[str, Article]) -> list[TimelineEntry]:
    entries = []
    for event in events:
        mentions = [m for m in event.mentions if m.article_id in by_id]
        if not mentions or not event.date:
            continue
        cites = []
        for mention in mentions:
            cite = sentence_cite(by_id[mention.article_id], mention.start, mention.end)
            if cite not in cites:
                cites.append(cite)
        text = " ".join(cites[0].text.split())
        entries.append(
            TimelineEntry(date=event.date, text=text, status=event.status, event_id=event.id, cites=cites)
        )
    return entries


def _dated_sentence_entries(articles: list[Article]) -> list[TimelineEntry]:
    """One entry per distinct sentence carrying a resolved calendar date."""
    entries: list[TimelineEntry] = []
    seen: set[tuple[str, str]] = set()
    for article in articles:
        for time in article.times:
            if time.type != "DATE" or not time.value or not ISO_DATE.match(time.value):
                continue
            cite = sentence_cite(article, time.start, time.end)
            key = (time.value, " ".join(cite.text.lower().split()))
            if key in seen:
                continue
            seen.add(key)
            entries.append(TimelineEntry(date=time.value, text=" ".join(cite.text.split()), cites=[cite]))
    return entries


def _timeline(articles: list[Article], events: list[Event]) -> list[TimelineEntry]:
    by_id = {a.id: a for a in articles}
    entries = _event_entries(events, by_id) or _dated_sentence_entries(articles)
    entries.sort(key=lambda e: e.date or "")
    return entries[:TIMELINE_MAX]


def summarize_story(
    story: Story, articles: list[Article], events: list[Event]
) -> tuple[list[SummarySentence], list[TimelineEntry]]:
    """A story's cited summary (contested points first) and its dated timeline."""
    contested = _contested(story, articles)
    words = sum(len(a.text.split()) for a in articles)
    budget = min(SUMMARY_WORDS, max(SUMMARY_MIN_WORDS, round(words * SUMMARY_SHARE)))
    summary = extract_summary([a for a in articles if a.text], budget)
    return contested + summary, _timeline(articles, events)
