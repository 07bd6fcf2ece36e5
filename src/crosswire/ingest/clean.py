"""The line filter: tells page chrome from story text, line by line, with scored rules.

Scraped text keeps the page around the story: navigation, captions and photo
credits, "Read more:" links, share bars, comment boxes, date widgets, labelled
metadata, bylines and agency sign-offs. Each line gets a score from

* pattern rules (strong evidence of a kind of chrome, each with a weight),
* line features (short and unpunctuated, outside the prose core of the page,
  repeated across pages of the same site), and
* body protection (long, punctuated lines rich in function words are prose).

A line whose score reaches :data:`THRESHOLD` is dropped, with the reason of the
rule that weighed most. The filter is deliberately conservative: a real sentence
of the story only goes when a strong pattern says it is chrome. Lines that carry
metadata (title, dates, bylines, credits) are tagged with a ``kind`` so
:mod:`crosswire.ingest.meta` can read them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from crosswire.ingest.credits import signoff_agencies
from crosswire.ingest.dates import date_only, find_dates
from crosswire.ingest.language import ENGLISH_STOPWORDS, WORD
from crosswire.model import DroppedLine

THRESHOLD = 3.0
Mode = Literal["text", "html"]

_BULLET = re.compile(r"^(?:[-*•·▪►»>|]+|\d{1,2}[.)])\s+")
_TERMINAL = re.compile(r"[.!?…:;][\"'”’)\]]*$|[\"”’]$")
# Handles, hashtags and a second sentence do not belong in a headline.
_NOT_TITLE = re.compile(r"[@#]\w|[.!?]\s+[A-Z]")
_NAME_WORD = re.compile(r"^(?:[A-Z][\w.'’-]*|de|da|van|von|der|den|al|el|bin|ibn|la|le|du|and|&)$")


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


@dataclass(frozen=True)
class Rule:
    """A pattern that marks a line as some kind of chrome."""

    kind: str
    weight: float
    pattern: re.Pattern[str]
    reason: str
    max_words: int = 1000


# fmt: off
# Matched against the line with any list bullet removed. Rules of weight 5 or more can
# drop a line that reads as prose, so their patterns only match unmistakable chrome;
# weight-4 rules only drop lines that do not read as prose.
RULES: list[Rule] = [
    Rule("nav", 6, _rx(r"^(skip|jump|go|back) to (the )?(main |primary )?(content|navigation|menu|search"
                       r"|footer|top|article|more\b)"), "navigation link", 6),
    Rule("nav", 6, _rx(r"^((toggle|open|close|main|mobile) (navigation|menu)|menu|search|navigation)\W*$"),
         "navigation link"),
    Rule("nav", 5, _rx(r"^((next|previous|prev|older|newer) (post|article|story|page|entry)"
                       r"|(home|contact( us)?|about( us)?|privacy( policy)?|terms( of (use|service))?|sitemap"
                       r"|imprint|faq))\W*$"), "navigation link"),
    Rule("readmore", 6, _rx(r"^(read more|read also|also read|see also|related( articles?| stories| coverage"
                            r"| content| news| posts?| reading| topics)?|recommended( for you| reading"
                            r"| stories)?|you (may|might) also (like|be interested in)|must read|don'?t miss"
                            r"|further reading|trending( now)?|most (read|popular)|watch|listen|explore more)"
                            r"\s*[:|»›>–—]"), "link to another story", 30),
    Rule("readmore", 6, _rx(r"^more (from|on|about) [^:]{1,40}\s*[:|»›>]"), "link to another story", 20),
    Rule("readmore", 6, _rx(r"^(read more|more stories|related|show more|load more|continue reading"
                            r"|read the (full|whole|original) (story|article)|view (gallery|slideshow))\W*$"),
         "link to another story"),
    Rule("credit", 6, _rx(r"^(image|photo|picture|photograph|foto|credit|photo credit|image credit"
                          r"|illustration|graphic|file photo|video)s?\s*:"), "image credit", 16),
    Rule("credit", 4, _rx(r"^(image|photo|picture|photograph|illustration|graphic|video)s? by\b"),
         "image credit", 10),
    Rule("caption", 6, re.compile(r"(?:^|[.!?”\"a-z])\s*(Image|Photo|Picture|Photograph|Credit)s?\s*:\s*\S"
                                  r"[^.!?]{0,80}$"), "image caption with credit", 45),
    Rule("credit", 4, _rx(r"getty images|picture[- ]alliance|shutterstock|\bap photo\b|/afp\b"
                          r"|\bvia reuters\b|\bphotograph: |\bphoto: "), "image credit", 14),
    Rule("comment", 5, _rx(r"\b(your email address will not be published|required fields are marked"
                           r"|discussion about this (post|article|story)|comments? (are|is) (now )?closed)"),
         "comment box", 25),
    Rule("comment", 5, _rx(r"^(leave a (reply|comment)|post a comment|add a comment|write a comment"
                           r"|join the (conversation|discussion)|be the first to comment|notify me of"
                           r"|save my name, email|cancel reply|log ?in to (comment|reply)"
                           r"|(show|view|hide|load) (all )?comments|\d+ (comments?|replies)\W*$"
                           r"|(comments?|reply|responses?)\s*(\(\d+\))?\s*:?\s*$"
                           r"|no (comments?|responses?|replies)( yet| so far)?\W*$)"), "comment box", 25),
    Rule("footer", 5, _rx(r"^(source link|originally published|this (article|story|post) (was )?"
                          r"(originally |first )(published|appeared)|first appeared on"
                          r"|the post\b.*\bappeared first on)"), "page footer", 20),
    Rule("footer", 4, _rx(r"^(sources?\s*:|copyright\b|©|\(c\) \d{4})|all rights reserved|\bpowered by\b"),
         "page footer", 16),
    Rule("meta", 4, _rx(r"^(filed under|tags?|tagged( with)?|categories|category|topics)\s*:?\s+\S"),
         "labelled metadata", 12),
    Rule("meta", 5, _rx(r"^(news|article|story|post|content|item) ?(id|no\.?|number)\s*[:#]"),
         "labelled metadata", 8),
    # Needs a digit: "Published: 14 October 2020", "Updated 2 hours ago", not "Released on bail".
    Rule("meta", 4, _rx(r"^(publish(ed)?|posted|released|updated|last (updated|modified)|modified"
                        r"|date( published)?|publication date|first published|release date)"
                        r"( (date|on|at|time))?\s*[:\-–|]?\s*(?=.*\d)"), "labelled metadata", 12),
    Rule("meta", 4, _rx(r"^((estimated )?(reading|read) time\b|\d+\s*min(ute)?s? read$"
                        r"|(views?|hits)\s*:?\s*\d)"), "labelled metadata", 8),
    Rule("promo", 4, _rx(r"^(advertisement|advert|sponsored( content)?|scroll to continue( with content)?"
                         r"|continue reading( below)?|click here\b|subscribe\b|sign up\b|newsletter\b"
                         r"|follow us\b|download (our|the) app\b|we use cookies\b|accept (all )?cookies"
                         r"|cookie (policy|settings)|share (this|on)\b|print this\b|email this\b)"),
         "promotion or widget", 14),
]
# fmt: on
_SHARE_WORDS = frozenset(
    "share shares tweet facebook twitter x whatsapp telegram email e-mail mail print linkedin reddit "
    "pinterest messenger copy link url this article story post on via sms flipboard tumblr vk".split()
)
_SHARE_SITES = frozenset(
    "facebook twitter whatsapp telegram linkedin reddit pinterest messenger share tweet".split()
)
_BYLINE = _rx(
    r"^(by|written by|words by|reporting by|report by|edited by|editing by|compiled by|posted by"
    r"|author)\s*:?\s+(?P<names>.+)$"
)


@dataclass
class Line:
    """One line of the raw text with the features the rules read."""

    index: int
    text: str
    bare: str
    words: int
    stop_ratio: float
    terminal: bool

    @property
    def sentence(self) -> bool:
        """Reads like running prose: long enough, punctuated, with function words."""
        return self.words >= 8 and self.terminal and self.stop_ratio >= 0.15

    @property
    def short(self) -> bool:
        return self.words <= 6 and not self.terminal


@dataclass
class Verdict:
    """What the filter decided about one line."""

    kind: str = "body"
    score: float = 0.0
    reasons: list[tuple[float, str]] = field(default_factory=list)

    @property
    def keep(self) -> bool:
        return self.score < THRESHOLD

    @property
    def reason(self) -> str:
        return max(self.reasons)[1] if self.reasons else "body"

    def add(self, weight: float, reason: str, kind: str | None = None) -> None:
        self.score += weight
        if weight > 0:
            self.reasons.append((weight, reason))
        if kind and (self.kind == "body" or (self.reasons and weight >= max(self.reasons)[0])):
            self.kind = kind


@dataclass
class Cleaned:
    """The filtered text with every line's verdict (for metadata) and the dropped lines."""

    text: str
    lines: list[Line]
    verdicts: list[Verdict]
    dropped: list[DroppedLine]

    def tagged(self, *kinds: str) -> list[tuple[Line, Verdict]]:
        """The lines of the given kinds, in order."""
        return [(line, v) for line, v in zip(self.lines, self.verdicts, strict=True) if v.kind in kinds]


def line_key(text: str) -> str:
    """A normalised form of a line, so repeats across pages match despite digits and spacing."""
    return re.sub(r"\s+", " ", re.sub(r"\d", "0", text.strip().lower()))


def repeated_lines(
    texts: Iterable[tuple[str | None, str]], min_pages_same_site: int = 2, min_pages_any: int = 3
) -> Mapping[str | None, frozenset[str]]:
    """Short line keys seen on several pages: per site (a domain), and across the batch (key None).

    ``texts`` holds (site, raw text) pairs; identical pages count once, so an
    exact reprint does not make its own headings look like chrome.
    """
    per_site: dict[str | None, Counter[str]] = {}
    seen_pages: set[int] = set()
    for site, text in texts:
        if hash(text) in seen_pages:
            continue
        seen_pages.add(hash(text))
        keys = {line_key(raw) for raw in text.split("\n") if 0 < len(raw.split()) <= 12}
        per_site.setdefault(None, Counter()).update(keys)
        if site is not None:
            per_site.setdefault(site, Counter()).update(keys)
    return {
        site: frozenset(
            k for k, n in counts.items() if n >= (min_pages_any if site is None else min_pages_same_site)
        )
        for site, counts in per_site.items()
    }


def _features(index: int, raw: str) -> Line:
    text = raw.strip()
    bare = _BULLET.sub("", text)
    words = WORD.findall(bare)
    stop = sum(w.lower() in ENGLISH_STOPWORDS for w in words) / len(words) if words else 0.0
    return Line(index, text, bare, len(bare.split()), stop, bool(_TERMINAL.search(bare)))


def _is_byline(line: Line) -> bool:
    match = _BYLINE.match(line.bare)
    if not match or line.words > 10 or line.terminal:
        return False
    names = re.split(r"\s*[;|]\s*", match.group("names"))[0]
    tokens = names.replace(",", " ").split()
    return 0 < len(tokens) <= 6 and all(_NAME_WORD.match(t) for t in tokens)


def _is_share_bar(line: Line) -> bool:
    tokens = [t.lower() for t in re.findall(r"[\w-]+", line.bare)]
    return bool(tokens) and all(t in _SHARE_WORDS for t in tokens) and any(t in _SHARE_SITES for t in tokens)


def _pattern_verdict(line: Line) -> Verdict:
    verdict = Verdict()
    best: Rule | None = None
    for rule in RULES:
        if line.words <= rule.max_words and rule.pattern.search(line.bare):
            if best is None or rule.weight > best.weight:
                best = rule
    if best:
        verdict.add(best.weight, best.reason, best.kind)
    if date_only(line.bare):
        verdict.add(5, "date line", "date")
    elif _is_byline(line):
        verdict.add(5, "byline", "byline")
    elif signoff_agencies(line.bare) and line.words <= 10:
        verdict.add(6, "agency sign-off", "signoff")
    elif _is_share_bar(line):
        verdict.add(5, "share bar", "share")
    return verdict


def _is_title_like(line: Line) -> bool:
    return (
        2 <= line.words <= 25
        and not line.bare.endswith(".")
        and line.bare[:1].isupper()
        and not find_dates(line.bare)
        and line.stop_ratio < 0.5
        and not _NOT_TITLE.search(line.bare)
    )


def _mark_title(verdict: Verdict) -> None:
    verdict.kind = "title"
    verdict.score = max(verdict.score, THRESHOLD)
    verdict.reasons.append((THRESHOLD, "headline (kept as title)"))


def clean_text(
    raw: str, mode: Mode = "text", repeated: frozenset[str] = frozenset(), title: str | None = None
) -> Cleaned:
    """Split ``raw`` into kept story lines and dropped chrome.

    ``mode="html"`` is for text already extracted from HTML: only pattern rules
    apply there, since the extractor has removed the page layout already.
    ``repeated`` holds :func:`line_key` keys seen on other pages of the same site;
    ``title`` is the headline known from metadata, taken out where the text repeats it
    above the story.
    """
    lines = [_features(i, raw_line) for i, raw_line in enumerate(raw.replace("\r\n", "\n").split("\n"))]
    verdicts = [_pattern_verdict(line) if line.text else Verdict("blank") for line in lines]

    # A short unpunctuated line just above a credit is the picture's caption.
    content = [i for i, line in enumerate(lines) if line.text]
    for prev, nxt in zip(content, content[1:], strict=False):
        if (
            verdicts[nxt].kind in ("credit", "caption")
            and verdicts[prev].keep
            and not lines[prev].terminal
            and lines[prev].words <= 20
        ):
            verdicts[prev].add(3.5, "image caption", "caption")

    for line, verdict in zip(lines, verdicts, strict=True):
        if line.text and line.sentence:
            verdict.add(-2.0 - (line.words >= 20), "prose")

    prose = [i for i in content if lines[i].sentence and verdicts[i].keep]
    first_prose = prose[0] if prose else len(lines)
    title_key = line_key(title) if title else None
    above = [i for i in content if i <= first_prose and verdicts[i].keep]
    headline = next((i for i in above if line_key(lines[i].text) == title_key), None)
    if headline is not None:
        _mark_title(verdicts[headline])
    if mode == "text":
        _score_layout(lines, verdicts, content, prose, repeated, find_headline=headline is None)

    kept: list[str] = []
    dropped: list[DroppedLine] = []
    for line, verdict in zip(lines, verdicts, strict=True):
        if not line.text:
            if kept and kept[-1]:
                kept.append("")
        elif verdict.keep:
            kept.append(line.text)
        else:
            dropped.append(DroppedLine(text=line.text, reason=verdict.reason, line=line.index))
    while kept and not kept[-1]:
        kept.pop()
    return Cleaned("\n".join(kept), lines, verdicts, dropped)


def _score_layout(
    lines: list[Line],
    verdicts: list[Verdict],
    content: list[int],
    prose: list[int],
    repeated: frozenset[str],
    find_headline: bool,
) -> None:
    """Position, shape and repetition features, and the headline; only for text that lost its layout."""
    core = (prose[0], prose[-1]) if prose else (len(lines), -1)
    for i in content:
        line, verdict = lines[i], verdicts[i]
        if line.sentence:
            continue
        if line.short:
            verdict.add(1.0, "short line")
        if not core[0] <= i <= core[1]:
            verdict.add(1.5, "outside the story")
        if line_key(line.text) in repeated:
            verdict.add(1.5, "repeated on other pages of the site", "chrome")
    if not find_headline:
        return
    # The headline: the first title-like line above the prose, consumed as metadata. In
    # hard-wrapped text a full-width line followed by another is part of a paragraph.
    width = _wrap_width(lines, content)
    for i in content:
        if i >= core[0]:
            break
        continued = (
            i + 1 < len(lines)
            and bool(lines[i + 1].text)
            and (
                lines[i + 1].bare[:1].islower() or (width is not None and len(lines[i].text) >= 0.75 * width)
            )
        )
        if verdicts[i].keep and _is_title_like(lines[i]) and not continued:
            _mark_title(verdicts[i])
            break


def _wrap_width(lines: list[Line], content: list[int]) -> int | None:
    """The column the text is hard-wrapped at, if most lines run close to one short width."""
    lengths = [len(lines[i].text) for i in content]
    if len(lengths) < 5 or max(lengths) > 100:
        return None
    width = max(lengths)
    return width if sum(n >= 0.75 * width for n in lengths) >= 0.5 * len(lengths) else None
