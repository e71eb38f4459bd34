"""The feed commands end to end: reader add URL|OPML|urls, refresh, feeds, feeds set, export --format opml."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import pytest

from tests.builders import FIXTURE_FEEDS, PROJECT_ROOT, SHARED_DATA, requires_data, run_cli
from tests.feed_server import FeedServer, generated_feed


@pytest.fixture(scope="module")
def server() -> Iterator[FeedServer]:
    with FeedServer(slow_seconds=2) as running:
        yield running


def test_add_a_feed_url_subscribes_and_fetches(server: FeedServer, db_path: Path) -> None:
    url = server.url("/feeds/miniflux-parser-testdata/no_encoding_ISO-8859-1.xml")
    result = run_cli("add", url, db=db_path)
    assert result.exit_code == 0, result.output
    assert f"subscribed: {url}: 9 added, 0 updated" in result.output  # the 10th item is empty

    articles = json.loads(run_cli("list", "--json", db=db_path).output)
    assert len(articles) == 9 and articles[0]["lang"] == "fr"
    assert articles[0]["source"] == "Flux RSS du magazine de psychologie Le Cercle Psy"

    [feed] = json.loads(run_cli("feeds", "--json", db=db_path).output)
    assert feed["url"] == url and feed["failures"] == 0 and feed["last_success"]


def test_add_a_url_that_is_not_a_feed(server: FeedServer, db_path: Path) -> None:
    url = server.url("/page/1")
    result = run_cli("add", url, db=db_path)
    assert result.exit_code == 1
    assert f"error: {url}: not an RSS, Atom or JSON feed" in result.output and "(not subscribed)" in result.output
    assert json.loads(run_cli("feeds", "--json", db=db_path).output) == []


def test_a_feed_that_is_not_well_formed_is_refused_with_its_reason(server: FeedServer, db_path: Path) -> None:
    whole = generated_feed(3, items=4)
    server.documents["truncated.xml"] = whole[: whole.index(b"</item>") + len(b"</item>") + 20]
    url = server.url("/doc/truncated.xml")
    result = run_cli("add", url, db=db_path)
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    reason = r"not well-formed XML \(line 1, column \d+: no element found\)"
    assert re.fullmatch(rf"error: {re.escape(url)}: {reason} \(not subscribed\)", line), line
    assert json.loads(run_cli("feeds", "--json", db=db_path).output) == []
    assert json.loads(run_cli("list", "--json", db=db_path).output) == []

    run_cli("add", server.url("/generated/5.xml"), db=db_path)
    server.documents["later.xml"] = generated_feed(6, items=2)
    later = server.url("/doc/later.xml")
    assert run_cli("add", later, db=db_path).exit_code == 0
    server.documents["later.xml"] = generated_feed(6, items=2).replace(b"</channel>", b"</chanel>")
    refreshed = run_cli("refresh", db=db_path)
    assert refreshed.exit_code == 1
    [line] = refreshed.stderr.splitlines()
    reason = r"not well-formed XML \(line 1, column \d+: mismatched tag\)"
    assert re.fullmatch(rf"error: {re.escape(later)}: {reason}", line), line
    assert later in {feed["url"] for feed in json.loads(run_cli("feeds", "--json", db=db_path).output)}


def test_a_harmless_complaint_of_feedparser_keeps_the_entries(server: FeedServer, db_path: Path) -> None:
    server.documents["misdeclared.xml"] = (
        b'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Caf\xe9</title>'
        b"<item><title>\xc9t\xe9 br\xfblant</title><link>http://example.org/1</link>"
        b"<description>Un \xe9t\xe9 tr\xe8s chaud dans le sud de la France, selon M\xe9t\xe9o-France.</description></item>"
        b"</channel></rss>"
    )
    url = server.url("/doc/misdeclared.xml")
    result = run_cli("add", url, db=db_path)
    assert result.exit_code == 0 and f"subscribed: {url}: 1 added, 0 updated" in result.stdout
    assert [article["title"] for article in json.loads(run_cli("list", "--json", db=db_path).output)] == ["Été brûlant"]


def test_opml_import_tags_then_refresh_and_export(server: FeedServer, db_path: Path, tmp_path: Path) -> None:
    opml = tmp_path / "subscriptions.opml"
    opml.write_text(
        f"""<?xml version="1.0"?><opml version="1.0"><head><title>Mine</title></head><body>
        <outline text="Actualités"><outline text="Économie">
          <outline type="rss" text="Generated" xmlUrl="{server.url("/generated/31.xml")}"/>
        </outline></outline>
        <outline type="rss" text="Gone" xmlUrl="{server.url("/status/404")}"/>
        </body></opml>""",
        encoding="utf-8",
    )
    result = run_cli("add", str(opml), db=db_path)
    assert result.exit_code == 0 and "2 feeds subscribed, 0 already" in result.output

    refreshed = run_cli("refresh", "--timeout", "2", db=db_path)
    assert refreshed.exit_code == 1
    assert f"error: {server.url('/status/404')}: HTTP 404 Not Found" in refreshed.output
    assert "2 feeds: 20 articles added, 0 updated, 1 failed" in refreshed.output
    articles = json.loads(run_cli("list", "--json", db=db_path).output)
    assert all(article["tags"] == ["Actualités", "Économie"] for article in articles)

    listing = run_cli("feeds", db=db_path).output
    assert "Generated feed 31  #Actualités #Économie" in listing
    assert "failing (1 in a row): HTTP 404 Not Found" in listing

    exported = run_cli("export", "--format", "opml", db=db_path).output
    assert 'category="Actualités,Économie"' in exported and server.url("/generated/31.xml") in exported
    written = tmp_path / "exported.opml"
    assert run_cli("export", "--format", "opml", "-o", written, db=db_path).exit_code == 0
    assert written.read_bytes().startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">')
    root = ElementTree.parse(written).getroot()  # a strict XML parser, reading the declared encoding
    folder = root.find("body/outline")
    assert folder is not None and folder.get("text") == "Actualités"
    assert {outline.get("xmlUrl") for outline in root.iter("outline") if outline.get("type") == "rss"} == {
        server.url("/generated/31.xml"),
        server.url("/status/404"),
    }


def test_refresh_exits_0_when_every_feed_refreshed(server: FeedServer, db_path: Path) -> None:
    run_cli("add", server.url("/generated/32.xml"), db=db_path)
    result = run_cli("refresh", db=db_path)
    assert result.exit_code == 0 and result.output.strip() == "1 feed: 0 articles added, 0 updated, 0 failed"


def test_newsboat_urls_file(db_path: Path, tmp_path: Path) -> None:
    urls = tmp_path / "urls"
    urls.write_text('https://example.org/feed.xml news "long tag"\nquery:x:unread = "yes"\n', encoding="utf-8")
    assert run_cli("add", str(urls), db=db_path).exit_code == 0
    [feed] = json.loads(run_cli("feeds", "--json", db=db_path).output)
    assert feed["tags"] == ["news", "long tag"] and feed["last_success"] is None


def test_feeds_set_full_text_and_remove(server: FeedServer, db_path: Path) -> None:
    url = server.url("/fulltext.xml")
    run_cli("add", url, db=db_path)
    assert run_cli("feeds", "set", url, "--full-text", db=db_path).exit_code == 0
    assert json.loads(run_cli("feeds", "--json", db=db_path).output)[0]["full_text"] is True
    missing = run_cli("feeds", "set", "http://nowhere.example/", "--full-text", db=db_path)
    assert missing.exit_code == 1 and "not subscribed" in missing.output
    assert run_cli("feeds", "remove", url, db=db_path).exit_code == 0
    assert json.loads(run_cli("feeds", "--json", db=db_path).output) == []
    assert len(json.loads(run_cli("list", "--json", db=db_path).output)) == 2  # the articles stay


def test_refresh_runs_without_a_terminal(server: FeedServer, db_path: Path) -> None:
    run_cli("add", server.url("/generated/33.xml"), db=db_path)
    completed = subprocess.run(
        [sys.executable, "-m", "reader", "--db", str(db_path), "refresh"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        timeout=60,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == "1 feed: 0 articles added, 0 updated, 0 failed"


def test_opml_files_import_and_a_broken_one_is_named(db_path: Path) -> None:
    result = run_cli("add", str(FIXTURE_FEEDS / "newsboat-testdata" / "example.opml"), db=db_path)
    assert result.exit_code == 0 and "7 feeds subscribed" in result.output
    broken = run_cli("add", str(FIXTURE_FEEDS / "newsboat-testdata" / "body-element-missing.opml"), db=db_path)
    assert (
        broken.exit_code == 1 and "no <body> element" in broken.output and "body-element-missing.opml" in broken.output
    )


@requires_data("feeds/nom-testdata/test.opml")
def test_a_real_news_opml_imports(db_path: Path) -> None:
    result = run_cli("add", str(SHARED_DATA / "feeds" / "nom-testdata" / "test.opml"), db=db_path)
    assert result.exit_code == 0 and "20 feeds subscribed" in result.output
