"""The command line, run as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from crosswire.model import Dossier

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "crosswire.cli"]


def run(*args: str, **kw) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def]
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=300, **kw)


def test_analyze_writes_a_valid_dossier(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for name in ["000_5cbda377ddfe32e1.txt", "003_5de2810223cfa222.txt"]:
        (src / name).write_text((ROOT / "examples" / "seeds" / name).read_text())
    result = run("analyze", str(src), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    dossier = Dossier.model_validate_json((tmp_path / "out" / "dossier.json").read_text())
    assert {a.id for a in dossier.articles} == {"000_5cbda377ddfe32e1", "003_5de2810223cfa222"}
    assert "2 analyzed" in result.stderr


def test_evaluate_names_an_unknown_task(tmp_path: Path) -> None:
    result = run("evaluate", "astrology", "--data", str(tmp_path))
    assert result.returncode == 2
    assert "astrology" in result.stderr


def test_evaluate_names_a_missing_dataset(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.jsonl"
    result = run("evaluate", "clustering", "--data", str(missing))
    assert result.returncode == 2
    assert str(missing) in result.stderr


def test_bench_reports_every_stage() -> None:
    result = run("bench", str(ROOT / "examples" / "seeds" / "002_4d288057fefefe1e.txt"))
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert {"parse", "claims", "times", "places", "events", "stories"} <= set(figures["stages"])
    assert figures["pipeline_over_parse"] >= 1.0
    assert figures["peak_memory_mb"] > 0


def test_schema_is_json_schema() -> None:
    result = run("schema")
    schema = json.loads(result.stdout)
    assert schema["title"] == "Dossier"
    assert "articles" in schema["properties"]
