"""Story clustering benchmark: B³ precision/recall/F1 and adjusted Rand index.

Reads JSONL in either of two formats, one record per line:

- clusters: ``{id, cluster, text, title?, published?, outlet?}``, one article per line;
- Multi-News: ``{id, summary, documents[]}``, one gold cluster per line; each document (a
  string, or an object with ``text`` and optional ``title``/``published``/``outlet``) is an
  article of that cluster.

All articles are clustered together as one corpus by :func:`cluster_articles`; gold labels
are only read to score. ``limit`` keeps the first N lines. Each article carries the time
expressions of its text (the rule-based pass, no parse), as it does in the pipeline; entities
and places need the spaCy parse, too slow for thousands of articles, so they are left out.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter
from collections.abc import Hashable, Sequence
from pathlib import Path
from typing import Any

from sklearn.metrics import adjusted_rand_score

from crosswire.errors import DataError
from crosswire.model import Article
from crosswire.nlp.time import find_times, parse_anchor
from crosswire.options import Options
from crosswire.stories.cluster import cluster_articles


def bcubed(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> dict[str, float]:
    """B³ precision, recall and F1 (Bagga & Baldwin): per-item overlap of its gold and predicted clusters."""
    if len(gold) != len(predicted) or not gold:
        raise ValueError("gold and predicted labels must be non-empty and of equal length")
    pairs = Counter(zip(gold, predicted, strict=True))
    gold_size, predicted_size = Counter(gold), Counter(predicted)
    # Every item of a (gold, predicted) cell shares ``n`` items with both of its clusters.
    precision = sum(n * n / predicted_size[p] for (g, p), n in pairs.items()) / len(gold)
    recall = sum(n * n / gold_size[g] for (g, p), n in pairs.items()) / len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def read_items(data: Path, limit: int | None = None) -> list[tuple[Article, str]]:
    """(article, gold cluster) pairs from a clusters or Multi-News JSONL file."""
    items: list[tuple[Article, str]] = []
    try:
        lines = data.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"{data}: cannot read: {exc}") from exc
    lines = [line for line in lines if line.strip()][:limit]
    for number, line in enumerate(lines, 1):
        try:
            row = json.loads(line)
            if "documents" in row:
                for k, doc in enumerate(row["documents"]):
                    doc = {"text": doc} if isinstance(doc, str) else doc
                    items.append((_article(f"{number}.{k}", doc, data), str(row["id"])))
            else:
                items.append((_article(str(number), row, data), str(row["cluster"])))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise DataError(f"{data}:{number}: not a clusters or Multi-News record: {exc!r}") from exc
    if not items:
        raise DataError(f"{data}: no records")
    return items


def _article(key: str, row: dict[str, Any], data: Path) -> Article:
    # Ids are line-based: dataset ids need not be unique (BASIL has several "empty").
    article = Article(
        id=key,
        source=f"{data.name}:{row.get('id', key)}",
        title=row.get("title") or None,
        text=str(row["text"]),
        published=row.get("published") or None,
        outlet=row.get("outlet") or None,
    )
    article.times = find_times(article.text, parse_anchor(article.published))
    return article


def evaluate(data: Path, limit: int | None = None, **_: Any) -> dict[str, Any]:
    """Cluster every article of ``data`` as one corpus and score against the gold clusters."""
    items = read_items(Path(data), limit)
    articles = [a for a, _ in items]
    gold_of = {a.id: g for a, g in items}
    print(f"clustering {len(articles)} articles", file=sys.stderr)
    start = time.perf_counter()
    stories = cluster_articles(articles, Options())
    seconds = time.perf_counter() - start
    predicted_of = {i: s.id for s in stories for i in s.article_ids}
    gold = [gold_of[a.id] for a in articles]
    predicted = [predicted_of[a.id] for a in articles]
    return {
        "articles": len(articles),
        "gold_clusters": len(set(gold)),
        "predicted_clusters": len(stories),
        "bcubed": bcubed(gold, predicted),
        "ari": round(float(adjusted_rand_score(gold, predicted)), 4),
        "seconds": round(seconds, 2),
        "articles_per_second": round(len(articles) / seconds, 1) if seconds else None,
        # Other work on the machine slows the timing; the load average says how much there was.
        "load_average_1min": round(os.getloadavg()[0], 2),
    }
