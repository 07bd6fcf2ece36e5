"""Cited story summary and timeline. (first form: to be replaced)"""

from __future__ import annotations

from crosswire.model import Article, Event, Story, SummarySentence, TimelineEntry


def summarize_story(
    story: Story, articles: list[Article], events: list[Event]
) -> tuple[list[SummarySentence], list[TimelineEntry]]:
    return [], []
