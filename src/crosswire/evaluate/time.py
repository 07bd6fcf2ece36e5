"""Temporal expressions on TimeML (.tml): TIMEX3 spans and values, scored as in TempEval-3.

Each document's creation time (``<DCT><TIMEX3 value=…>``) is the anchor; the
TIMEX3 elements inside ``<TEXT>`` are gold, with character offsets into the text
content of ``<TEXT>`` (tags removed, entities decoded). Scores:

- ``strict``: exact span match; ``relaxed``: any overlap (one-to-one) — P/R/F1;
- ``value``: accuracy over relaxed matches, and value F1 (a relaxed match with the
  right value counts as a hit; P over predictions, R over gold), TempEval-3's headline;
- ``type``: accuracy over relaxed matches.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crosswire.errors import DataError
from crosswire.evaluate.metrics import prf
from crosswire.model import TimeMention
from crosswire.nlp.parse import parse
from crosswire.nlp.time import find_times, parse_anchor


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class TimemlDoc:
    """One TimeML document: its name, creation time, plain text and gold TIMEX3s."""

    name: str
    dct: str | None
    text: str
    timexes: list[GoldTimex] = field(default_factory=list)


def read_timeml(path: Path) -> TimemlDoc:
    """Parse one .tml file: the text content of ``<TEXT>`` and its TIMEX3 offsets."""
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as exc:
        raise DataError(f"{path}: not a readable TimeML file: {exc}") from exc
    body = root.find("TEXT")
    if body is None:
        raise DataError(f"{path}: no <TEXT> element")
    dct_timex = root.find("DCT/TIMEX3")
    dct = dct_timex.get("value") if dct_timex is not None else None
    doc = TimemlDoc(name=path.stem, dct=dct, text="")
    parts: list[str] = []
    offset = 0

    def walk(element: ET.Element) -> None:
        nonlocal offset
        start = offset
        if element.text:
            parts.append(element.text)
            offset += len(element.text)
        for child in element:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                offset += len(child.tail)
        # The creation time is the anchor, not an expression to find, wherever it is written.
        if element.tag == "TIMEX3" and element.get("functionInDocument") != "CREATION_TIME":
            doc.timexes.append(
                GoldTimex(
                    start=start,
                    end=offset,
                    text="".join(parts)[start:offset],
                    type=element.get("type", ""),
                    value=element.get("value", ""),
                )
            )

    walk(body)
    doc.text = "".join(parts)
    return doc


def timeml_files(data: Path) -> list[Path]:
    """Every .tml file under ``data`` (a file or a folder, searched recursively), sorted."""
    files = [data] if data.is_file() else sorted(data.rglob("*.tml"))
    if not files:
        raise DataError(f"{data}: no .tml files")
    return files


def _overlap(a: GoldTimex, b: TimeMention) -> bool:
    return a.start < b.end and b.start < a.end


def match_relaxed(gold: list[GoldTimex], pred: list[TimeMention]) -> Iterator[tuple[GoldTimex, TimeMention]]:
    """One-to-one pairs of overlapping gold and predicted spans, in text order."""
    used: set[int] = set()
    for g in gold:
        for i, p in enumerate(pred):
            if i not in used and _overlap(g, p):
                used.add(i)
                yield g, p
                break


def evaluate(data: Path, limit: int | None = None, errors: bool = False, **_: Any) -> dict[str, Any]:
    """Score :func:`crosswire.nlp.time.find_times` on TimeML documents.

    ``errors=True`` also returns every missed, spurious and wrongly valued expression.
    """
    files = timeml_files(data)[:limit]
    n_gold = n_pred = strict = relaxed = value_ok = type_ok = 0
    by_type: dict[str, list[int]] = {}
    mistakes: list[dict[str, Any]] = []
    for i, path in enumerate(files, 1):
        doc = read_timeml(path)
        pred = find_times(doc.text, parse_anchor(doc.dct), parse(doc.text))
        n_gold += len(doc.timexes)
        n_pred += len(pred)
        spans = {(p.start, p.end) for p in pred}
        strict += sum((g.start, g.end) in spans for g in doc.timexes)
        matched = list(match_relaxed(doc.timexes, pred))
        relaxed += len(matched)
        for g in doc.timexes:
            by_type.setdefault(g.type, [0, 0])[1] += 1
        for g, p in matched:
            good = p.value == g.value
            value_ok += good
            type_ok += p.type == g.type
            by_type[g.type][0] += good
            if errors and not good:
                mistakes.append(
                    {
                        "doc": doc.name,
                        "kind": "value",
                        "text": g.text,
                        "found": p.text,
                        "gold": g.value,
                        "value": p.value,
                        "dct": doc.dct,
                    }
                )
        if errors:
            hit_gold = {id(g) for g, _ in matched}
            hit_pred = {id(p) for _, p in matched}
            mistakes += [
                {"doc": doc.name, "kind": "missed", "text": g.text, "gold": g.value}
                for g in doc.timexes
                if id(g) not in hit_gold
            ]
            mistakes += [
                {"doc": doc.name, "kind": "spurious", "text": p.text, "value": p.value}
                for p in pred
                if id(p) not in hit_pred
            ]
        if sys.stderr.isatty():
            print(f"\rtime: {i}/{len(files)} documents", end="", file=sys.stderr)
    print(f"\rtime: {len(files)} documents scored", file=sys.stderr)
    result: dict[str, Any] = {
        "documents": len(files),
        "gold": n_gold,
        "predicted": n_pred,
        "strict": prf(strict, n_pred, n_gold),
        "relaxed": prf(relaxed, n_pred, n_gold),
        "value": {
            "accuracy": round(value_ok / relaxed, 4) if relaxed else 0.0,
            **prf(value_ok, n_pred, n_gold),
        },
        "type_accuracy": round(type_ok / relaxed, 4) if relaxed else 0.0,
        "value_recall_by_type": {t: round(ok / n, 4) for t, (ok, n) in sorted(by_type.items())},
    }
    if errors:
        result["errors"] = mistakes
    return result
