"""Corpus step: mentions of one real-world event, across sentences and articles, become one Event.

Two event records may merge when nothing contradicts it: same type family (a strike
one outlet calls shelling and another fighting is one event), dates that agree
(same day, or one holds the other), places that agree (the same town, towns within
:data:`NEAR_KM`, a province or country holding the other), actors that do not
belong to disjoint countries. They do merge when, besides, enough positively
agrees — the same town, the same day, a shared actor, the same party claiming or
denying both: one such agreement within an article, two across articles (or the
same town) — so two bare "clashes" in unrelated stories stay apart. An event joins
a cluster only if no member contradicts it.

The merged event keeps every mention; its fatalities are the most conservative
figure among the articles reporting one (ACLED's rule), and its status is
recomputed from all the claims carrying any of its mentions.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence

from crosswire.extract.actors import actor_country, country_of
from crosswire.extract.event_status import event_status
from crosswire.extract.event_types import (
    BATTLES,
    EXPLOSIONS,
    PROTESTS,
    RIOTS,
    STRATEGIC,
    VIOLENCE_AGAINST_CIVILIANS,
)
from crosswire.model import Article, Claim, Event, Place
from crosswire.nlp.gazetteer import distance_km

NEAR_KM = 50.0


def _places(articles: list[Article]) -> dict[str, Place]:
    """Places by id, from the geocoder's corpus step (empty when it has nothing)."""
    from crosswire.nlp.places import collect_places

    try:
        return {p.id: p for p in collect_places(articles)}
    except Exception:  # the geocoder is optional for merging: without it places compare by id only
        return {}


def _is_broad(place: Place | None) -> bool:
    return place is not None and (
        (place.feature or "").startswith(("A.PCL", "A.ADM1", "L.")) or country_of(place.name) is not None
    )


def _km(a: Place, b: Place) -> float | None:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    return float(distance_km(a.lat, a.lon, b.lat, b.lon))


def places_agree(a_id: str | None, b_id: str | None, places: dict[str, Place]) -> bool | None:
    """True when two event places are the same town or near each other, or a province holds the other;
    False when they are apart; None when either is unknown or one is only the country holding the other."""
    if not a_id or not b_id:
        return None
    a, b = places.get(a_id), places.get(b_id)
    if a_id == b_id:
        return None if _is_country(a) else True
    if a is None or b is None:
        return False
    if _is_country(a) or _is_country(b):
        # A country holding the other place is compatible, but no evidence of a shared event.
        return None if a.country == b.country else False
    for broad, narrow in ((a, b), (b, a)):
        if _is_broad(broad) and broad.country == narrow.country and broad.name == narrow.admin1:
            return True
    km = _km(a, b)
    return km is not None and km <= NEAR_KM


def _is_country(place: Place | None) -> bool:
    return place is not None and (
        (place.feature or "").startswith(("A.PCL", "L.")) or country_of(place.name) is not None
    )


def dates_agree(a: str | None, b: str | None) -> bool | None:
    if not a or not b:
        return None
    return a.startswith(b) or b.startswith(a)


def actors_agree(a: Event, b: Event) -> bool | None:
    """True when the events share an actor; False when both name both sides and no country is shared."""
    names_a = {n for n in (a.actor1, a.actor2) if n}
    names_b = {n for n in (b.actor1, b.actor2) if n}
    if names_a & names_b:
        return True
    if len(names_a) < 2 or len(names_b) < 2:
        return None  # one side left implicit: no evidence either way
    countries_a = {c for n in names_a if (c := actor_country(n))}
    countries_b = {c for n in names_b if (c := actor_country(n))}
    if countries_a and countries_b and not countries_a & countries_b:
        return False
    return None


# ACLED's types grouped by what an outlet may call the same event: a missile strike one source
# reports as shelling and another as fighting; a protest one calls a riot.
FAMILY = {
    BATTLES: "armed",
    EXPLOSIONS: "armed",
    VIOLENCE_AGAINST_CIVILIANS: "civilians",
    PROTESTS: "crowd",
    RIOTS: "crowd",
    STRATEGIC: "strategic",
}


def conflicting(a: Event, b: Event, places: dict[str, Place]) -> bool:
    """Whether two event records cannot be one event: other family, other place or day, other sides."""
    if FAMILY.get(a.event_type) != FAMILY.get(b.event_type):
        return True
    if a.event_type == STRATEGIC:
        # Talks and agreements are reported from many capitals by many parties: only the date and
        # the kind of development (an agreement is not an arrest) can conflict.
        return (
            a.sub_event_type != b.sub_event_type or dates_agree(_explicit_date(a), _explicit_date(b)) is False
        )
    place = places_agree(a.place_id, b.place_id, places)
    if place is False or dates_agree(_explicit_date(a), _explicit_date(b)) is False:
        return True
    return actors_agree(a, b) is False and place is not True


def same_event(a: Event, b: Event, places: dict[str, Place]) -> bool:
    """Whether two event records describe one real-world event.

    No field may conflict; within one article one positive agreement suffices, across
    articles it takes two, or the same town.
    """
    if conflicting(a, b, places):
        return False
    place = places_agree(a.place_id, b.place_id, places)
    # Only the same day is evidence; "2020" holding "2020-10-10" is merely compatible.
    date = a.date == b.date if a.date_precision == b.date_precision == "day" else None
    actors = actors_agree(a, b)
    # The same party claiming (or denying) both is evidence too ("X claimed it hit ..." in two outlets).
    parties = bool(set(a.claimed_by) & set(b.claimed_by) or set(a.denied_by) & set(b.denied_by))
    # Two reports of the same kind of political development (an agreement, an arrest) on one day.
    development = a.event_type == STRATEGIC and a.sub_event_type == b.sub_event_type != "Other"
    same_article = bool(a.mentions and b.mentions and a.mentions[0].article_id == b.mentions[0].article_id)
    # Within one article, the same kind of event told again is most likely the same event.
    retold = same_article and a.sub_event_type == b.sub_event_type != "Other"
    positives = [place, date, actors].count(True) + parties + (development or retold)
    return (
        positives >= 2 or positives == 1 and (same_article or place is True and a.event_type == b.event_type)
    )


def _explicit_date(event: Event) -> str | None:
    """The event's date when the text states it (a publication-date fallback has no precision)."""
    return event.date if event.date_precision else None


def _combine(cluster: list[Event], claims: dict[str, Claim], places: dict[str, Place]) -> Event:
    def vote(values: Sequence[str | None]) -> str | None:
        counts = Counter(v for v in values if v)
        return counts.most_common(1)[0][0] if counts else None

    first = cluster[0]
    event_type = vote([e.event_type for e in cluster]) or first.event_type
    specific = [e.place_id for e in cluster if e.place_id and not _is_broad(places.get(e.place_id))]
    place_id = vote(specific) or vote([e.place_id for e in cluster])
    dated = [e for e in cluster if e.date_precision]
    date = (
        vote([e.date for e in dated if e.date_precision == "day"])
        or vote([e.date for e in dated])
        or vote([e.date for e in cluster])
    )
    precision = next((e.date_precision for e in dated if e.date == date), None)
    per_article: dict[str, list[Event]] = {}
    for event in cluster:
        per_article.setdefault(event.mentions[0].article_id if event.mentions else "", []).append(event)
    # Within an article the largest figure counts (later sentences add detail); across sources,
    # ACLED codes the most conservative of the figures reported.
    reported = [
        max(e.fatalities for e in evs) for evs in per_article.values() if any(e.fatalities for e in evs)
    ]
    hurt = [max(e.injuries for e in evs) for evs in per_article.values() if any(e.injuries for e in evs)]
    mentions = [m for e in cluster for m in e.mentions]
    merged = Event(
        id="ev-" + hashlib.sha1(f"{mentions[0].article_id}:{mentions[0].start}".encode()).hexdigest()[:10],
        event_type=event_type,
        sub_event_type=vote([e.sub_event_type for e in cluster if e.event_type == event_type])
        or first.sub_event_type,
        actor1=vote([e.actor1 for e in cluster]),
        actor2=vote([e.actor2 for e in cluster]),
        place_id=place_id,
        date=date,
        date_precision=precision,
        fatalities=min(reported) if reported else 0,
        injuries=min(hurt) if hurt else 0,
        weapons=sorted({w for e in cluster for w in e.weapons}),
        mentions=mentions,
    )
    carried = [claims[i] for i in dict.fromkeys(i for e in cluster for i in e.claim_ids) if i in claims]
    return event_status(merged, carried)


def merge(articles: list[Article]) -> list[Event]:
    """Merge the per-article events of ``articles`` into corpus events (see the module docstring)."""
    places = _places(articles)
    claims = {c.id: c for a in articles for c in a.claims}
    clusters: list[list[Event]] = []
    for article in articles:
        for event in article.events:
            # Join a cluster only when no member contradicts the event and one positively matches it.
            home = next(
                (
                    c
                    for c in clusters
                    if not any(conflicting(event, other, places) for other in c)
                    and any(same_event(event, other, places) for other in c)
                ),
                None,
            )
            if home is None:
                clusters.append([event])
            else:
                home.append(event)
    return [_combine(cluster, claims, places) for cluster in clusters]
