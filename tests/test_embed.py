"""Static sentence embeddings: shipped, offline, no torch, paraphrases closer than unrelated text."""

from __future__ import annotations

import subprocess
import sys

import numpy as np

from crosswire.nlp.embed import embed, embedder


def test_paraphrases_are_closer_than_unrelated_sentences() -> None:
    vectors = embed(
        [
            "Azerbaijan said it destroyed missile launch sites inside Armenia.",
            "Baku claimed its forces hit rocket launchers on Armenian territory.",
            "The central bank raised interest rates by half a point.",
            "Interest rates were increased 0.5 percentage points by the central bank.",
            "The recipe needs two cups of flour and an egg.",
        ]
    )
    sims = vectors @ vectors.T
    assert np.allclose(np.diag(sims), 1.0, atol=1e-5)
    assert sims[0, 1] > sims[0, 2] + 0.2 and sims[0, 1] > sims[0, 4] + 0.2
    assert sims[2, 3] > sims[2, 0] + 0.2 and sims[2, 3] > sims[2, 4] + 0.2


def test_shape_and_unknown_text() -> None:
    vectors = embed(["", "hello world"])
    assert vectors.shape == (2, embedder().dims)
    assert not vectors[0].any()  # nothing known: a zero vector, not NaN
    assert np.isclose(np.linalg.norm(vectors[1]), 1.0)


def test_loads_offline_without_torch() -> None:
    code = (
        "import sys; from crosswire.nlp.embed import embed; embed(['a test']); "
        "assert 'torch' not in sys.modules and 'model2vec' not in sys.modules"
    )
    env = {"HF_HUB_OFFLINE": "1", "PATH": ""}
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
