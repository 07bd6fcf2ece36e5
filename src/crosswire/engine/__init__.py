"""Runners for the per-article map: in-process, a local process pool, or Dask."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor

from crosswire.model import Article
from crosswire.options import Options

ArticleFn = Callable[[Article, Options], Article]


def map_articles(fn: ArticleFn, articles: Sequence[Article], options: Options) -> Iterator[Article]:
    """Apply ``fn`` to every article with the engine the options name; yields in input order."""
    if options.engine == "dask":
        from crosswire.engine.dask import map_articles as dask_map

        yield from dask_map(fn, articles, options)
    elif options.workers > 1 and len(articles) > 1:
        with ProcessPoolExecutor(max_workers=options.workers) as pool:
            yield from pool.map(fn, articles, [options] * len(articles), chunksize=4)
    else:
        for article in articles:
            yield fn(article, options)
