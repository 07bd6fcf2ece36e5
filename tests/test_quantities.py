"""Quantities: values, bounds, units, subjects and scopes read from real sentences."""

from __future__ import annotations

import pytest

from crosswire.extract.quantities import tag_quantities
from crosswire.model import Article, Quantity


def quantities(nlp, text: str) -> list[Quantity]:  # type: ignore[no-untyped-def]
    return tag_quantities(Article(id="t", source="t", text=text), nlp(text)).quantities


def one(nlp, text: str, fragment: str) -> Quantity:  # type: ignore[no-untyped-def]
    found = [q for q in quantities(nlp, text) if fragment in q.text]
    assert found, f"no quantity with {fragment!r} in {[q.text for q in quantities(nlp, text)]}"
    return found[0]


def test_lower_bound_and_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    q = one(
        nlp, "Since then, more than 400 people have been killed in fighting over the contested region.", "400"
    )
    assert (q.bound, q.low, q.high, q.subject) == ("at_least", 400, None, "people killed")


def test_elided_noun_takes_the_earlier_one(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The prosecutor general’s office said 47 civilians had been killed and 222 wounded."
    assert one(nlp, text, "47").subject == "civilians killed"
    assert one(nlp, text, "222").subject == "civilians wounded"


def test_vague_count_and_casualty_wording(nlp) -> None:  # type: ignore[no-untyped-def]
    q = one(
        nlp, "The fighting has involved heavy artillery, rockets and drones, killing hundreds.", "hundreds"
    )
    assert (q.bound, q.low, q.high, q.subject) == ("vague", 200, 999, "people killed")
    dead = one(nlp, "The ministry said the shellfire had left at least nine people dead.", "nine")
    assert (dead.bound, dead.value, dead.subject) == ("at_least", 9, "people killed")


def test_money_with_conversion_and_multiplier(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Arms sales have risen six-fold this year, with sales of drones rising to "
        "$77 million (€65.5 million) last month alone."
    )
    assert (one(nlp, text, "$77").unit, one(nlp, text, "$77").value) == ("USD", 77_000_000)
    assert one(nlp, text, "€").unit == "EUR"
    assert (one(nlp, text, "fold").unit, one(nlp, text, "fold").value) == ("fold", 6)


def test_durations_and_approximations(nlp) -> None:  # type: ignore[no-untyped-def]
    talks = one(nlp, "A ceasefire was agreed on Saturday after 10 hours of talks.", "10 hours")
    assert (talks.unit, talks.subject, talks.bound) == ("hour", "hours of talks", "exact")
    weeks = one(nlp, "Intense fighting has raged for nearly three weeks.", "three weeks")
    assert weeks.bound == "approx" and weeks.low < 3 <= weeks.high


def test_scope_ranges_and_dates_are_not_amounts(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Between 5 and 7 people died in Ganja on September 27, and up to 2,000 were displaced nationwide."
    ranged = one(nlp, text, "5 and 7")
    assert (ranged.bound, ranged.low, ranged.high, ranged.scope) == ("range", 5, 7, "Ganja")
    upto = one(nlp, text, "2,000")
    assert (upto.bound, upto.high, upto.scope) == ("at_most", 2000, "nationally")
    assert not any("27" in q.text for q in quantities(nlp, text))


@pytest.mark.parametrize("text", ["Fighting broke out on September 27, 2020.", "The war ended in 1994."])
def test_no_quantity_in_dates(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert quantities(nlp, text) == []


def test_ages_days_and_bare_percentages(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The suspect is glenn edwin rundles, 32, who was arrested on jan. 28 for robbing two women."
    assert [q.text for q in quantities(nlp, text)] == ["two women"]
    rate = one(nlp, "The Clintons' effective federal tax rate for 2014 was 35.7 percent.", "35.7")
    assert rate.unit == "percent" and " " not in rate.subject  # no event: not comparable downstream
