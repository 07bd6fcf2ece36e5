"""Attribution benchmark: PolNeAR's BRAT standoff (Source, Cue, Content spans and relations).

``DIR/text/NAME.txt`` holds a text and ``DIR/attributions/NAME_ANNOTATOR.ann`` one
annotator's attributions. A system is scored against every annotator's file of a text
and the counts are averaged per text, then summed over texts (micro P/R/F1).

Spans are compared as sets of word tokens: *exact* when the sets are equal, *overlap*
when they share at least half of the tokens of the longer span. A *relation* matches
when its cue and content match and its source matches (or both have none). Matching
is one-to-one, greedy in text order.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crosswire.errors import DataError
from crosswire.evaluate.metrics import prf

ROLES = ("source", "cue", "content")
Fragments = tuple[tuple[int, int], ...]

_TOKEN = re.compile(r"\w+|[^\w\s]")
_ANN_LINE = re.compile(r"^[TE]\d+\t")


@dataclass
class Attribution:
    """One attribution relation: character fragments per role (empty when absent)."""

    source: Fragments = ()
    cue: Fragments = ()
    content: Fragments = ()


@dataclass
class Text:
    """A benchmark text with each annotator's attributions."""

    name: str
    text: str
    annotations: dict[str, list[Attribution]] = field(default_factory=dict)


def read_ann(path: Path) -> list[Attribution]:
    """Parse one BRAT ``.ann`` file into attributions (E-lines tie the T-line spans)."""
    spans: dict[str, Fragments] = {}
    events: list[list[tuple[str, str]]] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        # Other lines are notes, attributes or the continuation of a span's multi-line text.
        if not _ANN_LINE.match(line):
            continue
        parts = line.split("\t")
        try:
            if line.startswith("T"):
                offsets = parts[1].split(" ", 1)[1]
                spans[parts[0]] = tuple(
                    (int(a), int(b)) for a, b in (frag.split() for frag in offsets.split(";"))
                )
            elif line.startswith("E"):
                events.append([tuple(arg.split(":", 1)) for arg in parts[1].split()])  # type: ignore[misc]
        except (IndexError, ValueError) as exc:
            raise DataError(f"{path}:{n}: not a BRAT span or event line: {line!r}") from exc
    relations = []
    for args in events:
        roles = {role.lower(): spans.get(ref, ()) for role, ref in args}
        relations.append(Attribution(roles.get("source", ()), roles.get("cue", ()), roles.get("content", ())))
    return relations


def read_corpus(data: Path, limit: int | None = None) -> Iterator[Text]:
    """The texts of a PolNeAR split folder with their annotators' attributions."""
    text_dir, ann_dir = data / "text", data / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise DataError(f"{data}: expected text/ and attributions/ folders (PolNeAR BRAT layout)")
    files = sorted(text_dir.glob("*.txt"))
    if not files:
        raise DataError(f"{text_dir}: no .txt files")
    for path in files[:limit]:
        item = Text(path.stem, path.read_text(encoding="utf-8"))
        for ann in sorted(ann_dir.glob(f"{path.stem}_*.ann")):
            item.annotations[ann.stem[len(path.stem) + 1 :]] = read_ann(ann)
        if item.annotations:
            yield item


class Tokens:
    """Word tokens of a text, to turn character fragments into token-index sets."""

    def __init__(self, text: str) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for m in _TOKEN.finditer(text):
            self.starts.append(m.start())
            self.ends.append(m.end())

    def ids(self, fragments: Fragments) -> frozenset[int]:
        """Tokens that overlap any of the fragments."""
        from bisect import bisect_left, bisect_right

        out: set[int] = set()
        for start, end in fragments:
            out.update(range(bisect_right(self.ends, start), bisect_left(self.starts, end)))
        return frozenset(out)


def _match(pred: frozenset[int], gold: frozenset[int], mode: str) -> bool:
    if not pred or not gold:
        return not pred and not gold
    if mode == "exact":
        return pred == gold
    return len(pred & gold) * 2 >= max(len(pred), len(gold))


def _count_matches(preds: list[frozenset[int]], golds: list[frozenset[int]], mode: str) -> int:
    used: set[int] = set()
    hits = 0
    for p in preds:
        for j, g in enumerate(golds):
            if j not in used and _match(p, g, mode):
                used.add(j)
                hits += 1
                break
    return hits


def _count_relations(
    preds: list[tuple[frozenset[int], ...]], golds: list[tuple[frozenset[int], ...]], mode: str
) -> int:
    used: set[int] = set()
    hits = 0
    for p in preds:
        for j, g in enumerate(golds):
            if j not in used and all(_match(a, b, mode) for a, b in zip(p, g, strict=True)):
                used.add(j)
                hits += 1
                break
    return hits


def score_text(
    tokens: Tokens, predicted: list[Attribution], annotations: dict[str, list[Attribution]]
) -> dict[str, float]:
    """Counts (tp, predicted, gold per role and mode) for one text, averaged over annotators."""
    pred = [tuple(tokens.ids(getattr(a, r)) for r in ROLES) for a in predicted]
    totals: dict[str, float] = defaultdict(float)
    for relations in annotations.values():
        gold = [tuple(tokens.ids(getattr(a, r)) for r in ROLES) for a in relations]
        for i, role in enumerate(ROLES):
            p = sorted({t[i] for t in pred if t[i]}, key=min)
            g = sorted({t[i] for t in gold if t[i]}, key=min)
            for mode in ("exact", "overlap"):
                totals[f"{role}.{mode}.tp"] += _count_matches(p, g, mode)
            totals[f"{role}.pred"] += len(p)
            totals[f"{role}.gold"] += len(g)
        for mode in ("exact", "overlap"):
            totals[f"relation.{mode}.tp"] += _count_relations(pred, gold, mode)
        totals["relation.pred"] += len(pred)
        totals["relation.gold"] += len(gold)
    return {k: v / len(annotations) for k, v in totals.items()}


def summarize(counts: dict[str, float]) -> dict[str, Any]:
    """P/R/F1 per role and mode from summed counts."""
    out: dict[str, Any] = {}
    for role in (*ROLES, "relation"):
        out[role] = {
            mode: prf(counts[f"{role}.{mode}.tp"], counts[f"{role}.pred"], counts[f"{role}.gold"])
            for mode in ("exact", "overlap")
        }
        out[role]["gold"] = round(counts[f"{role}.gold"], 1)
        out[role]["predicted"] = round(counts[f"{role}.pred"], 1)
    return out


def claims_as_attributions(article: Any) -> list[Attribution]:
    """The spans of an article's claims in benchmark form (surface source mention, cue, content)."""
    out = []
    for claim in article.claims:
        source: Fragments = ()
        if claim.speaker.start is not None and claim.speaker.end is not None:
            source = ((claim.speaker.start, claim.speaker.end),)
        cue: Fragments = (claim.cue_span,) if claim.cue_span else ()
        content: Fragments = tuple(claim.content_parts or ()) or (
            (claim.content_span,) if claim.content_span else ()
        )
        out.append(Attribution(source, cue, content))
    return out


def evaluate(data: Path, limit: int | None = None, **_: Any) -> dict[str, Any]:
    """Score the attribution stage on a PolNeAR split folder."""
    from crosswire.extract.attribution import tag_claims
    from crosswire.model import Article
    from crosswire.nlp.parse import parse

    counts: dict[str, float] = defaultdict(float)
    n = 0
    for item in read_corpus(Path(data), limit):
        doc = parse(item.text)
        article = tag_claims(Article(id=item.name, source=item.name, text=item.text), doc)
        for key, value in score_text(
            Tokens(item.text), claims_as_attributions(article), item.annotations
        ).items():
            counts[key] += value
        n += 1
        print(f"\rattribution: {n} texts", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    if not n:
        raise DataError(f"{data}: no annotated texts")
    return {"texts": n, **summarize(counts)}
