"""Inputs to documents: files by kind, folders (recursively, in sorted order), JSONL/CSV rows, feeds, stdin.

Every input yields either :class:`Document` records or a :class:`Rejected` with
the reason, so the batch always goes on and the manifest can account for all of
it. A JSONL/CSV row or feed entry is an input of its own, named ``file:line``
(``file:entry`` for feeds).
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, BinaryIO, Literal

import charset_normalizer
import feedparser

from crosswire.errors import InputError
from crosswire.ingest.meta import Given
from crosswire.options import Options

Kind = Literal["text", "html", "fragment"]

_TEXT = {".txt", ".text"}
_MARKDOWN = {".md", ".markdown"}
_HTML = {".html", ".htm", ".xhtml", ".shtml"}
_JSONL = {".jsonl", ".ndjson", ".json"}
_CSV = {".csv", ".tsv"}
_FEED = {".xml", ".rss", ".atom", ".rdf"}

_MAGIC = {
    b"%PDF": "PDF",
    b"PK\x03\x04": "ZIP",
    b"\x1f\x8b": "gzip",
    b"\x89PNG": "PNG",
    b"GIF8": "GIF",
    b"\xff\xd8\xff": "JPEG",
    b"ID3": "MP3",
    b"OggS": "Ogg",
    b"RIFF": "RIFF",
    b"\x7fELF": "ELF",
    b"BZh": "bzip2",
    b"\xfd7zXZ": "xz",
    b"7z\xbc\xaf": "7z",
    b"\xd0\xcf\x11\xe0": "OLE (MS Office)",
}
_BOMS = [
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
]
# Control bytes other than tab, newline, form feed, carriage return and escape.
_CONTROL = bytes(set(range(32)) - {9, 10, 12, 13, 27})
_HTML_SNIFF = re.compile(
    r"<!doctype html|<html[\s>]|<body[\s>]|<head[\s>]|<(p|div|article|br)[\s/>]", re.IGNORECASE
)
_FEED_SNIFF = re.compile(r"<rss[\s>]|<feed[\s>]|<rdf:rdf[\s>]|<channel[\s>]", re.IGNORECASE)
_TEXT_FIELDS = ("text", "body", "content", "articleBody")
_FIELDS = {
    "url": ("url", "link"),
    "title": ("title", "headline"),
    "outlet": ("outlet", "site_name", "sitename", "publisher"),
    "published": ("published", "date", "published_at", "pubdate", "datePublished"),
    "authors": ("authors", "author", "byline"),
    "wire": ("wire",),
}


@dataclass(frozen=True)
class Document:
    """One article's raw content as read, before cleaning."""

    source: str
    content: str
    kind: Kind
    name: str | None = None
    given: Given = field(default_factory=Given)


@dataclass(frozen=True)
class Rejected:
    """An input that cannot become an article, and why."""

    source: str
    reason: str


Item = Document | Rejected


def read_inputs(
    inputs: Sequence[str | Path], options: Options, stdin: BinaryIO | None = None
) -> Iterator[Item]:
    """Every document (or rejection) of ``inputs``, in order; ``-`` reads standard input."""
    for given in inputs:
        if str(given) == "-":
            yield from _guarded("<stdin>", _read_stdin(stdin or sys.stdin.buffer, options))
            continue
        path = Path(given)
        if path.is_dir():
            for file in _walk(path):
                yield from _guarded(str(file), _read_file(file, options))
        elif path.is_file():
            yield from _guarded(str(path), _read_file(path, options))
        else:
            yield Rejected(str(path), "no such file or folder")


def _guarded(source: str, items: Iterator[Item]) -> Iterator[Item]:
    """``items``, ending in a rejection of ``source`` if a parser fails: one bad file never stops a batch."""
    try:
        yield from items
    except Exception as exc:  # any parser failure becomes a manifest entry
        yield Rejected(source, f"unreadable: {type(exc).__name__}: {exc}")


def _walk(folder: Path) -> list[Path]:
    """Files under ``folder`` in sorted path order; hidden files and folders (".git") are skipped."""
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def _read_stdin(stream: BinaryIO, options: Options) -> Iterator[Item]:
    yield from _read_bytes("<stdin>", stream.read(), None, None, options)


def _too_large(size: int, options: Options) -> str:
    return f"too large: {size} bytes (limit {options.max_bytes})"


def _read_file(path: Path, options: Options) -> Iterator[Item]:
    """One file; ``max_bytes`` bounds each article, so JSONL/CSV/feed files are checked per row."""
    source = str(path)
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
        if size > options.max_bytes and suffix not in _JSONL | _CSV | _FEED:
            yield Rejected(source, _too_large(size, options))
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Rejected(source, f"unreadable: {exc.strerror or exc}")
        return
    yield from _read_bytes(source, data, suffix, path.stem, options)


def _read_bytes(
    source: str, data: bytes, suffix: str | None, stem: str | None, options: Options
) -> Iterator[Item]:
    try:
        binary = _binary_kind(data)
        if binary:
            raise InputError(source, f"binary file ({binary})")
        text = decode(source, data)
        if not text.strip():
            raise InputError(source, "empty: no text")
        kind = _kind(suffix, text)
        if kind == "rows" or kind == "feed":
            if kind == "feed":
                entries = _feed(source, data)
            elif suffix in _CSV:
                entries = _rows_csv(source, text, suffix)
            else:
                entries = _rows_json(source, text, suffix, stem)
            found = False
            for entry in entries:
                found = True
                size = len(entry.content.encode("utf-8")) if isinstance(entry, Document) else 0
                yield Rejected(entry.source, _too_large(size, options)) if size > options.max_bytes else entry
            if not found:
                raise InputError(source, "empty: no rows")
        elif len(data) > options.max_bytes:
            raise InputError(source, _too_large(len(data), options))
        else:
            yield Document(source, markdown_text(text) if suffix in _MARKDOWN else text, kind, stem)
    except InputError as exc:
        yield Rejected(source, exc.reason)


def _binary_kind(data: bytes) -> str | None:
    """What binary format ``data`` is in, or None for text."""
    for magic, name in _MAGIC.items():
        if data.startswith(magic):
            return name
    head = data[:8192]
    if any(head.startswith(bom) for bom, _ in _BOMS[1:]):
        return None  # UTF-16/32 text legitimately holds NUL bytes
    if b"\x00" in head:
        return "contains NUL bytes"
    if head and sum(head.count(bytes([c])) for c in _CONTROL) > len(head) * 0.1:
        return "mostly control bytes"
    return None


def decode(source: str, data: bytes) -> str:
    """Text of ``data``: by BOM, else UTF-8, else the most plausible legacy encoding."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(source, f"undecodable: invalid {encoding}") from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise InputError(source, "undecodable: not UTF-8 and no plausible text encoding")
    return str(best)


def markdown_text(text: str) -> str:
    """Plain text of Markdown: heading marks, emphasis, images, link targets and fences removed."""
    text = re.sub(r"^```.*$", "", text, flags=re.MULTILINE)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s{0,3}#{1,6}\s+|^\s{0,3}>\s?", "", text, flags=re.MULTILINE)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    return re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"\1", text)


def _kind(suffix: str | None, text: str) -> Kind | Literal["rows", "feed"]:
    if suffix in _TEXT or suffix in _MARKDOWN:
        return "text"
    if suffix in _HTML:
        return "html"
    if suffix in _JSONL or suffix in _CSV:
        return "rows"
    head = text.lstrip()[:2000]
    if _FEED_SNIFF.search(head) and head.startswith("<"):
        return "feed"
    if suffix in _FEED:
        if _HTML_SNIFF.search(head):
            return "html"
        raise InputError("", "XML file that is neither a news feed nor HTML")
    if _HTML_SNIFF.search(head) and head.startswith("<"):
        return "html"
    if head.startswith("{") and _all_json_lines(text):
        return "rows"
    return "text"


def _all_json_lines(text: str) -> bool:
    try:
        return all(isinstance(json.loads(line), dict) for line in text.splitlines() if line.strip())
    except ValueError:
        return False


def _first(row: Mapping[str, Any], names: Sequence[str]) -> Any:
    for name in names:
        value = row.get(name)
        if value not in (None, "", []):
            return value
    return None


def _as_strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, list | tuple):
        return tuple(str(v).strip() for v in value if str(v).strip())
    return (str(value).strip(),) if str(value).strip() else ()


def _row_document(source: str, row: Mapping[str, Any]) -> Item:
    """One JSONL/CSV row: ``text`` (or ``html``) plus optional url/title/outlet/published/id."""
    text = _first(row, _TEXT_FIELDS)
    html = row.get("html")
    if not (isinstance(text, str) and text.strip()) and not (isinstance(html, str) and html.strip()):
        return Rejected(source, "row has no text or html field")

    def scalar(key: str) -> str | None:
        value = _first(row, _FIELDS[key])
        return str(value).strip() or None if value is not None else None

    given = Given(
        url=scalar("url"),
        title=scalar("title"),
        outlet=scalar("outlet"),
        published=scalar("published"),
        authors=_as_strings(_first(row, _FIELDS["authors"])),
        wire=_as_strings(_first(row, _FIELDS["wire"])),
    )
    name = str(row["id"]).strip() if row.get("id") not in (None, "") else None
    if isinstance(text, str) and text.strip():
        return Document(source, text, "text", name, given)
    return Document(source, str(html), "html", name, given)


def _rows_json(source: str, text: str, suffix: str | None, stem: str | None) -> Iterator[Item]:
    """JSON Lines rows named ``file:line``; a ``.json`` file may instead hold one array or one object."""
    if suffix == ".json":
        try:
            whole = json.loads(text)
        except ValueError:
            whole = None  # not one JSON document: read it as JSON Lines
        if isinstance(whole, dict):  # one article: named after the file unless it has an id
            item = _row_document(source, whole)
            yield replace(item, name=stem) if isinstance(item, Document) and item.name is None else item
            return
        if isinstance(whole, list):
            for n, row in enumerate(whole, 1):
                where = f"{source}:{n}"
                yield (
                    _row_document(where, row)
                    if isinstance(row, dict)
                    else Rejected(where, "row is not an object")
                )
            return
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{source}:{n}"
        try:
            row = json.loads(line)
        except ValueError as exc:
            yield Rejected(where, f"invalid JSON: {exc}")
            continue
        yield _row_document(where, row) if isinstance(row, dict) else Rejected(where, "row is not an object")


def _rows_csv(source: str, text: str, suffix: str | None) -> Iterator[Item]:
    csv.field_size_limit(sys.maxsize)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter="\t" if suffix == ".tsv" else ",")
    if not reader.fieldnames or not ({*_TEXT_FIELDS, "html"} & set(reader.fieldnames)):
        raise InputError(source, "CSV without a text or html column")
    while True:
        where = f"{source}:{reader.line_num + 1}"  # the line the row starts on
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Rejected(where, f"malformed CSV row: {exc}")
            continue
        if None in row:
            yield Rejected(where, "row has more fields than the header")
            continue
        yield _row_document(where, row)


def _feed(source: str, data: bytes) -> Iterator[Item]:
    parsed = feedparser.parse(data)
    if not parsed.entries:
        problem = f": {parsed.get('bozo_exception')}" if parsed.get("bozo") else ""
        raise InputError(source, f"not a news feed or a feed without entries{problem}")
    outlet = parsed.feed.get("title")
    for n, entry in enumerate(parsed.entries, 1):
        where = f"{source}:{n}"
        contents = entry.get("content") or []
        body = next((c.get("value") for c in contents if c.get("value")), None) or entry.get("summary")
        if not body or not body.strip():
            yield Rejected(where, "feed entry without content or summary")
            continue
        stamp = entry.get("published_parsed")
        published = time.strftime("%Y-%m-%d", stamp) if stamp else entry.get("published")
        authors = tuple(a.get("name", "") for a in entry.get("authors", []) if a.get("name"))
        given = Given(
            url=entry.get("link"),
            title=entry.get("title"),
            outlet=outlet,
            published=published,
            authors=authors,
        )
        yield Document(where, body, "fragment", None, given)
