"""Every per-article stage keeps its declared contract: it reads only what it requires, writes only
what it assigns, and runs after the stages that assign what it requires."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from crosswire.ingest import ingest
from crosswire.model import Article
from crosswire.nlp.parse import parse
from crosswire.options import Options
from crosswire.stages import ARTICLE_STAGES, INGESTED, ArticleStage, run_stages

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "seeds"


def _value(article: Article, name: str) -> Any:
    value = getattr(article, name)
    if isinstance(value, list):
        return [v.model_dump() if hasattr(v, "model_dump") else v for v in value]
    return value.model_dump() if hasattr(value, "model_dump") else value


def _state(article: Article) -> dict[str, Any]:
    return {name: _value(article, name) for name in Article.model_fields}


@pytest.fixture(scope="module")
def ingested() -> list[Article]:
    articles, _ = ingest([EXAMPLES], Options())
    return [a for a in articles if a.duplicate_of is None][:3]


def _before(article: Article, stage: ArticleStage) -> Article:
    """The article as the stages before ``stage`` leave it."""
    earlier = ARTICLE_STAGES[: ARTICLE_STAGES.index(stage)]
    result = run_stages(article.model_copy(deep=True), parse(article.text), earlier)
    assert result.failure is None
    return result.article


def test_stages_come_after_what_they_require() -> None:
    available = set(INGESTED)
    for stage in ARTICLE_STAGES:
        assert stage.requires <= available, f"{stage.name} requires {stage.requires - available} too early"
        assert stage.assigns <= set(Article.model_fields), stage.name
        available |= stage.assigns


@pytest.mark.parametrize("stage", ARTICLE_STAGES, ids=lambda s: s.name)
def test_a_stage_writes_only_what_it_assigns(stage: ArticleStage, ingested: list[Article]) -> None:
    for article in ingested:
        before = _before(article, stage)
        state = _state(before)
        after = stage.run(before.model_copy(deep=True), parse(article.text))
        changed = {name for name, value in _state(after).items() if value != state[name]}
        assert changed <= stage.assigns, f"{stage.name} wrote {changed - stage.assigns}"


@pytest.mark.parametrize("stage", ARTICLE_STAGES, ids=lambda s: s.name)
def test_a_stage_reads_only_what_it_requires(stage: ArticleStage, ingested: list[Article]) -> None:
    for article in ingested:
        before = _before(article, stage)
        doc = parse(article.text)
        full = stage.run(before.model_copy(deep=True), doc)
        # Everything the stage does not declare as input is put back to its default.
        bare = before.model_copy(deep=True)
        for name, info in Article.model_fields.items():
            if name not in stage.requires:
                setattr(bare, name, info.get_default(call_default_factory=True))
        blind = stage.run(bare, doc)
        for name in stage.assigns:
            assert _value(blind, name) == _value(full, name), f"{stage.name} read more than it declares"


def test_a_failing_stage_is_isolated_to_its_article(ingested: list[Article]) -> None:
    def explode(article: Article, doc: object) -> Article:
        article.quantities = []  # half-written before it fails
        raise RuntimeError("stage blew up")

    broken = tuple(
        ArticleStage(s.name, explode, s.requires, s.assigns) if s.name == "quantities" else s
        for s in ARTICLE_STAGES
    )
    article = ingested[0].model_copy(deep=True)
    result = run_stages(article, parse(article.text), broken)
    assert result.failure is not None
    assert result.failure.stage == "quantities" and "stage blew up" in result.failure.error
    assert result.article.sentences and result.article.places  # earlier stages kept
    assert not result.article.claims  # later stages skipped
