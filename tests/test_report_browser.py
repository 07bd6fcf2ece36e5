"""The HTML report in headless Chromium: renders, links citations to sentences, stays offline and inert."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from crosswire.report.html import render_html
from test_report import build_pipeline_dossier, handmade_dossier

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (scripts/install_chromium.sh)")
    with sync_api.sync_playwright() as playwright:
        # Debian's Chromium only: the test tool never downloads a browser of its own.
        instance = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="module")
def report_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("report")
    files = {}
    for name, dossier in (("pipeline", build_pipeline_dossier()), ("handmade", handmade_dossier())):
        files[name] = folder / f"{name}.html"
        files[name].write_text(render_html(dossier), encoding="utf-8")
    return files


def _open(browser, path: Path, width: int = 1280):  # type: ignore[no-untyped-def]
    """A page on the report that records every request and dialog, and blocks any request off the file."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    requests: list[str] = []
    dialogs: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.route(
        "**/*",
        lambda route: route.continue_() if route.request.url == path.as_uri() else route.abort(),
    )
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, requests, dialogs


def test_report_renders_map_and_timeline(browser, report_files) -> None:  # type: ignore[no-untyped-def]
    page, _, _ = _open(browser, report_files["handmade"])
    assert page.locator("h1").inner_text() == "crosswire dossier"
    map_svg = page.locator("section.story svg.map").first
    assert map_svg.is_visible()
    box = map_svg.bounding_box()
    assert box and box["width"] > 200 and box["height"] > 80
    assert page.locator("svg.map .dot circle").first.is_visible()
    timeline = page.locator("ol.timeline").first
    assert timeline.is_visible() and "2020-10-14" in timeline.inner_text()
    page.close()


def test_report_is_readable_on_a_phone(browser, report_files) -> None:  # type: ignore[no-untyped-def]
    page, _, _ = _open(browser, report_files["pipeline"], width=390)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, "no horizontal scrolling on a narrow screen"
    assert page.locator("section.story svg.map").first.is_visible()
    page.close()


def test_clicking_a_citation_shows_the_sentence_in_its_article(browser, report_files) -> None:  # type: ignore[no-untyped-def]
    page, _, _ = _open(browser, report_files["pipeline"])
    link = page.locator(".summary a.cite").first
    article = page.locator(f"details#{link.get_attribute('data-article')}")
    assert article.get_attribute("open") is None, "articles start collapsed"
    cited = link.get_attribute("title").split(": ", 1)[1]
    link.click()
    assert article.get_attribute("open") is not None
    highlighted = article.locator(".seg.hl")
    assert highlighted.count() >= 1
    assert highlighted.first.is_visible()
    shown = " ".join(highlighted.all_inner_texts())
    assert " ".join(cited.split()) in " ".join(shown.split())
    page.close()


def test_no_request_leaves_the_page_and_markup_stays_inert(browser, report_files) -> None:  # type: ignore[no-untyped-def]
    page, requests, dialogs = _open(browser, report_files["pipeline"])
    for index in range(page.locator("details.article").count()):
        page.locator("details.article summary").nth(index).click()
    page.locator("a.cite").first.click()
    page.wait_for_timeout(200)
    assert requests == [report_files["pipeline"].as_uri()]
    assert dialogs == []
    assert page.evaluate("[window.__xss, window.__xss2, window.__xss3]") == [None, None, None]
    assert page.locator("text=window.__xss=1").count() >= 1, "the markup is shown as text"
    page.close()
