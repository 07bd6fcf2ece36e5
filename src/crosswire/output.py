"""Write a dossier's files: dossier.json, report.html, report.md and exports."""

from __future__ import annotations

from pathlib import Path

from crosswire.model import Dossier


def write_outputs(dossier: Dossier, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    path = out / "dossier.json"
    path.write_text(dossier.model_dump_json(indent=2))
    return [path]
