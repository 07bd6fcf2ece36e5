"""Corroboration: a fact two or more articles state, counted by independent source groups."""

from __future__ import annotations

from crosswire.compare.align import Fact
from crosswire.compare.independence import WireIndex, source_groups
from crosswire.compare.units import Similarity, outlet_name
from crosswire.model import Finding


def corroborations(facts: list[Fact], wire: WireIndex, similarity: Similarity) -> list[Finding]:
    """One ``corroboration`` finding per fact stated by two or more articles."""
    findings = []
    for fact in facts:
        groups = source_groups(fact.members, wire, similarity)
        statement = min(fact.members, key=lambda u: len(u.text))
        names = ", ".join(dict.fromkeys(outlet_name(u.article) for u in fact.members))
        independent = (
            f"{len(groups)} independent sources"
            if len(groups) > 1
            else "one source (the reports share their wording)"
        )
        findings.append(
            Finding(
                id="",
                kind="corroboration",
                summary=f"{len(fact.members)} reports ({names}) state the same thing, from {independent}: "
                f"{' '.join(statement.text.split())}",
                evidence=[u.cite() for u in fact.members],
                sources=len(groups),
                details={"groups": groups, "similarity": round(fact.score, 3)},
            )
        )
    return findings
