"""Unique coverage: what only one outlet (one independent source group) reports."""

from __future__ import annotations

from crosswire.compare.align import Fact
from crosswire.compare.units import Similarity, Unit, outlet_name
from crosswire.model import Finding

# Sentences worth reporting as unique: they name who or how many, and say something.
MIN_WORDS = 8
PER_ARTICLE = 1
ECHO = 0.2


def _salience(unit: Unit) -> float:
    """Entities, numbers and attribution make a sentence a fact worth flagging; earlier is likelier news."""
    quantities = sum(1 for q in unit.article.quantities if unit.start <= q.start < unit.end)
    claims = sum(1 for c in unit.article.claims if unit.start <= c.start < unit.end)
    return len(unit.entities) + 1.5 * quantities + claims - 0.05 * unit.index


def unique_findings(
    units: list[Unit], facts: list[Fact], copied: set[int], similarity: Similarity
) -> list[Finding]:
    """The most salient unshared sentences of each article (only when the story has several)."""
    if len({u.article_id for u in units}) < 2:
        return []
    shared = {u.key for f in facts for u in f.members} | copied
    by_article: dict[str, list[Unit]] = {}
    echoed = similarity.best_elsewhere() >= ECHO
    for unit in units:
        if unit.key in shared or not unit.is_statement or len(unit.words) < MIN_WORDS or not unit.entities:
            continue
        # Even a loose echo elsewhere ("after 10 hours of talks" / "following 11 hours of talks")
        # means the fact is not one outlet's alone.
        if echoed[unit.key]:
            continue
        by_article.setdefault(unit.article_id, []).append(unit)
    findings = []
    for candidates in by_article.values():
        for unit in sorted(candidates, key=_salience, reverse=True)[:PER_ARTICLE]:
            findings.append(
                Finding(
                    id="",
                    kind="unique",
                    summary=f"Only {outlet_name(unit.article)} reports: {' '.join(unit.text.split())}",
                    evidence=[unit.cite()],
                    sources=1,
                    details={"article_id": unit.article_id},
                )
            )
    return findings
