"""Cross-source comparison of one story's articles. (first form: to be replaced)"""

from __future__ import annotations

from crosswire.model import Article, Finding, Story


def compare_story(story: Story, articles: list[Article]) -> list[Finding]:
    return []
