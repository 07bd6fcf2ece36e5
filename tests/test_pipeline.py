"""End-to-end invariants of a dossier: every offset slices the text it claims to."""

from __future__ import annotations

import json
from pathlib import Path

from crosswire.model import Dossier
from crosswire.options import Options
from crosswire.pipeline import analyze

ROOT = Path(__file__).resolve().parent.parent


def all_cites(dossier: Dossier):  # type: ignore[no-untyped-def]
    for story in dossier.stories:
        for finding in story.findings:
            yield from finding.evidence
        for sentence in story.summary:
            yield from sentence.cites
        for entry in story.timeline:
            yield from entry.cites


def test_every_input_is_accounted_for(demo_dossier: Dossier) -> None:
    sources = {Path(e.source).name for e in demo_dossier.manifest}
    assert sources == {p.name for p in (ROOT / "examples" / "seeds").iterdir()}
    assert {a.id for a in demo_dossier.articles} >= {
        e.article_id for e in demo_dossier.manifest if e.status != "rejected"
    }


def test_offsets_slice_the_clean_text(demo_dossier: Dossier) -> None:
    texts = {a.id: a.text for a in demo_dossier.articles}
    for article in demo_dossier.articles:
        for span in [*article.mentions, *article.places, *article.times, *article.quantities]:
            assert article.text[span.start : span.end] == span.text
        assert all(0 <= s.start < s.end <= len(article.text) for s in article.sentences)
    for claim in demo_dossier.claims:
        text = texts[claim.article_id]
        assert 0 <= claim.start < claim.end <= len(text)
    for cite in all_cites(demo_dossier):
        assert texts[cite.article_id][cite.start : cite.end] == cite.text


def test_stories_partition_the_analyzed_articles(demo_dossier: Dossier) -> None:
    in_stories = [i for story in demo_dossier.stories for i in story.article_ids]
    analyzed = [a.id for a in demo_dossier.articles if a.duplicate_of is None]
    assert sorted(in_stories) == sorted(analyzed)


def test_entity_ids_resolve(demo_dossier: Dossier) -> None:
    ids = {e.id for e in demo_dossier.entities}
    assert len(ids) == len(demo_dossier.entities)
    linked = [m.entity_id for a in demo_dossier.articles for m in a.mentions if m.entity_id]
    assert linked and set(linked) <= ids
    assert {c.speaker.entity_id for c in demo_dossier.claims if c.speaker.entity_id} <= ids


def test_dossier_round_trips_through_json(demo_dossier: Dossier) -> None:
    again = Dossier.model_validate_json(demo_dossier.model_dump_json())
    assert [a.id for a in again.articles] == [a.id for a in demo_dossier.articles]
    assert len(again.claims) == len(demo_dossier.claims)


def test_published_schema_is_current() -> None:
    published = json.loads((ROOT / "schema" / "dossier.schema.json").read_text())
    assert published == Dossier.model_json_schema(), (
        "regenerate with: crosswire schema > schema/dossier.schema.json"
    )


def test_process_pool_gives_the_same_analysis(demo_dossier: Dossier) -> None:
    pooled = analyze([ROOT / "examples" / "seeds"], Options(workers=2))
    assert [a.model_dump() for a in pooled.articles] == [a.model_dump() for a in demo_dossier.articles]
    assert [c.model_dump() for c in pooled.claims] == [c.model_dump() for c in demo_dossier.claims]


def test_a_paragraph_break_always_ends_a_sentence(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("“The report is baseless,” she said on Monday\n“Not a single shell was fired,” she added.")
    starts = [s.start_char for s in doc.sents]
    assert doc.text.index("“Not") in starts
