"""Term vectors for story clustering: sublinear term counts weighted by an IDF that grows with the corpus.

Each article is stored once as a sparse row of ``1 + log(count)`` per term; the IDF is applied
when two rows are compared, so adding an article updates the document frequencies without
touching the rows already stored.
"""

from __future__ import annotations

import re
from array import array
from collections import Counter
from dataclasses import dataclass

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

# Words of two or more letters/digits; apostrophes split ("government's" -> "government", "s").
WORD = re.compile(r"\w\w+")


def terms(text: str) -> Counter[str]:
    """Content-word counts of ``text`` (lower-cased, English stop words removed)."""
    return Counter(w for w in WORD.findall(text.lower()) if w not in STOP_WORDS)


@dataclass(frozen=True)
class Row:
    """One document's term ids and their values (sublinear term frequencies, or TF-IDF weights)."""

    ids: np.ndarray
    values: np.ndarray


class TermSpace:
    """A growing vocabulary with document frequencies, and sparse rows in it."""

    def __init__(self) -> None:
        self.vocabulary: dict[str, int] = {}
        self.df = array("q")
        self.documents = 0

    def row(self, counts: Counter[str]) -> Row:
        """The sublinear-tf row of one document, counting it in the document frequencies."""
        ids = []
        for term in counts:
            tid = self.vocabulary.setdefault(term, len(self.df))
            if tid == len(self.df):
                self.df.append(0)
            self.df[tid] += 1
            ids.append(tid)
        self.documents += 1
        values = 1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))
        return Row(np.asarray(ids, dtype=np.int64), values)

    def idf(self, ids: np.ndarray) -> np.ndarray:
        """Smoothed inverse document frequency of term ids (as scikit-learn's TfidfTransformer)."""
        df = np.frombuffer(self.df, dtype=np.int64)[ids].astype(np.float64)
        return np.log((1.0 + self.documents) / (1.0 + df)) + 1.0

    def weighted(self, row: Row) -> Row:
        """The TF-IDF row, L2-normalised, under the current document frequencies (ids sorted)."""
        order = np.argsort(row.ids)
        ids = row.ids[order]
        weights = row.values[order] * self.idf(ids)
        norm = float(np.linalg.norm(weights))
        return Row(ids, weights / norm if norm else weights)


def cosine(a: Row, b: Row) -> float:
    """Dot product of two weighted rows (their cosine, as both are unit length)."""
    if len(a.ids) > len(b.ids):
        a, b = b, a
    if not len(a.ids):
        return 0.0
    at = np.minimum(np.searchsorted(b.ids, a.ids), len(b.ids) - 1)
    shared = b.ids[at] == a.ids
    return float(a.values[shared] @ b.values[at[shared]])
