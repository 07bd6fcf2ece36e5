"""The extraction evaluator on tiny real fixtures of both dataset formats."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosswire.errors import DataError
from crosswire.evaluate.extraction import evaluate

DATA = Path(__file__).parent / "data" / "ingest" / "extraction"


def test_trafilatura_snippet_format() -> None:
    result = evaluate(DATA / "trafilatura")
    assert result["format"] == "trafilatura" and result["pages"] == 2
    ours, plain = result["crosswire"], result["trafilatura"]
    assert ours["true_positives"] + ours["false_negatives"] == 6
    assert ours["false_positives"] + ours["true_negatives"] == 6
    assert ours["recall"] >= 0.8 and ours["f1"] >= plain["f1"]


def test_scrapinghub_format() -> None:
    result = evaluate(DATA / "scrapinghub")
    assert result["format"] == "scrapinghub" and result["pages"] == 2
    for name in ("crosswire", "trafilatura"):
        assert result[name]["recall"] >= 0.9
        assert result[name]["f1"] >= 0.8
        assert result[name]["tokens"]["f1"] >= result[name]["f1"] - 0.05
    assert result["crosswire"]["f1"] >= result["trafilatura"]["f1"]


def test_limit_and_unknown_format(tmp_path: Path) -> None:
    assert evaluate(DATA / "scrapinghub", limit=1)["pages"] == 1
    with pytest.raises(DataError):
        evaluate(tmp_path)
