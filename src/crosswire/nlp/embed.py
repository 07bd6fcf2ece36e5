"""Static sentence embeddings distilled from all-MiniLM-L6-v2 (built by scripts/build_embeddings.py).

A text's vector is the L2-normalised mean of its word pieces' rows in a small table shipped
in ``crosswire/data``; only numpy and tokenizers are needed (no torch), so it runs at
thousands of sentences per second. Cosine similarity of two vectors is their dot product.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np
from tokenizers import Tokenizer

from crosswire.errors import ResourceError

TABLE = "minilm_static.npz"
TOKENIZER = "minilm_tokenizer.json"
# Word pieces past this many per text add little to a mean and cost time on long articles.
MAX_TOKENS = 512


@dataclass(frozen=True)
class StaticEmbedder:
    """A word-piece tokenizer and one vector per kept word piece."""

    tokenizer: Tokenizer
    vectors: np.ndarray  # (kept pieces, dims) float32
    rows: np.ndarray  # word-piece id -> row in ``vectors``, -1 when pruned

    @property
    def dims(self) -> int:
        return int(self.vectors.shape[1])

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One unit-length row per text (all zeros when no word piece is known)."""
        out = np.zeros((len(texts), self.dims), dtype=np.float32)
        for n, encoding in enumerate(self.tokenizer.encode_batch(list(texts), add_special_tokens=False)):
            rows = self.rows[np.asarray(encoding.ids[:MAX_TOKENS], dtype=np.int64)]
            rows = rows[rows >= 0]
            if rows.size:
                out[n] = self.vectors[rows].mean(axis=0)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return np.divide(out, norms, out=out, where=norms > 0)


def load_embedder(folder: Path) -> StaticEmbedder:
    """Read the table and tokenizer from ``folder``."""
    try:
        table = np.load(folder / TABLE)
        tokenizer = Tokenizer.from_file(str(folder / TOKENIZER))
    except Exception as exc:  # tokenizers raises a bare Exception, numpy OSError or ValueError
        raise ResourceError(f"embedding table in {folder} is unavailable: {exc}") from exc
    ids = table["token_ids"].astype(np.int64)
    rows = np.full(tokenizer.get_vocab_size(), -1, dtype=np.int64)
    rows[ids] = np.arange(len(ids))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return StaticEmbedder(tokenizer, table["vectors"].astype(np.float32), rows)


@cache
def embedder() -> StaticEmbedder:
    """The shipped embedder, loaded once per process."""
    return load_embedder(Path(str(resources.files("crosswire") / "data")))


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit vectors for ``texts`` with the shipped model."""
    return embedder().encode(texts)
