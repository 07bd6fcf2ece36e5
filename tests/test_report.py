"""The HTML and Markdown reports: content, citations, escaping, self-containment."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest

from crosswire.model import (
    Article,
    Cite,
    Claim,
    Dossier,
    Finding,
    Place,
    PlaceMention,
    Sentence,
    Speaker,
    Story,
    SummarySentence,
    TimelineEntry,
)
from crosswire.output import write_outputs
from crosswire.pipeline import analyze
from crosswire.report.context import build_view
from crosswire.report.html import render_html
from crosswire.report.markdown import escape_markdown, render_markdown

ARTICLES = Path(__file__).parent / "data" / "report" / "articles"
PAYLOAD = "<script>window.__xss=1</script>"


def build_pipeline_dossier() -> Dossier:
    """The fixture articles (two real reports and one carrying markup) through the real pipeline."""
    return analyze([ARTICLES])


@pytest.fixture(scope="module")
def pipeline_dossier() -> Dossier:
    return build_pipeline_dossier()


@pytest.fixture(scope="module")
def html(pipeline_dossier: Dossier) -> str:
    return render_html(pipeline_dossier)


def _sentences(text: str) -> list[Sentence]:
    sentences, start = [], 0
    for match in re.finditer(r"(?<=\.)\s+", text):
        sentences.append(Sentence(start=start, end=match.start()))
        start = match.end()
    sentences.append(Sentence(start=start, end=len(text)))
    return sentences


def _cite(article: Article, phrase: str) -> Cite:
    start = article.text.index(phrase)
    return Cite(article_id=article.id, start=start, end=start + len(phrase), text=phrase)


def handmade_dossier() -> Dossier:
    """Two outlets reporting one claim, a contradiction between them, a place and a timeline."""
    a = Article(
        id="a",
        source="a.txt",
        outlet="Wire One",
        title="Strike reported",
        text="Azerbaijan said it destroyed two launchers near Ganja. Talks lasted 10 hours.",
    )
    b = Article(
        id="b",
        source="b.txt",
        outlet="Daily Two",
        title="Strike denied",
        text="Azerbaijan said it destroyed two launchers near Ganja. Talks lasted 11 hours.",
    )
    for article in (a, b):
        article.sentences = _sentences(article.text)
        start = article.text.index("Ganja")
        article.places = [
            PlaceMention(start=start, end=start + 5, text="Ganja", place_id="p1", confidence=0.9)
        ]
    claims = [
        Claim(
            id=f"c{n}",
            article_id=article.id,
            speaker=Speaker(text="Azerbaijan"),
            cue="said",
            content="it destroyed two launchers near Ganja",
            start=0,
            end=54,
        )
        for n, article in enumerate((a, b))
    ]
    same = "Azerbaijan said it destroyed two launchers near Ganja."
    story = Story(
        id="s0",
        title="Launchers destroyed",
        article_ids=["a", "b"],
        summary=[
            SummarySentence(text=same, cites=[_cite(a, same), _cite(b, same)]),
            SummarySentence(
                text="Contested: talks lasted 10 or 11 hours.",
                contested=True,
                cites=[_cite(a, "Talks lasted 10 hours."), _cite(b, "Talks lasted 11 hours.")],
            ),
        ],
        timeline=[TimelineEntry(date="2020-10-14", text=same, status="claimed", cites=[_cite(a, same)])],
        findings=[
            Finding(
                id="f1",
                kind="contradiction",
                summary="Length of the talks: 10 vs 11 hours.",
                evidence=[_cite(a, "Talks lasted 10 hours."), _cite(b, "Talks lasted 11 hours.")],
            ),
            Finding(
                id="f2",
                kind="corroboration",
                summary="Two launchers destroyed near Ganja.",
                sources=2,
                evidence=[_cite(a, same), _cite(b, same)],
            ),
            Finding(
                id="f3",
                kind="unique",
                summary="Only Daily Two gives 11 hours.",
                evidence=[_cite(b, "Talks lasted 11 hours.")],
            ),
        ],
    )
    place = Place(id="p1", name="Ganja", lat=40.68, lon=46.36, country="Azerbaijan", feature="P.PPL")
    return Dossier(
        generated="2020-10-15T00:00:00+00:00", articles=[a, b], places=[place], claims=claims, stories=[story]
    )


def test_pipeline_report_lists_every_story_with_cited_summary(pipeline_dossier: Dossier, html: str) -> None:
    assert pipeline_dossier.stories
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    for story in pipeline_dossier.stories:
        assert story.summary, f"story {story.id} has no summary"
        for sentence in story.summary:
            assert sentence.cites
    targets = re.findall(r'<a class="cite[^"]*" href="#([^"]+)"', html)
    assert targets, "citations link to sentences"
    assert set(targets) <= ids, "every citation points at an anchor in the page"


def test_article_markup_is_escaped_not_executed(pipeline_dossier: Dossier, html: str) -> None:
    assert any(PAYLOAD in a.text for a in pipeline_dossier.articles), "fixture payload reached the dossier"
    assert "window.__xss=1</script>" not in html
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in html
    assert "<img src=x" not in html
    assert 'href="javascript:' not in html
    assert html.count("<script>") == 1, "only the report's own script"


def test_html_needs_nothing_outside_itself(html: str) -> None:
    assert not re.search(r"""(?:src|href|xlink:href|action)\s*=\s*["']?\s*(?:https?:|//|file:)""", html, re.I)
    assert not re.search(r"url\(|@import", html)
    csp = re.search(r"""Content-Security-Policy" content="([^"]+)""", html)
    assert csp and "default-src 'none'" in csp.group(1)
    script = re.search(r"<script>(.*?)</script>", html, re.S)
    assert script is not None
    digest = base64.b64encode(hashlib.sha256(script.group(1).encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp.group(1), "the page's own script is the only one allowed"


def test_markdown_report_escapes_markup(pipeline_dossier: Dossier) -> None:
    markdown = render_markdown(pipeline_dossier)
    assert markdown.startswith("# crosswire dossier")
    assert "<script" not in markdown and "<img" not in markdown
    assert "&lt;script&gt;" in markdown
    assert escape_markdown("[x](javascript:1) *b* | c") == r"\[x\](javascript:1) \*b\* \| c"
    assert escape_markdown("- 1. <b>") == r"\- 1. &lt;b&gt;"
    assert escape_markdown("1. First") == r"1\. First"


def test_handmade_dossier_sections() -> None:
    dossier = handmade_dossier()
    page = render_html(dossier)
    # One claim reported by both outlets is one row naming both.
    rows = re.findall(r"<tr><td>Azerbaijan</td>.*?</tr>", page, re.S)
    assert len(rows) == 1 and "Daily Two, Wire One" in rows[0]
    # The contradiction shows both evidence sentences side by side.
    pair = re.search(r'<div class="pair">(.*?)</div>', page, re.S)
    assert pair and "Talks lasted 10 hours." in pair.group(1) and "Talks lasted 11 hours." in pair.group(1)
    assert "2 independent sources" in page
    assert 'class="contested"' in page and "talks lasted 10 or 11 hours" in page
    assert '<circle cx="226.36" cy="49.32"' in page, "Ganja drawn at its longitude/latitude"
    assert "<time>2020-10-14</time>" in page and "st-claimed" in page
    coverage = re.findall(
        r'<tr><td>(Daily Two|Wire One)</td><td class="num">(\d+)</td><td class="num">(\d+) '
        r'<svg.*?</svg></td><td class="num">(\d+)</td></tr>',
        page,
    )
    assert sorted(coverage) == [("Daily Two", "1", "1", "1"), ("Wire One", "1", "1", "0")]

    markdown = render_markdown(dossier)
    assert "| Azerbaijan | assert | it destroyed two launchers near Ganja | Daily Two, Wire One" in markdown
    assert "- Ganja (Azerbaijan): 40.6800, 46.3600" in markdown
    assert "**2020-10-14** (claimed)" in markdown


def test_write_outputs_writes_both_reports(tmp_path: Path) -> None:
    written = {p.name for p in write_outputs(handmade_dossier(), tmp_path)}
    assert {"dossier.json", "report.html", "report.md"} <= written
    assert (tmp_path / "report.html").read_text().startswith("<!doctype html>")


def test_map_window_fits_where_the_story_happens() -> None:
    dossier = handmade_dossier()
    far = [
        Place(id="ru", name="Russia", lat=60.8, lon=99.6, country="Russia", feature="A.PCLI"),
        Place(id="us", name="Washington", lat=38.9, lon=-77.0, country="United States", feature="P.PPLC"),
        Place(id="bk", name="Baku", lat=40.38, lon=49.89, country="Azerbaijan", feature="P.PPLC"),
    ]
    dossier.places += far
    article = dossier.articles[0]
    article.places += [PlaceMention(start=0, end=10, text=p.name, place_id=p.id) for p in far]
    view = build_view(dossier).stories[0].map
    left, top, width, height = (float(v) for v in view.view_box.split())
    inside = {d.name for d in view.dots if left <= d.x <= left + width and top <= d.y <= top + height}
    assert inside == {"Ganja", "Baku"}
    assert width <= 60, "a regional story gets a regional map"
    assert len(view.dots) == 4
