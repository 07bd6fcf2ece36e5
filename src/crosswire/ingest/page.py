"""HTML pages and fragments to text: trafilatura for whole pages, a block-aware walk for fragments."""

from __future__ import annotations

from dataclasses import dataclass

import lxml.html
import trafilatura
from lxml import etree

from crosswire.ingest.clean import clean_text

# Elements that start a new line when a fragment is flattened to text.
_BLOCKS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote pre table tr section article header footer figure "
    "figcaption aside dd dt hr".split()
)
_SKIP = frozenset(("script", "style", "noscript", "template", "svg"))
# htmldate's extensive search doubles the cost of a page for about 1 % more dates found.
_DATE_SEARCH = {"extensive_search": False, "original_date": True}


@dataclass(frozen=True)
class Page:
    """The main text of a page with the metadata trafilatura found (None when absent)."""

    text: str
    title: str | None = None
    date: str | None = None
    author: str | None = None
    sitename: str | None = None
    url: str | None = None


def extract_page(html: str | bytes, url: str | None = None) -> Page:
    """Main text and metadata of a full HTML page (comments excluded, tables kept)."""
    document = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params=_DATE_SEARCH,
    )
    if document is None:
        return Page(text="", url=url)
    data = document if isinstance(document, dict) else document.as_dict()

    def field(name: str) -> str | None:
        value = data.get(name)
        return str(value).strip() or None if value else None

    return Page(
        text=field("text") or "",
        title=field("title"),
        date=field("date"),
        author=field("author"),
        sitename=field("sitename") or field("hostname"),
        url=field("url") or url,
    )


def extract_body(html: str | bytes, url: str | None = None) -> str:
    """The story text of a page as crosswire keeps it: trafilatura's text through our line filter."""
    page = extract_page(html, url)
    return clean_text(page.text, mode="html", title=page.title).text


def fragment_text(html: str) -> str:
    """Text of an HTML fragment (a feed entry's content), one line per block element."""
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return html
    parts: list[str] = []

    def walk(element: lxml.html.HtmlElement) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _SKIP:
            if element.tail:
                parts.append(element.tail)
            return
        if tag in _BLOCKS:
            parts.append("\n")
        if element.text:
            parts.append(element.text)
        for child in element:
            walk(child)
        if tag in _BLOCKS:
            parts.append("\n")
        if element.tail:
            parts.append(element.tail)

    walk(root)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)
