"""Ingestion: readers, stdin, rejections in the manifest, cleaning, metadata and duplicates.

Fixtures in tests/data/ingest are real text: scraped reports with their page chrome
(dw_chrome, labelled_date, aggregator_copy), a saved blog page (PAGE) and a
German page's text from the extraction benchmark, and rows/feed files whose bodies
are paragraphs of a real report.
"""

from __future__ import annotations

import gzip
import io
import json
import shutil
import textwrap
from pathlib import Path

import pytest

from crosswire.ingest import ingest
from crosswire.ingest.clean import clean_text
from crosswire.ingest.credits import dateline_agencies, signoff_agencies
from crosswire.ingest.language import detect_language
from crosswire.model import Article, ManifestEntry
from crosswire.options import Options

DATA = Path(__file__).parent / "data" / "ingest"
# A saved blog page, also one of the extraction benchmark slice's pages.
PAGE = DATA / "extraction" / "trafilatura" / "html" / "flowfx.de.tmux.html"
OPTIONS = Options()


def run(
    *inputs: str | Path, options: Options = OPTIONS, stdin: bytes | None = None
) -> tuple[dict[str, Article], dict[str, ManifestEntry]]:
    articles, manifest = ingest(list(inputs), options, io.BytesIO(stdin) if stdin is not None else None)
    return {a.id: a for a in articles}, {m.source: m for m in manifest}


# --------------------------------------------------------------------------- readers


def test_text_file_keeps_story_and_structure() -> None:
    articles, manifest = run(DATA / "dw_chrome.txt")
    article = articles["dw_chrome"]
    assert manifest[str(DATA / "dw_chrome.txt")].status == "analyzed"
    assert article.text.startswith("The warring countries had agreed")
    assert "\n\nAzerbaijan on Wednesday claimed" in article.text  # paragraphs survive
    assert article.language == "en"


def test_html_page_text_and_metadata() -> None:
    articles, _ = run(PAGE)
    article = articles[PAGE.stem]
    assert "StackOverflow knows the answer" in article.text
    assert "Next post" not in article.text
    assert article.title == "Copy & paste from tmux to system clipboard"
    assert article.published == "2020-01-16"
    assert article.published_evidence is not None and article.published_evidence.rule == "page metadata"
    assert article.authors == ["Florian Posdziech"]
    assert article.url == "https://flowfx.de/blog/copy-paste-from-tmux-to-system-clipboard/"


def test_jsonl_rows_each_get_an_entry() -> None:
    articles, manifest = run(DATA / "rows.jsonl")
    source = str(DATA / "rows.jsonl")
    good = articles["wire-1"]
    assert good.title == "Azerbaijan says it hit missile sites in Armenia"
    assert good.outlet == "Example News"
    assert good.published == "2020-10-14"
    assert good.published_evidence is not None and good.published_evidence.rule == "input metadata"
    assert manifest[f"{source}:2"].status == "rejected" and "invalid JSON" in (
        manifest[f"{source}:2"].reason or ""
    )
    assert manifest[f"{source}:3"].reason == "row has no text or html field"
    html_row = manifest[f"{source}:4"]
    assert html_row.status == "analyzed"
    assert "humanitarian ceasefire" in articles[html_row.article_id or ""].text
    assert len(html_row.article_id or "") == 16  # a stable hash when the row has no id


def test_csv_rows_and_short_row_rejected() -> None:
    articles, manifest = run(DATA / "rows.csv")
    entries = list(manifest.values())
    assert [e.status for e in entries] == ["analyzed", "rejected"]
    assert entries[1].source.endswith("rows.csv:6") and "empty" in (entries[1].reason or "")
    article = articles[entries[0].article_id or ""]
    assert article.published == "2020-10-14" and article.title == "Armenia denies targeting civilians"


def test_feed_entries_use_content_or_summary() -> None:
    articles, manifest = run(DATA / "feed.rss")
    source = str(DATA / "feed.rss")
    first = articles[manifest[f"{source}:1"].article_id or ""]
    assert first.outlet == "TRT World"
    assert first.published == "2020-10-15"
    assert "Orduba" in first.text and "READ MORE" not in first.text
    assert manifest[f"{source}:2"].status == "analyzed"  # from the summary
    assert manifest[f"{source}:3"].reason == "feed entry without content or summary"


def test_stdin_is_read_and_sniffed() -> None:
    html = PAGE.read_bytes()
    articles, manifest = run("-", stdin=html)
    assert manifest["<stdin>"].status == "analyzed"
    (article,) = articles.values()
    assert "StackOverflow knows the answer" in article.text


def test_folder_is_recursive_sorted_and_ids_disambiguated(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    shutil.copy(DATA / "dw_chrome.txt", tmp_path / "story.txt")
    shutil.copy(DATA / "labelled_date.txt", tmp_path / "b" / "story.txt")
    shutil.copy(PAGE, tmp_path / "b" / "page.unknown")  # sniffed as HTML
    articles, manifest = run(tmp_path)
    assert [m.source for m in manifest.values()] == [
        str(tmp_path / "b" / "page.unknown"),
        str(tmp_path / "b" / "story.txt"),
        str(tmp_path / "story.txt"),
    ]
    assert sorted(articles) == ["page", "story", "story-2"]
    assert "StackOverflow" in articles["page"].text


# --------------------------------------------------------------------------- rejections


def test_rejections_are_recorded_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (tmp_path / "blob.dat").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "empty.txt").write_text("Skip to content\n\nShort note.\n")
    (tmp_path / "garbled.txt").write_bytes(bytes([0x80, 0x81, 0xFE, 0xFF, 0x90]) * 40)
    shutil.copy(DATA / "german.txt", tmp_path / "german.txt")
    shutil.copy(DATA / "dw_chrome.txt", tmp_path / "story.txt")
    (tmp_path / "page.gz").write_bytes(gzip.compress(b"<html></html>"))
    articles, manifest = run(tmp_path, tmp_path / "missing.txt")
    reasons = {Path(source).name: entry.reason or "" for source, entry in manifest.items()}
    assert reasons["photo.png"] == "binary file (PNG)"
    assert reasons["blob.dat"].startswith("binary file")
    assert reasons["page.gz"] == "binary file (gzip)"
    assert reasons["empty.txt"].startswith("empty")
    assert reasons["garbled.txt"].startswith("undecodable")
    assert reasons["german.txt"].startswith("language de")
    assert reasons["missing.txt"] == "no such file or folder"
    assert manifest[str(tmp_path / "story.txt")].status == "analyzed"
    assert list(articles) == ["story"]


def test_too_large_is_rejected() -> None:
    _, manifest = run(DATA / "dw_chrome.txt", DATA / "aggregator_copy.txt", options=Options(max_bytes=3000))
    assert manifest[str(DATA / "dw_chrome.txt")].reason == "too large: 3952 bytes (limit 3000)"
    assert manifest[str(DATA / "aggregator_copy.txt")].status == "analyzed"


def test_row_files_are_limited_per_row() -> None:
    _, manifest = run(DATA / "rows.jsonl", options=Options(max_bytes=800))
    source = str(DATA / "rows.jsonl")
    assert (manifest[f"{source}:1"].reason or "").startswith("too large")
    assert manifest[f"{source}:4"].status == "analyzed"


def test_language_detector() -> None:
    assert detect_language((DATA / "german.txt").read_text()) == "de"
    assert detect_language((DATA / "dw_chrome.txt").read_text()) == "en"
    assert detect_language("Москва — столица России и крупнейший город страны.") == "und-Cyrillic"


# --------------------------------------------------------------------------- cleaning


def test_cleaning_drops_chrome_and_keeps_every_story_sentence() -> None:
    raw = (DATA / "dw_chrome.txt").read_text()
    cleaned = clean_text(raw)
    reasons = {d.text: d.reason for d in cleaned.dropped}
    assert reasons["1. Skip to content"] == "navigation link"
    assert reasons["Image: Sergei Bobylev/TASS/dpa/picture-alliance"] == "image credit"
    assert [r for t, r in reasons.items() if t.startswith("Read more:")] == ["link to another story"]
    assert reasons["kmm, jsi/aw (AFP, Reuters)"] == "agency sign-off"
    assert all(raw.split("\n")[d.line].strip() == d.text for d in cleaned.dropped)
    # Every line that reads as a sentence of the story is kept, except captions.
    for line in raw.split("\n"):
        if line.strip().endswith(".") and len(line.split()) >= 8 and "Image:" not in line:
            assert line.strip() in cleaned.text


def test_cleaning_aggregator_footer_and_comment_box() -> None:
    cleaned = clean_text((DATA / "aggregator_copy.txt").read_text())
    dropped = [d.text for d in cleaned.dropped]
    assert dropped == [
        "Mon. Jun 10th, 2024",
        "Source link",
        "By Joy",
        "Leave a Reply",
        "Your email address will not be published. Required fields are marked *",
    ]
    assert cleaned.text.endswith("according to Baku.")


def test_embedded_tweet_signature_is_body() -> None:
    raw = (
        "Armenian defense ministry spokeswoman Shushan Stepanyan confirmed military sites in the area had "
        "been hit, she said on Twitter on Wednesday evening.\n"
        "#DA: The enemy continues to violate the ceasefire, again targeting peaceful settlements.\n"
        "— Shushan Stepanyan (@ShStepanyan) October 14, 2020\n"
        "Heavy fighting erupted on September 27 over Karabakh, an ethnic Armenian region of Azerbaijan."
    )
    cleaned = clean_text(raw)
    assert cleaned.dropped == []
    assert "— Shushan Stepanyan (@ShStepanyan) October 14, 2020" in cleaned.text


def test_repeated_site_chrome_is_dropped() -> None:
    base = (DATA / "aggregator_copy.txt").read_text().split("\n")
    body = "\n".join(base[3:9])
    pages = [f"World News Desk Menu\n{body}\nMore from Example Daily" for _ in range(3)]
    pages = [
        page.replace("Azerbaijan has launched", f"Version {n}: Azerbaijan has launched")
        for n, page in enumerate(pages)
    ]
    from crosswire.ingest.clean import repeated_lines

    repeated = repeated_lines((None, page) for page in pages)[None]
    cleaned = clean_text(pages[0], repeated=repeated)
    assert {d.text for d in cleaned.dropped} == {"World News Desk Menu", "More from Example Daily"}


# --------------------------------------------------------------------------- metadata


def test_labelled_date_beats_the_page_date_widget() -> None:
    articles, _ = run(DATA / "labelled_date.txt")
    article = articles["labelled_date"]
    assert article.published == "2020-10-14"
    assert article.published_evidence is not None
    assert article.published_evidence.rule == "labelled date line"
    assert article.published_evidence.text == "Publish Date: 14 October 2020 - 22:05"
    assert article.wire == []  # "BAKU (Dispatches) –" names no agency
    assert not article.republished


def test_dateline_under_headline_outlet_and_wire_credits() -> None:
    articles, _ = run(DATA / "dw_chrome.txt")
    article = articles["dw_chrome"]
    assert article.title == "Azerbaijan hits Armenia missile site amid shaky cease-fire"
    assert article.published == "2020-10-14"
    assert article.published_evidence is not None
    assert article.published_evidence.rule == "date line under the headline"
    assert article.outlet == "DW"
    assert article.wire == ["AFP", "Reuters"]


def test_aggregator_copy_has_no_date_and_is_republished() -> None:
    articles, _ = run(DATA / "aggregator_copy.txt")
    article = articles["aggregator_copy"]
    assert article.published is None  # the "today" widget is not the story's date
    assert article.republished


def test_tweet_date_is_not_the_publication_date() -> None:
    text = (
        "Azerbaijan said Wednesday it had destroyed missile launch sites in Armenia, the ministry said.\n"
        "— Shushan Stepanyan (@ShStepanyan) October 14, 2020\n"
        "Clashes have continued despite a humanitarian ceasefire agreed at the weekend by both sides."
    )
    articles, _ = run("-", stdin=text.encode())
    (article,) = articles.values()
    assert article.published is None


def test_wire_credit_patterns() -> None:
    assert signoff_agencies("kmm, jsi/aw (AFP, Reuters)") == ["AFP", "Reuters"]
    assert signoff_agencies("(AP)") == ["AP"]
    assert signoff_agencies("(Dispatches)") == []
    assert dateline_agencies("LONDON, Oct 14 (Reuters) - Britain said on Wednesday ...") == ["Reuters"]
    assert dateline_agencies("BAKU (Dispatches) – Fighting between Azeri and Armenian forces") == []


# --------------------------------------------------------------------------- duplicates


def test_exact_and_near_duplicates(tmp_path: Path) -> None:
    original = (DATA / "aggregator_copy.txt").read_text()
    (tmp_path / "a.txt").write_text(original)
    (tmp_path / "b.txt").write_text(original)
    near = original.replace("Russian peacekeepers police it.", "Russian peacekeepers patrol it.")
    (tmp_path / "c.txt").write_text(near)
    shutil.copy(DATA / "dw_chrome.txt", tmp_path / "d.txt")
    articles, manifest = run(tmp_path)
    assert articles["b"].duplicate_of == "a"
    assert articles["c"].duplicate_of == "a"
    assert articles["d"].duplicate_of is None
    assert manifest[str(tmp_path / "c.txt")].status == "duplicate"
    assert manifest[str(tmp_path / "c.txt")].duplicate_of == "a"
    assert len(articles) == 4  # duplicates stay in the list


@pytest.mark.parametrize("threshold", [0.5, 0.99])
def test_unrelated_articles_are_never_duplicates(threshold: float) -> None:
    articles, _ = run(
        DATA / "dw_chrome.txt",
        DATA / "labelled_date.txt",
        options=Options(near_duplicate_threshold=threshold),
    )
    assert all(a.duplicate_of is None for a in articles.values())


def test_markdown_file_is_read_as_text(tmp_path: Path) -> None:
    body = (DATA / "aggregator_copy.txt").read_text().split("\n")[3:9]
    markdown = (
        "# Azerbaijan launches offensive in Karabakh\n\n"
        + "\n".join(body).replace("anti-terrorist activities", "**anti-terrorist activities**")
        + "\n\n[Read more](https://example.org/more)\n"
    )
    (tmp_path / "story.md").write_text(markdown)
    articles, _ = run(tmp_path / "story.md")
    article = articles["story"]
    assert article.title == "Azerbaijan launches offensive in Karabakh"
    assert "launched what it called “anti-terrorist activities”" in article.text
    assert "**" not in article.text and "Read more" not in article.text


def test_html_mode_filter_is_conservative() -> None:
    extracted = (
        "Russia hosted top diplomats from Armenia and Azerbaijan for more than 10 hours of talks.\n"
        "READ MORE: Turkey looks beyond Minsk Group to resolve Armenia-Azerbaijan conflict\n"
        "Buckled ceasefire deal\n"
        "The agreement immediately buckled, with both sides blaming each other for breaching it."
    )
    cleaned = clean_text(extracted, mode="html")
    assert [d.reason for d in cleaned.dropped] == ["link to another story"]
    assert "Buckled ceasefire deal" in cleaned.text  # headings inside the story stay


def test_json_files_and_rowless_files(tmp_path: Path) -> None:
    story = (DATA / "aggregator_copy.txt").read_text()
    (tmp_path / "one.json").write_text(
        json.dumps({"title": "Offensive in Karabakh", "text": story}, indent=2)
    )
    (tmp_path / "header_only.csv").write_text("url,title,text\n")
    (tmp_path / "notes.xml").write_text("<?xml version='1.0'?><notes><note>Buy milk</note></notes>")
    articles, manifest = run(tmp_path)
    assert manifest[str(tmp_path / "one.json")].article_id == "one"
    assert articles["one"].title == "Offensive in Karabakh"
    assert manifest[str(tmp_path / "header_only.csv")].reason == "empty: no rows"
    assert manifest[str(tmp_path / "notes.xml")].reason == "XML file that is neither a news feed nor HTML"


def test_a_failing_parser_rejects_only_its_file(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(_data: bytes) -> None:
        raise RuntimeError("parser crashed")

    monkeypatch.setattr("crosswire.ingest.readers.feedparser.parse", broken)
    _, manifest = run(DATA / "feed.rss", DATA / "dw_chrome.txt")
    assert manifest[str(DATA / "feed.rss")].reason == "unreadable: RuntimeError: parser crashed"
    assert manifest[str(DATA / "dw_chrome.txt")].status == "analyzed"


def test_hard_wrapped_text_loses_no_line() -> None:
    story = (DATA / "aggregator_copy.txt").read_text().split("\n")[3:12]
    paragraphs = [p for p in story if p.strip()]
    wrapped = "\n\n".join(textwrap.fill(p, 60) for p in paragraphs)
    cleaned = clean_text(wrapped)
    assert cleaned.dropped == []
    assert cleaned.text == wrapped
