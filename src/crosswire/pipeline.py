"""The flow of DESIGN.md: ingest → per-article stages → corpus stages → per-story stages → dossier.

Per-article stages are plain functions ``stage(article, doc) -> article`` listed in
:data:`crosswire.stages.ARTICLE_STAGES`; they are pure over the article record and the parse, so the
same code runs in-process, in a process pool or on Dask workers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from rich.console import Console
from rich.progress import track

from crosswire import engine, ingest
from crosswire.compare import compare_story
from crosswire.extract.events import merge_events
from crosswire.model import Article, Dossier, ManifestEntry
from crosswire.nlp.names import canonicalize
from crosswire.nlp.parse import parse
from crosswire.nlp.places import collect_places
from crosswire.options import Options
from crosswire.stages import run_stages
from crosswire.stories.cluster import cluster_articles
from crosswire.summarize import summarize_story
from crosswire.timing import StageTimer, untimed


def process_article(article: Article, options: Options, timer: StageTimer | None = None) -> Article:
    """Run every per-article stage on one article (a pure map: any order, any worker)."""
    timed = timer or untimed
    with timed("parse"):
        doc = parse(article.text, options.spacy_model)
    return run_stages(article, doc, timer=timer).article


def analyze(
    inputs: Sequence[str | Path], options: Options | None = None, timer: StageTimer | None = None
) -> Dossier:
    """Analyze files, folders, or ``-`` (stdin) into one dossier."""
    options = options or Options()
    with (timer or untimed)("ingest"):
        articles, manifest = ingest.ingest(inputs, options)
    return analyze_articles(articles, options, manifest, timer)


def analyze_articles(
    articles: Iterable[Article],
    options: Options | None = None,
    manifest: list[ManifestEntry] | None = None,
    timer: StageTimer | None = None,
) -> Dossier:
    """Analyze already-ingested articles; duplicates are kept in the dossier but not re-analyzed.

    With a ``timer`` the per-article map runs in-process so every stage is accounted.
    """
    options = options or Options()
    timed = timer or untimed
    articles = list(articles)
    originals = [a for a in articles if a.duplicate_of is None]
    if timer is None:
        results: Iterable[Article] = engine.map_articles(process_article, originals, options)
        if options.progress:
            results = track(
                results,
                total=len(originals),
                description="analyzing",
                console=Console(stderr=True),
                transient=True,
            )
        processed_list = list(results)
    else:
        processed_list = [process_article(a, options, timer) for a in originals]
    processed = {a.id: a for a in processed_list}
    articles = [processed.get(a.id, a) for a in articles]
    analyzed = [processed[a.id] for a in originals]

    with timed("entities"):
        entities = canonicalize(analyzed)
    with timed("collect_places"):
        places = collect_places(analyzed)
    claims = [claim for article in analyzed for claim in article.claims]
    with timed("merge_events"):
        events = merge_events(analyzed)
    with timed("stories"):
        stories = cluster_articles(analyzed, options)
    by_id = {a.id: a for a in analyzed}
    for story in stories:
        story_articles = [by_id[i] for i in story.article_ids]
        with timed("compare"):
            story.findings = compare_story(story, story_articles)
        with timed("summarize"):
            story.summary, story.timeline = summarize_story(story, story_articles, events)
    return Dossier(
        generated=datetime.now(UTC).isoformat(timespec="seconds"),
        articles=articles,
        entities=entities,
        places=places,
        claims=claims,
        events=events,
        stories=stories,
        manifest=manifest or [],
    )
