"""Typed records that flow through crosswire's stages.

One :class:`Article` record is created by ingestion and enriched, stage by stage,
with sentences, mentions, places, times, claims and events. Corpus-level stages
produce :class:`Entity`, :class:`Place`, :class:`Story` and :class:`Finding`
records; everything ends up in one :class:`Dossier`, whose JSON Schema is
published (``crosswire schema``).

Offsets (``start``/``end``) are always character offsets into ``Article.text``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1"


class Record(BaseModel):
    """Base for every record: strict field names, assignment validated."""

    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class Span(Record):
    """A stretch of an article's clean text."""

    start: int
    end: int
    text: str


# --------------------------------------------------------------------------- ingest


class Evidence(Record):
    """Why a metadata value was chosen: the rule and the text it came from."""

    rule: str
    text: str = ""


class DroppedLine(Record):
    """A line removed from the body as page chrome, with the reason."""

    text: str
    reason: str
    line: int = Field(description="0-based line number in the raw text")


ManifestStatus = Literal["analyzed", "duplicate", "rejected", "failed"]


class Degradation(Record):
    """A stage that did only part of its work on one article or story, and why."""

    stage: str
    message: str


class ManifestEntry(Record):
    """What became of one input: every input gets exactly one entry.

    ``failed`` means a per-article stage raised: ``stage`` names it, ``reason`` gives the
    error, and the article keeps what the stages before it found.
    """

    source: str
    status: ManifestStatus
    article_id: str | None = None
    duplicate_of: str | None = None
    reason: str | None = None
    stage: str | None = None
    degraded: list[Degradation] = Field(default_factory=list)


# --------------------------------------------------------------------------- annotate


class Sentence(Record):
    start: int
    end: int


class Mention(Span):
    """A named-entity mention; ``entity_id`` links it to the corpus entity."""

    label: str
    entity_id: str | None = None


class PlaceMention(Span):
    """A toponym; ``place_id`` is null when the gazetteer has no confident match."""

    place_id: str | None = None
    confidence: float = 0.0


TimeType = Literal["DATE", "TIME", "DURATION", "SET"]


class TimeMention(Span):
    """A temporal expression with its normalised TIMEX3-style value.

    ``value`` is ISO (YYYY, YYYY-MM, YYYY-MM-DD, ...) for dates, ISO 8601
    durations (P3D) for durations, or null when it cannot be resolved.
    """

    type: TimeType = "DATE"
    value: str | None = None


BoundKind = Literal["exact", "at_least", "at_most", "approx", "range", "vague"]


class Quantity(Span):
    """A number with its unit and bound semantics ("more than 10 hours")."""

    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str = ""
    bound: BoundKind = "exact"
    subject: str = Field(default="", description="what is counted, e.g. 'civilians killed'")
    scope: str = Field(
        default="", description="where or over what it holds when stated: a place, 'nationally'"
    )


# --------------------------------------------------------------------------- extract

Stance = Literal[
    "assert",
    "claim",
    "deny",
    "reject",
    "confirm",
    "accuse",
    "warn",
    "appeal",
    "condemn",
    "welcome",
    "question",
    "promise",
]


class Speaker(Record):
    text: str
    entity_id: str | None = None
    role: str | None = None
    start: int | None = None
    end: int | None = None


class Claim(Record):
    """An attributed statement: speaker, cue, content, stance.

    ``start``/``end`` span the sentence(s) carrying the claim; the cue and
    content spans are given separately.
    """

    id: str
    article_id: str
    speaker: Speaker
    cue: str
    stance: Stance = "assert"
    content: str
    direct: bool = False
    start: int
    end: int
    cue_span: tuple[int, int] | None = None
    content_span: tuple[int, int] | None = None
    # The pieces of a quotation the cue interrupts ("“A,” she said. “B.”"), else None.
    content_parts: list[tuple[int, int]] | None = None
    date: str | None = None


class EventMention(Span):
    article_id: str


EventStatus = Literal["reported", "claimed", "denied", "confirmed"]


class Event(Record):
    """An ACLED-compatible event, merged across its mentions."""

    id: str
    event_type: str
    sub_event_type: str
    actor1: str | None = None
    actor2: str | None = None
    place_id: str | None = None
    date: str | None = None
    date_precision: Literal["day", "month", "year"] | None = None
    fatalities: int = 0
    injuries: int = 0
    weapons: list[str] = Field(default_factory=list)
    status: EventStatus = "reported"
    claimed_by: list[str] = Field(default_factory=list)
    denied_by: list[str] = Field(default_factory=list)
    confirmed_by: list[str] = Field(default_factory=list)
    claim_ids: list[str] = Field(default_factory=list)
    mentions: list[EventMention] = Field(default_factory=list)


class Article(Record):
    """One input article, enriched in place by each per-article stage."""

    id: str
    source: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = Field(default=None, description="ISO date, null when unknown")
    published_evidence: Evidence | None = None
    authors: list[str] = Field(default_factory=list)
    wire: list[str] = Field(default_factory=list)
    republished: bool = False
    duplicate_of: str | None = None
    language: str | None = None
    text: str = ""
    dropped: list[DroppedLine] = Field(default_factory=list)
    sentences: list[Sentence] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    places: list[PlaceMention] = Field(default_factory=list)
    times: list[TimeMention] = Field(default_factory=list)
    quantities: list[Quantity] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list, exclude=True)
    events: list[Event] = Field(default_factory=list, exclude=True)

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence containing ``offset``, if any."""
        for sentence in self.sentences:
            if sentence.start <= offset < sentence.end:
                return sentence
        return None


# --------------------------------------------------------------------------- corpus


class EntityRef(Record):
    article_id: str
    start: int
    end: int


class Entity(Record):
    """One real-world entity across the corpus, with every spelling seen."""

    id: str
    name: str
    type: str
    aliases: list[str] = Field(default_factory=list)
    country: str | None = None
    mentions: list[EntityRef] = Field(default_factory=list)


class Place(Record):
    id: str
    name: str
    aliases: list[str] = Field(default_factory=list)
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    geonames_id: int | None = None
    feature: str | None = None


FindingKind = Literal["corroboration", "contradiction", "unique", "wire_copy", "framing"]


class Cite(Record):
    """A pointer to the sentence(s) a statement stands on."""

    article_id: str
    start: int
    end: int
    text: str


class Finding(Record):
    id: str
    kind: FindingKind
    summary: str
    evidence: list[Cite] = Field(default_factory=list)
    sources: int = Field(default=0, description="independent source groups supporting it")
    details: dict[str, object] = Field(default_factory=dict)


class SummarySentence(Record):
    text: str
    cites: list[Cite] = Field(default_factory=list)
    contested: bool = Field(default=False, description="a point the sources dispute, citing each side")


class TimelineEntry(Record):
    date: str | None
    text: str
    status: EventStatus = "reported"
    event_id: str | None = None
    cites: list[Cite] = Field(default_factory=list)


class Story(Record):
    id: str
    title: str
    article_ids: list[str]
    summary: list[SummarySentence] = Field(default_factory=list)
    timeline: list[TimelineEntry] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)


class Dossier(Record):
    """Everything one run found: the document ``dossier.json`` holds."""

    schema_version: str = SCHEMA_VERSION
    generated: str
    articles: list[Article] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    stories: list[Story] = Field(default_factory=list)
    manifest: list[ManifestEntry] = Field(default_factory=list)
