"""Write a dossier's files: dossier.json, report.html, report.md and exports."""

from __future__ import annotations

from pathlib import Path

from crosswire.extract.event_exports import write_events_csv, write_events_geojson
from crosswire.model import Dossier
from crosswire.report.html import render_html
from crosswire.report.markdown import render_markdown


def write_outputs(dossier: Dossier, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = {
        "dossier.json": dossier.model_dump_json(indent=2),
        "report.html": render_html(dossier),
        "report.md": render_markdown(dossier),
    }
    for name, text in written.items():
        (out / name).write_text(text, encoding="utf-8")
    exports = [
        write_events_csv(dossier, out / "events.csv"),
        write_events_geojson(dossier, out / "events.geojson"),
    ]
    return [out / name for name in written] + exports
