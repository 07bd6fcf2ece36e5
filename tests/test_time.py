"""Temporal expressions: detection, normalisation against the publication date, TimeML scoring."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from crosswire.evaluate.time import evaluate, read_timeml, timeml_files
from crosswire.model import Article
from crosswire.nlp.parse import parse
from crosswire.nlp.time import find_times, parse_anchor, tag_times
from crosswire.nlp.timex_calendar import calendar_date, duration, easter

DATA = Path(__file__).parent / "data" / "time"
WEDNESDAY = date(2020, 10, 14)


def values(text: str, anchor: date | None = WEDNESDAY, with_parse: bool = True) -> dict[str, str | None]:
    doc = parse(text) if with_parse else None
    return {m.text: m.value for m in find_times(text, anchor, doc)}


def types(text: str, anchor: date | None = WEDNESDAY) -> dict[str, str]:
    return {m.text: m.type for m in find_times(text, anchor, parse(text))}


def test_weekday_same_day_counts_and_earlier_days_go_back() -> None:
    found = values("Azerbaijan said on Wednesday that a ceasefire agreed on Saturday had collapsed.")
    assert found["Wednesday"] == "2020-10-14"
    assert found["Saturday"] == "2020-10-10"


def test_weekday_looks_ahead_with_future_tense_or_next() -> None:
    assert values("The ministers will meet on Friday in Moscow.")["Friday"] == "2020-10-16"
    assert values("Talks resume next Monday.")["next Monday"] == "2020-10-19"
    assert values("The vote was held last Wednesday.")["last Wednesday"] == "2020-10-07"


def test_month_day_without_year_takes_the_nearest_year() -> None:
    found = values("Fighting broke out on Sept. 27, and again on September 27 the shelling began.")
    assert found["Sept. 27"] == "2020-09-27"
    assert found["September 27"] == "2020-09-27"
    # An upcoming date in an autumn report stays in the same year.
    assert values("The stock split is payable Dec. 7.", date(1989, 10, 27))["Dec. 7"] == "1989-12-07"
    # Early in the year, a past-tense date from December is last year's.
    assert values("The deal closed on Dec. 20.", date(2021, 1, 5))["Dec. 20"] == "2020-12-20"


def test_relative_months_years_and_weeks() -> None:
    found = values("Sales rose last month and this year, and fell last year; talks continue this week.")
    assert found["last month"] == "2020-09"
    assert found["this year"] == "2020"
    assert found["last year"] == "2019"
    assert found["this week"] == "2020-W42"
    assert values("The truce was agreed at the weekend.")["the weekend"] == "2020-W41-WE"
    assert values("He left three days ago.")["three days ago"] == "2020-10-11"
    assert values("Shelling continued overnight.")["overnight"] == "2020-10-13TNI"


def test_absolute_dates_years_decades_quarters_and_seasons() -> None:
    found = values(
        "On October 14, 2020 it recalled the war that ended in 1994, the 1990s, "
        "the third quarter, last summer and the 20th century."
    )
    assert found["October 14, 2020"] == "2020-10-14"
    assert found["1994"] == "1994"
    assert found["the 1990s"] == "199"
    assert found["the third quarter"] == "2020-Q3"
    assert found["last summer"] == "2020-SU"  # in October, this year's summer is over
    assert found["the 20th century"] == "19"


def test_durations_are_not_dates() -> None:
    text = "Fighting raged for nearly three weeks after more than 10 hours of talks and 5 1/2 hours of votes."
    found, kinds = values(text), types(text)
    assert found["nearly three weeks"] == "P3W" and kinds["nearly three weeks"] == "DURATION"
    assert found["more than 10 hours"] == "PT10H"
    assert found["5 1/2 hours"] == "PT5H30M"
    assert duration(None, "Y") == "PXY"
    found = values("The worst fighting in more than a quarter-century took a quarter of the vote.")
    assert found == {"more than a quarter-century": "P25Y"}
    # An age is not a period of time.
    assert "52 years" not in values("Smith, 52 years old, resigned.")


def test_sets_and_times_of_day() -> None:
    text = "Inspections happen every week; the meeting starts at 9 a.m. Tuesday."
    found, kinds = values(text), types(text)
    assert found["every week"] == "P1W" and kinds["every week"] == "SET"
    assert kinds["9 a.m. Tuesday"] == "TIME"
    assert found["9 a.m. Tuesday"].endswith("T09:00")


def test_without_anchor_relative_values_stay_null() -> None:
    found = values(
        "On Wednesday, a week after October 14, 2020, it said last month's talks lasted 10 hours; "
        "fighting began on September 27 and the war ended in 1994.",
        anchor=None,
    )
    assert found["Wednesday"] is None
    assert found["last month"] is None
    assert found["September 27"] is None  # the year is relative too
    assert found["October 14, 2020"] == "2020-10-14"
    assert found["1994"] == "1994"
    assert found["10 hours"] == "PT10H"


def test_works_without_a_parse() -> None:
    found = values("They will meet on Friday; the war ended in 1994.", with_parse=False)
    assert found["Friday"] == "2020-10-16"
    assert found["1994"] == "1994"


def test_tag_times_fills_article_offsets() -> None:
    text = "Armenia said on Wednesday that shelling resumed on Sept. 27."
    article = Article(id="a", source="a.txt", text=text, published="2020-10-14T09:00:00")
    article = tag_times(article, parse(text))
    found = [(t.text, t.value) for t in article.times]
    assert found == [("Wednesday", "2020-10-14"), ("Sept. 27", "2020-09-27")]
    assert all(text[t.start : t.end] == t.text for t in article.times)
    assert parse_anchor("not a date") is None


def test_calendar_helpers() -> None:
    assert calendar_date("2020-10-14TNI") == ("2020-10-14", "day")
    assert calendar_date("2020-09") == ("2020-09", "month")
    assert calendar_date("P3W") is None
    assert easter(2020) == date(2020, 4, 12)


def test_timeml_reader_offsets_match_gold_text() -> None:
    files = timeml_files(DATA)
    assert len(files) == 2  # found in subfolders
    for path in files:
        doc = read_timeml(path)
        body = path.read_text(encoding="utf-8").split("<TEXT>", 1)[1]
        assert len(doc.timexes) == len(re.findall(r"<TIMEX3\b", body))
        assert doc.dct is not None
        for timex in doc.timexes:
            assert doc.text[timex.start : timex.end] == timex.text
            assert "<" not in timex.text


def test_evaluator_scores_a_real_timeml_slice() -> None:
    result = evaluate(DATA)
    assert result["documents"] == 2
    assert result["gold"] == 13
    assert result["relaxed"]["precision"] >= 0.8
    assert result["value"]["f1"] >= 0.6
    assert set(result) >= {"strict", "relaxed", "value", "type_accuracy"}


def test_evaluator_rejects_missing_data(tmp_path: Path) -> None:
    from crosswire.errors import DataError

    with pytest.raises(DataError):
        evaluate(tmp_path)
