"""Ingestion: inputs → clean :class:`~crosswire.model.Article` records plus a manifest entry for every input.

The steps, each in its own module: :mod:`.readers` (files, folders, rows, feeds,
stdin), :mod:`.page` (page text and metadata), :mod:`.clean` (the line filter),
:mod:`.meta` (title, outlet, date with evidence, authors, wire credits,
republished copies), :mod:`.language` and :mod:`.dedupe`. Each input ends as
``analyzed``, ``duplicate`` (kept in the article list with ``duplicate_of``) or
``rejected`` with a reason; one bad input never stops the batch.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from crosswire.errors import InputError
from crosswire.ingest.clean import Mode, clean_text, repeated_lines
from crosswire.ingest.dedupe import find_duplicates
from crosswire.ingest.language import detect_language
from crosswire.ingest.meta import describe
from crosswire.ingest.page import extract_page, fragment_text
from crosswire.ingest.readers import Document, Rejected, read_inputs
from crosswire.model import Article, ManifestEntry
from crosswire.options import Options

__all__ = ["ingest"]


def _site(document: Document) -> str | None:
    """The domain a document came from, used to spot lines repeated across a site's pages."""
    url = document.given.url
    host = urlsplit(url).hostname if url and "//" in url else None
    return host.removeprefix("www.") if host else None


def _prepare(document: Document) -> tuple[Document, str]:
    """The document's raw text; HTML pages contribute their metadata to ``given``."""
    if document.kind == "html":
        page = extract_page(document.content, document.given.url)
        given = replace(
            document.given,
            url=document.given.url or page.url,
            title=document.given.title or page.title,
            sitename=page.sitename,
            page_date=page.date,
            authors=document.given.authors or ((page.author,) if page.author else ()),
        )
        return replace(document, given=given), page.text
    if document.kind == "fragment":
        return document, fragment_text(document.content)
    return document, document.content


def _article(document: Document, raw: str, repeated: frozenset[str], options: Options) -> Article:
    """Clean, describe and check one document; raises :class:`InputError` when it cannot be analyzed."""
    # Only plain text lost its page layout; extracted HTML and feed content get the pattern rules alone.
    mode: Mode = "text" if document.kind == "text" else "html"
    cleaned = clean_text(raw, mode, repeated, document.given.title)
    words = len(cleaned.text.split())
    if words < options.min_words:
        raise InputError(document.source, f"empty: {words} words of text (minimum {options.min_words})")
    language = detect_language(cleaned.text)
    if options.languages and language not in options.languages:
        raise InputError(
            document.source,
            f"language {language or 'not recognised'}, not one of {', '.join(options.languages)}",
        )
    meta = describe(cleaned, document.given)
    return Article(
        id=document.name or "",
        source=document.source,
        url=document.given.url,
        title=meta.title,
        outlet=meta.outlet,
        published=meta.published,
        published_evidence=meta.published_evidence,
        authors=meta.authors,
        wire=meta.wire,
        republished=meta.republished,
        language=language,
        text=cleaned.text,
        dropped=cleaned.dropped,
    )


def _stable_id(article: Article) -> str:
    basis = article.url or article.text
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]


def _assign_ids(articles: list[Article]) -> None:
    """File stems (or row ids) where given, else a stable hash; repeats get -2, -3 in input order."""
    used: set[str] = set()
    for article in articles:
        base = article.id or _stable_id(article)
        candidate, n = base, 1
        while candidate in used:
            n += 1
            candidate = f"{base}-{n}"
        used.add(candidate)
        article.id = candidate


def ingest(
    inputs: Sequence[str | Path], options: Options, stdin: BinaryIO | None = None
) -> tuple[list[Article], list[ManifestEntry]]:
    """Read, clean, describe and de-duplicate ``inputs`` (files, folders, ``-`` for stdin)."""
    items = list(read_inputs(inputs, options, stdin))
    prepared: list[tuple[Document, str] | Rejected] = []
    for item in items:
        if isinstance(item, Rejected):
            prepared.append(item)
            continue
        try:
            prepared.append(_prepare(item))
        except Exception as exc:  # a parser failure on one page must not stop the batch
            prepared.append(Rejected(item.source, f"unreadable {item.kind}: {type(exc).__name__}: {exc}"))

    documents = [entry for entry in prepared if not isinstance(entry, Rejected)]
    repeated = repeated_lines((_site(doc), raw) for doc, raw in documents if doc.kind == "text")

    outcomes: list[Article | Rejected] = []
    for entry in prepared:
        if isinstance(entry, Rejected):
            outcomes.append(entry)
            continue
        document, raw = entry
        site = _site(document)
        seen = repeated.get(None, frozenset()) | (repeated.get(site, frozenset()) if site else frozenset())
        try:
            outcomes.append(_article(document, raw, seen, options))
        except InputError as exc:
            outcomes.append(Rejected(document.source, exc.reason))
        except Exception as exc:  # one bad input never stops the batch
            outcomes.append(Rejected(document.source, f"failed: {type(exc).__name__}: {exc}"))

    articles = [o for o in outcomes if isinstance(o, Article)]
    _assign_ids(articles)
    duplicates = find_duplicates(articles, options.near_duplicate_threshold)
    manifest: list[ManifestEntry] = []
    for outcome in outcomes:
        if isinstance(outcome, Rejected):
            manifest.append(ManifestEntry(source=outcome.source, status="rejected", reason=outcome.reason))
        elif outcome.id in duplicates:
            outcome.duplicate_of = duplicates[outcome.id]
            manifest.append(
                ManifestEntry(
                    source=outcome.source,
                    status="duplicate",
                    article_id=outcome.id,
                    duplicate_of=outcome.duplicate_of,
                )
            )
        else:
            manifest.append(ManifestEntry(source=outcome.source, status="analyzed", article_id=outcome.id))
    return articles, manifest
