"""The ``crosswire`` command: a thin layer over the library."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer

from crosswire import evaluate as evaluation
from crosswire.errors import CrosswireError
from crosswire.model import Dossier
from crosswire.options import Options

app = typer.Typer(help="Cross-source analysis of news articles.", no_args_is_help=True)


@app.command()
def analyze(
    inputs: Annotated[list[str], typer.Argument(help="files, folders, or - for stdin")],
    out: Annotated[Path, typer.Option("--out", "-o", help="output folder")] = Path("crosswire-out"),
    workers: Annotated[int, typer.Option(min=1)] = 1,
    engine: Annotated[str, typer.Option(help="local or dask")] = "local",
) -> None:
    """Analyze articles into OUT/dossier.json and OUT/report.html."""
    from crosswire.output import write_outputs
    from crosswire.pipeline import analyze as run

    options = Options(workers=workers, engine=engine, progress=True)  # type: ignore[arg-type]
    try:
        dossier = run(inputs, options)
    except CrosswireError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    written = write_outputs(dossier, out)
    report_manifest(dossier)
    for path in written:
        typer.echo(str(path))


def report_manifest(dossier: Dossier) -> None:
    """Tell the user, on stderr, what became of every input."""
    counts = Counter(entry.status for entry in dossier.manifest)
    typer.echo(", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "no input", err=True)
    for entry in dossier.manifest:
        if entry.status == "rejected":
            typer.echo(f"rejected {entry.source}: {entry.reason}", err=True)


@app.command()
def evaluate(
    task: Annotated[str, typer.Argument(help=", ".join(evaluation.TASKS))],
    data: Annotated[Path, typer.Option(help="dataset path in the task's native format")],
    limit: Annotated[int | None, typer.Option(help="only the first N items")] = None,
    words: Annotated[int | None, typer.Option(help="summary: word budget of each summary")] = None,
) -> None:
    """Score a benchmark dataset and print metrics as JSON."""
    if not data.exists():
        typer.echo(f"error: {data}: no such file or folder", err=True)
        raise typer.Exit(2)
    try:
        options = {"limit": limit} if limit is not None else {}
        if words is not None:
            options["words"] = words
        metrics = evaluation.run(task, data, **options)
    except (KeyError, CrosswireError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    typer.echo(json.dumps(metrics, indent=2))


@app.command()
def bench(
    inputs: Annotated[list[str], typer.Argument(help="files or folders to time the pipeline on")],
) -> None:
    """Time every stage: words/s, peak memory, pipeline time ÷ spaCy parse time (JSON)."""
    from crosswire.bench import bench as run

    typer.echo(json.dumps(run(inputs), indent=2))


@app.command()
def prepare(
    force: Annotated[bool, typer.Option(help="rebuild even when already built")] = False,
) -> None:
    """Build the offline gazetteer index once (otherwise built on first use)."""
    import time

    from crosswire.nlp.gazetteer import build, index_path

    path = index_path()
    if path.exists() and not force:
        typer.echo(f"{path} already built (--force rebuilds it)")
        return
    started = time.perf_counter()
    build(path)
    typer.echo(f"{path}: {path.stat().st_size / 1e6:.0f} MB in {time.perf_counter() - started:.0f} s")


@app.command()
def schema() -> None:
    """Print the dossier's JSON Schema."""
    from crosswire.model import Dossier

    typer.echo(json.dumps(Dossier.model_json_schema(), indent=2))


if __name__ == "__main__":
    app()
