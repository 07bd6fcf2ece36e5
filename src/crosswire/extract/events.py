"""ACLED-style events. (first form: to be replaced)"""

from __future__ import annotations

from spacy.tokens import Doc

from crosswire.model import Article, Event


def tag_events(article: Article, doc: Doc) -> Article:
    return article


def merge_events(articles: list[Article]) -> list[Event]:
    return [event for article in articles for event in article.events]
