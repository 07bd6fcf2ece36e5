"""Multi-document summary benchmark: Multi-News JSONL ``{id, summary, documents[]}``.

Each cluster's documents become articles, split into sentences by a fast rule
splitter (no parse needed), and are summarised by the same code the pipeline
uses (:func:`crosswire.summarize.extract_summary`). Scores are ROUGE-1/2/L F1
(rouge-score, stemming on) averaged over clusters, plus the share of summary
sentences that cite their source exactly.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rouge_score import rouge_scorer

from crosswire.errors import DataError
from crosswire.model import Article, Sentence
from crosswire.summarize import SUMMARY_WORDS, extract_summary

# A sentence ends at . ! or ? (optionally closed by quotes/brackets) followed by space and
# a capital, digit or opening quote; short abbreviations ("Mr.", "U.S.", "a.m.") do not end one.
BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(]?\s*[A-Z0-9])")
ABBREVIATION = re.compile(
    r"(?:\b(?:[A-Za-z]\.){1,3}|\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Lt|Col|St|Jr|Sr|No|vs|Inc|Co|Corp|Ltd|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.)$",
    re.I,
)  # noqa: E501


def split_sentences(text: str) -> list[Sentence]:
    """Sentence spans of ``text`` by punctuation rules (fast; no parse)."""
    sentences = []
    start = 0
    for match in BOUNDARY.finditer(text):
        head = text[start : match.start()]
        if ABBREVIATION.search(head.rstrip("\"'”’)]")):
            continue
        if head.strip():
            sentences.append(Sentence(start=start, end=match.start()))
        start = match.end()
    if text[start:].strip():
        sentences.append(Sentence(start=start, end=len(text.rstrip())))
    return sentences


def _clusters(data: Path, limit: int | None) -> Iterator[tuple[str, str, list[str]]]:
    try:
        lines = data.open(encoding="utf-8")
    except OSError as exc:
        raise DataError(f"{data}: cannot read: {exc}") from exc
    with lines:
        count = 0
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            if limit is not None and count >= limit:
                return
            try:
                item = json.loads(line)
                documents = [d if isinstance(d, str) else d["text"] for d in item["documents"]]
                yield str(item.get("id", number)), item["summary"], documents
            except (ValueError, KeyError, TypeError) as exc:
                reason = f"not a Multi-News record {{id, summary, documents[]}}: {exc}"
                raise DataError(f"{data}:{number}: {reason}") from exc
            count += 1


def _articles(cluster_id: str, documents: list[str]) -> list[Article]:
    articles = []
    for n, text in enumerate(documents):
        article = Article(id=f"{cluster_id}-{n}", source=cluster_id, text=text)
        article.sentences = split_sentences(text)
        articles.append(article)
    return articles


def evaluate(data: Path, limit: int | None = None, words: int = SUMMARY_WORDS) -> dict[str, Any]:
    """ROUGE-1/2/L F1 of ``words``-word cited summaries against the reference summaries."""
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    totals = {"rouge1": 0.0, "rouge2": 0.0, "rougeL": 0.0}
    clusters = sentences = cited = summary_words = 0
    for cluster_id, reference, documents in _clusters(data, limit):
        articles = _articles(cluster_id, documents)
        by_id = {a.id: a for a in articles}
        summary = extract_summary(articles, words)
        for sentence in summary:
            sentences += 1
            cited += bool(sentence.cites) and all(
                by_id[c.article_id].text[c.start : c.end] == c.text for c in sentence.cites
            )
        text = " ".join(s.text for s in summary)
        summary_words += len(text.split())
        scores = scorer.score(reference, text)
        for key in totals:
            totals[key] += scores[key].fmeasure
        clusters += 1
        if clusters % 100 == 0:
            print(f"summary: {clusters} clusters", file=sys.stderr)
    if not clusters:
        raise DataError(f"{data}: no clusters")
    return {
        "clusters": clusters,
        "words": words,
        **{f"{key}_f1": round(value / clusters, 4) for key, value in totals.items()},
        "mean_summary_words": round(summary_words / clusters, 1),
        "cited_sentence_share": round(cited / sentences, 4) if sentences else 1.0,
    }
