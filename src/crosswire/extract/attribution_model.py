"""The learned attribution tagger: cue tokens, then each cue's Source and Content tokens.

Weights are built by ``scripts/train_attribution.py`` from PolNeAR's training split and
shipped as ``crosswire/data/attribution.json.gz``; scoring is a sum of looked-up weights.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacy.tokens import Doc

from crosswire.errors import ResourceError
from crosswire.extract.attribution_features import QUOTES, DocInfo, RoleContext, candidate_key, cue_features

MODEL_FILE = "attribution.json.gz"
# Parts of speech that join a cue only beside a content word; how far they may be from it.
FUNCTION_POS = frozenset(
    {"ADP", "DET", "AUX", "PART", "PRON", "CCONJ", "SCONJ", "PUNCT", "NUM", "SYM", "X", "SPACE"}
)
_REACH = 3
ROLE_LABELS = ("O", "S", "C")


@dataclass
class Weights:
    lexicon: frozenset[str]
    cue: dict[str, float]
    cue_threshold: float
    role: dict[str, list[float]]


@dataclass
class Attribution:
    """Token indices of one predicted attribution (source may be empty)."""

    cue: list[int]
    source: list[int]
    content: list[int]


@cache
def load_weights() -> Weights:
    """Load the shipped weight tables once per process."""
    try:
        raw = resources.files("crosswire").joinpath("data", MODEL_FILE).read_bytes()
    except (FileNotFoundError, ModuleNotFoundError) as exc:
        raise ResourceError(
            f"attribution model {MODEL_FILE} is missing; run scripts/train_attribution.py"
        ) from exc
    data = json.loads(gzip.decompress(raw))
    return Weights(frozenset(data["lexicon"]), data["cue"], data["cue_threshold"], data["role"])


def cue_score(weights: Weights, feats: list[str]) -> float:
    table = weights.cue
    return sum(table.get(f, 0.0) for f in feats)


def role_scores(weights: Weights, feats: list[str]) -> list[float]:
    table = weights.role
    totals = [0.0, 0.0, 0.0]
    for f in feats:
        w = table.get(f)
        if w is not None:
            totals[0] += w[0]
            totals[1] += w[1]
            totals[2] += w[2]
    return totals


def find_cues(doc: Doc, info: DocInfo, weights: Weights) -> list[list[int]]:
    """Cue token runs: adjacent tokens the cue model accepts, split at sentence starts.

    Function words ("in", "to", "be") are scored only next to an accepted content word,
    which they can only extend ("said in a statement", "according to"): this keeps the
    scoring to a small share of the tokens.
    """
    lexicon = weights.lexicon
    threshold = weights.cue_threshold
    quotes = info.quotes
    accepted: set[int] = set()
    for tok in doc:
        if tok.pos_ in FUNCTION_POS and tok.text != ":" or candidate_key(tok) not in lexicon:
            continue
        if cue_score(weights, cue_features(tok, quotes)) > threshold:
            accepted.add(tok.i)
    for i in sorted(accepted):
        for j in (*range(i - _REACH, i), *range(i + 1, i + _REACH + 1)):
            if 0 <= j < len(doc) and j not in accepted and doc[j].pos_ in FUNCTION_POS:
                tok = doc[j]
                if (
                    candidate_key(tok) in lexicon
                    and cue_score(weights, cue_features(tok, quotes)) > threshold
                ):
                    accepted.add(j)
    runs: list[list[int]] = []
    for i in sorted(accepted):
        if runs and runs[-1][-1] == i - 1 and info.sent_start[i] != i:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _best_run(indices: list[int], margins: dict[int, float], doc: Doc) -> list[int]:
    """The contiguous run (ignoring whitespace tokens) with the highest summed margin."""
    runs: list[list[int]] = []
    for i in sorted(indices):
        if runs and all(doc[j].is_space for j in range(runs[-1][-1] + 1, i)):
            runs[-1].append(i)
        else:
            runs.append([i])
    return max(runs, key=lambda run: sum(margins[i] for i in run)) if runs else []


def _main_content(indices: list[int], others: set[int], doc: Doc) -> list[int]:
    """The largest group of content tokens, bridging cue, source, punctuation or one stray token."""
    groups: list[list[int]] = []
    for i in indices:
        if groups:
            gap = [
                j
                for j in range(groups[-1][-1] + 1, i)
                if j not in others and not doc[j].is_space and not doc[j].is_punct
            ]
            if len(gap) <= 1:
                groups[-1].append(i)
                continue
        groups.append([i])
    return max(groups, key=len) if groups else []


def tag_roles(doc: Doc, cue: list[int], info: DocInfo, weights: Weights) -> Attribution:
    """Label the tokens around one cue as its source and content."""
    ctx = RoleContext(doc, cue, info)
    source: list[int] = []
    content: list[int] = []
    margins: dict[int, float] = {}
    for tok in ctx.window():
        if tok.i in ctx.cue or tok.is_space:
            continue
        o, s, c = role_scores(weights, ctx.features(tok))
        if s > o and s >= c:
            source.append(tok.i)
            margins[tok.i] = s - max(o, c)
        elif c > o:
            content.append(tok.i)
    source = _best_run(source, margins, doc)
    content = _close_quotes(_main_content(content, ctx.cue | set(source), doc), info)
    return Attribution(sorted(cue), source, _direct_quotation(content, ctx))


def _quotation_extent(info: DocInfo, i: int) -> tuple[int, int]:
    """First and last token of the quotation holding token ``i``, quote marks included."""
    quotes, newline = info.quotes, info.newline
    q, n = quotes[i], len(quotes)
    first = last = i
    while first > 0 and (quotes[first - 1] == q or (newline[first - 1] and first > 1 and quotes[first - 2] == q)):
        first -= 1
    while last + 1 < n and (quotes[last + 1] == q or (newline[last + 1] and last + 2 < n and quotes[last + 2] == q)):
        last += 1
    return first, last


def _direct_quotation(content: list[int], ctx: RoleContext) -> list[int]:
    """Content that is mostly quoted whole sentences is exactly those quotations, marks included.

    The tagger may run on past the quotation into the cue's own words or the next paragraph
    ("“A,” she said on Twitter.\n\n“B”"); a partial quote inside reported speech
    ("it “reserves the right …”") is left as tagged.
    """
    info = ctx.info
    quotes = info.quotes
    quoted = [i for i in content if quotes[i]]
    if not content or quotes[ctx.head.i] or len(quoted) * 2 < len(content):
        return content
    paragraph = info.paragraph[ctx.head.i]
    extents = []
    for q in sorted({quotes[i] for i in quoted}):
        first, last = _quotation_extent(info, next(i for i in quoted if quotes[i] == q))
        if info.sent_start[first] != first:
            return content
        if info.paragraph[first] <= paragraph <= info.paragraph[last]:
            extents.append((first, last))
    if not extents:
        return content
    first, last = min(a for a, _ in extents), max(b for _, b in extents)
    return [i for i in range(first, last + 1) if not info.newline[i]]


def _close_quotes(content: list[int], info: DocInfo) -> list[int]:
    """Take in the quote marks (and the punctuation before a closing one) that enclose quoted content."""
    if not content:
        return content
    quotes = info.quotes
    first, last = content[0], content[-1]
    q = quotes[last]
    end = last + 1
    while q and end < len(quotes) and quotes[end] == q and info.is_punct[end] and end - last <= 3:
        if info.text[end] in QUOTES:
            content = content + list(range(last + 1, end + 1))
            break
        end += 1
    q = quotes[first]
    if q and first > 0 and quotes[first - 1] == q and info.text[first - 1] in QUOTES:
        content = [first - 1, *content]
    return content


def tag_attributions(doc: Doc, info: DocInfo) -> list[Attribution]:
    """Every attribution the model finds in a parsed text."""
    weights = load_weights()
    out = []
    for cue in find_cues(doc, info, weights):
        attribution = tag_roles(doc, cue, info, weights)
        if attribution.content:
            out.append(attribution)
    return out
