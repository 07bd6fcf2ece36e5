"""Named errors: every failure crosswire raises is a :class:`CrosswireError`."""

from __future__ import annotations


class CrosswireError(Exception):
    """Base class of all crosswire errors."""


class InputError(CrosswireError):
    """An input cannot be analyzed; ``source`` names it and ``reason`` says why.

    Raised per input and recorded in the manifest: it never stops a batch.
    """

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class DataError(CrosswireError):
    """A benchmark or dossier file is missing or not in the expected format."""


class ResourceError(CrosswireError):
    """A bundled resource (language model, gazetteer, embeddings) is unavailable."""
