"""PolNeAR BRAT reader and scorer, on real PolNeAR files (one text has six annotators)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from crosswire.errors import DataError
from crosswire.evaluate.attribution import Tokens, evaluate, read_ann, read_corpus, score_text, summarize

DATA = Path(__file__).parent / "data" / "attribution" / "polnear"


def test_read_ann_ties_spans_into_relations() -> None:
    relations = read_ann(
        DATA / "attributions" / "breitbart_2016-09-12_stealth-over-health-hillary-clin_ef2d.ann"
    )
    assert len(relations) == 6
    text = (DATA / "text" / "breitbart_2016-09-12_stealth-over-health-hillary-clin.txt").read_text(
        encoding="utf-8"
    )
    first = relations[0]
    assert text[slice(*first.source[0])] == "The New York Post"
    assert text[slice(*first.cue[0])] == "reports"
    assert text[slice(*first.content[0])].startswith("that Hillary Clinton")


def test_corpus_groups_annotators_per_text() -> None:
    texts = {t.name: t for t in read_corpus(DATA)}
    assert len(texts) == 3
    assert len(texts["politico_2016-09-08_flynn-says-trump-absolutely-righ"].annotations) == 6


def test_gold_scores_perfectly_against_itself_and_averages_annotators() -> None:
    counts: dict[str, float] = defaultdict(float)
    for text in read_corpus(DATA):
        if len(text.annotations) > 1:
            continue
        gold = next(iter(text.annotations.values()))
        for key, value in score_text(Tokens(text.text), gold, text.annotations).items():
            counts[key] += value
    metrics = summarize(counts)
    for role in ("source", "cue", "content", "relation"):
        assert metrics[role]["exact"]["f1"] == 1.0
    # Against six annotators, one annotator's file agrees with the others only partly.
    multi = next(t for t in read_corpus(DATA) if len(t.annotations) > 1)
    one = next(iter(multi.annotations.values()))
    scored = summarize(defaultdict(float, score_text(Tokens(multi.text), one, multi.annotations)))
    assert 0.5 < scored["relation"]["overlap"]["f1"] < 1.0


def test_evaluate_runs_the_stage_on_real_files() -> None:
    metrics = evaluate(DATA)
    assert metrics["texts"] == 3
    for role in ("source", "cue", "content"):
        assert metrics[role]["overlap"]["f1"] >= 0.5, (role, metrics[role])


def test_bad_folder_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError):
        list(read_corpus(tmp_path))
