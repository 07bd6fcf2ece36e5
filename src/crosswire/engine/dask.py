"""The per-article map on Dask: a LocalCluster by default, or the scheduler in CROSSWIRE_DASK_SCHEDULER."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence

from crosswire.model import Article
from crosswire.options import Options


def map_articles(
    fn: Callable[[Article, Options], Article], articles: Sequence[Article], options: Options
) -> Iterator[Article]:
    """Submit one task per article; each worker loads the spaCy model once and keeps it."""
    from distributed import Client, LocalCluster

    address = os.environ.get("CROSSWIRE_DASK_SCHEDULER")
    if address:
        client = Client(address)
        cluster = None
    else:
        cluster = LocalCluster(
            n_workers=options.workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)
    try:
        futures = client.map(fn, list(articles), options=options, pure=False)
        yield from client.gather(futures)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
