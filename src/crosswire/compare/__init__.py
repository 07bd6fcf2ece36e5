"""Cross-source comparison of one story's articles.

:func:`compare_story` turns a story's articles into findings, each citing the sentences it
stands on: wire copy (shared passages), corroboration (facts stated by several independent
source groups), contradictions (numbers, claim vs denial, opposing outcomes, dates), unique
coverage and framing.
"""

from __future__ import annotations

from crosswire.compare.align import align_facts
from crosswire.compare.contradict import contradictions
from crosswire.compare.corroborate import corroborations
from crosswire.compare.framing import framing_findings
from crosswire.compare.independence import WireIndex
from crosswire.compare.unique import unique_findings
from crosswire.compare.units import Similarity, story_units
from crosswire.compare.wire import find_wire_matches, wire_findings
from crosswire.model import Article, Finding, Story


def compare_story(story: Story, articles: list[Article]) -> list[Finding]:
    """Every finding for one story, with ids unique within the story."""
    units = story_units(articles)
    similarity = Similarity(units)
    matches = find_wire_matches(units)
    wire = WireIndex(matches)
    facts = align_facts(units, similarity)
    copied = {u.key for m in matches for u in (m.a, m.b)}
    findings = (
        wire_findings(matches)
        + corroborations(facts, wire, similarity)
        + contradictions(units, facts, similarity)
        + unique_findings(units, facts, copied, similarity)
        + framing_findings(units)
    )
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.kind] = counts.get(finding.kind, 0) + 1
        finding.id = f"{story.id}-{finding.kind}-{counts[finding.kind]}"
    return findings
