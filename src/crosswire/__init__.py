"""crosswire: cross-source analysis of news articles."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from crosswire.errors import CrosswireError, DataError, InputError, ResourceError
from crosswire.model import Article, Dossier
from crosswire.options import Options

__version__ = "0.1.0"


def analyze(inputs: Sequence[str | Path], options: Options | None = None) -> Dossier:
    """Analyze files, folders or ``-`` (stdin) into a :class:`Dossier`.

    The pipeline is imported on first call, so ``import crosswire`` stays light.
    """
    from crosswire.pipeline import analyze as run

    return run(inputs, options)


__all__ = [
    "Article",
    "CrosswireError",
    "DataError",
    "Dossier",
    "InputError",
    "Options",
    "ResourceError",
    "analyze",
]
