"""Temporal expressions, normalised against the publication date. (first form: to be replaced)"""

from __future__ import annotations

from spacy.tokens import Doc

from crosswire.model import Article


def tag_times(article: Article, doc: Doc) -> Article:
    return article
