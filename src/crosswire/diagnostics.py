"""Degraded work: a stage that could do only part of its job says so, and the run reports it.

A stage that falls back (a resource missing, an input it can only half read) calls
:func:`degraded`. The note is logged through the standard :mod:`logging` tree and, while
:func:`collecting` is active (the pipeline wraps every article and story in it), also
collected, so it travels back from worker processes with the result and ends up in the
manifest and in the run's summary.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from crosswire.model import Degradation

logger = logging.getLogger("crosswire")

_sink: ContextVar[list[Degradation] | None] = ContextVar("crosswire_degradations", default=None)


def degraded(stage: str, message: str, log: logging.Logger | None = None) -> None:
    """Record that ``stage`` did only part of its work, and why."""
    (log or logger).warning("%s degraded: %s", stage, message)
    sink = _sink.get()
    if sink is not None:
        sink.append(Degradation(stage=stage, message=message))


@contextmanager
def collecting() -> Iterator[list[Degradation]]:
    """Collect the degradations recorded inside the ``with`` block (nested blocks collect apart)."""
    sink: list[Degradation] = []
    token = _sink.set(sink)
    try:
        yield sink
    finally:
        _sink.reset(token)
