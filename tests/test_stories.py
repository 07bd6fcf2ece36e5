"""Story clustering: incremental joins and openings, the time window, the demo-corpus split."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from crosswire.model import Article, TimeMention
from crosswire.nlp.time import find_times, parse_anchor
from crosswire.options import Options
from crosswire.stories.cluster import calendar_days, cluster_articles, document
from crosswire.stories.index import Document, StoryIndex

DATA = Path(__file__).parent / "data" / "clusters"
SEEDS = Path(__file__).parents[1] / "examples" / "seeds"


@pytest.fixture(scope="module")
def basil() -> list[dict]:
    """Three BASIL events, each reported by three outlets (texts shortened)."""
    return [json.loads(line) for line in (DATA / "basil_slice.jsonl").read_text().splitlines()]


def as_document(row: dict, n: int) -> Document:
    return Document(f"a{n}", f"{row['title']}\n{row['text']}", date.fromisoformat(row["published"]))


def test_added_article_joins_its_story_or_opens_one(basil: list[dict]) -> None:
    docs = [as_document(row, n) for n, row in enumerate(basil)]
    clusters = [row["cluster"] for row in basil]
    first_event = [d for d, c in zip(docs, clusters, strict=True) if c == clusters[0]]
    second_event = [d for d, c in zip(docs, clusters, strict=True) if c != clusters[0]][:3]
    index = StoryIndex()
    opened = index.add_many(first_event[:2] + second_event)
    assert opened[0] == opened[1]  # the two reports of the first event share a story
    assert len(set(opened)) == 2
    before = index.story_members()

    # One more report of the first event joins its story, leaving the others as they were.
    assert index.add(first_event[2]) == opened[0]
    members = dict(index.story_members())
    assert members[opened[0]] == [d.id for d in first_event]
    assert members[opened[-1]] == dict(before)[opened[-1]]

    # A report of an event not yet indexed opens a new story.
    third = next(d for d, c in zip(docs, clusters, strict=True) if c not in {clusters[0], clusters[3]})
    assert index.add(third) not in opened


def test_same_text_years_apart_is_another_story(basil: list[dict]) -> None:
    docs = [as_document(row, n) for n, row in enumerate(basil[:3])]
    index = StoryIndex()
    story = set(index.add_many(docs))
    later = replace(docs[0], id="later", day=date(docs[0].day.year + 3, 1, 1))  # type: ignore[union-attr]
    assert len(story) == 1
    assert index.add(later) not in story


def test_an_article_is_indexed_once(basil: list[dict]) -> None:
    index = StoryIndex()
    index.add(as_document(basil[0], 0))
    with pytest.raises(ValueError, match="already indexed"):
        index.add(as_document(basil[0], 0))


def demo_articles() -> list[Article]:
    """The demo corpus as raw files, with publication days as ingestion finds them."""
    days = {"000": "2020-10-14", "001": "2020-10-14", "002": "2020-10-15", "003": "2020-10-14"}
    return [
        Article(id=path.stem, source=str(path), text=path.read_text(), published=days.get(path.stem[:3]))
        for path in sorted(SEEDS.glob("*.txt"))
    ]


def test_demo_corpus_splits_2020_reports_from_2023_copy() -> None:
    """The 2023 aggregator copy has no known date: it must stay out of the October 2020 story."""
    stories = cluster_articles(demo_articles(), Options())
    assert [len(s.article_ids) for s in stories] == [4, 1]
    assert all(i.startswith("004") for i in stories[1].article_ids)


def test_undated_reports_join_the_story_whose_days_they_name() -> None:
    """As the pipeline sees the demo: only two reports dated, times read from the text.

    The undated TRT report names the day the fighting began, as the dated reports do; the
    2023 copy names none of their days and stays apart although its words are as close.
    """
    articles = demo_articles()
    for article in articles:
        if article.id[:3] not in {"001", "003"}:
            article.published = None
        article.times = find_times(article.text, parse_anchor(article.published))
    stories = cluster_articles(articles, Options())
    assert [sorted(i[:3] for i in s.article_ids) for s in stories] == [["000", "001", "002", "003"], ["004"]]


def test_calendar_days_keep_named_days_only() -> None:
    text = "Fighting began on September 27. On Thursday talks resumed, and on October 14, 2020 they ended."
    days = calendar_days(find_times(text, None))
    # The unresolved "September 27" counts by month and day; "Thursday" names no day on its own.
    assert days == {("09-27", ""), ("10-14", "2020")}
    assert calendar_days([TimeMention(start=0, end=4, text="2020", type="DATE", value="2020")]) == set()


def test_a_shared_named_day_counts_as_dated_together() -> None:
    index = StoryIndex()
    index.add_many(
        [
            Document("a", "x", days=frozenset({("09-27", "")})),
            Document("b", "y", days=frozenset({("09-27", "2020")})),
            Document("c", "z", days=frozenset({("09-27", "2019")})),
            Document("d", "w", day=date(2020, 1, 1)),
        ]
    )
    a, b, c, d = index.entries
    assert index.dated_together(a, b) and not index.dated_together(b, c) and not index.dated_together(a, d)


def test_stories_are_deterministic_and_titled(basil: list[dict]) -> None:
    articles = [
        Article(id=f"a{n}", source="basil", title=row["title"], text=row["text"], published=row["published"])
        for n, row in enumerate(basil)
    ]
    first = cluster_articles(articles, Options())
    again = cluster_articles(list(reversed(articles)), Options())
    assert [sorted(s.article_ids) for s in first] == [sorted(s.article_ids) for s in again]
    titles = {a.title for a in articles}
    assert all(s.title in titles for s in first)
    days = [min(articles[int(i[1:])].published for i in s.article_ids) for s in first]
    assert days == sorted(days)


def test_entity_names_become_whole_terms() -> None:
    from crosswire.model import Mention

    article = Article(
        id="x",
        source="x",
        text="Officials in New York said so.",
        mentions=[Mention(start=13, end=21, text="New York", label="GPE")],
    )
    assert document(article).names == ("New York",)


def test_texts_without_content_words_stand_alone() -> None:
    index = StoryIndex()
    stories = index.add_many(
        [
            Document("empty", ""),
            Document("stop", "the and of"),
            Document("a", "Flood hits town"),
            Document("b", "Flood hits the town again"),
        ]
    )
    assert len(set(stories[:3])) == 3 and stories[2] == stories[3]
