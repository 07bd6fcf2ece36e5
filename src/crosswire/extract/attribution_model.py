"""The learned attribution tagger: cue tokens, then each cue's Source and Content tokens.

Weights are built by ``scripts/train_attribution.py`` from PolNeAR's training split and
shipped as ``crosswire/data/attribution.json.gz``; scoring is a sum of looked-up weights.
The content is the best-scoring run of tokens on one side of the cue; a direct quotation
is then taken whole, from its opening to its closing mark, with the quoted sentences
that continue it in the same paragraph.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacy.tokens import Doc

from crosswire.errors import ResourceError
from crosswire.extract.attribution_features import QUOTES, DocInfo, RoleContext, cue_features, key_of
from crosswire.extract.cues import STATEMENT_NOUNS

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
    # Source and Content weights relative to Outside: only the differences decide a label.
    role: dict[str, tuple[float, float]]

    @classmethod
    def from_tables(cls, data: dict) -> Weights:
        """The weights from the tables ``scripts/train_attribution.py`` writes."""
        role = {f: (w[1] - w[0], w[2] - w[0]) for f, w in data["role"].items()}
        return cls(frozenset(data["lexicon"]), data["cue"], data["cue_threshold"], role)


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
    return Weights.from_tables(data)


def cue_score(weights: Weights, feats: list[str]) -> float:
    table = weights.cue
    return sum(table.get(f, 0.0) for f in feats)


def role_scores(weights: Weights, feats: list[str]) -> tuple[float, float]:
    """Source and Content scores of a token relative to Outside (positive: more likely)."""
    table = weights.role
    source = content = 0.0
    for f in feats:
        w = table.get(f)
        if w is not None:
            source += w[0]
            content += w[1]
    return source, content


def find_cues(doc: Doc, info: DocInfo, weights: Weights) -> list[list[int]]:
    """Cue token runs: adjacent tokens the cue model accepts, split at sentence starts.

    Function words ("in", "to", "be") are scored only next to an accepted content word,
    which they can only extend ("said in a statement", "according to"): this keeps the
    scoring to a small share of the tokens.
    """
    lexicon = weights.lexicon
    threshold = weights.cue_threshold
    quotes = info.quotes
    pos, text, lemma = info.pos, info.text, info.lemma
    accepted: set[int] = set()
    for i in range(len(pos)):
        if pos[i] in FUNCTION_POS and text[i] != ":" or key_of(text[i], lemma[i]) not in lexicon:
            continue
        if cue_score(weights, cue_features(doc[i], quotes)) > threshold:
            accepted.add(i)
    for i in sorted(accepted):
        for j in (*range(i - _REACH, i), *range(i + 1, i + _REACH + 1)):
            if 0 <= j < len(pos) and j not in accepted and pos[j] in FUNCTION_POS:
                if (
                    key_of(text[j], lemma[j]) in lexicon
                    and cue_score(weights, cue_features(doc[j], quotes)) > threshold
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


def _best_span(margin: dict[int, float], blocked: set[int], info: DocInfo) -> list[int]:
    """The run of tokens with the highest summed content margin, not crossing the cue or source.

    Scoring the span as a whole lets a weak token inside a strong clause stay in, where
    per-token decisions leave holes and stray ends.
    """
    best: tuple[int, int] = (0, -1)
    best_sum = 0.0
    start, total = -1, 0.0
    if not margin:
        return []
    for i in range(min(margin), max(margin) + 1):
        if i in blocked:
            start, total = -1, 0.0
            continue
        value = margin.get(i)
        if value is None:  # whitespace
            continue
        if total <= 0:
            start, total = i, 0.0
        total += value
        if total > best_sum:
            best, best_sum = (start, i), total
    return [i for i in range(best[0], best[1] + 1) if i in margin]


def tag_roles(doc: Doc, cue: list[int], info: DocInfo, weights: Weights) -> Attribution:
    """Label the tokens around one cue as its source and content (the clause its verb
    governs when the tagger marks none)."""
    ctx = RoleContext(doc, cue, info)
    source: list[int] = []
    margins: dict[int, float] = {}
    content_margin: dict[int, float] = {}
    for tok in ctx.window():
        if tok.i in ctx.cue or tok.is_space:
            continue
        s, c = role_scores(weights, ctx.features(tok))
        content_margin[tok.i] = c - max(0.0, s)
        if s > 0 and s >= c:
            source.append(tok.i)
            margins[tok.i] = s - max(0.0, c)
    source = _best_run(source, margins, doc)
    content = _close_quotes(_best_span(content_margin, ctx.cue | set(source), info), info)
    if not content:
        content = _complement_clause(ctx)
    return Attribution(sorted(cue), source, _direct_quotation(content, source, ctx))


def _complement_clause(ctx: RoleContext) -> list[int]:
    """The clause a cue verb reports when the tagger marked none: its clausal complement, or the
    "that" clause of the statement it names ("said in statements that ...", parsed under the noun)."""
    head = ctx.head
    if head.pos_ != "VERB":
        return []
    clauses = [c for c in head.children if c.dep_ == "ccomp"]
    for prep in head.children:
        if prep.dep_ == "prep":
            for noun in prep.children:
                if noun.dep_ == "pobj" and noun.lemma_.lower() in STATEMENT_NOUNS:
                    clauses += [
                        c
                        for c in noun.children
                        if c.dep_ in ("acl", "ccomp")
                        and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
                    ]
    if not clauses:
        return []
    clause = clauses[0]
    tokens = [i for i in range(clause.left_edge.i, clause.right_edge.i + 1) if i not in ctx.cue]
    while tokens and ctx.info.is_punct[tokens[-1]] and ctx.info.text[tokens[-1]] not in QUOTES:
        tokens.pop()
    return tokens


def _quotation_extent(info: DocInfo, i: int) -> tuple[int, int]:
    """First and last token of the quotation holding token ``i``, quote marks included."""
    quotes, newline = info.quotes, info.newline
    q, n = quotes[i], len(quotes)
    first = last = i
    while first > 0 and (
        quotes[first - 1] == q or (newline[first - 1] and first > 1 and quotes[first - 2] == q)
    ):
        first -= 1
    while last + 1 < n and (
        quotes[last + 1] == q or (newline[last + 1] and last + 2 < n and quotes[last + 2] == q)
    ):
        last += 1
    return first, last


def _direct_quotation(content: list[int], source: list[int], ctx: RoleContext) -> list[int]:
    """Content that is mostly quoted whole sentences is exactly those quotations, marks included
    (the words between two quoted parts left out).

    The tagger may run on past the quotation into the cue's own words or the next paragraph
    ("“A,” she said on Twitter. [next paragraph] “B”"); a partial quote inside reported speech
    ("it “reserves the right …”") is left as tagged.
    """
    info = ctx.info
    quotes = info.quotes
    quoted = [i for i in content if quotes[i]]
    if not content or quotes[ctx.head.i] or len(quoted) * 2 < len(content):
        return content
    skip = ctx.cue | set(source)
    first, last = _quotation_extent(info, quoted[0])
    if not info.paragraph[first] <= info.paragraph[ctx.head.i] <= info.paragraph[last]:
        return content
    if info.sent_start[first] != first:
        # Not a quoted sentence: direct only when the cue introduces it ("he said: “A.”").
        j = first - 1
        while j > 0 and info.is_punct[j] and not quotes[j] and j not in skip:
            j -= 1
        if j not in skip:
            return content
    first, last = _adjoining_quotations(first, last, skip, ctx)
    return [i for i in range(first, last + 1) if quotes[i]]


def _adjoining_quotations(first: int, last: int, skip: set[int], ctx: RoleContext) -> tuple[int, int]:
    """Widen a direct quotation over the quoted sentences around it in its paragraph.

    "“A,” he said, “B. C.”" and "“A.” “B,” he said." quote one speaker throughout; between
    the parts lie only the cue, its source, punctuation and, before a new quoted sentence,
    the rest of the cue's sentence ("“A,” he said on Monday. “B.”").
    """
    info = ctx.info
    quotes, text, n = info.quotes, info.text, len(info.quotes)
    while True:
        j = last + 1
        while (
            j < n
            and not quotes[j]
            and not info.newline[j]
            and (j in skip or info.is_punct[j] or info.is_space[j] or info.sent_start[j] == ctx.sent_start)
        ):
            j += 1
        if j >= n or text[j] not in QUOTES or not quotes[j] or info.paragraph[j] != info.paragraph[last]:
            break
        end = _quotation_extent(info, j)[1]
        if info.sent_start[j] == j:
            # A quoted sentence of its own, not one another cue reports ("“B,” she added.").
            if end + 1 < n and not info.newline[end + 1] and info.sent_start[end + 1] != end + 1:
                break
        elif any(k not in skip and not info.is_punct[k] and not info.is_space[k] for k in range(last + 1, j)):
            break
        last = end
    while first > 0:
        j = first - 1
        while (
            j > 0
            and not quotes[j]
            and not info.newline[j]
            and (j in skip or info.is_punct[j] or info.is_space[j] or info.sent_start[j] == ctx.sent_start)
        ):
            j -= 1
        if not quotes[j] or text[j] not in QUOTES or info.paragraph[j] != info.paragraph[first]:
            break
        start = _quotation_extent(info, j)[0]
        if info.sent_start[start] != start:
            break
        first = start
    return first, last


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
