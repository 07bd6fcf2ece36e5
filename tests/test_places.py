"""Gazetteer index, toponym resolution with context, tagging in articles, geocoding evaluator."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosswire.errors import DataError
from crosswire.evaluate.geocoding import MAX_ERROR_KM, error_auc, evaluate
from crosswire.model import Article
from crosswire.nlp import gazetteer
from crosswire.nlp.gazetteer import ADMIN1, CITY, COUNTRY, Gazetteer, build, distance_km, load
from crosswire.nlp.parse import annotate, parse
from crosswire.nlp.places import (
    PlaceContext,
    RegionPrior,
    collect_places,
    resolve,
    resolve_all,
    tag_places,
)

DATA = Path(__file__).parent / "data" / "geo"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load()


def _names(gaz: Gazetteer, name: str) -> set[tuple[str, int]]:
    return {(m.place.cc, m.place.level) for m in gaz.lookup(name)}


def test_index_is_built_into_the_cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CROSSWIRE_CACHE", str(tmp_path))
    assert gazetteer.index_path().parent == tmp_path
    path = build(tmp_path / "small.sqlite", only={"AZ"})
    small = Gazetteer(path)
    assert [m.place.cc for m in small.lookup("Ganja")] == ["AZ"]
    assert small.lookup("Paris") == []  # only Azerbaijan was compiled
    assert small.place_by_id(small.lookup("Ganja")[0].place.place_id) is not None


def test_lookups_by_kind_of_name(gaz: Gazetteer) -> None:
    assert ("FR", COUNTRY) in _names(gaz, "France")
    assert ("US", ADMIN1) in _names(gaz, "Kentucky")
    assert ("AZ", CITY) in _names(gaz, "Baku")
    assert _names(gaz, "Turkish") == {("TR", COUNTRY)}
    assert ("AZ", COUNTRY) in _names(gaz, "Azeri")
    assert resolve("Azeri").place.cc == "AZ"  # type: ignore[union-attr]
    assert _names(gaz, "Ky.") == {("US", ADMIN1)}
    assert [m.place.name for m in gaz.lookup("Calif.")] == ["California"]
    assert [m.place.name for m in gaz.lookup("B.C.")] == ["British Columbia"]
    assert ("US", ADMIN1) in _names(gaz, "TX")
    assert ("US", ADMIN1) not in _names(gaz, "tx")  # codes only match as written
    assert {m.place.name for m in gaz.demonym("Ohioans")} == {"Ohio"}


def test_counties_and_countries_have_coordinates(gaz: Gazetteer) -> None:
    parish = next(m.place for m in gaz.lookup("Rapides Parish"))
    assert distance_km(parish.lat, parish.lon, 31.17, -92.48) < 50  # GeoNames: 31.1669, -92.4835
    usa = next(m.place for m in gaz.lookup("United States") if m.place.level == COUNTRY)
    assert distance_km(usa.lat, usa.lon, 39.76, -98.5) < 161


def test_fuzzy_spelling_within_the_countries_in_play() -> None:
    found = resolve("Orduba", PlaceContext(toponyms=("Azerbaijan", "Nakhchivan")))
    assert found is not None and found.fuzzy
    assert found.place.name == "Ordubad" or "Ordubad" in found.place.name
    assert distance_km(found.place.lat, found.place.lon, 38.91, 46.02) < 25


def test_unknown_names_stay_unresolved() -> None:
    assert resolve("Qzxwvillebrook", PlaceContext(toponyms=("Texas",))) is None
    # A misspelling with no country in play does not jump to a namesake anywhere on Earth.
    assert resolve("Orduba") is None


def test_context_picks_the_namesake() -> None:
    texan = resolve("Paris", PlaceContext(toponyms=("Texas", "Dallas", "Lamar County")))
    french = resolve("Paris", PlaceContext(toponyms=("France", "Lyon")))
    assert texan is not None and texan.place.cc == "US"
    assert french is not None and french.place.cc == "FR"
    georgia_state = resolve("Georgia", PlaceContext(toponyms=("Atlanta", "Macon")))
    georgia_country = resolve("Georgia", PlaceContext(toponyms=("Tbilisi", "Russia")))
    assert georgia_state is not None and georgia_state.place.level == ADMIN1
    assert georgia_country is not None and georgia_country.place.level == COUNTRY


def test_container_written_after_the_name() -> None:
    text = "He grew up in Paris, Tenn., and moved away."
    start = text.index("Paris")
    result = resolve_all(["Paris", "Tenn."], text, [(start, start + 5), (start + 7, start + 12)])
    assert result[0] is not None and result[0].place.cc == "US"
    assert result[1] is not None and result[1].place.name == "Tennessee"


def test_region_prior_tips_an_ambiguous_town() -> None:
    ohio = next(m.place for m in load().lookup("Ohio") if m.place.level == ADMIN1)
    found = resolve("Dublin", PlaceContext(prior=RegionPrior({"US": 1.0}, {ohio.pid: 1.0}, weight=2.0)))
    assert found is not None and found.place.cc == "US" and found.place.admin1 == ohio.pid
    assert resolve("Dublin").place.cc == "IE"  # type: ignore[union-attr]


def _article(text: str) -> tuple[Article, object]:
    article = Article(id="t", source="t", text=text)
    doc = parse(text)
    return annotate(article, doc), doc


def test_tag_places_finds_regional_towns_and_resolves_them() -> None:
    text = (
        "Azerbaijan said shelling hit the towns of Tovuz, Shamkir and Barda on Sunday. "
        "Two people died in the Fuzuli district, officials in Baku said. "
        "Turkish officials condemned the attack."
    )
    article, doc = _article(text)
    article = tag_places(article, doc)
    by_text = {m.text: m for m in article.places}
    for name in ("Azerbaijan", "Tovuz", "Barda", "Fuzuli", "Baku"):
        assert by_text[name].place_id, name
        assert text[by_text[name].start : by_text[name].end] == name
    assert "Turkish" not in by_text  # a nationality word, not a place mention
    places = {p.id: p for p in collect_places([article])}
    baku = places[by_text["Baku"].place_id]
    assert baku.country == "Azerbaijan" and baku.aliases == ["Baku"]
    assert distance_km(baku.lat, baku.lon, 40.38, 49.89) < 25
    tovuz = places[by_text["Tovuz"].place_id]
    assert tovuz.country == "Azerbaijan" and tovuz.geonames_id


def test_evaluator_on_lgl_articles() -> None:
    metrics = evaluate(DATA / "lgl_sample.xml")
    assert metrics["articles"] == 3 and metrics["toponyms"] == 13
    assert metrics["accuracy_at_161km"] >= 0.75
    assert metrics["coverage"] >= 0.75
    assert 0.0 <= metrics["auc"] < 0.5
    assert evaluate(DATA / "lgl_sample.xml", limit=1)["articles"] == 1


def test_evaluator_rejects_other_files(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_text("<articles><article><title>x</title></article></articles>")
    with pytest.raises(DataError):
        evaluate(bad)


def test_error_auc_bounds() -> None:
    assert error_auc([0.0, 0.0, 0.0]) == 0.0
    assert error_auc([MAX_ERROR_KM] * 3) == pytest.approx(1.0, abs=1e-4)
