"""Numbers with units and bounds. (first form: to be replaced)"""

from __future__ import annotations

from spacy.tokens import Doc

from crosswire.model import Article


def tag_quantities(article: Article, doc: Doc) -> Article:
    return article
