"""Ingestion: inputs → clean Article records plus a manifest entry for every input. (first form)"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from crosswire.model import Article, ManifestEntry
from crosswire.options import Options


def ingest(inputs: Sequence[str | Path], options: Options) -> tuple[list[Article], list[ManifestEntry]]:
    articles: list[Article] = []
    manifest: list[ManifestEntry] = []
    for path in inputs:
        for file in sorted(Path(path).rglob("*")) if Path(path).is_dir() else [Path(path)]:
            if file.is_file():
                articles.append(Article(id=file.stem, source=str(file), text=file.read_text()))
                manifest.append(ManifestEntry(source=str(file), status="analyzed", article_id=file.stem))
    return articles, manifest
