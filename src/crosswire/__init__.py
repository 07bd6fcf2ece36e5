"""crosswire: cross-source analysis of news articles."""

from crosswire.errors import CrosswireError, DataError, InputError, ResourceError
from crosswire.model import Article, Dossier
from crosswire.options import Options

__version__ = "0.1.0"


def analyze(inputs, options=None):  # type: ignore[no-untyped-def]
    """Analyze files, folders or ``-`` (stdin) into a :class:`Dossier`; see :func:`crosswire.pipeline.analyze`."""
    from crosswire.pipeline import analyze as run

    return run(inputs, options)


__all__ = ["Article", "CrosswireError", "DataError", "Dossier", "InputError", "Options", "ResourceError", "analyze"]
