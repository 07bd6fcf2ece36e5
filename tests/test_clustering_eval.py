"""The clustering evaluator: B³ and ARI, both dataset formats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crosswire.errors import DataError
from crosswire.evaluate.clustering import bcubed, evaluate, read_items

DATA = Path(__file__).parent / "data" / "clusters"


def test_bcubed_hand_computed() -> None:
    gold = ["a", "a", "b", "b", "b", "c"]
    assert bcubed(gold, gold) == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    # One predicted cluster: precision is the mean share of an item's gold cluster, (2·2+3·3+1)/36.
    assert bcubed(gold, [0] * 6) == {"precision": 0.3889, "recall": 1.0, "f1": 0.56}
    # Item 2 wrongly joins a's cluster: precision (2/3+2/3+1/3+1+1+1)/6, recall (1+1+1/3+2/3+2/3+1)/6.
    assert bcubed(gold, [1, 1, 1, 2, 2, 3]) == {"precision": 0.7778, "recall": 0.7778, "f1": 0.7778}


def test_evaluate_clusters_format() -> None:
    metrics = evaluate(DATA / "basil_slice.jsonl")
    assert (metrics["articles"], metrics["gold_clusters"]) == (9, 3)
    assert metrics["bcubed"]["f1"] >= 0.9
    assert metrics["ari"] >= 0.8


def test_evaluate_scores_against_gold(tmp_path: Path) -> None:
    """The same articles under one gold story: the three predicted stories have recall 1/3."""
    rows = [json.loads(line) for line in (DATA / "basil_slice.jsonl").read_text().splitlines()]
    merged = tmp_path / "one.jsonl"
    merged.write_text("".join(json.dumps({**row, "cluster": "all"}) + "\n" for row in rows))
    metrics = evaluate(merged)
    assert metrics["predicted_clusters"] == 3
    assert metrics["bcubed"] == {"precision": 1.0, "recall": 0.3333, "f1": 0.5}
    assert metrics["ari"] == 0.0


def test_multinews_documents_are_articles_of_their_cluster() -> None:
    items = read_items(DATA / "multinews_slice.jsonl")
    assert len(items) == 6 and len({gold for _, gold in items}) == 3
    assert all(article.text for article, _ in items)  # strings and {"text": ...} objects alike
    assert any(article.times for article, _ in items)  # read from the text, as the pipeline does
    assert evaluate(DATA / "multinews_slice.jsonl", limit=2)["articles"] == 4


def test_bad_records_name_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": "no cluster"}\n')
    with pytest.raises(DataError, match="bad.jsonl:1"):
        read_items(bad)
