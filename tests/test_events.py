"""Events: typing, fatalities, status from claims, cross-article merging, exports, evaluator."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from crosswire.evaluate.events import evaluate, main_event
from crosswire.extract.event_exports import CSV_COLUMNS, write_events_csv, write_events_geojson
from crosswire.extract.event_types import EVENT_TYPES, SUB_EVENT_TYPES
from crosswire.extract.events import merge_events, tag_events
from crosswire.extract.fatalities import sentence_casualties
from crosswire.model import Article, Claim, Dossier, Event, EventMention, Place, Speaker, Stance
from crosswire.nlp.parse import annotate, parse
from crosswire.nlp.places import tag_places
from crosswire.nlp.time import tag_times

DATA = Path(__file__).parent / "data" / "events"


def _article(
    ident: str, text: str, published: str, claims: Sequence[tuple[str, Stance, str]] = ()
) -> Article:
    """An article run through the stages events build on, with claims given as (speaker, stance, content)."""
    article = Article(id=ident, source=ident, published=published, text=text)
    doc = parse(text)
    for stage in (annotate, tag_times, tag_places):
        article = stage(article, doc)
    for n, (speaker, stance, content) in enumerate(claims):
        start = text.index(content)
        sentence = article.sentence_at(start)
        assert sentence is not None
        article.claims.append(
            Claim(
                id=f"{ident}-c{n}",
                article_id=ident,
                speaker=Speaker(text=speaker),
                cue="said",
                stance=stance,
                content=content,
                start=sentence.start,
                end=sentence.end,
                content_span=(start, start + len(content)),
            )
        )
    return tag_events(article, doc)


def test_taxonomy_has_acled_types() -> None:
    assert len(EVENT_TYPES) == 6
    assert len(SUB_EVENT_TYPES) == 25
    assert SUB_EVENT_TYPES["Suicide bomb"] == "Explosions/Remote violence"


@pytest.mark.parametrize(
    "text, event_type",
    [
        (
            "On 9 May 2020, about 2500 medical interns protested in Habima Square in Tel "
            "Aviv city, demanding "
            "shorter shifts and better working conditions.",
            "Protests",
        ),
        (
            "On 30 April 2020, regime forces shelled Qoqfin in Idleb using artillery fire. "
            "Neither fatalities nor "
            "injuries were reported.",
            "Explosions/Remote violence",
        ),
        (
            "On 9 May 2020, military forces of India and Pakistan exchanged fire across the "
            "LoC in Degwar sector "
            "area (Poonch district, J&K).",
            "Battles",
        ),
        (
            "On 30 April 2020, in Port-au-Prince, Ouest department, two persons were killed "
            "by the Village de Dieu "
            "gang.",
            "Violence against civilians",
        ),
    ],
)
def test_typing_real_sentences(text: str, event_type: str) -> None:
    event = main_event(_article("t", text, "2020-05-09"))
    assert event is not None
    assert event.event_type == event_type
    assert SUB_EVENT_TYPES[event.sub_event_type] == event_type


@pytest.mark.parametrize(
    "text, deaths",
    [
        ("The attack killed 3 people.", 3),
        ("Two soldiers died and a civilian was killed.", 3),
        ("A civilian was killed in the shelling.", 1),
        ("A missile hit the area near the town on Thursday, causing no casualties.", 0),
        ("At least 12 people were killed in the blast.", 12),
        ("Gunmen killed two soldiers and three civilians.", 5),
        ("Indiscriminate shells killed at least one civilian and injured twenty seven more.", 1),
        ("Unknown number of fatalities coded as 10.", 10),
    ],
)
def test_fatalities_rules(text: str, deaths: int) -> None:
    assert sentence_casualties(parse(text)[:]).fatalities == deaths


def test_no_reported_death_is_zero_and_injuries_counted() -> None:
    event = main_event(
        _article(
            "f",
            "On 7 May 2020, shells fired by presumed LNA forces injured two health workers in Abu Salim.",
            "2020-05-07",
        )
    )
    assert event is not None
    assert event.fatalities == 0
    assert event.injuries == 2


# Real sentences from the demo corpus, with the claims the attribution stage is meant to find.
STRIKE = (
    "Azerbaijan said Wednesday it had destroyed missile launch sites in Armenia that were being used to "
    "target civilian areas during the fighting over Nagorno Karabakh. Armenian defense ministry "
    "spokeswoman Shushan Stepanyan confirmed military sites in the area had been hit."
)
STRIKE_CLAIMS: list[tuple[str, Stance, str]] = [
    (
        "Azerbaijan",
        "assert",
        "it had destroyed missile launch sites in Armenia that were being used to target civilian areas",
    ),
    (
        "Armenian defense ministry spokeswoman Shushan Stepanyan",
        "confirm",
        "military sites in the area had been hit",
    ),
]
STRIKE_ELSEWHERE = (
    "Azerbaijan had claimed earlier on Wednesday that it had hit two missile launch sites in "
    "Armenia that were being used as a base to target civilian areas. The Armenian Defense "
    "Ministry rejected the claim that they were being used to target civilians."
)
STRIKE_ELSEWHERE_CLAIMS: list[tuple[str, Stance, str]] = [
    (
        "Azerbaijan",
        "claim",
        "it had hit two missile launch sites in Armenia that were being used as a base to "
        "target civilian areas",
    ),
    ("The Armenian Defense Ministry", "reject", "they were being used to target civilians"),
]
MISSILE = (
    "Azerbaijan’s Defence Ministry said a missile fired by Armenian forces hit the area near Orduba, in "
    "Azerbaijan’s Nakhchivan region, on Thursday, causing no casualties. Armenian Defence Ministry "
    "spokesperson Shushan Stepanian dismissed the Azerbaijani statement, saying that no missiles were "
    "fired at the Nakhchivan region."
)
MISSILE_CLAIMS: list[tuple[str, Stance, str]] = [
    (
        "Azerbaijan’s Defence Ministry",
        "assert",
        "a missile fired by Armenian forces hit the area near Orduba, in "
        "Azerbaijan’s Nakhchivan region, on Thursday, causing no casualties",
    ),
    (
        "Armenian Defence Ministry spokesperson Shushan Stepanian",
        "deny",
        "no missiles were fired at the Nakhchivan region",
    ),
]


def test_status_claimed_and_confirmed() -> None:
    article = _article("a", STRIKE, "2020-10-14", STRIKE_CLAIMS)
    [event] = [e for e in article.events if "Azerbaijan" in e.claimed_by]
    assert event.event_type in ("Explosions/Remote violence", "Battles")
    assert event.confirmed_by == ["Armenia"]
    assert event.status == "confirmed"
    texts = [m.text for m in event.mentions]
    assert STRIKE_CLAIMS[0][2] in texts[0] and STRIKE_CLAIMS[1][2] in " ".join(texts)
    assert set(event.claim_ids) == {"a-c0", "a-c1"}


def test_status_claimed_and_denied() -> None:
    article = _article("m", MISSILE, "2020-10-15", MISSILE_CLAIMS)
    [event] = merge_events([article])
    assert event.claimed_by == ["Azerbaijan"]
    assert event.denied_by == ["Armenia"]
    assert event.status == "denied"
    assert event.fatalities == 0
    assert event.date == "2020-10-15"
    assert len(event.mentions) == 2


def test_unclaimed_event_is_reported() -> None:
    event = main_event(
        _article(
            "r",
            "On 9 May 2020, clashes erupted between soldiers and rebels near the town, killing two soldiers.",
            "2020-05-09",
        )
    )
    assert event is not None
    assert event.status == "reported"
    assert event.claimed_by == [] and event.claim_ids == []


def test_cross_article_merge_keeps_every_mention() -> None:
    first = _article("a", STRIKE, "2020-10-14", STRIKE_CLAIMS)
    second = _article("b", STRIKE_ELSEWHERE, "2020-10-14", STRIKE_ELSEWHERE_CLAIMS)
    other = _article("m", MISSILE, "2020-10-15", MISSILE_CLAIMS)
    events = merge_events([first, second, other])
    strike = [e for e in events if {m.article_id for m in e.mentions} >= {"a", "b"}]
    assert len(strike) == 1
    assert "Azerbaijan" in strike[0].claimed_by
    assert "Armenia" in strike[0].confirmed_by and "Armenia" in strike[0].denied_by
    assert strike[0].status == "confirmed"
    assert all("m" not in {m.article_id for m in e.mentions} for e in strike)


def _dossier() -> Dossier:
    place = Place(
        id="geonames:1",
        name="Orduba",
        lat=38.9,
        lon=46.02,
        country="Azerbaijan",
        admin1="Nakhchivan",
        feature="P.PPL",
    )
    located = Event(
        id="ev-1",
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        actor1="Military Forces of Armenia",
        place_id=place.id,
        date="2020-10-15",
        date_precision="day",
        status="denied",
        claimed_by=["Azerbaijan"],
        denied_by=["Armenia"],
        claim_ids=["c1", "c2"],
        mentions=[EventMention(start=0, end=10, text="A missile hit", article_id="x")],
    )
    unlocated = Event(id="ev-2", event_type="Protests", sub_event_type="Peaceful protest")
    article = Article(id="x", source="x.txt", outlet="Example News", text="A missile hit the area.")
    return Dossier(
        generated="2020-10-16T00:00:00", articles=[article], places=[place], events=[located, unlocated]
    )


def test_events_csv_columns(tmp_path: Path) -> None:
    path = write_events_csv(_dossier(), tmp_path / "events.csv")
    rows = list(csv.DictReader(path.open()))
    assert list(rows[0]) == CSV_COLUMNS
    for column in (
        "event_id_cnty",
        "event_date",
        "year",
        "event_type",
        "sub_event_type",
        "actor1",
        "actor2",
        "country",
        "admin1",
        "location",
        "latitude",
        "longitude",
        "source",
        "notes",
        "fatalities",
        "status",
        "claimed_by",
        "denied_by",
    ):
        assert column in rows[0]
    assert rows[0]["location"] == "Orduba" and rows[0]["year"] == "2020"
    assert rows[0]["status"] == "denied" and rows[0]["denied_by"] == "Armenia"
    assert rows[0]["source"] == "Example News"
    assert len(rows) == 2


def test_events_geojson_points(tmp_path: Path) -> None:
    data = json.loads(write_events_geojson(_dossier(), tmp_path / "events.geojson").read_text())
    assert data["type"] == "FeatureCollection"
    [feature] = data["features"]  # the unlocated event has no point
    assert feature["geometry"] == {"type": "Point", "coordinates": [46.02, 38.9]}
    assert feature["properties"]["claimed_by"] == ["Azerbaijan"]
    assert feature["properties"]["event_type"] == "Explosions/Remote violence"


def test_evaluator_on_acled_slice() -> None:
    result = evaluate(DATA / "acled_slice.csv", limit=8)
    assert result["rows"] == 8
    assert result["event_type_accuracy"] >= 0.6
    assert result["date_exact"] >= 0.6
    for key in ("sub_event_type_accuracy", "fatalities_exact", "location_within_50km", "actor1_side_match"):
        assert 0.0 <= result[key] <= 1.0


def test_precedence_codes_the_means_before_the_harm() -> None:
    event = main_event(
        _article("m", "On 9 May 2020, a missile destroyed a school in the town of Tartar.", "2020-05-09")
    )
    assert event is not None
    assert event.sub_event_type == "Shelling/artillery/missile attack"
    event = main_event(
        _article(
            "p", "On 9 May 2020, police fired tear gas to disperse protesters in the capital.", "2020-05-09"
        )
    )
    assert event is not None and event.sub_event_type == "Protest with intervention"


def test_protest_typed_with_protesters_as_actor() -> None:
    event = main_event(
        _article("n", "On 9 May 2020, hundreds of workers protested outside the city hall.", "2020-05-09")
    )
    assert event is not None
    assert (event.event_type, event.sub_event_type) == ("Protests", "Peaceful protest")
    assert event.actor1 is not None and event.actor1.startswith("Protesters")


@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        # An explosion whose weapon is not named is fire from afar, not a planted device.
        (
            "On 4 May 2020, monitors observed 2 explosions involving unknown weapons near the village.",
            "Shelling/artillery/missile attack",
        ),
        (
            "On 4 May 2020, an IED exploded near a police patrol in the district.",
            "Remote explosive/landmine/IED",
        ),
        # Ordinary people beating someone is mob violence; armed men shooting someone is an attack.
        ("On 5 May 2020, villagers beat up four persons at the market over a dispute.", "Mob violence"),
        ("On 5 May 2020, armed men shot and killed a shopkeeper at the market.", "Attack"),
        # Demonstrators' own violence makes a riot, whatever the police did.
        (
            "On 6 May 2020, residents burned tires and barricaded roads in the town to demand water.",
            "Violent demonstration",
        ),
        (
            "On 6 May 2020, about 20 people gathered outside the town hall to demand an end to the curfew.",
            "Peaceful protest",
        ),
        # A killing of armed men is a battle; a weapon that was never used is a disrupted weapons use.
        ("On 4 May 2020, government forces pursued and killed 3 militants in the desert.", "Armed clash"),
        (
            "On 1 May 2020, soldiers defused an IED planted on the main road before it exploded.",
            "Disrupted weapons use",
        ),
    ],
)
def test_codebook_distinctions(text: str, sub_event_type: str) -> None:
    event = main_event(_article("c", text, "2020-05-09"))
    assert event is not None
    assert event.sub_event_type == sub_event_type


def _place_of(text: str) -> tuple[str, str, str]:
    """The name, country and first-level region of the main event's place."""
    from crosswire.nlp.gazetteer import load

    gazetteer = load()
    event = main_event(_article("g", text, "2020-05-09"))
    assert event is not None and event.place_id
    place = gazetteer.place_by_id(event.place_id)
    assert place is not None
    region = gazetteer.place(place.admin1) if place.admin1 else None
    return place.name, place.cc, region.name if region else ""


def test_bracketed_district_places_an_unknown_village() -> None:
    # The village is not in the gazetteer: the district written in brackets after it places the event.
    name, cc, _ = _place_of(
        "On 30 April 2020, government forces attacked rebel positions in Bayt Maghari village "
        "(Hays, Al Hudaydah). No fatalities were reported."
    )
    assert (name, cc) == ("Hays", "YE")


def test_namesake_outside_the_named_state_is_not_the_place() -> None:
    # "Mesquita, Rio de Janeiro": a Mesquita in another state cannot be the place the state holds.
    _, cc, region = _place_of(
        "On 28 April 2020, in Mesquita, Rio de Janeiro, it was reported that a shoot-out took place "
        "in the Juscelino neighborhood."
    )
    assert cc == "BR" and region == "Rio de Janeiro"


def test_event_without_a_place_is_placed_by_the_sentence_before() -> None:
    name, _, _ = _place_of(
        "On 3 May 2020, residents forced a supermarket in Soweto to close after an employee tested "
        "positive. Police on the scene dispersed the crowd with rubber bullets."
    )
    assert name == "Soweto"
