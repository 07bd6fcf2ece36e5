"""Features of the attribution tagger, shared by run time and ``scripts/train_attribution.py``.

Two light linear models read these features, all taken from the spaCy parse already made:
the *cue* model scores each token as part of an attribution cue ("said", "according to",
"NAME:"), the *role* model labels the tokens around one cue as its Source, Content or
neither. Both are plain weight tables (feature string → weights), so running them costs
dictionary look-ups only.
"""

from __future__ import annotations

from itertools import accumulate

from spacy.attrs import DEP, ENT_TYPE, HEAD, IS_PUNCT, IS_SPACE, LEMMA, LOWER, ORTH, POS, SENT_START, SPACY
from spacy.tokens import Doc, Span, Token

OPEN_QUOTES = frozenset({"“", "‘", "«"})
CLOSE_QUOTES = frozenset({"”", "’", "»"})
STRAIGHT_QUOTES = frozenset({'"', "''", "``"})
QUOTES = OPEN_QUOTES | CLOSE_QUOTES | STRAIGHT_QUOTES

# Token classes whose word form is informative enough to be a feature of its own.
_CLOSED_POS = frozenset({"ADP", "SCONJ", "PUNCT", "DET", "PRON", "AUX", "CCONJ", "PART"})
_MAX_EXTRA_SENTENCES = 4
_KEY_CHILD_DEPS = frozenset(
    {"ccomp", "xcomp", "dobj", "nsubj", "nsubjpass", "prep", "advcl", "agent", "mark", "neg"}
)


def quote_ids(texts: list[str], trailing_space: list[bool], is_space: list[bool]) -> list[int]:
    """For each token, the id (≥1) of the quotation it lies in, else 0 (quote marks included).

    A quotation left open at a paragraph break continues when the next paragraph opens
    with a quote mark (the news convention for multi-paragraph quotes), else it ends there.
    """
    n = len(texts)
    ids = [0] * n
    current = 0
    count = 0
    for i, text in enumerate(texts):
        if text in OPEN_QUOTES or (text in STRAIGHT_QUOTES and not current):
            if not current:
                count += 1
                current = count
            ids[i] = current
            continue
        if text in CLOSE_QUOTES and text != "’" or (text in STRAIGHT_QUOTES and current):
            ids[i] = current
            current = 0
            continue
        if text == "’" and current:
            # A right single quote is far more often an apostrophe; it closes only before a space/punct.
            after = texts[i + 1] if i + 1 < n else ""
            if trailing_space[i] or not after[:1].isalnum():
                ids[i] = current
                current = 0
                continue
        if is_space[i] and "\n" in text and current:
            nxt = texts[i + 1] if i + 1 < n else ""
            if nxt not in OPEN_QUOTES and nxt not in STRAIGHT_QUOTES:
                current = 0
            continue
        ids[i] = current
    return ids


_ARRAY_ATTRS = [ORTH, LOWER, POS, DEP, HEAD, ENT_TYPE, IS_PUNCT, IS_SPACE, SPACY, SENT_START, LEMMA]


class DocInfo:
    """Per-token attributes read once per text, in bulk (spaCy's per-token accessors cost more)."""

    def __init__(self, doc: Doc) -> None:
        n = len(doc)
        raw = doc.to_array(_ARRAY_ATTRS).reshape(n, len(_ARRAY_ATTRS))
        signed = raw.view("int64")  # HEAD offsets and SENT_START flags are signed
        strings = doc.vocab.strings
        names: dict[int, str] = {0: ""}

        def column(k: int) -> list[str]:
            out = []
            for value in raw[:, k].tolist():
                name = names.get(value)
                if name is None:
                    name = names[value] = strings[value]
                out.append(name)
            return out

        self.text = column(0)
        self.lemma = column(10)
        self.lower = column(1)
        self.pos = column(2)
        self.dep = column(3)
        self.ent = column(5)
        self.head = [i + offset for i, offset in enumerate(signed[:, 4].tolist())]
        self.is_punct = [bool(v) for v in raw[:, 6].tolist()]
        self.is_space = is_space = [bool(v) for v in raw[:, 7].tolist()]
        trailing = [bool(v) for v in raw[:, 8].tolist()]
        # Doc.text, without spaCy building a Token object per word.
        self.doc_text = "".join(t + " " if space else t for t, space in zip(self.text, trailing, strict=True))
        self.quotes = quote_ids(self.text, trailing, is_space)
        self.newline = [space and "\n" in text for space, text in zip(is_space, self.text, strict=True)]
        self.paragraph = list(accumulate(self.newline))  # paragraph number of each token
        self.ents = list(doc.ents)
        self.pos_feature = [f"p={p}" for p in self.pos]
        self.dep_feature = [f"d={d}" for d in self.dep]
        # Sentences as parsed, with a paragraph break always opening a new one (the parser
        # runs headlines and captions into the following paragraph).
        self.sent_start = [0] * n
        self.sent_end = [n] * n
        start = 0
        after_break = False
        for i, flag in enumerate(signed[:, 9].tolist()):
            if flag == 1 or (after_break and not is_space[i]):
                start = i
            if not is_space[i]:
                after_break = False
            elif "\n" in self.text[i]:
                after_break = True
            self.sent_start[i] = start
        end = n
        for i in range(n - 1, -1, -1):
            self.sent_end[i] = end
            if self.sent_start[i] == i:
                end = i


def candidate_key(tok: Token) -> str:
    """What decides whether a token is scored by the cue model at all: its lemma, or ":"."""
    return key_of(tok.text, tok.lemma_)


def key_of(text: str, lemma: str) -> str:
    """:func:`candidate_key` from a token's text and lemma."""
    return text if text == ":" else lemma.lower()


def cue_features(tok: Token, quotes: list[int]) -> list[str]:
    """Features of one token for the cue model."""
    lemma = tok.lemma_.lower()
    head = tok.head
    hl = head.lemma_.lower()
    doc = tok.doc
    prev = doc[tok.i - 1] if tok.i > 0 else None
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    pw = prev.lower_ if prev is not None else "<s>"
    nw = nxt.lower_ if nxt is not None else "</s>"
    feats = [
        "b",
        f"w={tok.lower_}",
        f"l={lemma}",
        f"p={tok.pos_}",
        f"t={tok.tag_}",
        f"d={tok.dep_}",
        f"l|d={lemma}|{tok.dep_}",
        f"l|t={lemma}|{tok.tag_}",
        f"hl={hl}",
        f"d|hl={tok.dep_}|{hl}",
        f"l|hl={lemma}|{hl}",
        f"d|hp={tok.dep_}|{head.pos_}",
        f"pw={pw}",
        f"nw={nw}",
        f"l|nw={lemma}|{nw}",
        f"pw|l={pw}|{lemma}",
        f"q={quotes[tok.i] > 0}",
    ]
    deps = sorted({c.dep_ for c in tok.children if c.dep_ in _KEY_CHILD_DEPS})
    feats.extend(f"cd={d}" for d in deps)
    feats.extend(f"l|cd={lemma}|{d}" for d in deps)
    feats.append(f"p|cds={tok.pos_}|{'+'.join(deps)}")
    hdeps = sorted({c.dep_ for c in head.children if c.dep_ in _KEY_CHILD_DEPS})
    feats.append(f"d|hcds={tok.dep_}|{'+'.join(hdeps)}")
    # Who does it: people and organisations speak, "it seemed" or "the bill said" rarely report.
    subject = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None:
        kind = subject.ent_type_ or (subject.lower_ if subject.pos_ == "PRON" else subject.pos_)
        feats.append(f"subj={kind}")
        feats.append(f"l|subj={lemma}|{kind}")
    # What it acts on: "issued a statement", "said in an interview", "said [he would ...]".
    for child in tok.children:
        if child.dep_ == "dobj":
            feats.append(f"l|dobj={lemma}|{child.lemma_.lower()}")
        elif child.dep_ == "prep":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    feats.append(f"prep={child.lower_}|{grand.lemma_.lower()}")
        elif child.dep_ == "ccomp":
            clause = "subj" if any(g.dep_ in ("nsubj", "nsubjpass") for g in child.children) else "bare"
            feats.append(f"l|ccomp={lemma}|{clause}")
    # A quotation touching the word: "...,” she said" / "said: “...".
    near = [j for j in range(max(tok.i - 4, 0), min(tok.i + 4, len(doc))) if quotes[j] and j != tok.i]
    if near:
        feats.append(f"l|qnear={lemma}|{'L' if near[0] < tok.i else 'R'}")
    if tok.text == ":":
        # "NAME:" speaker labels open a line with a short name.
        lead = 0
        while lead < 7 and tok.i - lead > 0 and not doc[tok.i - lead - 1].is_space:
            lead += 1
        feats.append(f"colon_lead={lead}")
        feats.append(f"colon_prev={prev.shape_[:4]}|{prev.pos_}" if prev is not None else "colon_prev=|")
    return feats


def _ancestors(tok: Token) -> list[Token]:
    chain = [tok]
    while chain[-1].head.i != chain[-1].i and len(chain) < 40:
        chain.append(chain[-1].head)
    return chain


def _bucket(n: int) -> str:
    return str(n) if n < 4 else "4-7" if n < 8 else "8-15" if n < 16 else "16+"


class RoleContext:
    """What the role model needs to know about one cue, computed once per cue."""

    def __init__(self, doc: Doc, cue: list[int], info: DocInfo) -> None:
        quotes = info.quotes
        self.info = info
        self._relations: dict[int, tuple[str, int]] = {}
        self.doc = doc
        self.cue = set(cue)
        self.first, self.last = min(cue), max(cue)
        # The cue's syntactic head: the cue token whose head lies outside the cue.
        heads = [i for i in cue if doc[i].head.i not in self.cue or doc[i].head.i == i]
        self.head = doc[heads[0] if heads else cue[0]]
        self.lemma = " ".join(doc[i].lemma_.lower() for i in sorted(cue))[:40]
        self.hlemma = self.head.lemma_.lower()
        self.chain = _ancestors(self.head)
        self.chain_ids = {t.i: k for k, t in enumerate(self.chain)}
        self.sent_start = info.sent_start[self.head.i]
        self.sent_end = info.sent_end[self.head.i]
        self.quotes = quotes
        # A quotation that touches the cue (ends just before it or opens just after it).
        self.adjacent_quote = 0
        for i in list(range(self.first - 1, max(self.first - 4, -1), -1)) + list(
            range(self.last + 1, min(self.last + 4, len(doc)))
        ):
            if quotes[i] and doc[i].text in QUOTES:
                self.adjacent_quote = quotes[i]
                break
        self.in_quote = quotes[self.head.i]

    def window(self) -> Span:
        """Tokens that may hold the cue's source or content.

        The cue's sentence, widened over an adjacent quotation, then over the quoted
        sentences that follow it (or precede it) in the same paragraph: "“A,” she said. “B.”"
        """
        doc = self.doc
        info = self.info
        start, end = self.sent_start, self.sent_end
        q = self.adjacent_quote
        if q:
            while start > 0 and (
                self.quotes[start - 1] == q
                or (doc[start - 1].is_space and start > 1 and self.quotes[start - 2] == q)
            ):
                start -= 1
            while end < len(doc) and (
                self.quotes[end] == q
                or (doc[end].is_space and end + 1 < len(doc) and self.quotes[end + 1] == q)
            ):
                end += 1
            start = info.sent_start[start] if start < self.sent_start else start
            end = info.sent_end[end - 1] if end > self.sent_end else end
        for _ in range(_MAX_EXTRA_SENTENCES):
            if end >= len(doc) or self.paragraph_break(end) or not self._quoted_sentence(end):
                break
            end = info.sent_end[end]
        for _ in range(_MAX_EXTRA_SENTENCES // 2):
            if start == 0 or self.paragraph_break(start) or not self._quoted_sentence(start - 1):
                break
            start = info.sent_start[start - 1]
        return doc[start:end]

    def paragraph_break(self, i: int) -> bool:
        """Whether a line break lies just before token ``i``."""
        newline = self.info.newline
        return newline[i] or (i > 0 and newline[i - 1])

    def _quoted_sentence(self, i: int) -> bool:
        """Whether the sentence of token ``i`` opens with a quote mark or lies in a quotation."""
        first, last = self.info.sent_start[i], self.info.sent_end[i] - 1
        return self.info.text[first] in OPEN_QUOTES | STRAIGHT_QUOTES or bool(
            self.quotes[first] and self.quotes[last]
        )

    def features(self, tok: Token) -> list[str]:
        """Features of one token for its role towards this cue."""
        info = self.info
        i = tok.i
        cl = self.hlemma
        side = "L" if i < self.first else "R"
        dist = self.first - i if side == "L" else i - self.last
        dep = info.dep[i]
        feats = [
            "b",
            f"side={side}",
            f"side|dist={side}|{_bucket(dist)}",
            info.pos_feature[i],
            info.dep_feature[i],
            f"cl|side={cl}|{side}",
        ]
        if info.pos[i] in _CLOSED_POS:
            feats.append(f"w|side={info.lower[i]}|{side}")
        rel, branch = self._relation(i)
        q = info.quotes[i]
        feats.append(f"rel={rel}")
        feats.append(f"rel|side={rel}|{side}")
        feats.append(f"rel|d={rel}|{dep}")
        feats.append(f"rel|cl={rel}|{cl}")
        if branch >= 0:
            feats.append(f"rel|bp={rel}|{info.pos[branch]}")
        sent_start = info.sent_start[i]
        if sent_start != self.sent_start:
            delta = "+" if sent_start > self.sent_start else "-"
            feats.append(f"sent={delta}")
            feats.append(f"sent|q={delta}|{q > 0}|{info.text[sent_start] in QUOTES}")
        if q:
            kind = "adj" if q == self.adjacent_quote else "same" if q == self.in_quote else "other"
            feats.append(f"q={kind}")
            feats.append(f"q|side={kind}|{side}")
            feats.append(f"q|rel={kind}|{rel}")
            if info.text[i] in QUOTES:
                feats.append(f"qmark={kind}|{side}")
        if info.is_punct[i]:
            nb = i + 1 if side == "L" else i - 1
            if nb in self.cue or (side == "L" and nb == self.first):
                feats.append("punct_touching_cue")
            if i == info.sent_end[i] - 1:
                feats.append(f"sent_final|{side}")
        if info.ent[i]:
            feats.append(f"ent={info.ent[i]}|{side}")
        return feats

    def _relation(self, i: int) -> tuple[str, int]:
        """How token ``i`` hangs on the cue head's chain of ancestors, and the branch token (or -1)."""
        known = self._relations.get(i)
        if known is not None:
            return known
        info = self.info
        if i in self.chain_ids:
            hops = self.chain_ids[i]
            result = ("anc:" + "/".join(info.dep[t.i] for t in self.chain[:hops][:3]), -1)
        else:
            head = info.head[i]
            if head == i:
                result = ("none", -1)
            elif head in self.chain_ids:
                hops = self.chain_ids[head]
                if hops == 0:
                    result = (f"in:{info.dep[i]}", i)
                else:
                    path = "/".join(info.dep[t.i] for t in self.chain[:hops][:2])
                    result = (f"lca:{path}^{info.dep[i]}", i)
            else:
                result = self._relation(head)
        self._relations[i] = result
        return result
