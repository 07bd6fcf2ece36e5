"""Attributed claims. (first form: to be replaced)"""

from __future__ import annotations

from spacy.tokens import Doc

from crosswire.model import Article


def tag_claims(article: Article, doc: Doc) -> Article:
    return article
