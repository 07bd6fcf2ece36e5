"""ACLED-style events: detected per sentence, typed, argued, and merged across mentions.

Per article (:func:`tag_events`):

1. every sentence is cut into *segments*: the content span of each attributed claim
   it carries, and the rest of the sentence — so "confirmed that areas had been
   targeted, denied its forces were firing" yields two mentions, each carried by
   its own claim;
2. a segment holding a trigger from the ACLED lexicon (not hypothetical: "reserves
   the right to target", "will strike") is an event mention; its arguments are read
   from the parse around the trigger: actors, the place in the trigger's clause,
   the date in its clause, casualties;
3. consecutive mentions of one event (same type family and no conflicting place or
   date; a next sentence with no place, date or speaker of its own; a casualty-only
   follow-up such as "1 fatality.") become one event, typed by the classifier over
   all its text.

Across articles (:func:`merge_events`, see :mod:`crosswire.extract.event_merge`),
events that agree on type family, date, place, actors or claiming party merge into
one :class:`Event` with all its mentions; its status comes from the claims carrying
it (:mod:`crosswire.extract.event_status`): confirmed, denied, claimed, or simply
reported.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from spacy.tokens import Doc, Span, Token

from crosswire.errors import ResourceError
from crosswire.extract.actors import country_of, event_actors
from crosswire.extract.event_merge import FAMILY, NEAR_KM, merge
from crosswire.extract.event_status import event_status
from crosswire.extract.event_types import EventKind, Trigger, classify, event_type_of, find_triggers
from crosswire.extract.fatalities import Casualties, sentence_casualties
from crosswire.model import Article, Claim, Event, EventMention, PlaceMention

if TYPE_CHECKING:
    from crosswire.nlp.gazetteer import GazPlace

# Triggers that only report harm: a sentence with nothing else continues the event before it.
_HARM_WORDS = frozenset({"kill", "die", "dead", "wound", "injure", "shot", "shoot", "body", "attack"})
# Attack words that name no means ("sites had been hit"): they too continue the event before them.
_GENERIC_ATTACK = frozenset({"strike", "hit", "target", "fire"})
# Heads whose complement is not (yet) an event: "threatened to strike", "the right to target".
_IRREALIS_HEADS = frozenset(
    "threaten plan vow warn intend prepare want seek aim try right plot consider fear risk prevent avoid "
    "going order call urge demand propose ready able".split()
)
_IRREALIS_AUX = frozenset({"will", "would", "could", "may", "might", "should", "shall", "can", "must", "'ll"})
_DATE_VALUE = re.compile(r"^\d{4}(-\d\d(-\d\d)?)?$")


@dataclass
class _Mention:
    """One event mention in one article, with the arguments read around its trigger."""

    start: int
    end: int
    text: str
    triggers: list[Trigger]
    kind: EventKind
    sentence_index: int
    token_i: int = 0  # the main trigger's token
    country_hint: str | None = None
    place_id: str | None = None
    place_text: str | None = None
    date: str | None = None
    fatalities: int | None = None
    injuries: int | None = None
    weapons: list[str] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)


def _is_irrealis(token: Token) -> bool:
    """True when the trigger is future, modal, or the complement of a threat or plan."""
    node = token
    for _ in range(3):
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in _IRREALIS_AUX for c in node.children):
            return True
        if (
            node.dep_ in ("xcomp", "acl", "pcomp", "pobj", "dobj", "nsubj")
            and node.head.lemma_.lower() in _IRREALIS_HEADS
        ):
            return True
        if node.dep_ in ("ROOT", "ccomp", "relcl", "advcl", "conj"):
            break
        node = node.head
    return False


def _segments(sentence: Span, claims: list[Claim]) -> list[tuple[int, int, list[Claim]]]:
    """The sentence cut at the content spans of the claims it carries, each with its claims."""
    inside = []
    for claim in claims:
        span = claim.content_span or (claim.start, claim.end)
        start, end = max(span[0], sentence.start_char), min(span[1], sentence.end_char)
        if start < end and span != (claim.start, claim.end):
            inside.append((start, end, claim))
    inside.sort(key=lambda s: (s[0], -s[1]))
    segments: list[tuple[int, int, list[Claim]]] = []
    for start, end, claim in inside:
        if segments and start < segments[-1][1]:  # nested or overlapping contents share one segment
            s_start, s_end, s_claims = segments[-1]
            segments[-1] = (s_start, max(s_end, end), [*s_claims, claim])
        else:
            segments.append((start, end, [claim]))
    rest_claims = [
        c
        for c in claims
        if c.start <= sentence.start_char < c.end or sentence.start_char <= c.start < sentence.end_char
    ]
    outside = [c for c in rest_claims if all(c is not x for _, _, cs in segments for x in cs)]
    covered = [(s, e) for s, e, _ in segments]
    cursor, rest = sentence.start_char, []
    for s, e in covered:
        if s > cursor:
            rest.append((cursor, s))
        cursor = max(cursor, e)
    if cursor < sentence.end_char:
        rest.append((cursor, sentence.end_char))
    return segments + [(s, e, outside) for s, e in rest]


def _clause_head(token: Token) -> Token:
    """The verb heading the clause a token sits in (conjoined verbs count as one clause)."""
    node = token
    for _ in range(8):
        if node.pos_ in ("VERB", "AUX") and node.dep_ != "amod":
            while node.dep_ == "conj" and node.head.pos_ in ("VERB", "AUX"):
                node = node.head
            return node
        if node.head is node:
            return node
        node = node.head
    return node


def _gaz_place(place_id: str) -> GazPlace | None:
    """The gazetteer record of a place id (None without a gazetteer or for an unknown id)."""
    try:
        from crosswire.nlp.gazetteer import load

        return load().place_by_id(place_id)
    except Exception:  # the gazetteer is optional for this stage
        return None


def _place_breadth(place_id: str) -> int:
    """0 for a town, 1 for a district, 2 for a province, 3 for a country or wider (gazetteer level)."""
    from crosswire.nlp.gazetteer import ADMIN1, ADMIN2, CITY

    place = _gaz_place(place_id)
    if place is None:
        return 0
    return {CITY: 0, ADMIN2: 1, ADMIN1: 2}.get(place.level, 3)


# "in Bayt Maghari village (Hays, Al Hudaydah)": the district and province a report writes in
# brackets after a place, each part a capitalised name.
_BRACKETED = re.compile(r"\(([^()]{2,80})\)")
_NAME = re.compile(r"[A-Z][\w'\u2019-]*(?: (?:[A-Z][\w'\u2019-]*|al|el|de|del|do|da|wa|ar|as|ad|an|at|ash))*")
# What separates a place from its container: a comma or a bracket, after a generic word or two.
_CONTAINER_GAP = re.compile(r"(?:\s+\w+){0,2}\s*[,(]\s*")
# How far from a province's (district's) centre a place may lie and still be taken as inside it.
_PROVINCE_REACH_KM = 200.0
_DISTRICT_REACH_KM = 60.0
# Generic words the geocoder kept around a name ("Sukkur city", "the Municipality of X") hide it.
_GENERIC_TAIL = re.compile(
    r"\s+(?:city|town|village|township|district|county|province|municipality|governorate|region|"
    r"department|oblast)$",
    re.I,
)
_GENERIC_HEAD = re.compile(
    r"(?:the\s+)?(?:municipality|city|town|village|province|district|governorate|region|department)\s+of\s+",
    re.I,
)


def _more_toponyms(article: Article) -> list[tuple[int, int]]:
    """Spans of place names the geocoder left aside that place events: bracketed district and
    province names, and the names inside unresolved toponyms written with a generic word or a
    container ("Sukkur city", "the Municipality of X", "Nis, Serbia")."""
    taken = [(p.start, p.end) for p in article.places if p.place_id]
    spans = []
    for match in _BRACKETED.finditer(article.text):
        offset = match.start(1)
        for part in re.finditer(r"[^,\s][^,]*[^,\s]", match.group(1)):
            # Upper-case abbreviations ("TN", "AJK") are too often country codes by another name.
            if _NAME.fullmatch(part.group(0)) and not part.group(0).isupper():
                spans.append((offset + part.start(), offset + part.end()))
    for place in article.places:
        if place.place_id:
            continue
        # "the Municipality of Alvaro Obregon", "Dehloran county", "Nis, Serbia": the names inside.
        head = _GENERIC_HEAD.match(place.text)
        tail = _GENERIC_TAIL.search(place.text)
        inner_start = place.start + (head.end() if head else 0)
        inner_end = place.start + (tail.start() if tail else len(place.text))
        if (head or tail or "," in place.text) and inner_start < inner_end:
            for part in re.finditer(r"[^,\s][^,]*[^,\s]", article.text[inner_start:inner_end]):
                spans.append((inner_start + part.start(), inner_start + part.end()))
    return [s for s in spans if not any(s[0] < e and b < s[1] for b, e in taken)]


def _add_places(article: Article) -> Article:
    """``article`` with the place names of :func:`_more_toponyms` geocoded among its places."""
    spans = _more_toponyms(article)
    if not spans:
        return article
    try:
        from crosswire.nlp.places import resolve_more

        found = resolve_more(article, spans)
    except ResourceError:  # the gazetteer is optional for this stage
        return article
    if not found:
        return article
    kept = [
        p for p in article.places if not any(f.start < p.end and p.start < f.end for f in found) or p.place_id
    ]
    return article.model_copy(update={"places": sorted([*kept, *found], key=lambda p: p.start)})


def _within(place: GazPlace, region: GazPlace) -> bool:
    """Whether a gazetteer place lies in a region named as its container: a country, a province,
    a district (or its province: names of districts vary more than those of provinces), or the
    province of a town standing for it ("near Kamianka, Donetsk")."""
    from crosswire.nlp.gazetteer import ADMIN1, ADMIN2, COUNTRY, distance_km

    if region.level == COUNTRY:
        return place.cc == region.cc
    if region.level == ADMIN2:
        inside = place.admin1 == region.admin1 or place.admin2 == region.pid
    else:
        inside = (
            region.pid in (place.admin1, place.admin2)
            or bool(region.admin1)
            and place.admin1 == region.admin1
        )
    # Sources code provinces differently (renamed, split): near enough to its centre is inside too.
    reach = _PROVINCE_REACH_KM if region.level == ADMIN1 else _DISTRICT_REACH_KM
    return (
        inside or place.cc == region.cc and distance_km(place.lat, place.lon, region.lat, region.lon) <= reach
    )


def _stray_places(article: Article) -> set[str]:
    """Places outside the regions and countries the article names around them.

    "in Mesquita, Rio de Janeiro": a Mesquita outside the state written after it is a
    namesake the geocoder mistook. "in Aracaju, Sergipe, ... in Santa Maria neighbourhood":
    a Santa Maria outside every region the article names cannot be where the event
    happened while a place inside them can.
    """
    from crosswire.nlp.gazetteer import ADMIN1, ADMIN2, COUNTRY

    resolved = {p.start: g for p in article.places if p.place_id and (g := _gaz_place(p.place_id))}
    stray = {
        before.start
        for before, after in _written_in(article)
        if before.start in resolved
        and after.start in resolved
        and not _within(resolved[before.start], resolved[after.start])
    }
    trusted = {start: g for start, g in resolved.items() if start not in stray}
    written_as_container = {after.start for _, after in _written_in(article)}
    regions = [
        g for start, g in trusted.items() if g.level in (ADMIN1, ADMIN2) or start in written_as_container
    ]
    countries = {g.cc for g in trusted.values() if g.level == COUNTRY}
    for start, place in trusted.items():
        if place.level == COUNTRY:
            continue
        # Alone in its country while every other place of the article lies in another one:
        # "Thor village, Thies subdivision" read as Thor, Austria.
        elsewhere = {g.cc for other, g in trusted.items() if other != start and g.pid != place.pid}
        if len(elsewhere) == 1 and place.cc not in elsewhere:
            stray.add(start)
            continue
        others = [g for g in regions if g.pid != place.pid]
        if others and place.level > ADMIN1 and not any(_within(place, g) for g in others):
            stray.add(start)
        elif countries and place.cc not in countries:
            stray.add(start)
    return {p.place_id for p in article.places if p.start in stray and p.place_id}


def _written_in(article: Article) -> list[tuple[PlaceMention, PlaceMention]]:
    """Pairs of place names where the second is written as the first one's container:
    "Kamianka, Donetsk", "Bayt Maghari village (Hays, Al Hudaydah)"."""
    return [
        (before, after)
        for before, after in zip(article.places, article.places[1:], strict=False)
        if _CONTAINER_GAP.fullmatch(article.text[before.end : after.start])
    ]


def _containers(article: Article) -> set[int]:
    """Start offsets of the place names written as the container of a town or district before
    them ("Kamianka, Donetsk", "Surobi district, Kabul"): not the event's place. One written
    after a province is the more specific name of the two ("Hadramawt valley (Al Qatn, Hadramawt)")."""
    return {
        after.start
        for before, after in _written_in(article)
        if before.place_id is None or _place_breadth(before.place_id) <= 1
    }


def _modifies_thing(token: Token) -> bool:
    """Whether a name qualifies a thing rather than placing it: "the US dollar", "Syria policy"."""
    return token.dep_ in ("compound", "amod", "nmod") and token.head.pos_ == "NOUN" and token.head.i > token.i


def _place_for(
    article: Article, doc: Doc, trigger: Token, start: int, end: int, stray: set[str]
) -> tuple[str | None, str | None]:
    """The event's place within a segment: in the trigger's clause (or subtree) first, most specific first.

    A place outside the trigger's clause is taken only below the country level: "the
    attack was meant to strike at Azerbaijan's settlements" does not place the attack.
    A place lying outside the regions the article names (see :func:`_stray_places`)
    comes after every place inside them; a place written as the container of the one before
    it ("Bayt Maghari (Hays, Al Hudaydah)") after that one.
    """
    head = _clause_head(trigger)
    subtree = {t.i for t in trigger.subtree}
    containers = _containers(article)
    ranked = []
    for place in article.places:
        if not place.place_id or not (start <= place.start and place.end <= end):
            continue
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is None:
            continue
        same_clause = span.root.i in subtree or _clause_head(span.root) == head
        breadth = _place_breadth(place.place_id)
        if breadth == 3 and (not same_clause or _modifies_thing(span.root)):
            continue
        ranked.append(
            (place.place_id in stray, place.start in containers, not same_clause, breadth, place.start, place)
        )
    if not ranked:
        return None, None
    ranked.sort(key=lambda r: r[:5])
    best = ranked[0][5]
    if ranked[0][3] == 3:
        # A country is narrowed down by a place inside it named in the same segment
        # ("exchanged fire ... India and Pakistan ... in Degwar sector (Poonch district)").
        country = place_country(best.place_id)
        best = next(
            (r[5] for r in ranked if not r[0] and r[3] < 3 and place_country(r[5].place_id) == country),
            best,
        )
    return best.place_id, best.text


def _nearest_place(article: Article, doc: Doc, start: int, end: int, stray: set[str]) -> str | None:
    """The place of an event whose mentions name none: the most specific place written in its own
    sentences (outside the mentions) or the one just before ("residents forced a shop in Soweto
    to close. Police dispersed the crowd."): a lead names the scene once, the next sentence
    reports what happened there."""
    sentence = doc.char_span(start, start + 1, alignment_mode="expand")
    if sentence is None:
        return None
    first = sentence.sent
    before = doc[first.start - 1].sent if first.start > 0 else first
    last = doc.char_span(max(start, end - 1), end, alignment_mode="expand")
    end = last.sent.end_char if last is not None else end
    containers = _containers(article)
    ranked = []
    for place in article.places:
        if not place.place_id or not (before.start_char <= place.start and place.end <= end):
            continue
        breadth = _place_breadth(place.place_id)
        ranked.append(
            (
                place.place_id in stray,
                place.start in containers,
                place.start < first.start_char,
                breadth,
                place.start,
                place.place_id,
            )
        )
    return min(ranked)[-1] if ranked else None


def _date_for(article: Article, doc: Doc, trigger: Token, start: int, end: int) -> str | None:
    """The normalised date in the trigger's clause within the segment, if any."""
    head = _clause_head(trigger)
    dated = []
    for time in article.times:
        if time.type != "DATE" or not time.value or not _DATE_VALUE.match(time.value):
            continue
        if not (start <= time.start and time.end <= end):
            continue
        span = doc.char_span(time.start, time.end, alignment_mode="expand")
        same_clause = span is not None and (
            _clause_head(span.root) == head
            or span.root.is_ancestor(trigger)
            or trigger.is_ancestor(span.root)
        )
        dated.append((not same_clause, -len(time.value), abs(time.start - trigger.idx), time.value))
    if not dated:
        return None
    dated.sort()
    if dated[0][0] and len({d[3] for d in dated}) > 1:
        return None
    return dated[0][3]


_WEAPON = re.compile(
    r"\b(ballistic missiles?|missiles?|rockets?|artillery|mortars?|drones?|grenades?|(?:car )?bombs?|ied|"
    r"landmines?|mines?|rifles?|guns?|firearms?|knives|knife|machetes?|tanks?|fighter jets?|warplanes?|"
    r"helicopters?|shells?|explosives?|tear gas|rubber bullets|live ammunition|stones|batons?)\b",
    re.I,
)


def _cue_is_event(claim: Claim, doc: Doc, triggers: list[Trigger]) -> bool:
    """Whether a claim's cue is an event trigger, or the verb doing one ("reached a ceasefire")."""
    if not claim.cue_span:
        return False
    start, end = claim.cue_span
    if any(start < t.end and t.start < end for t in triggers):
        return True
    return claim.stance == "assert" and any(
        doc[t.token_i].dep_ in ("dobj", "obj") and start <= doc[t.token_i].head.idx < end for t in triggers
    )


def _mentions(article: Article, doc: Doc, country_hint: str | None, stray: set[str]) -> list[_Mention]:
    mentions: list[_Mention] = []
    for index, sentence in enumerate(doc.sents):
        all_triggers = find_triggers(sentence)
        # A claim whose cue is itself an event ("citizens protested from their balconies in X",
        # "A and B reached a ceasefire") reports that event rather than someone's word on one,
        # and a claim nobody is named for speaks for no party: neither cuts the sentence nor
        # carries its event.
        claims = [
            c
            for c in article.claims
            if c.start < sentence.end_char
            and sentence.start_char < c.end
            and c.speaker.text.strip()
            and not _cue_is_event(c, doc, all_triggers)
        ]
        segments = _segments(sentence, claims)
        for start, end, seg_claims in segments:
            triggers = [
                t for t in all_triggers if start <= t.start < end and not _is_irrealis(doc[t.token_i])
            ]
            whole = start == sentence.start_char and end == sentence.end_char
            if not triggers and not (whole and mentions):
                continue
            # Each claim's content counts its own dead.
            segment = sentence if whole else doc.char_span(start, end, alignment_mode="expand")
            casualties = sentence_casualties(segment) if segment is not None else Casualties()
            if not triggers:
                if casualties.fatalities is not None:
                    mentions.append(
                        _Mention(
                            start=start,
                            end=end,
                            text=article.text[start:end],
                            triggers=[],
                            kind=EventKind("", ""),
                            sentence_index=index,
                            fatalities=casualties.fatalities,
                            injuries=casualties.injuries,
                            claims=seg_claims,
                        )
                    )
                continue
            kind = classify(triggers, doc)
            main = next(
                (t for t in triggers if event_type_of(t.sub_event_type) == kind.event_type), triggers[0]
            )
            token = doc[main.token_i]
            place_id, place_text = _place_for(article, doc, token, start, end, stray)
            hint = place_country(place_id) or country_hint
            mentions.append(
                _Mention(
                    start=start,
                    end=end,
                    text=article.text[start:end],
                    triggers=triggers,
                    kind=kind,
                    sentence_index=index,
                    place_id=place_id,
                    place_text=place_text,
                    date=_date_for(article, doc, token, start, end),
                    token_i=main.token_i,
                    country_hint=hint,
                    fatalities=casualties.fatalities,
                    injuries=casualties.injuries,
                    weapons=sorted({m.group(0).lower() for m in _WEAPON.finditer(article.text[start:end])}),
                    claims=seg_claims,
                )
            )
    return mentions


def _continues(event: list[_Mention], mention: _Mention) -> bool:
    """Whether a mention continues the article event just before it."""
    last = event[-1]
    if mention.sentence_index - last.sentence_index > 2:
        return False
    if not mention.triggers:
        return True
    first = event[0]
    if mention.place_id and first.place_id and not _places_compatible(mention.place_id, first.place_id):
        return False
    dates = {m.date for m in event if m.date}
    if mention.date and dates and not any(_dates_compatible(mention.date, d) for d in dates):
        return False
    if FAMILY[mention.kind.event_type] == FAMILY[first.kind.event_type]:
        return True
    # A next sentence with no place or date of its own and no other speaker elaborates the same event.
    if (
        mention.sentence_index - last.sentence_index == 1
        and not mention.place_id
        and not mention.date
        and {c.id for c in mention.claims} <= {c.id for m in event for c in m.claims}
    ):
        return True
    # "The clashes resulted in 20 killed": harm words alone do not open a new event.
    return (
        all(t.lemma in _HARM_WORDS or t.lemma in _GENERIC_ATTACK for t in mention.triggers)
        and mention.sentence_index != last.sentence_index
    )


def _is_country(mention: _Mention) -> bool:
    return bool(mention.place_id and _place_breadth(mention.place_id) == 3)


def _places_compatible(a_id: str, b_id: str) -> bool:
    """Same place, one holding the other (country, province), or within NEAR_KM of each other."""
    if a_id == b_id:
        return True
    try:
        from crosswire.nlp.gazetteer import distance_km, load

        gaz = load()
        a, b = gaz.place_by_id(a_id), gaz.place_by_id(b_id)
    except Exception:  # without the gazetteer only identical ids are known to agree
        return False
    if a is None or b is None:
        return False
    if a.pid in (b.admin1, b.admin2) or b.pid in (a.admin1, a.admin2):
        return True
    if _place_breadth(a_id) == 3 or _place_breadth(b_id) == 3:
        return a.cc == b.cc
    return float(distance_km(a.lat, a.lon, b.lat, b.lon)) <= NEAR_KM


def _dates_compatible(a: str, b: str) -> bool:
    """Same day, or one date contains the other (2020-10 and 2020-10-14)."""
    return a.startswith(b) or b.startswith(a)


def _event_id(article_id: str, start: int) -> str:
    return "ev-" + hashlib.sha1(f"{article_id}:{start}".encode()).hexdigest()[:10]


def _build_event(article: Article, doc: Doc, group: list[_Mention], stray: set[str]) -> Event:
    typed = [m for m in group if m.triggers]
    kind = classify([t for m in typed for t in m.triggers], doc)
    lead = next((m for m in typed if m.kind.event_type == kind.event_type), typed[0])
    tokens = [doc[lead.token_i]] + [doc[t.token_i] for t in lead.triggers if t.token_i != lead.token_i]
    segment = doc.char_span(lead.start, lead.end, alignment_mode="expand") or tokens[0].sent
    actor1, actor2 = event_actors(tokens, segment, kind.event_type, kind.sub_event_type, lead.country_hint)
    # The lead mention places the event; later sentences only fill in a place it lacks; with
    # no place of its own the event happened where the sentence before set the scene.
    place_id = (
        lead.place_id
        or next((m.place_id for m in typed if m.place_id and not _is_country(m)), None)
        or next((m.place_id for m in typed if m.place_id), None)
        or _nearest_place(article, doc, group[0].start, group[-1].end, stray)
    )
    stated = next((m.date for m in typed if m.date and len(m.date) == 10), None) or next(
        (m.date for m in typed if m.date), None
    )
    # Without a stated date the event is dated by publication, with no precision claimed.
    date = stated or (article.published or "")[:10] or None
    deaths = [m.fatalities for m in group if m.fatalities is not None]
    hurt = [m.injuries for m in group if m.injuries is not None]
    claims = {c.id: c for m in group for c in m.claims}
    event = Event(
        id=_event_id(article.id, group[0].start),
        event_type=kind.event_type,
        sub_event_type=kind.sub_event_type,
        actor1=actor1,
        actor2=actor2,
        place_id=place_id,
        date=date,
        date_precision=_precision(stated),
        fatalities=max(deaths) if deaths else 0,
        injuries=max(hurt) if hurt else 0,
        weapons=sorted({w for m in group for w in m.weapons}),
        claim_ids=sorted(claims),
        mentions=[EventMention(start=m.start, end=m.end, text=m.text, article_id=article.id) for m in group],
    )
    return event_status(event, list(claims.values()))


def place_country(place_id: str | None) -> str | None:
    """The country holding a geocoded place, from the gazetteer (None without one)."""
    if not place_id:
        return None
    try:
        from crosswire.nlp.gazetteer import load

        gaz = load()
        place = gaz.place_by_id(place_id)
        country = gaz.country_by_code.get(place.cc) if place else None
    except Exception:  # the gazetteer is optional for this stage
        return None
    return country.name if country else None


def _country_hint(article: Article) -> str | None:
    """The country the article's places lie in most often, else the one its names point to most."""
    located = Counter(c for p in article.places if (c := place_country(p.place_id)))
    if located:
        return located.most_common(1)[0][0]
    named: Counter[str] = Counter()
    for mention in article.mentions:
        if mention.label in ("GPE", "NORP") and (country := country_of(mention.text)):
            named[country] += 1
    return named.most_common(1)[0][0] if named else None


def tag_events(article: Article, doc: Doc) -> Article:
    """Fill ``article.events`` with the events the article reports, each with its mentions."""
    article = _add_places(article)
    hint = _country_hint(article)
    groups: list[list[_Mention]] = []
    stray = _stray_places(article)
    for mention in _mentions(article, doc, hint, stray):
        if groups and _continues(groups[-1], mention):
            groups[-1].append(mention)
        elif mention.triggers:
            groups.append([mention])
    article.events = [_build_event(article, doc, group, stray) for group in groups]
    return article


_PRECISION: dict[int, Literal["day", "month", "year"]] = {4: "year", 7: "month", 10: "day"}


def _precision(date: str | None) -> Literal["day", "month", "year"] | None:
    """The precision of an ISO date by its length (YYYY, YYYY-MM, YYYY-MM-DD)."""
    return _PRECISION.get(len(date)) if date else None


def merge_events(articles: list[Article]) -> list[Event]:
    """One event per real-world event across ``articles``, with all its mentions and its status."""
    return merge(articles)
