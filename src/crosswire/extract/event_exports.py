"""Events as files: an ACLED-style CSV and a GeoJSON FeatureCollection of points.

The CSV uses ACLED's column names where they apply (``event_id_cnty``,
``event_date``, ``year``, ``time_precision``, ``event_type``, ``sub_event_type``,
``actor1``, ``actor2``, ``country``, ``admin1``, ``location``, ``latitude``,
``longitude``, ``geo_precision``, ``source``, ``notes``, ``fatalities``) followed by
crosswire's own (``injuries``, ``weapons``, ``status``, ``claimed_by``,
``denied_by``, ``confirmed_by``, ``claim_ids``, ``mentions``). ACLED's precision
codes: time 1 = day, 2 = week/month, 3 = year or unknown; geo 1 = the town, 2 = a
wider area (province), 3 = the country or unknown.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from crosswire.model import Dossier, Event, Place

CSV_COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    "injuries",
    "weapons",
    "status",
    "claimed_by",
    "denied_by",
    "confirmed_by",
    "claim_ids",
    "mentions",
]
_LIST_SEPARATOR = "; "


def _time_precision(event: Event) -> int:
    return {"day": 1, "month": 2}.get(event.date_precision or "", 3)


def _geo_precision(place: Place | None) -> int:
    if place is None:
        return 3
    feature = place.feature or ""
    if feature.startswith(("A.PCL", "L.")):
        return 3
    return 2 if feature.startswith("A.ADM") else 1


def event_row(event: Event, dossier: Dossier, places: dict[str, Place]) -> dict[str, Any]:
    """One event as an ACLED-style row (plus crosswire's status columns)."""
    place = places.get(event.place_id or "")
    outlets = {a.id: a.outlet or a.source for a in dossier.articles}
    sources = list(dict.fromkeys(outlets.get(m.article_id, m.article_id) for m in event.mentions))
    return {
        "event_id_cnty": event.id,
        "event_date": event.date or "",
        "year": (event.date or "")[:4],
        "time_precision": _time_precision(event),
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": event.actor1 or "",
        "actor2": event.actor2 or "",
        "country": place.country if place and place.country else "",
        "admin1": place.admin1 if place and place.admin1 else "",
        "location": place.name if place else "",
        "latitude": place.lat if place and place.lat is not None else "",
        "longitude": place.lon if place and place.lon is not None else "",
        "geo_precision": _geo_precision(place),
        "source": _LIST_SEPARATOR.join(s for s in sources if s),
        "notes": event.mentions[0].text.strip() if event.mentions else "",
        "fatalities": event.fatalities,
        "injuries": event.injuries,
        "weapons": _LIST_SEPARATOR.join(event.weapons),
        "status": event.status,
        "claimed_by": _LIST_SEPARATOR.join(event.claimed_by),
        "denied_by": _LIST_SEPARATOR.join(event.denied_by),
        "confirmed_by": _LIST_SEPARATOR.join(event.confirmed_by),
        "claim_ids": _LIST_SEPARATOR.join(event.claim_ids),
        "mentions": len(event.mentions),
    }


def write_events_csv(dossier: Dossier, path: Path) -> Path:
    """Write the dossier's events as an ACLED-style CSV; returns the path."""
    places = {p.id: p for p in dossier.places}
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        for event in dossier.events:
            writer.writerow(event_row(event, dossier, places))
    return path


def write_events_geojson(dossier: Dossier, path: Path) -> Path:
    """Write the dossier's located events as a GeoJSON FeatureCollection of Points; returns the path."""
    places = {p.id: p for p in dossier.places}
    features = []
    for event in dossier.events:
        place = places.get(event.place_id or "")
        if place is None or place.lat is None or place.lon is None:
            continue  # GeoJSON needs coordinates; unlocated events stay in the CSV
        properties = event_row(event, dossier, places)
        properties.update(
            claimed_by=event.claimed_by,
            denied_by=event.denied_by,
            confirmed_by=event.confirmed_by,
            claim_ids=event.claim_ids,
            weapons=event.weapons,
            place_id=event.place_id,
        )
        features.append(
            {
                "type": "Feature",
                "id": event.id,
                "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
                "properties": properties,
            }
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps({"type": "FeatureCollection", "features": features}, indent=1, ensure_ascii=False),
        encoding="utf-8",
    )
    return path
