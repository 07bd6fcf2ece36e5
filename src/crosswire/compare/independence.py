"""Independent source groups: a reprinted wire paragraph counts once.

For one fact (a set of sentences from several articles), articles whose sentences for that fact
are wire copies of each other form one group; so do an article and its duplicate or republished
copy. Two articles crediting the same agency whose sentences for the fact are close paraphrases
are taken as the same agency copy, lightly rewritten.
"""

from __future__ import annotations

from collections.abc import Iterable

from crosswire.compare.units import Similarity, Unit
from crosswire.compare.wire import WireMatch

# Sentences this similar, in two articles crediting the same agency, are one agency's copy.
SAME_AGENCY_SIMILARITY = 0.6


class WireIndex:
    """Which sentence pairs are wire copies, for quick look-up."""

    def __init__(self, matches: Iterable[WireMatch]) -> None:
        self.pairs = {frozenset((m.a.key, m.b.key)) for m in matches}

    def copied(self, a: Unit, b: Unit) -> bool:
        return frozenset((a.key, b.key)) in self.pairs


def source_groups(members: list[Unit], wire: WireIndex, similarity: Similarity) -> list[list[str]]:
    """Article ids of ``members`` partitioned into independent source groups."""
    parent = {u.article_id: u.article_id for u in members}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(x: str, y: str) -> None:
        parent[find(x)] = find(y)

    for i, a in enumerate(members):
        for b in members[i + 1 :]:
            if a.article_id == b.article_id:
                continue
            shared_agency = set(a.article.wire) & set(b.article.wire)
            if (
                wire.copied(a, b)
                or a.article.duplicate_of == b.article_id
                or b.article.duplicate_of == a.article_id
                or (shared_agency and similarity(a, b) >= SAME_AGENCY_SIMILARITY)
            ):
                union(a.article_id, b.article_id)
    groups: dict[str, list[str]] = {}
    for article_id in parent:
        groups.setdefault(find(article_id), []).append(article_id)
    return sorted((sorted(g) for g in groups.values()), key=lambda g: g[0])
