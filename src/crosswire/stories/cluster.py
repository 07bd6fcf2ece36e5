"""Story clustering. (first form: to be replaced)"""

from __future__ import annotations

from crosswire.model import Article, Story
from crosswire.options import Options


def cluster_articles(articles: list[Article], options: Options) -> list[Story]:
    return [Story(id=f"s{i}", title=a.title or a.id, article_ids=[a.id]) for i, a in enumerate(articles)]
