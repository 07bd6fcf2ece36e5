"""Geocoding benchmark on LGL / TR-News / GeoWebNews-style XML with gold toponyms.

Each ``<article>`` has a ``<text>`` and ``<toponyms>``; every ``<toponym>`` gives its
``<start>``, ``<end>`` and ``<phrase>``, and — when the annotators found it in GeoNames —
a ``<gaztag geonameid>`` with ``<lat>``/``<lon>`` (and ``<fclass>``). The gold spans are
given: every toponym of an article is resolved together with the article text as context,
and only the predicted coordinates are compared with the gold ones (never read at
prediction time). Toponyms without gold coordinates are context only, not scored.

Metrics follow the geoparsing literature: accuracy within 161 km (100 miles), mean and
median error in km, and AUC — the area under the curve of sorted log(1 + error),
normalised by log(20039 km), half the Earth's circumference (lower is better).
Unresolved toponyms count as 20039 km off.
"""

from __future__ import annotations

import math
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from crosswire.errors import DataError

MAX_ERROR_KM = 20039.0
ACCURACY_KM = 161.0


def read_articles(data: Path, limit: int | None = None) -> list[dict[str, Any]]:
    """Articles as {id, text, toponyms: [{start, end, phrase, lat, lon, fclass}]} (lat None if ungolded)."""
    from lxml import etree

    try:
        root = etree.parse(str(data), etree.XMLParser(huge_tree=True)).getroot()
    except (OSError, etree.XMLSyntaxError) as exc:
        raise DataError(f"{data}: not a readable geocoding XML file ({exc})") from exc
    articles: list[dict[str, Any]] = []
    for node in root.iter("article"):
        text = node.findtext("text")
        if text is None:
            raise DataError(f"{data}: an <article> has no <text>")
        toponyms = []
        for topo in node.iter("toponym"):
            try:
                start, end = int(topo.findtext("start")), int(topo.findtext("end"))
            except (TypeError, ValueError) as exc:
                raise DataError(f"{data}: a <toponym> lacks integer <start>/<end>") from exc
            gaz = topo.find("gaztag")
            lat = lon = None
            if gaz is not None and gaz.findtext("lat") and gaz.findtext("lon"):
                lat, lon = float(gaz.findtext("lat")), float(gaz.findtext("lon"))
            toponyms.append(
                {
                    "start": start,
                    "end": end,
                    "phrase": topo.findtext("phrase") or text[start:end],
                    "lat": lat,
                    "lon": lon,
                    "fclass": gaz.findtext("fclass") if gaz is not None else None,
                }
            )
        outlet = (node.findtext("domain") or node.findtext("feedid") or "").strip()
        articles.append(
            {
                "id": node.get("docid", str(len(articles))),
                "text": text,
                "outlet": outlet,
                "toponyms": toponyms,
            }
        )
        if limit is not None and len(articles) >= limit:
            break
    if not articles:
        raise DataError(f"{data}: no <article> elements found")
    return articles


def error_auc(errors: list[float]) -> float:
    """Area under the sorted log(1 + error) curve, normalised to [0, 1] (0 is perfect)."""
    if len(errors) < 2:
        return math.log1p(errors[0]) / math.log(MAX_ERROR_KM) if errors else 0.0
    logs = [math.log1p(e) for e in sorted(errors)]
    area = sum((a + b) / 2 for a, b in zip(logs, logs[1:], strict=False))
    return area / ((len(logs) - 1) * math.log(MAX_ERROR_KM))


def evaluate(data: Path, limit: int | None = None, outlet_prior: bool = True, **_: Any) -> dict[str, Any]:
    """Resolve every gold toponym with its article as context and score the coordinates.

    With ``outlet_prior`` the regions that an outlet's other articles resolve to (``<domain>``,
    else ``<feedid>``) weigh in as a prior, as a reader of a local paper knows its region.
    """
    from crosswire.nlp.gazetteer import distance_km, load
    from crosswire.nlp.places import RegionPrior, Resolution, region_prior, resolve_all

    articles = read_articles(data, limit)
    gazetteer = load()
    started = time.perf_counter()

    def run(article: dict[str, Any], prior: RegionPrior | None = None) -> list[Resolution | None]:
        toponyms = article["toponyms"]
        return resolve_all(
            [t["phrase"] for t in toponyms],
            article["text"],
            [(t["start"], t["end"]) for t in toponyms],
            gazetteer=gazetteer,
            prior=prior,
        )

    predictions = [run(article) for article in articles]
    if outlet_prior:
        # A local paper writes about its own region: the outlet's other articles (never the
        # article itself) set a prior on countries and regions, then every article is redone.
        by_outlet: dict[str, list[int]] = defaultdict(list)
        for index, article in enumerate(articles):
            if article["outlet"]:
                by_outlet[article["outlet"]].append(index)
        for index, article in enumerate(articles):
            siblings = [i for i in by_outlet.get(article["outlet"], []) if i != index]
            if siblings:
                prior = region_prior(r for i in siblings for r in predictions[i])
                predictions[index] = run(article, prior)
            if (index + 1) % 100 == 0:
                print(f"geocoding: {index + 1}/{len(articles)} articles", file=sys.stderr)

    errors: list[float] = []
    by_class: dict[str, list[float]] = defaultdict(list)
    resolved = 0
    for article, resolutions in zip(articles, predictions, strict=True):
        for topo, prediction in zip(article["toponyms"], resolutions, strict=True):
            if topo["lat"] is None:
                continue
            if prediction is None:
                error = MAX_ERROR_KM
            else:
                resolved += 1
                error = distance_km(prediction.place.lat, prediction.place.lon, topo["lat"], topo["lon"])
            errors.append(error)
            by_class[topo["fclass"] or "?"].append(error)
    seconds = time.perf_counter() - started
    if not errors:
        raise DataError(f"{data}: no toponym has gold coordinates")
    return {
        "articles": len(articles),
        "toponyms": len(errors),
        "accuracy_at_161km": round(sum(e <= ACCURACY_KM for e in errors) / len(errors), 4),
        "mean_error_km": round(statistics.fmean(errors), 1),
        "median_error_km": round(statistics.median(errors), 1),
        "auc": round(error_auc(errors), 4),
        "coverage": round(resolved / len(errors), 4),
        "accuracy_by_feature_class": {
            fclass: {
                "toponyms": len(e),
                "accuracy_at_161km": round(sum(x <= ACCURACY_KM for x in e) / len(e), 4),
            }
            for fclass, e in sorted(by_class.items())
        },
        "outlet_prior": outlet_prior,
        "ms_per_article": round(1000 * seconds / len(articles), 2),
    }
