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
from typing import Literal

from spacy.tokens import Doc, Span, Token

from crosswire.extract.actors import country_of, event_actors
from crosswire.extract.event_merge import FAMILY, NEAR_KM, merge
from crosswire.extract.event_status import event_status
from crosswire.extract.event_types import EventKind, Trigger, classify, event_type_of, find_triggers
from crosswire.errors import ResourceError
from crosswire.extract.fatalities import Casualties, sentence_casualties
from crosswire.model import Article, Claim, Event, EventMention

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


def _gaz_place(place_id: str):  # type: ignore[no-untyped-def]
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
# A generic word the geocoder kept on a town's name ("Sukkur city") hides the town.
_GENERIC_TAIL = re.compile(r"\s+(?:city|town|village|township|district)$", re.I)


def _more_toponyms(article: Article) -> list[tuple[int, int]]:
    """Spans of place names the geocoder left aside that place events: bracketed district and
    province names, and unresolved towns written with a generic word."""
    taken = [(p.start, p.end) for p in article.places if p.place_id]
    spans = []
    for match in _BRACKETED.finditer(article.text):
        offset = match.start(1)
        for part in re.finditer(r"[^,\s][^,]*[^,\s]", match.group(1)):
            if _NAME.fullmatch(part.group(0)):
                spans.append((offset + part.start(), offset + part.end()))
    for place in article.places:
        if not place.place_id and (tail := _GENERIC_TAIL.search(place.text)):
            spans.append((place.start, place.start + tail.start()))
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
    kept = [p for p in article.places if not any(f.start < p.end and p.start < f.end for f in found) or p.place_id]
    return article.model_copy(update={"places": sorted([*kept, *found], key=lambda p: p.start)})


def _stray_places(article: Article) -> set[str]:
    """Places outside every region and country the article names beside them.

    "in Aracaju, Sergipe, ... in Santa Maria neighbourhood": the neighbourhood's namesake
    the geocoder found lies in another state, so it cannot be where the event happened
    while a place inside the named regions can.
    """
    from crosswire.nlp.gazetteer import ADMIN1, ADMIN2, COUNTRY

    resolved = {p.place_id: g for p in article.places if p.place_id and (g := _gaz_place(p.place_id))}
    regions = {pid: g for pid, g in resolved.items() if g.level in (ADMIN1, ADMIN2)}
    # A town written as another place's container ("near Kamianka, Donetsk") stands for its province.
    for before, after in zip(article.places, article.places[1:]):
        town = resolved.get(after.place_id or "")
        if town is not None and town.admin1 and article.text[before.end : after.start] == ", ":
            if (province := _gaz_place(f"geonames:{town.admin1}")) is not None:
                regions.setdefault(after.place_id or "", province)
    countries = {g.cc for g in resolved.values() if g.level == COUNTRY}
    stray = set()
    for pid, place in resolved.items():
        if place.level <= ADMIN1 and not countries - {place.cc}:
            continue
        others = [g for other, g in regions.items() if other != pid]
        # Inside a named region, or in the province of a named district (its neighbour districts).
        outside_regions = bool(others) and not any(
            place.admin1 == g.pid or place.admin2 == g.pid or (g.level == ADMIN2 and place.admin1 == g.admin1)
            for g in others
        )
        if place.level == COUNTRY:
            outside_regions = False
        outside_countries = bool(countries) and place.cc not in countries
        if outside_regions or outside_countries:
            stray.add(pid)
    return stray


def _place_for(
    article: Article, doc: Doc, trigger: Token, start: int, end: int, stray: set[str]
) -> tuple[str | None, str | None]:
    """The event's place within a segment: in the trigger's clause (or subtree) first, most specific first.

    A place outside the trigger's clause is taken only below the country level: "the
    attack was meant to strike at Azerbaijan's settlements" does not place the attack.
    A place lying outside the regions the article names (see :func:`_stray_places`)
    comes after every place inside them, and a country after any place within one.
    """
    head = _clause_head(trigger)
    subtree = {t.i for t in trigger.subtree}
    ranked = []
    for place in article.places:
        if not place.place_id or not (start <= place.start and place.end <= end):
            continue
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is None:
            continue
        same_clause = span.root.i in subtree or _clause_head(span.root) == head
        breadth = _place_breadth(place.place_id)
        if not same_clause and breadth == 3:
            continue
        ranked.append((place.place_id in stray, breadth == 3, not same_clause, breadth, place.start, place))
    if not ranked:
        return None, None
    best = min(ranked, key=lambda r: r[:5])[5]
    return best.place_id, best.text


def _nearest_place(article: Article, doc: Doc, before: int, stray: set[str]) -> str | None:
    """The place of an event whose mentions name none: the most specific place of the nearest
    sentence before it that names one below the country (a lead names the scene once, later
    sentences report what happened there), else of the first sentence after it."""
    ranked = []
    for place in article.places:
        if not place.place_id:
            continue
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        sentence = span.sent.start_char if span is not None else place.start
        distance = before - sentence if place.start < before else sentence + len(doc.text)
        breadth = _place_breadth(place.place_id)
        ranked.append((place.place_id in stray, breadth == 3, distance, breadth, place.start, place.place_id))
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


def _mentions(article: Article, doc: Doc, country_hint: str | None, stray: set[str]) -> list[_Mention]:
    mentions: list[_Mention] = []
    for index, sentence in enumerate(doc.sents):
        all_triggers = find_triggers(sentence)
        # A claim whose cue is itself an event ("citizens protested from their balconies in X")
        # reports that event rather than someone's word on one: it neither cuts nor carries it.
        claims = [
            c
            for c in article.claims
            if c.start < sentence.end_char
            and sentence.start_char < c.end
            and not (c.cue_span and any(c.cue_span[0] < t.end and t.start < c.cue_span[1] for t in all_triggers))
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
    actor1, actor2 = event_actors(
        tokens, segment, kind.event_type, kind.sub_event_type, lead.country_hint
    )
    # The lead mention places the event; later sentences only fill in a place it lacks or
    # narrow a country down; with no place of its own the event happened where the article
    # last set the scene.
    place_id = lead.place_id if lead.place_id and not _is_country(lead) else None
    place_id = (
        place_id
        or next((m.place_id for m in typed if m.place_id and not _is_country(m)), None)
        or _nearest_place(article, doc, group[0].start, stray)
        or lead.place_id
        or next((m.place_id for m in typed if m.place_id), None)
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
