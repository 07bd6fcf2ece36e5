"""Train the attribution tagger's weight tables from PolNeAR's BRAT training split.

    .venv/bin/python scripts/train_attribution.py --data /path/to/polnear/train

Every text is parsed with the run-time spaCy pipeline (``--cache FILE`` keeps the parses
between runs). Two L2-regularised logistic regressions (averaged SGD) are fitted on the features of
crosswire.extract.attribution_features: a binary cue model over all tokens and a
three-way (O / Source / Content) role model over the tokens around each gold cue.
Weights below ``--prune`` are dropped and the tables written, gzipped JSON, to
src/crosswire/data/attribution.json.gz. Texts with several annotators contribute their
first annotator's file.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from bisect import bisect_left, bisect_right
from collections import Counter
from pathlib import Path

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import SGDClassifier
from spacy.tokens import Doc, DocBin

from crosswire.evaluate.attribution import Fragments, read_corpus
from crosswire.extract.attribution_features import (
    DocInfo,
    RoleContext,
    candidate_key,
    cue_features,
)
from crosswire.extract.attribution_model import MODEL_FILE, ROLE_LABELS
from crosswire.nlp.parse import load_nlp

OUT = Path(__file__).resolve().parents[1] / "src" / "crosswire" / "data" / MODEL_FILE


def parsed_corpus(data: Path, cache: Path | None) -> list[tuple[Doc, list]]:
    """(doc, first annotator's attributions) per text, parses cached in ``cache``."""
    texts = list(read_corpus(data))
    nlp = load_nlp()
    if cache and cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    else:
        docs = list(nlp.pipe((t.text for t in texts), batch_size=16))
        if cache:
            DocBin(docs=docs).to_disk(cache)
    return [(doc, next(iter(t.annotations.values()))) for doc, t in zip(docs, texts, strict=True)]


def token_ids(doc: Doc, fragments: Fragments) -> list[int]:
    """Non-space tokens overlapping the character fragments."""
    starts = [t.idx for t in doc]
    ends = [t.idx + len(t.text) for t in doc]
    out: list[int] = []
    for a, b in fragments:
        out.extend(i for i in range(bisect_right(ends, a), bisect_left(starts, b)) if not doc[i].is_space)
    return sorted(set(out))


def cue_lexicon(corpus: list[tuple[Doc, list]], min_count: int, min_rate: float) -> set[str]:
    """Candidate keys (see :func:`candidate_key`) seen in gold cues often enough to be worth scoring."""
    seen: Counter[str] = Counter()
    cued: Counter[str] = Counter()
    for doc, relations in corpus:
        cue_tokens = {i for rel in relations for i in token_ids(doc, rel.cue)}
        for tok in doc:
            key = candidate_key(tok)
            seen[key] += 1
            cued[key] += tok.i in cue_tokens
    return {k for k, n in cued.items() if n >= min_count and n / seen[k] >= min_rate}


def instances(corpus: list[tuple[Doc, list]], lexicon: set[str]) -> tuple[list, list, list, list]:
    cue_x, cue_y, role_x, role_y = [], [], [], []
    covered = total = missed = 0
    for doc, relations in corpus:
        info = DocInfo(doc)
        quotes = info.quotes
        cue_tokens: set[int] = set()
        for rel in relations:
            cue_tokens.update(token_ids(doc, rel.cue))
        for tok in doc:
            if candidate_key(tok) not in lexicon:
                missed += tok.i in cue_tokens
                continue
            cue_x.append(cue_features(tok, quotes))
            cue_y.append(int(tok.i in cue_tokens))
        for rel in relations:
            cue = token_ids(doc, rel.cue)
            if not cue:
                continue
            source, content = set(token_ids(doc, rel.source)), set(token_ids(doc, rel.content))
            ctx = RoleContext(doc, cue, info)
            window = [t for t in ctx.window() if t.i not in ctx.cue and not t.is_space]
            seen = {t.i for t in window}
            covered += len((source | content) & seen)
            total += len(source | content)
            for tok in window:
                role_x.append(ctx.features(tok))
                role_y.append(2 if tok.i in content else 1 if tok.i in source else 0)
    print(f"cue lexicon misses {missed} gold cue tokens", file=sys.stderr)
    print(f"role window covers {covered / max(total, 1):.3f} of gold source/content tokens", file=sys.stderr)
    return cue_x, cue_y, role_x, role_y


def fit(x: list[list[str]], y: list[int], alpha: float) -> tuple[DictVectorizer, SGDClassifier]:
    """Logistic regression by averaged SGD (minutes on a laptop, where a batch solver takes far longer)."""
    vec = DictVectorizer()
    matrix = vec.fit_transform({f: 1 for f in feats} for feats in x)
    matrix.indices = matrix.indices.astype("int32")  # the SGD solver takes 32-bit indices only
    matrix.indptr = matrix.indptr.astype("int32")
    model = SGDClassifier(loss="log_loss", alpha=alpha, max_iter=15, tol=None, average=True, random_state=0)
    model.fit(matrix, y)
    return vec, model


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--data", type=Path, required=True, help="PolNeAR split folder (text/, attributions/)"
    )
    parser.add_argument("--cache", type=Path, help="DocBin file to keep the parses in")
    parser.add_argument("--alpha", type=float, default=1e-6, help="L2 penalty of both models")
    parser.add_argument("--limit", type=int, help="only the first N texts")
    parser.add_argument(
        "--min-count", type=int, default=2, help="gold cue occurrences for a word to be a candidate"
    )
    parser.add_argument(
        "--min-rate", type=float, default=0.01, help="share of a word's occurrences that are cues"
    )
    parser.add_argument("--prune", type=float, default=0.01)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()

    corpus = parsed_corpus(args.data, args.cache)[: args.limit]
    lexicon = cue_lexicon(corpus, args.min_count, args.min_rate)
    cue_x, cue_y, role_x, role_y = instances(corpus, lexicon)
    print("features ready", file=sys.stderr)
    print(f"{len(cue_x)} cue instances, {len(role_x)} role instances", file=sys.stderr)

    vec, model = fit(cue_x, cue_y, args.alpha)
    names = vec.get_feature_names_out()
    cue = {
        str(n): round(float(w), 3) for n, w in zip(names, model.coef_[0], strict=True) if abs(w) >= args.prune
    }
    cue["b"] = round(cue.get("b", 0.0) + float(model.intercept_[0]), 3)

    vec, model = fit(role_x, role_y, args.alpha)
    names = vec.get_feature_names_out()
    order = [list(model.classes_).index(k) for k in range(len(ROLE_LABELS))]
    role: dict[str, list[float]] = {}
    for j, name in enumerate(names):
        w = [float(model.coef_[k, j]) for k in order]
        if max(abs(v) for v in w) >= args.prune:
            role[str(name)] = [round(v, 3) for v in w]
    role["b"] = [
        round(a + float(model.intercept_[k]), 3) for a, k in zip(role.get("b", [0.0] * 3), order, strict=True)
    ]

    payload = {"lexicon": sorted(lexicon), "cue": cue, "cue_threshold": 0.0, "role": role}
    args.out.write_bytes(gzip.compress(json.dumps(payload, separators=(",", ":")).encode(), mtime=0))
    print(
        f"{len(cue)} cue and {len(role)} role weights -> {args.out} ({args.out.stat().st_size} bytes)",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
