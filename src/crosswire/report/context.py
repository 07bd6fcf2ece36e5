"""What a report shows, derived once from a dossier for both the HTML and the Markdown report.

Everything here is plain data (no markup): the templates escape every string they
print, so article-derived text never reaches the page unescaped.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import numpy as np

from crosswire.compare.units import outlet_name
from crosswire.model import Article, Cite, Claim, Dossier, Finding, Place, Story
from crosswire.summarize import sentence_cite

# Map frame: equirectangular degrees, x = lon + 180, y = 90 - lat (as world.json is built).
MAP_MIN_SPAN = (24.0, 12.0)  # smallest window shown, in degrees (lon, lat)
MAP_ASPECT = 2.0
MAP_CORE = 20.0  # places farther than this (degrees) from the median place do not stretch the window
COUNTRY_FEATURE = "A.PCL"  # GeoNames feature codes of countries


@dataclass
class CiteRef:
    """A numbered link from a statement to the sentence it stands on."""

    number: int
    outlet: str
    article_index: int
    start: int
    end: int
    text: str
    target: int  # start of the text segment the link jumps to

    @property
    def anchor(self) -> str:
        return f"a{self.article_index}-{self.target}"


@dataclass
class Segment:
    """A stretch of an article's text (each has an anchor): a sentence or the text between two."""

    text: str
    start: int
    end: int


@dataclass
class ArticleView:
    index: int
    article: Article
    outlet: str
    segments: list[Segment]

    @property
    def anchor(self) -> str:
        return f"a{self.index}"


@dataclass
class Statement:
    text: str
    cites: list[CiteRef]


@dataclass
class TimelineRow:
    date: str
    status: str
    text: str
    cites: list[CiteRef]


@dataclass
class ClaimRow:
    speaker: str
    stance: str
    content: str
    direct: bool
    outlets: list[str]
    cites: list[CiteRef]


@dataclass
class FindingView:
    kind: str
    summary: str
    sources: int
    cites: list[CiteRef]


@dataclass
class MapDot:
    name: str
    x: float
    y: float
    country: str
    lat: float
    lon: float
    country_level: bool


@dataclass
class MapView:
    view_box: str
    dots: list[MapDot]
    unplaced: list[str]
    radius: float


@dataclass
class OutletRow:
    outlet: str
    articles: int
    claims: int
    unique: int


@dataclass
class StoryView:
    index: int
    story: Story
    summary: list[Statement]
    contested: list[Statement]
    timeline: list[TimelineRow]
    claims: list[ClaimRow]
    findings: dict[str, list[FindingView]]
    map: MapView
    coverage: list[OutletRow]
    articles: list[ArticleView]
    notes: list[CiteRef] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"s{self.index}"


@dataclass
class ReportView:
    dossier: Dossier
    stories: list[StoryView]
    world: dict[str, str]
    counts: dict[str, int]


FINDING_ORDER = ("contradiction", "corroboration", "wire_copy", "unique", "framing")


@cache
def world_outline() -> dict[str, str]:
    """The bundled Natural Earth outline (see scripts/build_world_outline.py)."""
    text = (resources.files("crosswire.report") / "world.json").read_text(encoding="utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


def _segments(article: Article) -> list[Segment]:
    """The article's text cut at sentence boundaries so every sentence can be an anchor."""
    segments = []
    cursor = 0
    for sentence in sorted(article.sentences, key=lambda s: s.start):
        if sentence.start < cursor:
            continue
        if sentence.start > cursor:
            segments.append(Segment(article.text[cursor : sentence.start], cursor, sentence.start))
        text = article.text[sentence.start : sentence.end]
        segments.append(Segment(text, sentence.start, sentence.end))
        cursor = sentence.end
    if cursor < len(article.text):
        segments.append(Segment(article.text[cursor:], cursor, len(article.text)))
    return segments


class _Citations:
    """Numbers citations per story, one number per distinct cited span."""

    def __init__(self, articles: dict[str, ArticleView]) -> None:
        self.articles = articles
        self.numbers: dict[tuple[str, int, int], CiteRef] = {}

    def refs(self, cites: list[Cite]) -> list[CiteRef]:
        refs = []
        for cite in cites:
            view = self.articles.get(cite.article_id)
            if view is None:
                continue
            key = (cite.article_id, cite.start, cite.end)
            if key not in self.numbers:
                self.numbers[key] = CiteRef(
                    len(self.numbers) + 1,
                    view.outlet,
                    view.index,
                    cite.start,
                    cite.end,
                    cite.text,
                    _segment_start(view, cite.start),
                )
            if self.numbers[key] not in refs:
                refs.append(self.numbers[key])
        return refs


def _segment_start(view: ArticleView, offset: int) -> int:
    """Start of the text segment holding ``offset``: every segment carries an anchor."""
    for segment in view.segments:
        if segment.start <= offset < segment.end:
            return segment.start
    return 0


def _claim_rows(claims: list[Claim], by_id: dict[str, ArticleView], numbering: _Citations) -> list[ClaimRow]:
    """Claims grouped by speaker, stance and wording, with every outlet that reports them."""
    groups: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
    for claim in claims:
        speaker = claim.speaker.entity_id or " ".join(claim.speaker.text.lower().split())
        groups[(speaker, claim.stance, " ".join(claim.content.lower().split()))].append(claim)
    rows = []
    for members in groups.values():
        first = members[0]
        outlets = sorted({by_id[c.article_id].outlet for c in members})
        cites = numbering.refs([sentence_cite(by_id[c.article_id].article, c.start, c.end) for c in members])
        rows.append(ClaimRow(first.speaker.text, first.stance, first.content, first.direct, outlets, cites))
    return rows


def _map(places: list[Place]) -> MapView:
    """Dots for the story's places, the window fitted around where the story happens.

    Country centroids and far-off places named in passing ("talks in Moscow") would
    stretch the window to a continent, so it is fitted to the sub-country places
    near their median; the others are still drawn when they fall inside it.
    """
    dots = [
        MapDot(
            p.name,
            round(p.lon + 180, 2),
            round(90 - p.lat, 2),
            p.country or "",
            p.lat,
            p.lon,
            (p.feature or "").startswith(COUNTRY_FEATURE),
        )
        for p in places
        if p.lat is not None and p.lon is not None
    ]
    unplaced = [p.name for p in places if p.lat is None or p.lon is None]
    if not dots:
        return MapView("0 5 360 145", [], unplaced, 1.5)
    local = [d for d in dots if not d.country_level] or dots
    mid_x = float(np.median([d.x for d in local]))
    mid_y = float(np.median([d.y for d in local]))
    core = [d for d in local if abs(d.x - mid_x) <= MAP_CORE and abs(d.y - mid_y) <= MAP_CORE]
    xs = [d.x for d in core]
    ys = [d.y for d in core]
    width = max(max(xs) - min(xs), MAP_MIN_SPAN[0]) * 1.3
    height = max(max(ys) - min(ys), MAP_MIN_SPAN[1]) * 1.3
    width, height = max(width, height * MAP_ASPECT), max(height, width / MAP_ASPECT)
    width, height = min(width, 360.0), min(height, 180.0)
    left = min(max((max(xs) + min(xs) - width) / 2, 0.0), 360.0 - width)
    top = min(max((max(ys) + min(ys) - height) / 2, 0.0), 180.0 - height)
    view_box = f"{left:.2f} {top:.2f} {width:.2f} {height:.2f}"
    return MapView(view_box, dots, unplaced, round(width / 240, 3))


def _story_view(
    index: int, story: Story, dossier: Dossier, views: dict[str, ArticleView], places: dict[str, Place]
) -> StoryView:
    members = [views[i] for i in story.article_ids if i in views]
    member_ids = {v.article.id for v in members}
    numbering = _Citations(views)
    summary = [Statement(s.text, numbering.refs(s.cites)) for s in story.summary if not s.contested]
    contested = [Statement(s.text, numbering.refs(s.cites)) for s in story.summary if s.contested]
    timeline = [
        TimelineRow(e.date or "undated", e.status, e.text, numbering.refs(e.cites)) for e in story.timeline
    ]
    claims = [c for c in dossier.claims if c.article_id in member_ids]
    findings: dict[str, list[FindingView]] = {}
    for kind in FINDING_ORDER:
        chosen: list[Finding] = [f for f in story.findings if f.kind == kind]
        if chosen:
            findings[kind] = [
                FindingView(f.kind, f.summary, f.sources, numbering.refs(f.evidence)) for f in chosen
            ]
    place_ids: list[str] = []
    for view in members:
        place_ids += [m.place_id for m in view.article.places if m.place_id]
    place_ids += [e.place_id for e in dossier.events if e.place_id and _in_story(e.mentions, member_ids)]
    story_places = [places[i] for i in dict.fromkeys(place_ids) if i in places]
    coverage = _coverage(members, claims, story.findings)
    return StoryView(
        index=index,
        story=story,
        summary=summary,
        contested=contested,
        timeline=timeline,
        claims=_claim_rows(claims, views, numbering),
        findings=findings,
        map=_map(story_places),
        coverage=coverage,
        articles=members,
        notes=sorted(numbering.numbers.values(), key=lambda r: r.number),
    )


def _in_story(mentions: list, member_ids: set[str]) -> bool:
    return any(m.article_id in member_ids for m in mentions)


def _coverage(members: list[ArticleView], claims: list[Claim], findings: list[Finding]) -> list[OutletRow]:
    """Per outlet: articles, claims reported and unique-coverage findings."""
    outlet_of = {v.article.id: v.outlet for v in members}
    rows: dict[str, OutletRow] = {}
    for view in members:
        rows.setdefault(view.outlet, OutletRow(view.outlet, 0, 0, 0)).articles += 1
    for claim in claims:
        rows[outlet_of[claim.article_id]].claims += 1
    for finding in findings:
        if finding.kind != "unique":
            continue
        for outlet in {outlet_of[c.article_id] for c in finding.evidence if c.article_id in outlet_of}:
            rows[outlet].unique += 1
    return sorted(rows.values(), key=lambda r: (-r.articles, r.outlet))


def build_view(dossier: Dossier) -> ReportView:
    """Everything the report templates print, with citations numbered per story."""
    views = {
        article.id: ArticleView(index, article, outlet_name(article), _segments(article))
        for index, article in enumerate(dossier.articles)
    }
    places = {p.id: p for p in dossier.places}
    stories = [_story_view(n, story, dossier, views, places) for n, story in enumerate(dossier.stories)]
    counts = {
        "articles": len(dossier.articles),
        "stories": len(dossier.stories),
        "claims": len(dossier.claims),
        "events": len(dossier.events),
        "places": len(dossier.places),
    }
    return ReportView(dossier, stories, world_outline(), counts)
