"""Exact and near-duplicate articles: a text hash, then MinHash LSH over word shingles.

Articles are taken in input order; the first of a group is the original and
every later copy points to it. LSH retrieves candidates in sub-quadratic time and
each candidate is confirmed by its estimated Jaccard similarity.
"""

from __future__ import annotations

import functools
import hashlib
import re
import zlib
from collections.abc import Sequence

import numpy as np
from datasketch import MinHash, MinHashLSH

from crosswire.model import Article

SHINGLE_WORDS = 3
NUM_PERM = 128
_WORDS = re.compile(r"\w+")


@functools.cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    return MinHash(num_perm=NUM_PERM, seed=1, scheme="affine32").permutations  # type: ignore[no-any-return]


def _words(text: str) -> list[str]:
    return _WORDS.findall(text.lower())


def signature(text: str) -> MinHash | None:
    """MinHash of the text's word shingles (None for texts too short to shingle)."""
    words = _words(text)
    shingles = {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}
    if not shingles:
        return None
    # crc32: C speed and the same value in every process; permutations are drawn once.
    minhash = MinHash(num_perm=NUM_PERM, hashfunc=zlib.crc32, permutations=_permutations(), scheme="affine32")
    minhash.update_batch([s.encode("utf-8") for s in sorted(shingles)])
    return minhash


def _candidate_threshold(threshold: float) -> float:
    """LSH recall margin below the verified threshold; capped since LSH needs at least two bands."""
    return max(0.05, min(threshold - 0.1, 0.85))


def find_duplicates(articles: Sequence[Article], threshold: float) -> dict[str, str]:
    """Map each duplicate's id to its original's id (exact copies and near copies ≥ ``threshold``)."""
    exact: dict[str, str] = {}
    lsh = MinHashLSH(threshold=_candidate_threshold(threshold), num_perm=NUM_PERM)
    signatures: dict[str, MinHash] = {}
    order = {a.id: n for n, a in enumerate(articles)}
    duplicates: dict[str, str] = {}
    for article in articles:
        digest = hashlib.sha1(" ".join(_words(article.text)).encode("utf-8")).hexdigest()
        if digest in exact:
            duplicates[article.id] = exact[digest]
            continue
        exact[digest] = article.id
        minhash = signature(article.text)
        if minhash is None:
            continue
        matches = [
            (minhash.jaccard(signatures[key]), -order[key], key)
            for key in lsh.query(minhash)
            if minhash.jaccard(signatures[key]) >= threshold
        ]
        if matches:
            duplicates[article.id] = max(matches)[2]
            continue
        lsh.insert(article.id, minhash)
        signatures[article.id] = minhash
    return duplicates
