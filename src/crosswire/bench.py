"""``crosswire bench``: words per second per stage, peak memory, and the pipeline/parse ratio.

The parse is the floor this design can reach on CPU: every other stage is measured
against it, so a stage's share of the parse time is the figure to watch.
"""

from __future__ import annotations

import resource
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from crosswire.model import Article
from crosswire.options import Options
from crosswire.pipeline import analyze, process_article
from crosswire.timing import StageTimer

# One short report that touches every per-article stage, so each loads its resources (weights,
# gazetteer index) before timing starts.
_WARM_UP = (
    "Officials in Paris said on Monday that two people were killed when a missile hit a depot, "
    "a claim the government denied."
)


def peak_memory_mb() -> float:
    """Peak resident memory of this process (Linux reports kilobytes)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def bench(inputs: Sequence[str | Path], options: Options | None = None) -> dict[str, Any]:
    """Run the whole pipeline in-process on ``inputs`` and account every stage."""
    options = options or Options()
    # Load the model and every stage's resources before timing: a one-off, not a per-text cost.
    load_started = time.perf_counter()
    process_article(Article(id="warm-up", source="bench", text=_WARM_UP, published="2020-01-06"), options)
    model_load = time.perf_counter() - load_started

    timer = StageTimer()
    started = time.perf_counter()
    dossier = analyze(inputs, options, timer)
    total = time.perf_counter() - started

    words = sum(len(a.text.split()) for a in dossier.articles if a.duplicate_of is None)
    parse_seconds = timer.seconds.get("parse", 0.0)
    stages = {
        name: {
            "seconds": round(seconds, 4),
            "words_per_second": round(words / seconds) if seconds else None,
            "share_of_parse": round(seconds / parse_seconds, 4) if parse_seconds else None,
        }
        for name, seconds in timer.seconds.items()
    }
    return {
        "articles": sum(1 for a in dossier.articles if a.duplicate_of is None),
        "words": words,
        "load_seconds": round(model_load, 3),
        "total_seconds": round(total, 3),
        "words_per_second": round(words / total) if total else None,
        "pipeline_over_parse": round(total / parse_seconds, 3) if parse_seconds else None,
        "peak_memory_mb": peak_memory_mb(),
        "stages": stages,
    }
