"""Framing: the words each outlet chooses for the same entity, loaded labels, scare quotes.

Generic patterns only (no vocabulary of any one conflict):

- descriptors of a shared entity: an adjective right before its name ("occupied Karabakh",
  "the disputed Nagorno-Karabakh"), a generic head noun after it ("... region", "... enclave"),
  or an appositive ("Karabakh, an ethnic Armenian region of Azerbaijan");
- sponsor compounds and loaded labels for a side ("Armenia-backed separatists",
  "separatist fighters", "so-called ...");
- scare quotes: a side's own words held at a distance ("what it called “anti-terrorist activities”").
"""

from __future__ import annotations

import re
from collections import defaultdict

from crosswire.compare.units import Unit, outlet_name
from crosswire.model import Cite, Finding

# An adjective-like word in attributive position: after a determiner or preposition, before a name.
_BEFORE = re.compile(
    r"(?:^|\b(?:the|a|an|over|in|of|on|into|from|for|with|against|by|across|to)\s+)"
    r"((?:[a-z]+-)?[a-z]+(?:ed|ist|al|ive|ic|ous|ary|ent|ant|away|called|proclaimed|styled))\s+$"
)
# Generic head nouns a name can be framed with (place, polity or group words of any story).
_HEADS = frozenset(
    """region territory enclave republic province state area zone district statelet
    government regime authorities administration leadership forces troops army militia rebels separatists
    fighters militants group movement""".split()
)
_APPOSITIVE = re.compile(
    r"^,\s+((?:an?|the)\s+(?:[\w’'-]+\s+){0,4}?(?:"
    + "|".join(sorted(_HEADS))
    + r")(?:\s+of\s+[A-Z][\w-]+)?)\b(?![’'])"
)
_SPONSORED = re.compile(
    r"\b[A-Z][\w]*-(?:backed|supported|led|allied|controlled|held|sponsored|aligned)\s+[a-z]+"
)
_LOADED = re.compile(
    r"\b(?:separatists?|rebels?|terrorists?|insurgents?|militants?|extremists?|occupied|occupation|regime|"
    r"so-called|self-proclaimed|self-styled|breakaway|puppet|invaders?|aggressors?|aggression)\b"
    r"(?:\s+(?!(?i:in|and|or|of|the|to|a|an|for|on|at|by|with|from|that|who|which|have|has|had|were|was)\b)"
    r"[A-Za-z][\w-]*(?<!ed)(?<!ly)\b)?"
)
_SCARE = re.compile(
    r"\b(?:what|which)\s+(?:[\w’'-]+\s+){0,3}?(?:called|calls|termed|terms|dubbed|describ\w+\s+as|labell?ed)\s+"
    r"[“\"]([^”\"]{2,60})[”\"]"
)
MAX_EVIDENCE = 8


def _descriptors(unit: Unit) -> list[tuple[str, str]]:
    """(entity id, descriptor phrase) pairs found around the entity names in one sentence."""
    out = []
    text = unit.article.text
    for mention in unit.mentions:
        if not mention.entity_id:
            continue
        before = _BEFORE.search(text[max(unit.start, mention.start - 40) : mention.start])
        if before:
            out.append((mention.entity_id, f"{before.group(1)} {mention.text}"))
        after = text[mention.end : min(unit.end, mention.end + 80)]
        head = re.match(r"\s+([a-z]+)\b", after)
        if head and head.group(1) in _HEADS:
            out.append((mention.entity_id, f"{mention.text} {head.group(1)}"))
        appositive = _APPOSITIVE.match(after)
        if appositive:
            out.append((mention.entity_id, appositive.group(1)))
    return out


def _cites(units: list[Unit]) -> list[Cite]:
    seen: set[int] = set()
    cites: list[Cite] = []
    for unit in units:
        if unit.key not in seen and len(cites) < MAX_EVIDENCE:
            seen.add(unit.key)
            cites.append(unit.cite())
    return cites


def framing_findings(units: list[Unit]) -> list[Finding]:
    """Framing findings for one story."""
    findings = []
    terms: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    where: dict[str, list[Unit]] = defaultdict(list)
    names: dict[str, str] = {}
    labels: dict[str, set[str]] = defaultdict(set)
    label_units: list[Unit] = []
    for unit in units:
        for entity_id, phrase in _descriptors(unit):
            terms[entity_id][unit.article_id].add(phrase)
            where[entity_id].append(unit)
        for mention in unit.mentions:
            if mention.entity_id:
                names.setdefault(mention.entity_id, mention.text)
        found = [m.group(0) for m in _SPONSORED.finditer(unit.text)] + [
            m.group(0) for m in _LOADED.finditer(unit.text)
        ]
        if found:
            labels[unit.article_id].update(found)
            label_units.append(unit)
        for match in _SCARE.finditer(unit.text):
            term = match.group(1).strip(" ,.;:")
            findings.append(
                Finding(
                    id="",
                    kind="framing",
                    summary=f"{outlet_name(unit.article)} keeps its distance from a side's own words: "
                    f"what it called “{term}”.",
                    evidence=[unit.cite()],
                    sources=1,
                    details={"type": "scare_quotes", "term": term, "article_id": unit.article_id},
                )
            )
    for entity_id, by_article in terms.items():
        # Wording every outlet shares is no framing difference.
        common = set.intersection(*({p.lower() for p in ps} for ps in by_article.values()))
        by_article = {a: {p for p in ps if p.lower() not in common} for a, ps in by_article.items()}
        by_article = {a: ps for a, ps in by_article.items() if ps}
        distinct = {p.lower() for phrases in by_article.values() for p in phrases}
        if len(by_article) < 2 or len(distinct) < 2:
            continue
        described = "; ".join(
            f"{outlet_name(next(u.article for u in where[entity_id] if u.article_id == a))}: "
            + ", ".join(f"“{p}”" for p in sorted(ps))
            for a, ps in sorted(by_article.items())
        )
        findings.append(
            Finding(
                id="",
                kind="framing",
                summary=f"Outlets describe {names.get(entity_id, entity_id)} differently: {described}.",
                evidence=_cites(where[entity_id]),
                sources=len(by_article),
                details={
                    "type": "descriptors",
                    "entity_id": entity_id,
                    "terms": {a: sorted(ps) for a, ps in by_article.items()},
                },
            )
        )
    if labels:
        outlets = {u.article_id: outlet_name(u.article) for u in label_units}
        described = "; ".join(
            f"{outlets[a]}: " + ", ".join(f"“{t}”" for t in sorted(ts)) for a, ts in sorted(labels.items())
        )
        findings.append(
            Finding(
                id="",
                kind="framing",
                summary=f"Labels that take a side: {described}.",
                evidence=_cites(label_units),
                sources=len(labels),
                details={"type": "labels", "terms": {a: sorted(ts) for a, ts in labels.items()}},
            )
        )
    return findings
