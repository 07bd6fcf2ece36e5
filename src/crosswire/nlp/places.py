"""Toponyms resolved to gazetteer places. (first form: to be replaced)"""

from __future__ import annotations

from spacy.tokens import Doc

from crosswire.model import Article, Place


def tag_places(article: Article, doc: Doc) -> Article:
    return article


def collect_places(articles: list[Article]) -> list[Place]:
    return []
