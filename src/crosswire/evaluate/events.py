"""Events benchmark on ACLED rows: run the real stages on each row's ``notes``, compare coded fields.

Each row's notes are one article published on the row's ``event_date`` (the date
ACLED records the report under); the pipeline's per-article stages run on it and
the *main* event — the one the first event mention belongs to, as a news lead
states its main event first — is compared with the row: event_type and
sub_event_type accuracy, fatalities exact, location within 50 km of the row's
latitude/longitude, date exact, and actor1's side (state forces, armed group,
protesters, rioters, civilians) and country. Rows where nothing is detected count
as misses everywhere.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Any

from crosswire.errors import DataError
from crosswire.extract.actors import actor_country, actor_side, country_of
from crosswire.model import Article, Event, Place

REQUIRED = ("event_date", "event_type", "sub_event_type", "notes", "fatalities", "latitude", "longitude")
WITHIN_KM = 50.0
_DATE_FORMATS = ("%d-%b-%y", "%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d/%m/%Y")


def parse_acled_date(text: str) -> date:
    """An ACLED ``event_date`` in any of its export formats ("9-May-20", "2020-05-09", "09 May 2020")."""
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise DataError(f"unrecognised ACLED event_date {text!r}")


def read_acled(path: Path) -> list[dict[str, str]]:
    """The rows of an ACLED CSV export; raises DataError when it lacks the coded columns."""
    if not path.is_file():
        raise DataError(f"{path}: no such ACLED CSV file")
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            raise DataError(f"{path}: not an ACLED CSV (missing columns: {', '.join(missing)})")
        return list(reader)


def row_article(row: dict[str, str], index: int) -> Article:
    """One ACLED row as an article: its notes, published on its event date."""
    ident = row.get("event_id_cnty") or f"row{index}"
    return Article(
        id=f"acled-{ident}",
        source=ident,
        outlet=row.get("source") or None,
        published=parse_acled_date(row["event_date"]).isoformat(),
        text=row["notes"],
    )


def main_event(article: Article) -> Event | None:
    """The event a row is about: the one holding the article's first event mention."""
    events = [e for e in article.events if e.mentions]
    return min(events, key=lambda e: min(m.start for m in e.mentions)) if events else None


def _coordinates(event: Event, places: dict[str, Place]) -> tuple[float, float] | None:
    place = places.get(event.place_id or "")
    if place is None or place.lat is None or place.lon is None:
        return None
    return place.lat, place.lon


def _float(text: str) -> float | None:
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def _rate(hits: int, total: int) -> float:
    return round(hits / total, 4) if total else 0.0


def _process(article: Article, options: Any, unavailable: set[str]) -> Article:
    """The pipeline's per-article stages; a stage whose resource is missing is skipped (once reported)."""
    from crosswire.errors import ResourceError
    from crosswire.nlp.parse import parse
    from crosswire.stages import ARTICLE_STAGES

    doc = parse(article.text, options.spacy_model)
    for stage in ARTICLE_STAGES:
        if stage.name in unavailable:
            continue
        try:
            article = stage.run(article, doc)
        except ResourceError as exc:
            if stage.name == "events":
                raise
            unavailable.add(stage.name)
            print(f"events: running without the {stage.name} stage: {exc}", file=sys.stderr)
    return article


def evaluate(data: Path, limit: int | None = None, **_: Any) -> dict[str, Any]:
    """Score event extraction on an ACLED CSV (see the module docstring)."""
    from crosswire.nlp.gazetteer import distance_km
    from crosswire.nlp.places import collect_places
    from crosswire.options import Options

    rows = read_acled(Path(data))[:limit] if limit else read_acled(Path(data))
    options = Options()
    unavailable: set[str] = set()
    hits: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    per_type: dict[str, Counter[str]] = {}
    for index, row in enumerate(rows):
        if index and index % 250 == 0:
            print(f"events: {index}/{len(rows)} rows", file=sys.stderr)
        article = _process(row_article(row, index), options, unavailable)
        event = main_event(article)
        places = {p.id: p for p in collect_places([article])}
        gold_type = row["event_type"]
        stats = per_type.setdefault(gold_type, Counter())
        stats["rows"] += 1
        totals.update(["rows", "event_type", "sub_event_type", "fatalities", "date"])
        lat, lon = _float(row["latitude"]), _float(row["longitude"])
        if lat is not None and lon is not None:
            totals["location"] += 1
        gold_side, gold_country = actor_side(row.get("actor1")), actor_country(row.get("actor1"))
        totals["actor1_side"] += 1
        if gold_country:
            totals["actor1_country"] += 1
        if event is None:
            continue
        hits["detected"] += 1
        hits["event_type"] += event.event_type == gold_type
        stats["correct"] += event.event_type == gold_type
        hits["sub_event_type"] += event.sub_event_type == row["sub_event_type"]
        hits["fatalities"] += str(event.fatalities) == row["fatalities"].strip()
        hits["date"] += event.date == parse_acled_date(row["event_date"]).isoformat()
        point = _coordinates(event, places)
        if point and lat is not None and lon is not None:
            hits["location"] += distance_km(point[0], point[1], lat, lon) <= WITHIN_KM
        hits["actor1_side"] += actor_side(event.actor1) == gold_side
        if gold_country:
            predicted = actor_country(event.actor1)
            hits["actor1_country"] += predicted is not None and country_of(predicted) == country_of(
                gold_country
            )
    return {
        "rows": totals["rows"],
        "detected": _rate(hits["detected"], totals["rows"]),
        "event_type_accuracy": _rate(hits["event_type"], totals["event_type"]),
        "sub_event_type_accuracy": _rate(hits["sub_event_type"], totals["sub_event_type"]),
        "fatalities_exact": _rate(hits["fatalities"], totals["fatalities"]),
        f"location_within_{int(WITHIN_KM)}km": _rate(hits["location"], totals["location"]),
        "date_exact": _rate(hits["date"], totals["date"]),
        "actor1_side_match": _rate(hits["actor1_side"], totals["actor1_side"]),
        "actor1_country_match": _rate(hits["actor1_country"], totals["actor1_country"]),
        "event_type_recall": {t: _rate(c["correct"], c["rows"]) for t, c in sorted(per_type.items())},
    }
