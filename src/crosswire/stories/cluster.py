"""Group analyzed articles into stories with the incremental :class:`StoryIndex`."""

from __future__ import annotations

import re
from datetime import date

from crosswire.model import Article, Story, TimeMention
from crosswire.nlp.time import find_times
from crosswire.options import Options
from crosswire.stories.index import Day, Document, StoryIndex

# Entity labels whose names make good story evidence (numbers and dates do not).
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"})
TITLE_CHARS = 120
DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d")
FIRST_SENTENCE = re.compile(r"(.+?[.!?])(?:\s|$)", re.S)
# Two unrelated anchors: a mention that resolves to the same month and day against both names
# that calendar day outright ("September 27"), whereas "Thursday" or "last month" moves with them.
PROBE_ANCHORS = (date(2001, 6, 15), date(2011, 2, 3))


def article_day(article: Article) -> date | None:
    """The publication day, or None when unknown or only known to the month or year."""
    try:
        return date.fromisoformat(article.published[:10]) if article.published else None
    except ValueError:
        return None


def document(article: Article) -> Document:
    """What the story index compares: title and body, the day, the names the article mentions
    and the calendar days it is about."""
    # Canonical ids when entity resolution has run, so "Stepanyan" and "Stepanian" count as one name.
    names = [m.entity_id or m.text for m in article.mentions if m.label in NAME_LABELS]
    names += [p.place_id or p.text for p in article.places]
    text = f"{article.title}\n{article.text}" if article.title else article.text
    day = article_day(article)
    # The publication day counts among the days an article is about, so an undated report
    # naming it ("on Wednesday, October 14") is dated by it.
    days = calendar_days(article.times) | ({(day.isoformat()[5:], str(day.year))} if day else set())
    return Document(article.id, text, day, tuple(names), days)


def calendar_days(times: list[TimeMention]) -> frozenset[Day]:
    """The calendar days the text names, as (month-day, year or "" when the text leaves it open).

    Resolved day values count as they are; a mention left unresolved for want of a publication
    date ("on September 27" in an undated article) counts by its month and day when it names
    them outright.
    """
    days = set()
    for mention in times:
        if mention.value:
            if DAY_VALUE.match(mention.value):
                days.add((mention.value[5:10], mention.value[:4]))
            continue
        probes = {_resolved_day(mention.text, anchor) for anchor in PROBE_ANCHORS}
        if len(probes) == 1 and (month_day := probes.pop()):
            days.add((month_day, ""))
    return frozenset(days)


def _resolved_day(text: str, anchor: date) -> str | None:
    """The month-day ("09-27") ``text`` resolves to against ``anchor``, if it names one day."""
    values = [m.value for m in find_times(text, anchor) if m.value]
    return values[0][5:10] if len(values) == 1 and DAY_VALUE.match(values[0]) else None


def cluster_articles(articles: list[Article], options: Options) -> list[Story]:
    """Cluster ``articles`` into stories (the rule is documented in crosswire.stories.index).

    Stories come earliest first (undated last), ties in input order; a story's article ids
    keep the input order; its title is the headline of its most central article.
    """
    index = StoryIndex()
    index.add_many([document(a) for a in articles])
    return stories_from(index, articles)


def stories_from(index: StoryIndex, articles: list[Article]) -> list[Story]:
    """The index's stories as records, for the articles given (in their order)."""
    position = {a.id: n for n, a in enumerate(articles)}
    by_id = {a.id: a for a in articles}
    stories = []
    for story_id, members in index.story_members():
        ids = sorted((i for i in members if i in position), key=position.__getitem__)
        if ids:
            central = max(ids, key=lambda i: (index.centrality(i), -position[i]))
            stories.append(Story(id=story_id, title=headline(by_id[central]), article_ids=ids))

    def order(story: Story) -> tuple[date, int]:
        days = [d for d in (article_day(by_id[i]) for i in story.article_ids) if d]
        return (min(days) if days else date.max, position[story.article_ids[0]])

    return sorted(stories, key=order)


def headline(article: Article) -> str:
    """The article's title, else its first sentence (shortened), else its id."""
    if article.title and article.title.strip():
        return article.title.strip()
    match = FIRST_SENTENCE.match(article.text.strip())
    text = " ".join((match.group(1) if match else article.text).split())
    if len(text) > TITLE_CHARS:
        text = text[: TITLE_CHARS - 1].rsplit(" ", 1)[0] + "…"
    return text or article.id
