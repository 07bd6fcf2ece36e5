"""Article metadata from the input's own fields and from the lines the filter tagged.

Precedence of publication dates, best first (each kept with its :class:`Evidence`):

0. a date given with the input (JSONL/CSV/feed field);
1. a labelled line ("Publish Date: ...", "Published: ...", "Posted on ...");
2. the page's metadata (HTML meta tags, structured data);
3. a date line right under the headline, or a date in a wire dateline;
4. a lone date line above the story when there is no headline.

A weekday date at the very top of a page, above the headline, is the site's
"today" widget (the day the page was fetched), so it is never a publication date;
nor is a date inside the story, such as an embedded tweet's signature. When no
rule applies the date stays unknown (None): it is never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

from crosswire.ingest.clean import Cleaned, Line, Verdict
from crosswire.ingest.credits import dateline_agencies, signoff_agencies
from crosswire.ingest.dates import date_only, find_dates, parse_date
from crosswire.model import Evidence

# Readable names of outlets whose domain does not spell them.
_OUTLETS = {
    "aljazeera.com": "Al Jazeera",
    "aljazeera.net": "Al Jazeera",
    "apnews.com": "AP",
    "bbc.co.uk": "BBC",
    "bbc.com": "BBC",
    "cnn.com": "CNN",
    "dw.com": "DW",
    "euronews.com": "Euronews",
    "france24.com": "France 24",
    "ft.com": "Financial Times",
    "foxnews.com": "Fox News",
    "huffpost.com": "HuffPost",
    "huffingtonpost.com": "HuffPost",
    "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post",
    "wsj.com": "The Wall Street Journal",
    "theguardian.com": "The Guardian",
    "guardian.co.uk": "The Guardian",
    "independent.co.uk": "The Independent",
    "telegraph.co.uk": "The Telegraph",
    "latimes.com": "Los Angeles Times",
    "usatoday.com": "USA Today",
    "npr.org": "NPR",
    "politico.com": "Politico",
    "politico.eu": "Politico",
    "rferl.org": "RFE/RL",
    "reuters.com": "Reuters",
    "trtworld.com": "TRT World",
    "timesofisrael.com": "The Times of Israel",
    "themoscowtimes.com": "The Moscow Times",
    "eurasianet.org": "Eurasianet",
    "news.am": "News.am",
    "rt.com": "RT",
    "tass.com": "TASS",
    "aa.com.tr": "Anadolu Agency",
    "dailysabah.com": "Daily Sabah",
    "hurriyetdailynews.com": "Hürriyet Daily News",
    "kyivindependent.com": "The Kyiv Independent",
    "abc.net.au": "ABC News",
    "abcnews.go.com": "ABC News",
    "cbsnews.com": "CBS News",
    "nbcnews.com": "NBC News",
    "bloomberg.com": "Bloomberg",
    "economist.com": "The Economist",
    "thehill.com": "The Hill",
    "axios.com": "Axios",
    "voanews.com": "VOA",
    "scmp.com": "South China Morning Post",
    "theatlantic.com": "The Atlantic",
    "newyorker.com": "The New Yorker",
    "wired.com": "Wired",
}
_TWO_LEVEL_SUFFIXES = (
    "co.uk",
    "org.uk",
    "ac.uk",
    "com.au",
    "net.au",
    "co.nz",
    "co.in",
    "com.tr",
    "co.jp",
    "com.br",
)
_NAME = r"[A-Z][\w&.'’-]*(?: [A-Z][\w&.'’-]*){0,3}"
_OUTLET_IN_CHROME = [
    re.compile(rf"\bmore (?P<o>{_NAME}) (?:sites|websites|channels|apps|newsletters|services|podcasts)\b"),
    re.compile(
        rf"^(?:©|\(c\)|copyright)\s*(?:\d{{4}}(?:\s*[-–]\s*\d{{4}})?)?\s*,?\s*(?P<o>{_NAME})", re.IGNORECASE
    ),
    re.compile(rf"\bappeared first on (?P<o>{_NAME})"),
]
_LABEL_PUBLISHED = re.compile(
    r"^\W*(publish|published|posted|released|date|publication|first published)", re.IGNORECASE
)
_AGGREGATOR_FOOTER = re.compile(
    r"^(source link|originally published|this (article|story|post) (was )?"
    r"(originally |first )|first appeared on|the post\b.*\bappeared first on)",
    re.IGNORECASE,
)
_NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b|\|)\s*")
_BYLINE_PREFIX = re.compile(
    r"^(?:by|written by|words by|reporting by|report by|posted by|author)\s*:?\s+", re.IGNORECASE
)
# A date widget this far from the story's date shows a copy made long after the story.
_STALE_DAYS = 60


@dataclass
class Metadata:
    """The metadata fields of an :class:`~crosswire.model.Article`."""

    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    published_evidence: Evidence | None = None
    authors: list[str] = field(default_factory=list)
    wire: list[str] = field(default_factory=list)
    republished: bool = False


@dataclass(frozen=True)
class Given:
    """Metadata that came with the input (row fields, feed entry, HTML metadata)."""

    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    sitename: str | None = None
    published: str | None = None
    page_date: str | None = None
    authors: tuple[str, ...] = ()
    wire: tuple[str, ...] = ()


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").lower().removeprefix("www.")
    return host if "." in host else None


def _known_outlet(url: str | None) -> str | None:
    """The name of a well-known outlet whose domain does not spell it."""
    host = _host(url)
    if host is None:
        return None
    matches = (name for domain, name in _OUTLETS.items() if host == domain or host.endswith("." + domain))
    return next(matches, None)


def outlet_from_url(url: str | None) -> str | None:
    """A readable outlet name for a URL's domain ("www.dw.com" → "DW", "example.org" → "Example")."""
    host = _host(url)
    if host is None:
        return None
    if known := _known_outlet(host):
        return known
    labels = host.split(".")
    suffix = 3 if ".".join(labels[-2:]) in _TWO_LEVEL_SUFFIXES else 2
    label = labels[-suffix] if len(labels) >= suffix else labels[0]
    return label.upper() if len(label) <= 4 else label.replace("-", " ").title()


def _readable_outlet(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip()
    if re.fullmatch(r"(?:www\.)?[\w-]+(?:\.[\w-]+)+", name, re.IGNORECASE):
        return outlet_from_url(name.lower())
    return name or None


def _split_names(text: str) -> list[str]:
    return [n.strip(" .") for n in _NAME_SPLIT.split(_BYLINE_PREFIX.sub("", text)) if n.strip(" .")]


def _published(cleaned: Cleaned, given: Given, title_index: int | None) -> tuple[str | None, Evidence | None]:
    candidates: list[tuple[int, str, Evidence]] = []
    if given.published and (value := parse_date(given.published)):
        candidates.append((0, value, Evidence(rule="input metadata", text=given.published)))
    for line, _verdict in cleaned.tagged("meta"):
        dates = find_dates(line.bare)
        if dates and _LABEL_PUBLISHED.match(line.bare):
            candidates.append((1, dates[0].value, Evidence(rule="labelled date line", text=line.text)))
        elif dates and re.match(r"^\W*(updated|last|modified)", line.bare, re.IGNORECASE):
            candidates.append((5, dates[0].value, Evidence(rule="labelled update line", text=line.text)))
    if given.page_date and (value := parse_date(given.page_date)):
        candidates.append((2, value, Evidence(rule="page metadata", text=given.page_date)))
    body_start = _first_body_line(cleaned)
    for line, _verdict in cleaned.tagged("date"):
        if line.index > body_start:
            continue  # a date inside the story is not the story's date
        match = date_only(line.bare)
        if match is None:
            continue
        if title_index is not None and line.index > title_index:
            candidates.append((3, match.value, Evidence(rule="date line under the headline", text=line.text)))
        elif title_index is None and not match.weekday:
            candidates.append((4, match.value, Evidence(rule="date line above the story", text=line.text)))
    for line in _body_lines(cleaned)[:3]:
        if dateline_agencies(line.text) and (dates := find_dates(line.text[:80])):
            candidates.append((3, dates[0].value, Evidence(rule="wire dateline", text=line.text[:80])))
    if not candidates:
        return None, None
    _rank, value, evidence = min(candidates, key=lambda c: c[0])
    return value, evidence


def _body_lines(cleaned: Cleaned) -> list[Line]:
    return [
        line
        for line, v in zip(cleaned.lines, cleaned.verdicts, strict=True)
        if v.keep and v.kind == "body" and line.text
    ]


def _first_body_line(cleaned: Cleaned) -> int:
    body = _body_lines(cleaned)
    return body[0].index if body else len(cleaned.lines)


def _widgets(cleaned: Cleaned, title_index: int | None) -> list[str]:
    """Dates of "today" widgets: weekday date lines above the headline and the story."""
    start = _first_body_line(cleaned)
    values = []
    for line, _verdict in cleaned.tagged("date"):
        match = date_only(line.bare)
        if (
            match
            and match.weekday
            and line.index < start
            and (title_index is None or line.index < title_index)
        ):
            values.append(match.value)
    return values


def _republished(cleaned: Cleaned, widgets: list[str], published: str | None) -> bool:
    """An aggregator's copy: scored signals such as a "Source link" footer and a first-name byline."""
    score = 0.0
    for line, verdict in zip(cleaned.lines, cleaned.verdicts, strict=True):
        if verdict.kind == "footer" and _AGGREGATOR_FOOTER.match(line.bare):
            score += 2
        elif (
            verdict.kind == "byline"
            and len(_split_names(line.bare)) == 1
            and " " not in _split_names(line.bare)[0]
        ):
            score += 1
    if cleaned.tagged("comment"):
        score += 0.5
    if widgets:
        score += 0.5
        if (
            published
            and abs((date.fromisoformat(widgets[0]) - date.fromisoformat(published)).days) > _STALE_DAYS
        ):
            score += 1
    return score >= 2


def describe(cleaned: Cleaned, given: Given) -> Metadata:
    """Title, outlet, date (with evidence), authors, wire credits and the republished flag."""
    titles = cleaned.tagged("title")
    title_index = titles[0][0].index if titles else None
    published, evidence = _published(cleaned, given, title_index)
    widgets = _widgets(cleaned, title_index)

    outlet = (
        _readable_outlet(given.outlet)
        or _known_outlet(given.url)
        or _readable_outlet(given.sitename)
        or outlet_from_url(given.url)
        or _outlet_in_chrome(cleaned)
    )

    authors = [a for name in given.authors for a in _split_names(name)]
    for line, _verdict in cleaned.tagged("byline"):
        authors.extend(_split_names(re.split(r"\s*[|]\s*", line.bare)[0]))

    wire = list(given.wire)
    body = _body_lines(cleaned)
    inside = (body[0].index, body[-1].index) if body else (len(cleaned.lines), -1)
    for line, _verdict in cleaned.tagged("signoff"):
        # A bare agency name inside the story is usually a photo credit, not the story's source.
        wire.extend(signoff_agencies(line.bare, bare=not inside[0] < line.index < inside[1]))
    for line in _body_lines(cleaned)[:3]:
        wire.extend(dateline_agencies(line.text))

    return Metadata(
        title=(given.title or "").strip() or (titles[0][0].text if titles else None),
        outlet=outlet,
        published=published,
        published_evidence=evidence,
        authors=list(dict.fromkeys(authors)),
        wire=list(dict.fromkeys(wire)),
        republished=_republished(cleaned, widgets, published),
    )


def _outlet_in_chrome(cleaned: Cleaned) -> str | None:
    chrome: list[tuple[Line, Verdict]] = [
        (line, v) for line, v in zip(cleaned.lines, cleaned.verdicts, strict=True) if line.text and not v.keep
    ]
    for line, _verdict in chrome:
        for pattern in _OUTLET_IN_CHROME:
            if match := pattern.search(line.bare):
                return match.group("o").strip(" .,")
    return None
