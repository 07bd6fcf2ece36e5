"""Build the report's world outline from Natural Earth 1:110m (public domain), run once.

Reads the TopoJSON files of the npm package world-atlas (``land-110m.json`` and
``countries-110m.json``), fetched with ``npm pack`` into a temporary folder unless
a folder or .tgz holding them is given, and writes
``src/crosswire/report/world.json``: two SVG path strings in an equirectangular
frame where x = longitude + 180 and y = 90 - latitude (degrees, one decimal),
``land`` (filled polygons) and ``borders`` (every country edge drawn once).

    python scripts/build_world_outline.py [PATH_TO_FOLDER_OR_TGZ]
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "world-atlas@2.0.2"
OUT = Path(__file__).resolve().parent.parent / "src" / "crosswire" / "report" / "world.json"
Point = tuple[float, float]


def decode_arcs(topology: dict) -> list[list[Point]]:
    """Absolute lon/lat points of every arc (TopoJSON arcs are quantised and delta-encoded)."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform is None:
            arcs.append([(float(x), float(y)) for x, y, *_ in arc])
            continue
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        x = y = 0
        points = []
        for dx, dy, *_ in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(ring: list[int], arcs: list[list[Point]]) -> list[Point]:
    """Join a ring's arcs (a negative index ~i means arc i reversed), dropping shared endpoints."""
    points: list[Point] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def unwrap(line: list[Point]) -> list[Point]:
    """Longitudes made continuous across the antimeridian (no stroke across the whole map),
    with the bulk of the line kept inside the frame."""
    unwrapped, shift, previous = [], 0.0, line[0][0]
    for lon, lat in line:
        if lon - previous > 180:
            shift -= 360
        elif previous - lon > 180:
            shift += 360
        previous = lon
        unwrapped.append((lon + shift, lat))
    middle = sorted(lon for lon, _ in unwrapped)[len(unwrapped) // 2]
    recentre = 360.0 if middle < -180 else -360.0 if middle > 180 else 0.0
    return [(lon + recentre, lat) for lon, lat in unwrapped]


def tenths(value: int) -> str:
    """A coordinate held in tenths of a degree, written as compactly as SVG allows."""
    text = f"{value / 10:.1f}".removesuffix(".0")
    return text.replace("0.", ".", 1) if text.startswith(("0.", "-0.")) else text


def path(lines: list[list[Point]], closed: bool) -> str:
    """SVG path data at 0.1 degree: an absolute start, then relative steps, repeated points removed."""
    parts = []
    for line in lines:
        points: list[tuple[int, int]] = []
        for lon, lat in unwrap(line):
            point = (round((lon + 180) * 10), round((90 - lat) * 10))
            if not points or points[-1] != point:
                points.append(point)
        if len(points) < 2:
            continue
        (x, y), steps = points[0], []
        for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
            steps.append(f"{tenths(x1 - x0)} {tenths(y1 - y0)}".replace(" -", "-"))
        relative = " ".join(steps).replace(" -", "-")
        parts.append(f"M{tenths(x)} {tenths(y)}l{relative}" + ("z" if closed else ""))
    return "".join(parts)


def polygons(geometry: dict) -> list[list[list[int]]]:
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["arcs"])
    return []


def outline(land: dict, countries: dict) -> dict[str, str]:
    land_arcs = decode_arcs(land)
    rings = [
        ring_points(ring, land_arcs)
        for geometry in land["objects"]["land"]["geometries"]
        for polygon in polygons(geometry)
        for ring in polygon
    ]
    country_arcs = decode_arcs(countries)
    used = sorted(
        {
            index if index >= 0 else ~index
            for geometry in countries["objects"]["countries"]["geometries"]
            for polygon in polygons(geometry)
            for ring in polygon
            for index in ring
        }
    )
    return {
        "source": "Natural Earth 1:110m land and countries (public domain), via world-atlas 2.0.2",
        "frame": "equirectangular: x = longitude + 180, y = 90 - latitude",
        "land": path(rings, closed=True),
        "borders": path([country_arcs[i] for i in used], closed=False),
    }


def fetch(workdir: Path) -> Path:
    subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=workdir, check=True, capture_output=True)
    return next(workdir.glob("world-atlas-*.tgz"))


def load(source: Path, name: str) -> dict:
    if source.is_dir():
        matches = list(source.rglob(name))
        if not matches:
            raise SystemExit(f"{source}: no {name}")
        return json.loads(matches[0].read_text())
    with tarfile.open(source) as archive:
        member = archive.extractfile(f"package/{name}")
        if member is None:
            raise SystemExit(f"{source}: no package/{name}")
        return json.loads(member.read())


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(sys.argv[1]) if len(sys.argv) > 1 else fetch(Path(tmp))
        data = outline(load(source, "land-110m.json"), load(source, "countries-110m.json"))
    OUT.write_text(json.dumps(data, separators=(",", ":")) + "\n")
    print(f"{OUT}: {OUT.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
