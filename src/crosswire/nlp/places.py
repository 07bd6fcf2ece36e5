"""Toponyms found in articles and resolved to gazetteer places, using the article as context.

Detection: spaCy's GPE/LOC (and FAC, when the gazetteer knows it) entities, plus capitalised
names in locative frames ("in X", "near X", "the city of X", "X district") that the
gazetteer holds — the small model misses many regional towns.

Resolution scores each candidate place of a toponym by its own weight (population, level,
how the name matched) and by the article: the countries and first-level regions the other
toponyms point to, a container written next to it ("Paris, Texas"), and the distance to
the other toponyms' likely places. The scores are refined over a few rounds, each toponym
seeing the others' current beliefs. A name the gazetteer lacks is matched by spelling only
within the countries in play, so it never jumps to a namesake on another continent.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from crosswire.model import Article, Place, PlaceMention
from crosswire.nlp.gazetteer import (
    ABBREVIATION,
    ADMIN1,
    ADMIN2,
    ALIAS,
    CITY,
    CODE,
    CONTINENT,
    COUNTRY,
    DEMONYM,
    NAME,
    SHORT,
    Gazetteer,
    GazPlace,
    Match,
    distance_km,
    load,
)

# Candidate weights (log-odds-like units).
POPULATION_WEIGHT = 0.35  # per decade of population
LEVEL_BONUS = {CONTINENT: 1.5, COUNTRY: 2.0, ADMIN1: 1.2, ADMIN2: 0.0, CITY: 0.0}
CAPITAL_BONUS = 1.5  # news names capitals far more often than their namesakes
KIND_PENALTY = {NAME: 0.0, ALIAS: 0.3, ABBREVIATION: 0.0, DEMONYM: 0.5, SHORT: 2.0, CODE: 0.2}
FUZZY_PENALTY = 8.0  # per unit of spelling dissimilarity
COUNTRY_WEIGHT = 3.0  # times the share of the other toponyms pointing to the same country
ADMIN1_WEIGHT = 3.0  # same for the first-level region
NEIGHBOUR_SHARE = 0.5  # a toponym in a neighbouring country supports this much
CONTAINER_BONUS = 4.0  # "X, Texas": X inside the named container
NEAR_WEIGHT = 3.0  # times the closeness (0..1) to the other toponyms' places
NEAR_SCALE_KM = 150.0
ROUNDS = 3
PRIOR_WEIGHT = 1.0  # a region prior counts as this many toponyms
SEAT_MIN_POPULATION = 10_000  # a town this big outranks the region named after it
MIN_CONFIDENCE = 0.15
STRAY_MAX_POPULATION = 50_000  # towns smaller than this need their country in play
FUZZY_THRESHOLD = 0.88

ENTITY_LABELS = {"GPE", "LOC"}
OTHER_LABELS = {"NORP", "ORG", "PERSON"}  # may hide a country or state name
LOCATIVE_BEFORE = {
    "in",
    "near",
    "at",
    "from",
    "outside",
    "towards",
    "toward",
    "into",
    "around",
    "across",
    "between",
}
PLACE_NOUNS = {
    "city",
    "town",
    "village",
    "district",
    "region",
    "province",
    "county",
    "parish",
    "settlement",
    "municipality",
    "rayon",
    "oblast",
    "governorate",
    "area",
    "state",
    "cities",
    "towns",
    "villages",
    "districts",
    "regions",
    "provinces",
    "counties",
    "settlements",
    "areas",
}
_POSSESSIVE = re.compile(r"(?:'s|\u2019s)$")


@dataclass(frozen=True)
class RegionPrior:
    """Where material beyond the article points (the outlet's other articles, the story).

    Shares (0..1) of countries (ISO alpha-2) and first-level regions (gazetteer pids); the
    prior weighs as much as ``weight`` toponyms of the article itself.
    """

    countries: Mapping[str, float] = field(default_factory=dict)
    admin1: Mapping[int, float] = field(default_factory=dict)
    weight: float = PRIOR_WEIGHT


@dataclass(frozen=True)
class PlaceContext:
    """What surrounds a toponym: the article text, the other toponyms, countries known in play."""

    text: str = ""
    toponyms: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()  # ISO 3166-1 alpha-2 codes
    prior: RegionPrior | None = None


@dataclass(frozen=True)
class Resolution:
    """A toponym's place, the confidence (0..1) and whether spelling had to be stretched."""

    place: GazPlace
    confidence: float
    fuzzy: bool = False


@dataclass
class _Toponym:
    """One distinct surface form and its candidates, as the rounds refine them."""

    key: str
    candidates: list[Match]
    fuzzy: bool = False
    containers: list[str] = field(default_factory=list)  # surfaces written right after it
    scores: list[float] = field(default_factory=list)
    probs: list[float] = field(default_factory=list)


def _clean(surface: str) -> str:
    surface = _POSSESSIVE.sub("", surface.strip())
    return surface.strip(" ,;:\"'()[]\u201c\u201d")


def _exact(gaz: Gazetteer, surface: str) -> list[Match]:
    """Places the surface names as written, else as a nationality or resident word."""
    matches = gaz.lookup(surface)
    if surface.isupper() and len(surface.replace(".", "")) <= 3:
        # An acronym names a place only through a code or abbreviation ("EU" is not Eu, France).
        matches = [m for m in matches if m.kind in (CODE, ABBREVIATION)]
    if not matches and surface[:1].isupper():
        matches = gaz.demonym(surface)
    return matches


def _seat_first(matches: list[Match]) -> list[Match]:
    """A region sharing its name with a sizeable town inside it ("Ankara") is read as the town."""
    seats = {
        pid
        for m in matches
        if m.place.level == CITY and m.kind == NAME and m.place.population >= SEAT_MIN_POPULATION
        for pid in (m.place.admin1, m.place.admin2)
    }
    return [m for m in matches if not (m.place.level in (ADMIN1, ADMIN2) and m.place.pid in seats)]


def _prior(match: Match) -> float:
    place = match.place
    score = POPULATION_WEIGHT * math.log10(place.population + 1)
    # A region named after its chief town ("Alexandria" governorate) earns no level bonus by alias.
    weak = match.kind in (ALIAS, SHORT) and place.level in (ADMIN1, ADMIN2)
    score += LEVEL_BONUS[place.level] * (0.3 if weak else 1.0)
    if place.feature == "P.PPLC":
        score += CAPITAL_BONUS
    score -= KIND_PENALTY[match.kind]
    return score - FUZZY_PENALTY * (1.0 - match.similarity)


def _softmax(scores: list[float]) -> list[float]:
    top = max(scores)
    weights = [math.exp(s - top) for s in scores]
    total = sum(weights)
    return [w / total for w in weights]


def _contains(container: GazPlace, place: GazPlace) -> bool:
    if container.pid == place.pid:
        return False
    if container.level == COUNTRY:
        return place.cc == container.cc
    if container.level == ADMIN1:
        return place.admin1 == container.pid
    if container.level == ADMIN2:
        return place.admin2 == container.pid
    return False


def resolve_all(
    toponyms: Sequence[str],
    text: str = "",
    spans: Sequence[tuple[int, int]] | None = None,
    countries: Sequence[str] = (),
    gazetteer: Gazetteer | None = None,
    prior: RegionPrior | None = None,
) -> list[Resolution | None]:
    """Resolve every toponym of one article together, each one context for the others.

    ``spans`` (character offsets into ``text``, one per toponym) let a toponym written right
    after another ("Alexandria, La.") act as its container. Returns one resolution per
    toponym: the best reading of a known name, however ambiguous (its confidence says how
    sure), and None where the gazetteer lacks the name and no close spelling is in play.
    """
    gaz = gazetteer or load()
    cleaned = [_clean(t) for t in toponyms]
    distinct: dict[str, _Toponym] = {}
    for surface in cleaned:
        if surface and surface not in distinct:
            distinct[surface] = _Toponym(surface, _seat_first(_exact(gaz, surface)))
    if spans is not None and text:
        for i, (_, end) in enumerate(spans):
            for j, (next_start, _) in enumerate(spans):
                gap = text[end:next_start]
                if j != i and 0 < len(gap) <= 3 and gap.strip() in {",", ""} and "," in gap:
                    head = distinct.get(cleaned[i])
                    # A country is nobody's "X, Y" part: "Russia, the United States" is a list.
                    if (
                        head is not None
                        and cleaned[j] in distinct
                        and cleaned[j] != cleaned[i]
                        and not any(m.place.level <= COUNTRY for m in head.candidates)
                    ):
                        head.containers.append(cleaned[j])

    # Names the gazetteer lacks: spelling matches within the countries in play only.
    in_play = set(countries)
    if prior is not None:
        in_play.update(cc for cc, share in prior.countries.items() if share > 0.2)
    for topo in distinct.values():
        for match in topo.candidates:
            if match.place.level == COUNTRY or len({m.place.cc for m in topo.candidates}) == 1:
                in_play.add(match.place.cc)
    in_play.discard("")
    for topo in distinct.values():
        if not topo.candidates and in_play:
            topo.candidates = gaz.fuzzy(topo.key, sorted(in_play), FUZZY_THRESHOLD)
            topo.fuzzy = bool(topo.candidates)

    live = [t for t in distinct.values() if t.candidates]
    for topo in live:
        topo.scores = [_prior(m) for m in topo.candidates]
        topo.probs = _softmax(topo.scores)
    for _ in range(ROUNDS if len(live) > 1 or (prior and live) else 0):
        _refine(live, distinct, prior)

    results: dict[str, Resolution] = {}
    for topo in live:
        best = max(range(len(topo.candidates)), key=topo.scores.__getitem__)
        confidence = topo.probs[best] * (topo.candidates[best].similarity if topo.fuzzy else 1.0)
        if not topo.fuzzy or confidence >= MIN_CONFIDENCE:
            results[topo.key] = Resolution(topo.candidates[best].place, round(confidence, 3), topo.fuzzy)
    return [results.get(surface) for surface in cleaned]


def _refine(live: list[_Toponym], distinct: dict[str, _Toponym], prior: RegionPrior | None) -> None:
    """One round: rescore every toponym against the others' current beliefs (and the prior)."""
    country_mass: dict[str, float] = defaultdict(float)
    admin1_mass: dict[int, float] = defaultdict(float)
    others = len(live) - 1.0
    if prior is not None:
        others += prior.weight
        for cc, share in prior.countries.items():
            country_mass[cc] += prior.weight * share
        for a1, share in prior.admin1.items():
            admin1_mass[a1] += prior.weight * share
    own_country: list[dict[str, float]] = []
    own_admin1: list[dict[int, float]] = []
    for topo in live:
        countries: dict[str, float] = defaultdict(float)
        admins: dict[int, float] = defaultdict(float)
        for match, p in zip(topo.candidates, topo.probs, strict=True):
            countries[match.place.cc] += p
            if match.place.admin1:
                admins[match.place.admin1] += p
        for cc, p in countries.items():
            country_mass[cc] += p
        for a1, p in admins.items():
            admin1_mass[a1] += p
        own_country.append(countries)
        own_admin1.append(admins)
    others = max(others, 1.0)
    points = [
        (topo, [(m.place, p) for m, p in zip(topo.candidates, topo.probs, strict=True) if p > 0.05])
        for topo in live
    ]
    neighbours = load().neighbours
    for index, topo in enumerate(live):
        containers = [distinct[c] for c in topo.containers if distinct.get(c) and distinct[c].candidates]
        scores = []
        for match in topo.candidates:
            place = match.place
            score = _prior(match)
            support = country_mass[place.cc] - own_country[index][place.cc]
            # Neighbours count too: a war between two countries names places on both sides.
            support += NEIGHBOUR_SHARE * sum(
                country_mass[n] - own_country[index][n] for n in neighbours.get(place.cc, ())
            )
            score += COUNTRY_WEIGHT * support / others
            if place.admin1:
                share = (admin1_mass[place.admin1] - own_admin1[index][place.admin1]) / others
                score += ADMIN1_WEIGHT * share
            for container in containers:
                score += CONTAINER_BONUS * sum(
                    p
                    for m, p in zip(container.candidates, container.probs, strict=True)
                    if _contains(m.place, place)
                )
            if place.level >= ADMIN2:
                closeness = 0.0
                for other, weighted in points:
                    if other is topo or not weighted:
                        continue
                    closeness += (
                        max(
                            p * math.exp(-distance_km(place.lat, place.lon, q.lat, q.lon) / NEAR_SCALE_KM)
                            for q, p in weighted
                            if q.level >= ADMIN1
                        )
                        if any(q.level >= ADMIN1 for q, _ in weighted)
                        else 0.0
                    )
                score += NEAR_WEIGHT * closeness / others
            scores.append(score)
        topo.scores = scores
    for topo in live:
        topo.probs = _softmax(topo.scores)


def resolve(toponym: str, context: PlaceContext | None = None) -> Resolution | None:
    """Resolve one toponym with its context (the other toponyms and countries in play)."""
    context = context or PlaceContext()
    others = tuple(t for t in context.toponyms if t != toponym)
    return resolve_all((toponym, *others), context.text, countries=context.countries, prior=context.prior)[0]


def region_prior(resolutions: Iterable[Resolution | None], weight: float = PRIOR_WEIGHT) -> RegionPrior:
    """The countries and first-level regions a body of resolved toponyms points to."""
    countries: dict[str, float] = defaultdict(float)
    admin1: dict[int, float] = defaultdict(float)
    for resolution in resolutions:
        if resolution is None or resolution.place.level < COUNTRY:
            continue
        countries[resolution.place.cc] += resolution.confidence
        if resolution.place.admin1:
            admin1[resolution.place.admin1] += resolution.confidence
    total = sum(countries.values()) or 1.0
    return RegionPrior(
        {cc: v / total for cc, v in countries.items()}, {a: v / total for a, v in admin1.items()}, weight
    )


# --------------------------------------------------------------------------- detection


def _name_token(token: Token, gaz: Gazetteer) -> bool:
    """A capitalised proper noun that is not a nationality word ("Azeri")."""
    return (
        token.is_title
        and token.pos_ == "PROPN"
        and not (token.ent_type_ == "NORP" and any(m.kind == DEMONYM for m in _exact(gaz, token.text)))
    )


def _name_runs(doc: Doc, gaz: Gazetteer) -> list[Span]:
    """Runs of capitalised proper-noun tokens (up to four)."""
    runs, i = [], 0
    while i < len(doc):
        if _name_token(doc[i], gaz):
            j = i + 1
            while j < len(doc) and j - i < 4 and _name_token(doc[j], gaz):
                j += 1
            runs.append(doc[i:j])
            i = j
        else:
            i += 1
    return runs


def _frame(run: Span, accepted_ends: set[int]) -> str | None:
    """How the words around a name make it a place: "strong" ("in X", "X district", "city of
    X"), "weak" (listed after a place, "known as X"), or None."""
    before, after = _word_before(run.doc, run.start), _word_after(run.doc, run.end)
    if after is not None and after.lower_ in PLACE_NOUNS:
        return "strong"
    if before is None:
        return None
    earlier = _word_before(run.doc, before.i)
    if before.lower_ == "of" and earlier is not None and earlier.lower_ in PLACE_NOUNS:
        return "strong"
    if before.lower_ in LOCATIVE_BEFORE:
        return "strong"
    if before.lower_ in {",", "and", "or"} and earlier is not None and earlier.i in accepted_ends:
        return "weak"
    if before.lower_ == "as" and earlier is not None and earlier.lower_ in {"known", "called", "named"}:
        return "weak"
    return None


def _word_before(doc: Doc, index: int) -> Token | None:
    """The nearest non-space token before ``index``."""
    for i in range(index - 1, -1, -1):
        if not doc[i].is_space:
            return doc[i]
    return None


def _word_after(doc: Doc, index: int) -> Token | None:
    """The nearest non-space token at or after ``index``."""
    for i in range(index, len(doc)):
        if not doc[i].is_space:
            return doc[i]
    return None


def _sub_spans(run: Span) -> list[Span]:
    """The run and its contiguous parts, longest first, then those nearest the run's end."""
    n = len(run)
    return [run[i : i + size] for size in range(n, 0, -1) for i in reversed(range(n - size + 1))]


def _candidate_spans(doc: Doc, gaz: Gazetteer) -> tuple[list[tuple[Span, bool]], set[str]]:
    """Toponym spans (each with whether it may stay unresolved) and the countries in play."""
    found: list[tuple[Span, bool]] = []
    taken: set[int] = set()
    in_play: set[str] = set()
    for ent in doc.ents:
        matches = _exact(gaz, _clean(ent.text)) if ent.label_ in ENTITY_LABELS | OTHER_LABELS else []
        # The small model often calls a country or state acting as an agent an ORG.
        broad = any(m.place.level in (COUNTRY, ADMIN1) and m.kind == NAME for m in matches)
        if ent.label_ in ENTITY_LABELS or ent.label_ == "FAC" or (ent.label_ == "ORG" and broad):
            found.append((ent, ent.label_ in ENTITY_LABELS))
            taken.update(range(ent.start, ent.end))
        if ent.label_ != "FAC":
            in_play.update(m.place.cc for m in matches if m.place.level == COUNTRY)
            # A state or province names its country too (a lone town may be a misread name).
            if (
                ent.label_ in ENTITY_LABELS
                and len({m.place.cc for m in matches}) == 1
                and any(m.place.level == ADMIN1 for m in matches)
            ):
                in_play.update(m.place.cc for m in matches)
    accepted_ends = {ent.end - 1 for ent, _ in found}
    for run in _name_runs(doc, gaz):
        if set(range(run.start, run.end)) & taken:
            continue
        frame = _frame(run, accepted_ends)
        if frame is None:
            continue
        chosen = None
        for part in _sub_spans(run):
            matches = [m for m in gaz.lookup(part.text) if m.kind in (NAME, ALIAS)]
            if matches and (frame == "strong" or any(m.place.cc in in_play for m in matches)):
                chosen = part
                break
        after = _word_after(doc, run.end)
        if chosen is None and frame == "strong" and after is not None and after.lower_ in PLACE_NOUNS:
            chosen = run  # unknown to the gazetteer: only a spelling match in play may resolve it
        if chosen is not None:
            found.append((chosen, False))
            taken.update(range(chosen.start, chosen.end))
            accepted_ends.add(run.end - 1)
    return sorted(found, key=lambda item: item[0].start_char), in_play


def _stray(resolution: Resolution, countries: set[str]) -> bool:
    """A small town alone in its country, far from the article's story, is a doubtful reading
    (often a person's name the tagger took for a place): left unresolved rather than guessed."""
    place = resolution.place
    return (
        bool(countries)
        and place.cc not in countries
        and place.level >= ADMIN2
        and place.population < STRAY_MAX_POPULATION
    )


def tag_places(article: Article, doc: Doc) -> Article:
    """Find the article's toponyms and resolve them together (article.places)."""
    gaz = load()
    spans, in_play = _candidate_spans(doc, gaz)
    texts = [span.text for span, _ in spans]
    offsets = [(span.start_char, span.end_char) for span, _ in spans]
    resolutions = resolve_all(texts, article.text, offsets, sorted(in_play), gaz) if spans else []
    # Which countries each distinct surface resolved to: a reading must be backed by another.
    surfaces_in: dict[str, set[str]] = defaultdict(set)
    for text, resolution in zip(texts, resolutions, strict=True):
        if resolution is not None and resolution.confidence >= 0.5:
            surfaces_in[resolution.place.cc].add(_clean(text))
    places = []
    for (span, keep_unresolved), resolution in zip(spans, resolutions, strict=True):
        if resolution is not None:
            backed = in_play | {cc for cc, names in surfaces_in.items() if names - {_clean(span.text)}}
            if _stray(resolution, backed):
                resolution = None
        if resolution is None and not keep_unresolved:
            continue
        if (
            resolution is not None
            and resolution.place.level == COUNTRY
            and any(m.kind == DEMONYM for m in gaz.lookup(span.text) if m.place.pid == resolution.place.pid)
        ):
            continue  # "Turkish" names a nationality here, not a place
        places.append(
            PlaceMention(
                text=span.text,
                start=span.start_char,
                end=span.end_char,
                place_id=resolution.place.place_id if resolution else None,
                confidence=resolution.confidence if resolution else 0.0,
            )
        )
    article.places = places
    return article


# --------------------------------------------------------------------------- corpus


def place_record(place: GazPlace, aliases: Iterable[str] = (), gazetteer: Gazetteer | None = None) -> Place:
    """The dossier record of a gazetteer place."""
    gaz = gazetteer or load()
    country = gaz.country_by_code.get(place.cc)
    admin1 = gaz.place(place.admin1) if place.admin1 and place.level > ADMIN1 else None
    return Place(
        id=place.place_id,
        name=place.name,
        aliases=sorted(set(aliases)),
        lat=round(place.lat, 5),
        lon=round(place.lon, 5),
        country=country.name if country else None,
        admin1=admin1.name if admin1 else (place.name if place.level == ADMIN1 else None),
        geonames_id=place.geonames_id,
        feature=place.feature,
    )


def collect_places(articles: list[Article]) -> list[Place]:
    """One record per place used by any article, with every surface form seen as an alias."""
    gaz = load()
    surfaces: dict[str, set[str]] = defaultdict(set)
    for article in articles:
        for mention in article.places:
            if mention.place_id:
                surfaces[mention.place_id].add(mention.text)
    by_id = {pid: place for pid in surfaces if (place := gaz.place_by_id(pid)) is not None}
    return [place_record(by_id[pid], surfaces[pid], gaz) for pid in sorted(by_id)]


def resolve_more(article: Article, spans: Sequence[tuple[int, int]]) -> list[PlaceMention]:
    """Resolve further toponyms of an article (character spans found by a later stage), with the
    article's own places as their context; the ones resolved, as place mentions."""
    gaz = load()
    known = [(p.start, p.end) for p in article.places]
    every = known + list(spans)
    countries = sorted(
        {place.cc for p in article.places if p.place_id and (place := gaz.place_by_id(p.place_id))}
    )
    resolutions = resolve_all([article.text[s:e] for s, e in every], article.text, every, countries, gaz)
    return [
        PlaceMention(
            text=article.text[s:e], start=s, end=e, place_id=r.place.place_id, confidence=r.confidence
        )
        for (s, e), r in zip(spans, resolutions[len(known) :], strict=True)
        if r is not None
    ]
