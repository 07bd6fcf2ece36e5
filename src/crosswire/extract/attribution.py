"""Attributed claims: who said what, with what stance, directly or reported.

The learned tagger (:mod:`crosswire.extract.attribution_model`) finds cues and their
source and content tokens in the parse. This stage turns them into :class:`Claim`
records and adds what a token tagger cannot see:

- speakers resolved within the article ("she", "the ministry" → the named speaker);
- stance from the cue ("denied" → deny), passed on to an elaborating participle
  ("dismissed the statement, saying ..." → the saying is a rejection);
- "X, a claim Y has rejected": Y's rejection of X's content;
- quotation paragraphs that continue the previous speaker's quote without a new cue;
- embedded posts and pull quotes credited on a dash line ("— Name (@handle) date");
- transcript turns ("WALLACE: ...");
- the pieces of a quotation its cue interrupts ("“A,” she said. “B.”"), kept apart.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc, Token

from crosswire.extract.attribution_features import QUOTES, DocInfo
from crosswire.extract.attribution_model import Attribution, tag_attributions
from crosswire.extract.cues import ELABORATING_CUES, STATEMENT_NOUNS, stance_of
from crosswire.extract.speakers import Referent, speaker_of
from crosswire.model import Article, Claim, Speaker, Stance

# A credit under an embedded post or after a pull quote: "— Shushan Stepanyan (@ShStepanyan)
# October 14, 2020" on its own line, or "...shame.” ― Sonya Herridge" closing a line.
CREDIT = re.compile(
    r"(?P<dash>[\u2014\u2015\u2013]|--?)[ \t\u00a0]*"
    r"(?P<name>[A-Z][\w.'’-]*(?:[ \t]+(?:[A-Z][\w.'’-]*|de|van|von|al|bin|la)){0,5})"
    r"[ \t\u00a0]*(?:\(@(?P<handle>\w{1,30})\)[^\n]*)?\.?[ \t\u00a0]*$",
    re.M,
)


def _sentence_span(doc: Doc, info: DocInfo, tokens: list[int]) -> tuple[int, int]:
    """Character span of the sentences holding the tokens, without surrounding whitespace."""
    first = doc[info.sent_start[min(tokens)]]
    last = doc[info.sent_end[max(tokens)] - 1]
    start, end = first.idx, last.idx + len(last.text)
    text = info.doc_text
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _char_span(doc: Doc, tokens: list[int]) -> tuple[int, int]:
    return doc[min(tokens)].idx, doc[max(tokens)].idx + len(doc[max(tokens)].text)


def _parts(doc: Doc, content: list[int], cue: list[int]) -> list[tuple[int, int]] | None:
    """The character spans of a content the cue interrupts ("“A,” she said, “B.”"), else None."""
    breaks = [i for i in cue if content[0] < i < content[-1]]
    if not breaks:
        return None
    kept = set(content)
    runs: list[list[int]] = [[content[0]]]
    for i in content[1:]:
        if any(j not in kept and not doc[j].is_space for j in range(runs[-1][-1] + 1, i)):
            runs.append([i])
        else:
            runs[-1].append(i)
    return [_char_span(doc, run) for run in runs] if len(runs) > 1 else None


class _Builder:
    """Accumulates one article's claims, numbering them and remembering its speakers."""

    def __init__(self, article: Article, doc: Doc, info: DocInfo) -> None:
        self.article = article
        self.doc = doc
        self.info = info
        self.claims: list[Claim] = []
        self.history: list[Referent] = []
        self.by_cue_head: dict[int, Claim] = {}

    def add(
        self,
        speaker: Speaker,
        cue: tuple[int, int],
        content: tuple[int, int],
        sentences: tuple[int, int],
        stance: Stance,
        direct: bool,
        parts: list[tuple[int, int]] | None = None,
    ) -> Claim:
        text = self.article.text
        claim = Claim(
            id=f"{self.article.id}:c{len(self.claims) + 1}",
            article_id=self.article.id,
            speaker=speaker,
            cue=text[cue[0] : cue[1]],
            stance=stance,
            content=text[content[0] : content[1]],
            direct=direct,
            start=sentences[0],
            end=sentences[1],
            cue_span=cue,
            content_span=content,
            content_parts=parts,
        )
        self.claims.append(claim)
        return claim


def _cue_head(doc: Doc, cue: list[int]) -> Token:
    """The cue token the others hang on (its verb when it has one)."""
    return max((doc[i] for i in cue), key=lambda t: (t.pos_ == "VERB", t.head.i not in cue))


def _subject(doc: Doc, found: Attribution) -> list[int]:
    """The active subject of the cue verb, for a source the tagger missed ("..., read a statement"),
    or of the verb a participle cue elaborates ("X wrote to Y, saying ...")."""
    head = _cue_head(doc, found.cue)
    content = set(found.content)
    verbs = [head, head.head] if head.dep_ in ("advcl", "xcomp", "conj") else [head]
    for verb in verbs:
        for child in verb.children:
            if child.dep_ == "nsubj" and child.lower_ not in ("that", "which", "who", "there"):
                tokens = [t.i for t in child.subtree]
                if not set(tokens) & content and not set(tokens) & set(found.cue):
                    return tokens
    if content and max(content) < head.i:
        # A quotation, then an inverted cue: "“...,” read a ministry statement."
        for child in head.rights:
            if child.dep_ in ("dobj", "attr", "npadvmod") and child.pos_ in ("NOUN", "PROPN"):
                # The noun phrase without what follows it ("a statement [published on Tuesday]").
                trailing = [c for c in child.rights if c.dep_ in ("acl", "relcl")]
                end = trailing[0].left_edge.i if trailing else child.right_edge.i + 1
                return list(range(child.left_edge.i, end))
    return []


def _stance(doc: Doc, found: Attribution, builder: _Builder) -> Stance:
    head = _cue_head(doc, found.cue)
    stance = stance_of(" ".join(doc[i].lemma_.lower() for i in found.cue))
    governing = builder.by_cue_head.get(head.head.i)
    if stance == "assert" and head.lemma_.lower() in ELABORATING_CUES and head.dep_ in ("advcl", "xcomp"):
        governor = head.head
        if governing is not None:
            stance = governing.stance
        elif governor.pos_ == "VERB":
            stance = stance_of(governor.lemma_.lower())
    return stance


# Labels before a colon that introduce page furniture, not a speaker ("Image: AFP", "Read more: ...").
NOT_SPEAKERS = frozenset(
    {"image", "photo", "picture", "credit", "video", "watch", "read", "more", "update", "note"}
)


def _from_model(builder: _Builder, quotes: list[int], found: list[Attribution]) -> None:
    doc = builder.doc
    for item in found:
        if [doc[i].text for i in item.cue] == [":"] and any(
            doc[i].lower_ in NOT_SPEAKERS for i in item.source
        ):
            continue
        governing = builder.by_cue_head.get(_cue_head(doc, item.cue).head.i)
        if not item.source:
            item.source = _subject(doc, item)
        within = (
            governing is not None
            and governing.speaker.start is not None
            and item.source
            and governing.speaker.start <= doc[item.source[0]].idx < (governing.speaker.end or 0)
        )
        if governing is not None and (not item.source or within):
            # "X confirmed A, denied B and said C", "X dismissed it, saying C": X speaks for all.
            speaker = governing.speaker.model_copy()
            item.source = []
        else:
            speaker, referent = speaker_of(doc, builder.info.ents, item.source, builder.history)
            if referent is not None:
                builder.history.append(referent)
        quoted = sum(1 for i in item.content if quotes[i]) * 2 >= len(item.content)
        claim = builder.add(
            speaker,
            _char_span(doc, item.cue),
            _char_span(doc, item.content),
            _sentence_span(doc, builder.info, item.cue + item.content + item.source),
            _stance(doc, item, builder),
            quoted,
            _parts(doc, item.content, item.cue),
        )
        for i in item.cue:
            builder.by_cue_head[i] = claim


def _statement_rejections(builder: _Builder) -> None:
    """ "X said Y, a claim Z has rejected": Z's stance on Y, the content before the statement noun."""
    doc = builder.doc
    info = builder.info
    by_cue = {c.cue_span[0]: c for c in builder.claims if c.cue_span}
    for i, dep in enumerate(info.dep):
        if dep not in ("relcl", "acl") or info.lemma[info.head[i]].lower() not in STATEMENT_NOUNS:
            continue
        verb = doc[i]
        noun = verb.head
        stance = stance_of(verb.lemma_.lower())
        if stance == "assert":
            continue
        subject = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        agent = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        holder = next((t for t in subject + agent if t.lower_ not in ("that", "which")), None)
        if holder is None:
            continue
        sent_start = builder.info.sent_start[noun.i]
        last = doc[noun.left_edge.i - 1] if noun.left_edge.i > sent_start else None
        while last is not None and last.is_punct and last.i > sent_start:
            last = doc[last.i - 1]
        if last is None or last.i <= sent_start:
            continue
        stop = last.idx + len(last.text)
        begin = doc[sent_start].idx
        for claim in builder.claims:
            # A content running on into the appositive ends before it: "said Y, a claim ...".
            span = claim.content_span
            if span and begin <= span[0] < stop < span[1] and span[1] > noun.idx:
                claim.content_span = (span[0], stop)
                claim.content = builder.article.text[span[0] : stop]
                claim.content_parts = None
        earlier = [
            c
            for c in builder.claims
            if c.content_span and begin <= c.content_span[0] and c.content_span[1] <= stop
        ]
        content = earlier[-1].content_span if earlier and earlier[-1].content_span else (begin, stop)
        found = by_cue.get(verb.idx)
        if found is not None:  # the tagger saw the cue but took "a claim" itself for its content
            found.content_span, found.content = content, builder.article.text[content[0] : content[1]]
            found.start = min(found.start, content[0])
            continue
        tokens = [t.i for t in holder.subtree]
        speaker, referent = speaker_of(doc, builder.info.ents, tokens, builder.history)
        if referent is not None:
            builder.history.append(referent)
        builder.add(
            speaker,
            (verb.idx, verb.idx + len(verb.text)),
            content,
            _sentence_span(doc, builder.info, [verb.i]),
            stance,
            False,
        )


def _continued_quotes(builder: _Builder, quotes: list[int]) -> None:
    """A paragraph that is one bare quotation continues the latest direct speaker's quote."""
    doc = builder.doc
    text = builder.article.text
    covered = [(c.content_span[0], c.content_span[1]) for c in builder.claims if c.content_span]
    covered += [(c.cue_span[0], c.cue_span[1]) for c in builder.claims if c.cue_span]
    for para in re.finditer(r"[^\n]+", text):
        start, end = para.start(), para.end()
        body = para.group().strip()
        if len(body) < 20 or body[0] not in QUOTES or body[-1] not in QUOTES | {"."}:
            continue
        if any(a < end and start < b for a, b in covered):
            continue
        previous = sorted((c for c in builder.claims if c.end <= start), key=lambda c: c.end)
        if not previous or not previous[-1].direct or not previous[-1].speaker.text:
            continue
        span = doc.char_span(start, end, alignment_mode="contract")
        if span is None or not all(quotes[t.i] for t in span if not t.is_space):
            continue
        lead = len(para.group()) - len(para.group().lstrip())
        s, e = start + lead, start + lead + len(body)
        last = previous[-1]
        builder.add(last.speaker.model_copy(), last.cue_span or (s, s), (s, e), (s, e), "assert", True)


def _credited_quotes(builder: _Builder) -> None:
    """Embedded posts and pull quotes credited on a dash line ("— Name (@handle) date")."""
    text = builder.article.text
    for credit in CREDIT.finditer(text):
        line_start = text.rfind("\n", 0, credit.start()) + 1
        before = text[line_start : credit.start()].rstrip()
        if before:
            # A pull quote closing on the credit's own line: the quotation just before the dash.
            if before[-1] not in QUOTES:
                continue
            # The last opening double quote; a single one only when there is none (‘inner’ quotes).
            opening = max(before.rfind(q, 0, len(before) - 1) for q in ("“", '"'))
            if opening < 0:
                opening = before.rfind("‘", 0, len(before) - 1)
            if opening < 0:
                continue
            content = (line_start + opening, line_start + len(before))
        else:
            # An embedded post: the paragraph above the credit line.
            above = text[: credit.start()].rstrip()
            para_start = above.rfind("\n") + 1
            if len(above) - para_start < 10:
                continue
            content = (para_start, len(above))
        name = credit.group("name").rstrip(".")
        handle = credit.group("handle")
        speaker = Speaker(
            text=name,
            role=f"@{handle}" if handle else None,
            start=credit.start("name"),
            end=credit.start("name") + len(name),
        )
        cue = (credit.start("dash"), credit.end("dash"))
        end = credit.start() + len(credit.group().rstrip())
        builder.add(speaker, cue, content, (content[0], end), "assert", True)


# A speaker label opening a line: "WALLACE: ...", "SEN. JOHN DOE: ...", "Jane Doe: ...".
LABEL = re.compile(
    r"^[\"“]?(?P<name>[A-Z][\w.'’-]+(?:[ \t]+[A-Z][\w.'’-]+){0,3}):[ \t\u00a0]*(?P<said>\S[^\n]*)$", re.M
)


def _speaker_labels(builder: _Builder) -> None:
    """Speaker labels: a capitalised label that opens several lines (a transcript's turns) or
    names a person, then a colon and what they said."""
    text = builder.article.text
    labels = list(LABEL.finditer(text))
    uses = Counter(m.group("name") for m in labels)
    people = {(e.start_char, e.end_char) for e in builder.info.ents if e.label_ == "PERSON"}
    for m in labels:
        name = m.group("name")
        colon = m.end("name")
        if (uses[name] < 2 or not name.isupper()) and (m.start("name"), colon) not in people:
            continue
        said = (m.start("said"), m.start("said") + len(m.group("said").rstrip()))
        speaker = Speaker(text=name, start=m.start("name"), end=colon)
        # The tagger may have read the colon already, within its sentence only: the turn is the line.
        builder.claims = [
            c for c in builder.claims if not c.cue_span or not c.cue_span[0] <= colon < c.cue_span[1]
        ]
        builder.add(speaker, (colon, colon + 1), said, (m.start(), said[1]), "assert", True)


def tag_claims(article: Article, doc: Doc) -> Article:
    """Fill ``article.claims`` with the attributed statements of the article."""
    info = DocInfo(doc)
    quotes = info.quotes
    builder = _Builder(article, doc, info)
    _from_model(builder, quotes, tag_attributions(doc, info))
    _statement_rejections(builder)
    _credited_quotes(builder)
    _speaker_labels(builder)
    _continued_quotes(builder, quotes)
    builder.claims.sort(key=lambda c: (c.start, c.cue_span or (0, 0)))
    for n, claim in enumerate(builder.claims, 1):
        claim.id = f"{article.id}:c{n}"
    article.claims = builder.claims
    return article
