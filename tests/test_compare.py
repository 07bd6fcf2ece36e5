"""Cross-source comparison on real reports: wire copy, corroboration, contradictions, framing."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from crosswire.compare import compare_story
from crosswire.compare import units as units_module
from crosswire.compare.contradict import denial_cue
from crosswire.compare.units import Similarity, story_units
from crosswire.extract.quantities import tag_quantities
from crosswire.model import Article, Claim, Finding, Speaker, Story, TimeMention
from crosswire.nlp.names import canonicalize
from crosswire.nlp.parse import annotate

DATA = Path(__file__).resolve().parent / "data" / "compare"
SEEDS = Path(__file__).resolve().parent.parent / "examples" / "seeds"
AFP, DW, TRT, TEHRAN, AGGREGATOR = (
    "000_5cbda377ddfe32e1",
    "001_3bfd611f0b9f97bf",
    "002_4d288057fefefe1e",
    "003_5de2810223cfa222",
    "004_22ad30d77ef84d46",
)


@pytest.fixture(scope="module")
def articles(nlp) -> dict[str, Article]:  # type: ignore[no-untyped-def]
    out = {}
    for path in sorted(SEEDS.glob("*.txt")):
        article = Article(id=path.stem, source=str(path), text=path.read_text())
        doc = nlp(article.text)
        out[path.stem] = tag_quantities(annotate(article, doc), doc)
    canonicalize(list(out.values()))
    return out


def compare(articles: dict[str, Article], *ids: str) -> list[Finding]:
    chosen = [articles[i] for i in ids]
    return compare_story(Story(id="s", title="", article_ids=list(ids)), chosen)


@pytest.fixture(scope="module")
def findings(articles: dict[str, Article]) -> list[Finding]:
    return compare(articles, AFP, DW, TRT, TEHRAN)


def evidence_of(finding: Finding) -> str:
    return " || ".join(c.text for c in finding.evidence)


def contradicted(findings: list[Finding], a: str, b: str) -> bool:
    return any(f.kind == "contradiction" and a in evidence_of(f) and b in evidence_of(f) for f in findings)


def test_evidence_is_the_article_text(findings: list[Finding], articles: dict[str, Article]) -> None:
    assert findings
    for finding in findings:
        assert finding.summary and finding.evidence
        for cite in finding.evidence:
            assert cite.text == articles[cite.article_id].text[cite.start : cite.end]
    assert len({f.id for f in findings}) == len(findings)


def test_wire_copy_between_outlets(findings: list[Finding]) -> None:
    pairs = {frozenset(f.details["articles"]) for f in findings if f.kind == "wire_copy"}
    assert frozenset((AFP, DW)) in pairs and frozenset((DW, TEHRAN)) in pairs
    assert frozenset((AFP, TRT)) not in pairs
    afp_dw = next(f for f in findings if f.kind == "wire_copy" and set(f.details["articles"]) == {AFP, DW})
    assert "bordering the Kalbajar district" in evidence_of(afp_dw)


def test_corroboration_counts_independent_groups(findings: list[Finding]) -> None:
    began = [f for f in findings if f.kind == "corroboration" and "September 27" in evidence_of(f)]
    assert began and {c.article_id for c in began[0].evidence} == {AFP, DW, TRT, TEHRAN}
    # The Turkish exports paragraph is one Reuters copy: two articles, one source.
    exports = next(f for f in findings if f.kind == "corroboration" and "Exporters" in evidence_of(f))
    assert exports.sources == 1


def test_number_contradiction_respects_bounds_subjects_and_scopes(findings: list[Finding]) -> None:
    assert contradicted(findings, "after 10 hours of talks", "following 11 hours")
    assert not contradicted(findings, "more than 10 hours of talks", "following 11 hours")
    assert not contradicted(findings, "more than 400 people have been killed", "killing hundreds")
    assert not contradicted(findings, "47 civilians had been killed", "at least nine people dead")
    assert not contradicted(findings, "$123 million", "$77 million")


def test_sentence_level_denials_and_rejected_claims(findings: list[Finding]) -> None:
    assert contradicted(
        findings,
        "being used as a base to target civilian areas",
        "rejected the claim that they were being used to target civilians",
    )
    assert contradicted(findings, "shot down an Azeri Su-25 fighter jet", "a claim Azerbaijan has rejected")
    assert contradicted(findings, "forced to retreat", "Azerbaijan forces had been repelled")
    # A spokeswoman confirming sites were hit does not contradict the attack claim.
    assert not contradicted(
        findings, "confirmed military sites in the area had been hit", "destroyed missile launch"
    )


def _claim(article: Article, cid: str, sentence: str, speaker: str, stance: str, content: str) -> Claim:
    start = article.text.index(sentence)
    return Claim(
        id=cid,
        article_id=article.id,
        speaker=Speaker(text=speaker, entity_id=f"x:{speaker.lower()}"),
        cue="said",
        stance=stance,
        content=content,
        start=start,
        end=start + len(sentence),
    )  # type: ignore[arg-type]


def test_claim_records_claim_against_denial(articles: dict[str, Article]) -> None:
    article = articles[TRT].model_copy(deep=True)
    article.claims = [
        _claim(
            article,
            "c1",
            "Azerbaijan’s Defence Ministry said a missile fired",
            "Azerbaijan’s Defence Ministry",
            "claim",
            "a missile fired by Armenian forces hit the area near Orduba, in Azerbaijan’s Nakhchivan region",
        ),
        _claim(
            article,
            "c2",
            "Armenian Defence Ministry spokesperson Shushan Stepanian dismissed",
            "Shushan Stepanian",
            "deny",
            "no missiles were fired at the Nakhchivan region",
        ),
    ]
    found = compare_story(Story(id="s", title="", article_ids=[article.id]), [article])
    assert any(
        f.kind == "contradiction" and {"c1", "c2"} <= set(f.details.get("claim_ids", [])) for f in found
    )
    # The same speaker restating itself is no contradiction.
    article.claims[1] = article.claims[1].model_copy(update={"speaker": article.claims[0].speaker})
    found = compare_story(Story(id="s", title="", article_ids=[article.id]), [article])
    assert not any({"c1", "c2"} <= set(f.details.get("claim_ids", [])) for f in found)


def test_framing_terms_and_scare_quotes(findings: list[Finding], articles: dict[str, Article]) -> None:
    labels = next(f for f in findings if f.kind == "framing" and f.details.get("type") == "labels")
    assert "Armenia-backed separatists" in labels.details["terms"][AFP]
    assert any("occupied" in term for term in labels.details["terms"][TRT])
    alone = compare(articles, AGGREGATOR)
    scare = [f for f in alone if f.details.get("type") == "scare_quotes"]
    assert scare and scare[0].details["term"] == "anti-terrorist activities"
    assert not any(f.kind in ("wire_copy", "corroboration", "unique") for f in alone)


def test_no_contradictions_where_outlets_agree(nlp) -> None:  # type: ignore[no-untyped-def]
    """Three US stories: "does not deny", "denied to them" (withheld) and two poll figures for two
    candidates must not be reported as contradictions."""
    clusters: dict[str, list[Article]] = {}
    for line in (DATA / "basil_slice.jsonl").read_text().splitlines():
        row = json.loads(line)
        article = Article(id=row["id"], source="basil", text=row["text"], outlet=row["outlet"])
        doc = nlp(article.text)
        clusters.setdefault(row["cluster"], []).append(tag_quantities(annotate(article, doc), doc))
    assert len(clusters) == 3
    for cluster, chosen in clusters.items():
        canonicalize(chosen)
        found = compare_story(Story(id=cluster, title="", article_ids=[a.id for a in chosen]), chosen)
        assert [f.summary for f in found if f.kind == "contradiction"] == []
        assert any(f.kind == "corroboration" for f in found)


def test_embeddings_only_lift_similarity(
    articles: dict[str, Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = [articles[AFP], articles[DW]]
    monkeypatch.setattr(units_module, "_embed", lambda texts: None)
    plain = Similarity(story_units(chosen))
    assert not plain.embedded
    rng = np.random.default_rng(0)

    def fake_embed(texts: list[str]) -> np.ndarray:
        vectors = rng.normal(size=(len(texts), 16)).astype(np.float32)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)

    monkeypatch.setattr(units_module, "_embed", fake_embed)
    units = story_units(chosen)
    lifted = Similarity(units)
    assert lifted.embedded
    for a in units[:10]:
        for b in units[-10:]:
            assert lifted(a, b) >= plain(a, b) - 1e-9
    assert any(f.kind == "wire_copy" for f in compare(articles, AFP, DW))


def test_shared_quotations_alone_are_not_wire_copy(nlp) -> None:  # type: ignore[no-untyped-def]
    """Three outlets quoting the same statement at length: corroborated quotes, no copy."""
    chosen = []
    for line in (DATA / "basil_shared_quotes.jsonl").read_text().splitlines():
        row = json.loads(line)
        article = Article(id=row["outlet"], source="basil", text=row["text"], outlet=row["outlet"])
        doc = nlp(article.text)
        chosen.append(tag_quantities(annotate(article, doc), doc))
    canonicalize(chosen)
    found = compare_story(Story(id="q", title="", article_ids=[a.id for a in chosen]), chosen)
    assert not [f for f in found if f.kind == "wire_copy"]
    quoted = [f for f in found if f.kind == "corroboration" and "a war of Obama" in evidence_of(f)]
    # Each outlet quoting it is its own source: nyt and hpo at least, each counted once.
    groups = quoted[0].details["groups"] if quoted else []
    assert ["nyt"] in groups and ["hpo"] in groups and quoted[0].sources == len(groups)


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("However, Armenia denied that was targeting civilians.", "denied"),
        (
            "The Armenian Defense Ministry rejected the claim that they were being used to target civilians.",
            "rejected",
        ),
        (
            "Shushan Stepanian dismissed the Azerbaijani statement, saying that no missiles were fired.",
            "dismissed",
        ),
        ("The statement does not deny that AARP is open to reducing benefits.", None),
        ("However, Democrats rejected the plan even before Trump announced it.", None),
        ("These families finally have access to benefits previously denied to them under the act.", None),
        ("The members stated that Mueller's findings “conclusively refute” Schiff's assertions.", None),
    ],
)
def test_denial_cues(sentence: str, cue: str | None) -> None:
    match = denial_cue(sentence)
    assert (match.group(0) if match else None) == cue


def _dated(article: Article, new_id: str, outlet: str, phrase: str, value: str) -> Article:
    """A copy of ``article`` whose first ``phrase`` is tagged as the date ``value``."""
    copy = article.model_copy(deep=True, update={"id": new_id, "outlet": outlet})
    start = copy.text.index(phrase)
    copy.times = [TimeMention(text=phrase, start=start, end=start + len(phrase), type="DATE", value=value)]
    return copy


def test_dates_of_one_event_disagree_only_when_both_are_written_out(articles: dict[str, Article]) -> None:
    source = articles[DW]
    moved = source.model_copy(deep=True, update={"text": source.text.replace("September 27", "September 29")})
    a = _dated(source, "a", "One", "September 27", "2020-09-27")
    b = _dated(moved, "b", "Two", "September 29", "2020-09-29")
    found = compare_story(Story(id="d", title="", article_ids=["a", "b"]), [a, b])
    dated = [f for f in found if f.details.get("type") == "date"]
    assert dated and {c.article_id for c in dated[0].evidence} == {"a", "b"}
    # A month against a day within it is no conflict.
    vague = _dated(source, "c", "Three", "September 27", "2020-09")
    found = compare_story(Story(id="d", title="", article_ids=["a", "c"]), [a, vague])
    assert not [f for f in found if f.details.get("type") == "date"]
