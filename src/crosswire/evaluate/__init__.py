"""Benchmarks: each task module reads its dataset in the native format and returns metrics.

Every task module exposes ``evaluate(data: Path, **options) -> dict`` returning
JSON-serialisable metrics; ``crosswire evaluate TASK --data PATH`` prints them.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

TASKS: dict[str, str] = {
    "extraction": "crosswire.evaluate.extraction",
    "attribution": "crosswire.evaluate.attribution",
    "geocoding": "crosswire.evaluate.geocoding",
    "time": "crosswire.evaluate.time",
    "events": "crosswire.evaluate.events",
    "clustering": "crosswire.evaluate.clustering",
    "summary": "crosswire.evaluate.summary",
}


def evaluator(task: str) -> Callable[..., dict[str, Any]]:
    """The ``evaluate`` function of a task, imported on demand."""
    if task not in TASKS:
        raise KeyError(f"unknown task {task!r}; choose from {', '.join(TASKS)}")
    module = importlib.import_module(TASKS[task])
    return module.evaluate  # type: ignore[no-any-return]


def run(task: str, data: Path, **options: Any) -> dict[str, Any]:
    return evaluator(task)(Path(data), **options)
