"""Speakers of claims: the name inside a source mention, its role, and pronoun/nominal resolution.

"Armenian Defence Ministry spokesperson Shushan Stepanian" is read as the name
"Shushan Stepanian" with the role "Armenian Defence Ministry spokesperson". A later
"she" or "the spokeswoman" takes the name of the latest compatible speaker of the same
article; "it" or "the ministry" the latest organisation. Entity ids are left to the
corpus stage that canonicalises entities.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from crosswire.extract.cues import STATEMENT_NOUNS
from crosswire.model import Speaker

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
GROUP_PRONOUNS = frozenset({"it", "they", "them", "its", "their"})
# Nouns that name a person by office: a definite "the spokeswoman" refers back to a person.
PERSON_ROLES = frozenset(
    {
        "spokeswoman",
        "spokesman",
        "spokesperson",
        "official",
        "minister",
        "president",
        "leader",
        "secretary",
        "ambassador",
        "governor",
        "mayor",
        "senator",
        "chief",
        "general",
        "commander",
        "prosecutor",
        "diplomat",
        "envoy",
        "candidate",
        "lawmaker",
        "representative",
        "director",
        "chairman",
        "chairwoman",
        "premier",
        "aide",
        "adviser",
        "advisor",
        "analyst",
        "expert",
    }
)
_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})


@dataclass
class Referent:
    """A speaker as resolved within one article."""

    name: str
    role: str | None
    person: bool


def _name_and_role(span: Span, ents: list[Span]) -> Referent:
    """Split a mention into a trailing proper name and the descriptor before it."""
    head = span.root
    text = span.text.strip()
    for ent in ents:
        if (
            ent.label_ == "PERSON"
            and ent.start <= head.i < ent.end
            and span.start <= ent.start
            and ent.end <= span.end
        ):
            before = span.doc[span.start : ent.start].text.strip().rstrip(",")
            role = before or None
            if ent.end < span.end:  # an apposition after the name is its role
                after = span.doc[ent.end : span.end].text.strip(" ,")
                role = " ".join(x for x in (role, after) if x) or None
            return Referent(ent.text, role, True)
    if head.pos_ == "PROPN":
        first = head.i
        while (
            first > span.start
            and span.doc[first - 1].pos_ == "PROPN"
            and span.doc[first - 1].dep_ == "compound"
        ):
            first -= 1
        title = span.doc[first - 1] if first > span.start else None
        if title is not None and title.pos_ == "NOUN" and title.lower_ in PERSON_ROLES:
            role = span.doc[span.start : first].text.strip()
            return Referent(span.doc[first : head.i + 1].text, role, True)
    person = head.lower_ in PERSON_ROLES or head.ent_type_ == "PERSON"
    return Referent(text, None, person)


def _antecedent(history: list[Referent], wanted_person: bool | None, word: str | None) -> Referent | None:
    for earlier in reversed(history):
        if word is not None:
            hay = f"{earlier.name} {earlier.role or ''}".lower()
            if word in hay:
                return earlier
            continue
        if wanted_person is None or earlier.person == wanted_person:
            return earlier
    return None


def _person_before(ents: list[Span], offset: int) -> str | None:
    """The latest PERSON entity before a character offset (fallback antecedent of he/she)."""
    best = None
    for ent in ents:
        if ent.label_ == "PERSON" and ent.end_char <= offset:
            best = ent.text
    return best


def _owner(span: Span) -> list[int]:
    """Who a statement noun speaks for: "a Ministry of Defense statement", "its report",
    "a statement from the ministry" (empty when the mention is no statement or names no owner)."""
    head = span.root
    if head.lemma_.lower() not in STATEMENT_NOUNS:
        return []
    for child in head.children:
        if child.dep_ == "poss" or (
            child.dep_ in ("nmod", "compound") and (child.pos_ == "PROPN" or child.ent_type_)
        ):
            return [t.i for t in child.subtree if t.dep_ != "case"]
    for child in head.rights:
        if child.dep_ in ("prep", "agent") and child.lower_ in ("from", "by", "of"):
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                return [t.i for t in objects[0].subtree]
    return []


def speaker_of(
    doc: Doc, ents: list[Span], tokens: list[int], history: list[Referent]
) -> tuple[Speaker, Referent | None]:
    """The Speaker record of a source mention, resolved against the article's earlier speakers.

    ``ents`` are the text's entity spans (``list(doc.ents)``, read once per text).
    Returns the record and the resolved speaker to append to ``history`` (None when the
    mention is empty).
    """
    if not tokens:
        return Speaker(text=""), None
    span = doc[tokens[0] : tokens[-1] + 1]
    start, end = span.start_char, span.end_char
    owner = _owner(span)
    if owner:
        found, referent = speaker_of(doc, ents, owner, history)
        return found.model_copy(update={"start": start, "end": end}), referent
    words = [t.lower_ for t in span if not t.is_punct]
    head = span.root
    resolved: Referent | None = None
    if len(words) == 1 and words[0] in PERSON_PRONOUNS:
        resolved = _antecedent(history, True, None)
        if resolved is None and (name := _person_before(ents, start)):
            resolved = Referent(name, None, True)
    elif len(words) == 1 and words[0] in GROUP_PRONOUNS:
        resolved = _antecedent(history, False, None)
    elif (
        words
        and words[0] in _DETERMINERS
        and not any(t.pos_ == "PROPN" for t in span)
        and head.pos_ == "NOUN"
    ):
        resolved = _antecedent(history, None, head.lower_)
        if resolved is None and head.lower_ in PERSON_ROLES and len(words) <= 3:
            resolved = _antecedent(history, True, None)
    if resolved is not None:
        return Speaker(text=resolved.name, role=resolved.role, start=start, end=end), resolved
    own = _name_and_role(span, ents)
    return Speaker(text=own.name, role=own.role, start=start, end=end), own
