"""Main-text extraction from HTML: crosswire's extractor beside plain ``trafilatura.extract``.

Two dataset formats are read, detected from the folder's contents:

* trafilatura's evaluation set (``evaldata.json`` + ``html/``): for each page,
  snippets that must appear (``with``) and must not appear (``without``) in the
  text. As in trafilatura's own comparison, a found ``with`` snippet is a true
  positive, a missing one a false negative, a found ``without`` snippet a false
  positive; precision, recall and F-score are computed over all pages' counts.
* the ScrapingHub article-extraction-benchmark (``html/*.html.gz`` +
  ``ground-truth.json`` mapping id → ``{"articleBody": ...}``): per page,
  multiset matches of word 4-gram shingles (the benchmark's own measure) and of
  single word tokens, normalised per page; precision and recall are averaged
  over pages and F1 is their harmonic mean.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import trafilatura

from crosswire.errors import DataError
from crosswire.evaluate.metrics import prf
from crosswire.ingest.page import extract_body

Extractor = Callable[[bytes], str]
_TOKEN = re.compile(r"\w+")


def _plain(html: bytes) -> str:
    return trafilatura.extract(html) or ""


EXTRACTORS: dict[str, Extractor] = {"crosswire": extract_body, "trafilatura": _plain}


def evaluate(data: Path, limit: int | None = None, **_: Any) -> dict[str, Any]:
    """Score every extractor on the dataset in ``data`` (either format)."""
    data = Path(data)
    if (data / "evaldata.json").is_file():
        return _snippets(data, limit)
    if (data / "ground-truth.json").is_file():
        return _articles(data, limit)
    raise DataError(
        f"{data}: neither evaldata.json (trafilatura format) nor ground-truth.json (ScrapingHub format)"
    )


def _load_json(path: Path) -> dict[str, Any]:
    try:
        loaded = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataError(f"{path}: {exc}") from exc
    if not isinstance(loaded, dict):
        raise DataError(f"{path}: expected a JSON object")
    return loaded


def _timed_runs(pages: list[tuple[str, bytes]]) -> Iterator[tuple[str, dict[str, str], dict[str, float]]]:
    """Each page's key, every extractor's text and the CPU seconds each took (fair on a busy machine)."""
    for n, (key, html) in enumerate(pages, 1):
        texts: dict[str, str] = {}
        seconds: dict[str, float] = {}
        for name, extractor in EXTRACTORS.items():
            start = time.process_time()
            texts[name] = extractor(html)
            seconds[name] = time.process_time() - start
        if n % 25 == 0:
            print(f"extraction: {n}/{len(pages)} pages", file=sys.stderr)
        yield key, texts, seconds


def _snippets(data: Path, limit: int | None) -> dict[str, Any]:
    items = list(_load_json(data / "evaldata.json").values())[:limit]
    pages = []
    for item in items:
        if not isinstance(item, dict) or "file" not in item:
            raise DataError(f"{data / 'evaldata.json'}: an entry has no 'file'")
        path = data / "html" / item["file"]
        if not path.is_file():
            raise DataError(f"{path}: listed in evaldata.json but missing")
        pages.append((item["file"], path.read_bytes()))
    counts = {name: Counter[str]() for name in EXTRACTORS}
    seconds = Counter[str]()
    for (_key, texts, spent), item in zip(_timed_runs(pages), items, strict=True):
        seconds.update(spent)
        for name, text in texts.items():
            for snippet in item.get("with", []):
                counts[name]["tp" if snippet in text else "fn"] += 1
            for snippet in item.get("without", []):
                counts[name]["fp" if snippet in text else "tn"] += 1
    results: dict[str, Any] = {"format": "trafilatura", "pages": len(pages)}
    for name, c in counts.items():
        scores = prf(c["tp"], c["tp"] + c["fp"], c["tp"] + c["fn"])
        total = sum(c.values())
        results[name] = {
            **scores,
            "accuracy": round((c["tp"] + c["tn"]) / total, 4) if total else 0.0,
            "true_positives": c["tp"],
            "false_negatives": c["fn"],
            "false_positives": c["fp"],
            "true_negatives": c["tn"],
            "pages_per_cpu_second": round(len(pages) / seconds[name], 1) if seconds[name] else None,
        }
    return results


def _match(true: str, pred: str, n: int) -> tuple[float, float, float]:
    """Per-page shares of matched, extra and missed n-gram shingles (they sum to 1)."""

    def shingles(text: str) -> Counter[tuple[str, ...]]:
        tokens = _TOKEN.findall(text)
        return Counter(
            tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n]
        )

    gold, got = shingles(true), shingles(pred)
    tp = sum((gold & got).values())
    fp = sum((got - gold).values())
    fn = sum((gold - got).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _macro(matches: list[tuple[float, float, float]]) -> dict[str, float]:
    """Page-averaged precision and recall (a perfect page counts 1), F1 of the averages."""

    def share(tp: float, wrong: float, perfect: bool) -> float:
        return 1.0 if perfect else tp / (tp + wrong) if tp + wrong else 0.0

    precisions = [share(tp, fp, fp == fn == 0) for tp, fp, fn in matches if tp + fp > 0]
    recalls = [share(tp, fn, fp == fn == 0) for tp, fp, fn in matches if tp + fn > 0]
    p = statistics.mean(precisions) if precisions else 0.0
    r = statistics.mean(recalls) if recalls else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def _articles(data: Path, limit: int | None) -> dict[str, Any]:
    truth = _load_json(data / "ground-truth.json")
    keys = sorted(truth)[:limit]
    pages = []
    for key in keys:
        path = data / "html" / f"{key}.html.gz"
        if not path.is_file():
            raise DataError(f"{path}: listed in ground-truth.json but missing")
        pages.append((key, gzip.decompress(path.read_bytes())))
    matches: dict[str, dict[int, list[tuple[float, float, float]]]] = {
        name: {4: [], 1: []} for name in EXTRACTORS
    }
    seconds = Counter[str]()
    for key, texts, spent in _timed_runs(pages):
        seconds.update(spent)
        body = truth[key].get("articleBody") or ""
        for name, text in texts.items():
            for n in (4, 1):
                matches[name][n].append(_match(body, text, n))
    results: dict[str, Any] = {"format": "scrapinghub", "pages": len(pages)}
    for name, by_n in matches.items():
        results[name] = {
            **_macro(by_n[4]),
            "tokens": _macro(by_n[1]),
            "pages_per_cpu_second": round(len(pages) / seconds[name], 1) if seconds[name] else None,
        }
    return results
