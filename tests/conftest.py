"""Shared fixtures: the real spaCy model and the demo corpus analyzed once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosswire.model import Dossier
from crosswire.options import Options

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
EXAMPLES = ROOT / "examples" / "seeds"


@pytest.fixture(scope="session")
def demo_dossier() -> Dossier:
    from crosswire.pipeline import analyze

    return analyze([EXAMPLES], Options())


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    from crosswire.nlp.parse import load_nlp

    return load_nlp()
