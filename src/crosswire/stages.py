"""The per-article stages, each with its declared contract, and the runner that isolates their faults.

Like a spaCy pipeline over one ``Doc``, every stage is a function ``stage(article, doc) ->
article`` over one :class:`~crosswire.model.Article` and its parse. The convention is one
for all: a stage **mutates** the record in place, writing only the fields it ``assigns``,
reading only the fields it ``requires`` (and the parse), and returns the same record.
``tests/test_stage_contracts.py`` checks both halves of every declaration and the order.

A stage that raises does not take the batch down: :func:`run_stages` resets what that stage
had half-written, skips the stages after it, and reports the failure; the article keeps
what the earlier stages found.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc

from crosswire.diagnostics import collecting
from crosswire.extract.attribution import tag_claims
from crosswire.extract.events import tag_events
from crosswire.extract.quantities import tag_quantities
from crosswire.model import Article, Degradation
from crosswire.nlp.parse import annotate
from crosswire.nlp.places import tag_places
from crosswire.nlp.time import tag_times
from crosswire.timing import StageTimer, untimed


@dataclass(frozen=True)
class ArticleStage:
    """A per-article stage and its contract: the ``Article`` fields it reads and writes."""

    name: str
    run: Callable[[Article, Doc], Article]
    requires: frozenset[str]
    assigns: frozenset[str]


def _stage(name: str, run: Callable[[Article, Doc], Article], requires: str, assigns: str) -> ArticleStage:
    return ArticleStage(name, run, frozenset(requires.split()), frozenset(assigns.split()))


# In order: a stage may require only fields that ingestion or an earlier stage assigns.
ARTICLE_STAGES: tuple[ArticleStage, ...] = (
    _stage("annotate", annotate, "text", "sentences mentions"),
    _stage("times", tag_times, "text published", "times"),
    _stage("places", tag_places, "text", "places"),
    _stage("quantities", tag_quantities, "text", "quantities"),
    _stage("claims", tag_claims, "id text sentences mentions", "claims"),
    _stage(
        "events",
        tag_events,
        "id text published sentences mentions places times quantities claims",
        "events places",
    ),
)

# What ingestion fills before any stage runs.
INGESTED = frozenset(
    "id source url title outlet published published_evidence authors wire republished duplicate_of "
    "language text dropped".split()
)


@dataclass
class StageFailure:
    """The stage that raised on an article, and the error."""

    stage: str
    error: str


@dataclass
class StagesResult:
    """An article after the stages: enriched, or enriched up to the stage that failed."""

    article: Article
    failure: StageFailure | None = None
    degraded: list[Degradation] = field(default_factory=list)


def describe_error(exc: BaseException) -> str:
    """An exception as one line for the manifest: its type and message."""
    message = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def run_stages(
    article: Article,
    doc: Doc,
    stages: Sequence[ArticleStage] = ARTICLE_STAGES,
    timer: StageTimer | None = None,
) -> StagesResult:
    """Run ``stages`` in order on one parsed article, isolating a failure to the article."""
    timed = timer or untimed
    with collecting() as notes:
        for stage in stages:
            try:
                with timed(stage.name):
                    article = stage.run(article, doc)
            except Exception as exc:  # the fault boundary: recorded in the manifest, never lost
                _reset(article, stage.assigns)
                return StagesResult(article, StageFailure(stage.name, describe_error(exc)), list(notes))
    return StagesResult(article, None, list(notes))


def _reset(article: Article, fields: frozenset[str]) -> None:
    """Put ``fields`` back to their defaults: a failed stage leaves nothing half-written."""
    for name in fields:
        info = Article.model_fields[name]
        setattr(article, name, info.get_default(call_default_factory=True))
