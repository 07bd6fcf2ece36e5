"""Cited extractive summary, contested points, timeline and the Multi-News evaluator."""

from __future__ import annotations

from pathlib import Path

from crosswire.evaluate.summary import evaluate, split_sentences
from crosswire.model import Article, Claim, Event, EventMention, Speaker, Story, TimeMention
from crosswire.summarize import extract_summary, summarize_story

DATA = Path(__file__).parent / "data" / "report"


def _article(article_id: str, text: str) -> Article:
    article = Article(id=article_id, source=f"{article_id}.txt", text=text)
    article.sentences = split_sentences(text)
    return article


def _fixture_articles() -> list[Article]:
    return [_article(p.stem, p.read_text()) for p in sorted((DATA / "articles").glob("*missile*.txt"))]


def _find(article: Article, phrase: str) -> tuple[int, int]:
    start = article.text.index(phrase)
    return start, start + len(phrase)


def test_split_sentences_keeps_abbreviations_together() -> None:
    text = "Mr. Smith went to Washington on Monday. The U.S. Senate met at 3 p.m. It adjourned."
    spans = [text[s.start : s.end] for s in split_sentences(text)]
    assert spans == ["Mr. Smith went to Washington on Monday.", "The U.S. Senate met at 3 p.m. It adjourned."]


def test_every_summary_sentence_cites_its_exact_source_text() -> None:
    articles = _fixture_articles()
    by_id = {a.id: a for a in articles}
    summary = extract_summary(articles, budget=120)
    assert summary
    assert sum(len(s.text.split()) for s in summary) <= 120
    for sentence in summary:
        assert sentence.cites
        first = sentence.cites[0]
        assert first.text == sentence.text
        for cite in sentence.cites:
            assert by_id[cite.article_id].text[cite.start : cite.end] == cite.text


def test_same_fact_in_two_articles_cites_both() -> None:
    shared = "The ministry said two missile launchers were destroyed near the border overnight."
    a = _article("a", f"{shared} Officials in the capital gave no further details about the strikes.")
    b = _article("b", f"Fighting resumed on Tuesday after a brief lull. {shared}")
    summary = extract_summary([a, b], budget=40)
    picked = [s for s in summary if s.text == shared]
    assert len(picked) == 1, "a repeated fact is stated once"
    assert {c.article_id for c in picked[0].cites} == {"a", "b"}


def test_denial_is_written_as_contested_citing_both_sides() -> None:
    a = _article("a", "Azerbaijan said its forces destroyed missile launchers in Armenia. It was night.")
    b = _article("b", "Armenia denied that Azerbaijan destroyed missile launchers in Armenia. Talks stalled.")
    a.claims = [
        Claim(
            id="c1",
            article_id="a",
            speaker=Speaker(text="Azerbaijan"),
            cue="said",
            stance="assert",
            content="its forces destroyed missile launchers in Armenia",
            start=0,
            end=66,
        )
    ]
    start, end = _find(b, "Armenia denied that Azerbaijan destroyed missile launchers in Armenia.")
    b.claims = [
        Claim(
            id="c2",
            article_id="b",
            speaker=Speaker(text="Armenia"),
            cue="denied",
            stance="deny",
            content="Azerbaijan destroyed missile launchers in Armenia",
            start=start,
            end=end,
        )
    ]
    summary, _ = summarize_story(Story(id="s", title="t", article_ids=["a", "b"]), [a, b], [])
    contested = [s for s in summary if s.contested]
    assert len(contested) == 1
    assert contested[0].text.startswith("Azerbaijan said its forces destroyed")
    assert "Armenia denied it" in contested[0].text
    assert {c.article_id for c in contested[0].cites} == {"a", "b"}
    assert contested[0].cites[1].text == b.text[start:end]


def test_timeline_from_events_and_from_dated_sentences() -> None:
    article = _article(
        "a", "Talks began in Moscow on 9 October 2020. A ceasefire was agreed on 10 October 2020 after talks."
    )
    start, end = _find(article, "A ceasefire was agreed")
    event = Event(
        id="e1",
        event_type="Strategic developments",
        sub_event_type="Agreement",
        date="2020-10-10",
        status="claimed",
        mentions=[EventMention(article_id="a", start=start, end=end, text="x")],
    )
    story = Story(id="s", title="t", article_ids=["a"])
    _, timeline = summarize_story(story, [article], [event])
    assert [(e.date, e.status, e.event_id) for e in timeline] == [("2020-10-10", "claimed", "e1")]
    assert timeline[0].cites[0].text == "A ceasefire was agreed on 10 October 2020 after talks."

    for phrase, value in (("9 October 2020", "2020-10-09"), ("10 October 2020", "2020-10-10")):
        s, e = _find(article, phrase)
        article.times.append(TimeMention(start=s, end=e, text=phrase, value=value))
    article.times.append(TimeMention(start=0, end=5, text="Talks", type="DURATION", value="P1D"))
    _, timeline = summarize_story(story, [article], [])
    assert [e.date for e in timeline] == ["2020-10-09", "2020-10-10"]
    assert timeline[0].cites[0].text == "Talks began in Moscow on 9 October 2020."


def test_evaluate_summary_on_multinews_slice() -> None:
    metrics = evaluate(DATA / "multinews_sample.jsonl", limit=3)
    assert metrics["clusters"] == 3
    assert metrics["cited_sentence_share"] == 1.0
    assert metrics["mean_summary_words"] <= 250
    assert metrics["rouge2_f1"] > 0.05
    assert metrics["rouge1_f1"] > metrics["rouge2_f1"]
