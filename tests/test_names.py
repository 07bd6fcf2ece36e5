"""Corpus-wide entity canonicalisation with the real gazetteer."""

from __future__ import annotations

from crosswire.model import Article, Mention, Sentence
from crosswire.nlp.names import canonicalize, gazetteer_country, skeleton


def article(article_id: str, text: str, *labelled: tuple[str, str]) -> Article:
    """An article whose mentions are the given (surface, label) pairs, found in order in the text."""
    mentions, cursor = [], 0
    for surface, label in labelled:
        start = text.index(surface, cursor)
        mentions.append(Mention(start=start, end=start + len(surface), text=surface, label=label))
        cursor = start + len(surface)
    return Article(
        id=article_id,
        source=article_id,
        text=text,
        mentions=mentions,
        sentences=[Sentence(start=0, end=len(text))],
    )


def entity_of(entities, surface: str):  # type: ignore[no-untyped-def]
    return next(e for e in entities if surface == e.name or surface in e.aliases)


def test_transliterations_share_a_skeleton() -> None:
    assert skeleton("Stepanyan") == skeleton("Stepanian")
    assert skeleton("Nagorno-Karabakh") == skeleton("Nagorno Karabakh".replace(" ", ""))
    assert skeleton("Khodorkovsky") != skeleton("Kasparov")


def test_demonyms_and_codes_name_countries() -> None:
    assert gazetteer_country("Azeri") == "Azerbaijan"
    assert gazetteer_country("Turkish") == "Turkey"
    assert gazetteer_country("Armenians") == "Armenia"
    assert gazetteer_country("Stepanyan") is None


def test_spelling_variants_of_a_person_are_one_entity() -> None:
    a = article(
        "a",
        "Spokeswoman Shushan Stepanyan said the sites were hit. Stepanyan added more.",
        ("Shushan Stepanyan", "PERSON"),
        ("Stepanyan", "PERSON"),
    )
    b = article("b", "Shushan Stepanian dismissed the statement.", ("Shushan Stepanian", "PERSON"))
    entities = canonicalize([a, b])
    person = entity_of(entities, "Shushan Stepanyan")
    assert "Shushan Stepanian" in person.aliases
    assert len(person.mentions) == 3
    assert {m.entity_id for m in a.mentions + b.mentions} == {person.id}


def test_country_adjective_and_possessive_organisations_merge() -> None:
    a = article("a", "Armenia's Defence Ministry denied it.", ("Armenia's Defence Ministry", "ORG"))
    b = article(
        "b", "The Armenian Defense Ministry rejected the claim.", ("Armenian Defense Ministry", "ORG")
    )
    c = article("c", "Azerbaijan's Defence Ministry said so.", ("Azerbaijan's Defence Ministry", "ORG"))
    canonicalize([a, b, c])
    assert a.mentions[0].entity_id == b.mentions[0].entity_id != c.mentions[0].entity_id


def test_generic_institution_takes_the_country_in_context() -> None:
    a = article(
        "a",
        "Azerbaijan launched an offensive. A Ministry of Defense statement said so.",
        ("Azerbaijan", "GPE"),
        ("Ministry of Defense", "ORG"),
    )
    b = article(
        "b", "The Ministry of Defense of Azerbaijan said it.", ("Ministry of Defense of Azerbaijan", "ORG")
    )
    entities = canonicalize([a, b])
    assert a.mentions[1].entity_id == b.mentions[0].entity_id
    assert entity_of(entities, "Azerbaijan").type == "GPE"


def test_the_majority_label_wins_across_documents() -> None:
    a = article("a", "Ohio voters went to the polls. Ohio counted.", ("Ohio", "GPE"), ("Ohio", "GPE"))
    b = article("b", "Ohio said it would count.", ("Ohio", "PERSON"))
    canonicalize([a, b])
    assert b.mentions[0].label == "GPE"
    assert b.mentions[0].entity_id == a.mentions[0].entity_id
