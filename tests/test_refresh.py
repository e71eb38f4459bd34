"""Refreshing feeds end to end: a real server on 127.0.0.1, a real library file."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from reader.ingest.fetch import FetchLimits
from reader.operations import refresh_feeds, subscribe_and_refresh
from reader.store import Library
from reader.store import stories as stored
from reader.store.feeds import get_feed, list_feeds, set_full_text, subscribe
from tests.builders import SHARED_DATA, break_grouping_for, import_seeds, requires_data
from tests.feed_server import TEST_LIMITS, FeedServer, changing_feed

FEEDS = SHARED_DATA / "feeds"
HOSTILE = {
    "/slow": "timed out",
    "/redirect-loop": "too many redirects",
    "/status/404": "HTTP 404",
    "/status/500": "HTTP 500",
    "/status/429": "HTTP 429",
    "/huge": "too large",
    "/bomb": "too large",
    "/laughs": "entit",
}
# The real files that are not feeds, each with the reason given for it: entry
# fragments cut out of a feed, an OPML list, HTML pages, an empty file; and the
# feeds that are not well-formed XML (one cut short, one with a script after its end, one with a bad tag).
NOT_FEEDS = {
    "feedjira-sample-feeds/AmazonWebServicesBlogFirstEntryContent.xml": "mismatched tag",
    "feedjira-sample-feeds/CoryForsyth.xml": "not well-formed XML (line 351, column 0: junk after document element)",
    "feedjira-sample-feeds/InvalidDateFormat.xml": "not well-formed XML (line 21, column 0: no element found)",
    "feedjira-sample-feeds/JustASummary.xml": "not well-formed XML (line 314, column 64: mismatched tag)",
    "feedjira-sample-feeds/HREFConsideredHarmfulFirstEntry.xml": "undefined entity",
    "feedjira-sample-feeds/JoomlapoweredSite.xml": "mismatched tag",
    "feedjira-sample-feeds/PaulDixExplainsNothingFirstEntryContent.xml": "junk after document element",
    "feedjira-sample-feeds/SFRubyorgHome.xml": "not an RSS, Atom or JSON feed",
    "feedjira-sample-feeds/TechCrunchFirstEntry.xml": "junk after document element",
    "feedjira-sample-feeds/TechCrunchFirstEntryDescription.xml": "not well-formed",
    "feedjira-sample-feeds/TenderLovemakingFirstEntry.xml": "junk after document element",
    "feedjira-sample-feeds/google-reader-subscriptions.xml": "not an RSS, Atom or JSON feed",
    "feedjira-sample-feeds/scRUBYt.xml": "not well-formed",
    "feedjira-sample-feeds/titleunknown.xml": "undefined entity",
    "newsboat-testdata/empty.xml": "the document is empty",
}


@pytest.fixture(scope="module")
def server() -> Iterator[FeedServer]:
    with FeedServer(slow_seconds=5) as running:
        yield running


def real_feed_files() -> list[str]:
    return sorted(
        str(path.relative_to(FEEDS)) for path in FEEDS.rglob("*") if path.suffix in {".xml", ".json", ".rss", ".atom"}
    )


@pytest.mark.slow
@requires_data("feeds")
def test_every_real_feed_imports_or_gets_its_own_message(library: Library) -> None:
    files = real_feed_files()
    assert len(files) > 230
    limits = FetchLimits(timeout=10, max_bytes=8 * 1024 * 1024)
    with FeedServer(feeds=FEEDS) as server:
        for relative in files:
            subscribe(library, server.url(f"/feeds/{relative}"))
        report = refresh_feeds(library, limits=limits)

        failed = {outcome.feed.url.split("/feeds/", 1)[1]: outcome.error for outcome in report.failures}
        assert failed.keys() == NOT_FEEDS.keys()
        for relative, reason in NOT_FEEDS.items():
            assert reason in failed[relative] and "\n" not in failed[relative]
        assert library.count_articles() > 2500

        again = refresh_feeds(library, limits=limits)
    assert all(outcome.not_modified for outcome in again.outcomes if not outcome.error)
    assert sum(outcome.added + outcome.updated for outcome in again.outcomes) == 0


def test_hostile_feeds_fail_alone_and_their_state_is_kept(server: FeedServer, library: Library) -> None:
    good = server.url("/generated/7.xml")
    for path in [*HOSTILE, "/generated/7.xml"]:
        subscribe(library, server.url(path))
    report = refresh_feeds(library, limits=TEST_LIMITS)

    errors = {outcome.feed.url.removeprefix(server.base_url): outcome.error for outcome in report.failures}
    assert errors.keys() == HOSTILE.keys()
    for path, reason in HOSTILE.items():
        assert reason in errors[path]
    assert library.count_articles() == 20
    assert "1 failed" not in report.summary() and "8 failed" in report.summary()

    refresh_feeds(library, limits=TEST_LIMITS)
    states = {feed.url: feed for feed in list_feeds(library)}
    assert states[good].last_success and states[good].failures == 0 and states[good].last_error is None
    slow = states[server.url("/slow")]
    assert slow.failures == 2 and slow.last_success is None and "timed out" in slow.last_error


def test_refreshing_again_never_duplicates_and_a_changed_entry_updates(server: FeedServer, library: Library) -> None:
    server.documents["changing.xml"] = changing_feed("Old title")
    subscribe(library, server.url("/doc/changing.xml"), tags=["économie", "IA"])
    first = refresh_feeds(library, limits=TEST_LIMITS).outcomes[0]
    assert (first.added, first.updated) == (2, 0)

    unchanged = refresh_feeds(library, limits=TEST_LIMITS).outcomes[0]
    assert unchanged.not_modified and library.count_articles() == 2

    server.documents["changing.xml"] = changing_feed("New title")
    changed = refresh_feeds(library, limits=TEST_LIMITS).outcomes[0]
    assert (changed.added, changed.updated) == (0, 1)
    titles = sorted(article.title for article in library.list_articles())
    assert titles == ["New title", "Second story"]
    assert all(set(article.tags) == {"économie", "IA"} for article in library.list_articles())
    assert library.find_by_entry_key("urn:story:1") is not None


def test_an_entry_that_cannot_be_stored_is_named_and_the_feed_s_others_are_stored(
    server: FeedServer, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    server.documents["changing.xml"] = changing_feed("Un article que le regroupement ne sait pas ranger")
    subscribe(library, server.url("/doc/changing.xml"))
    break_grouping_for(monkeypatch, lambda title: title.startswith("Un article que"))
    report = refresh_feeds(library, limits=TEST_LIMITS)
    (outcome,) = report.failures
    assert outcome.added == 1 and [article.title for article in library.list_articles()] == ["Second story"]
    assert outcome.describe() == (
        f"{server.url('/doc/changing.xml')}: 1 added, 0 updated, 1 entry not stored: "
        "cannot be stored (RuntimeError: a bug in grouping)"
    )
    assert report.summary() == "1 feed: 1 article added, 0 updated, 1 failed"

    monkeypatch.undo()
    again = refresh_feeds(library, limits=TEST_LIMITS).outcomes[0]
    assert (again.added, again.not_stored) == (1, ()) and library.count_articles() == 2


def test_the_feeds_of_one_refresh_read_the_library_s_vocabulary_once(
    server: FeedServer, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_seeds(library)
    for number in range(3):
        server.documents[f"feed{number}.xml"] = changing_feed(f"Le titre du flux numéro {number}")
        subscribe(library, server.url(f"/doc/feed{number}.xml"))
    reads = []
    read = stored.term_frequencies

    def counted_read(target: Library, *, at_least: int) -> tuple[int, dict[str, int]]:
        reads.append(target.count_articles())
        return read(target, at_least=at_least)

    monkeypatch.setattr(stored, "term_frequencies", counted_read)
    report = refresh_feeds(library, limits=TEST_LIMITS)
    assert len(report.outcomes) == 3 and all(outcome.added + outcome.updated for outcome in report.outcomes)
    assert len(reads) == 1


def test_a_feed_that_moved_for_good_is_followed_and_one_moved_for_now_is_not(
    server: FeedServer, library: Library
) -> None:
    server.documents["new-home.xml"] = changing_feed("At the new address")
    server.documents["other.xml"] = changing_feed("Elsewhere for now")
    subscribe(library, server.url("/moved/301/doc/new-home.xml"))
    subscribe(library, server.url("/moved/302/doc/other.xml"))

    report = refresh_feeds(library, limits=TEST_LIMITS)
    stored = library.count_articles()

    assert not report.failures and stored > 0
    urls = {feed.url for feed in list_feeds(library)}
    assert urls == {server.url("/doc/new-home.xml"), server.url("/moved/302/doc/other.xml")}
    moved = next(outcome for outcome in report.outcomes if outcome.moved_to)
    assert moved.describe().endswith(f"(moved to {server.url('/doc/new-home.xml')})")
    again = refresh_feeds(library, limits=TEST_LIMITS)
    assert all(outcome.not_modified for outcome in again.outcomes)
    assert library.count_articles() == stored


def test_subscribing_to_a_web_page_subscribes_to_the_feed_it_announces(server: FeedServer, library: Library) -> None:
    server.documents["announced.xml"] = changing_feed("Announced")
    server.documents["site.html"] = (
        b'<!doctype html><html><head><link rel="stylesheet" href="/style.css">'
        b'<link rel="alternate" type="application/rss+xml" title="News" href="announced.xml">'
        b"</head><body>A site</body></html>"
    )
    server.documents["bare.html"] = b"<!doctype html><html><head></head><body>No feed here</body></html>"

    report = subscribe_and_refresh(library, [server.url("/doc/site.html"), server.url("/doc/bare.html")])

    assert [feed.url for feed in list_feeds(library)] == [server.url("/doc/announced.xml")]
    assert "Announced" in {article.title for article in library.list_articles()}
    [failure] = report.failures
    assert failure.feed.url == server.url("/doc/bare.html") and "not an RSS, Atom or JSON feed" in failure.error


def test_full_text_feeds_fetch_the_linked_page(server: FeedServer, library: Library) -> None:
    url = server.url("/fulltext.xml")
    subscribe(library, url)
    assert set_full_text(library, url, True)
    report = refresh_feeds(library, limits=TEST_LIMITS)
    assert report.outcomes[0].added == 2
    article = library.get_article(library.find_by_entry_key(server.url("/page/1")).article_id)
    assert article.title == "Story 1"
    assert "65 billion dollars" in article.text and "Copyright" not in article.text
    assert library.raw_input(article.id).format == "html"


def test_subscribing_to_a_url_that_fails_keeps_nothing(server: FeedServer, library: Library) -> None:
    report = subscribe_and_refresh(
        library, [server.url("/status/404"), server.url("/generated/8.xml")], limits=TEST_LIMITS
    )
    assert [outcome.error for outcome in report.failures] == ["HTTP 404 Not Found"]
    assert [feed.url for feed in list_feeds(library)] == [server.url("/generated/8.xml")]
    assert get_feed(library, server.url("/generated/8.xml")).title == "Generated feed 8"


def test_a_reader_open_on_the_library_keeps_working_during_a_refresh(server: FeedServer, db_path) -> None:
    with Library(db_path) as writer, Library(db_path) as app:
        subscribe(writer, server.url("/generated/9.xml"))
        app.db.execute("BEGIN")
        assert app.count_articles() == 0  # a read transaction held open, as a screen reading its list
        report = refresh_feeds(writer, limits=TEST_LIMITS)
        assert not report.failures and writer.count_articles() == 20
        assert app.count_articles() == 0  # its snapshot, undisturbed
        app.db.execute("COMMIT")
        assert app.count_articles() == 20


def test_a_long_retry_after_defers_the_feed_until_then(server: FeedServer, library: Library) -> None:
    url = server.url("/status/429?retry_after=3600")
    subscribe(library, url)
    first = refresh_feeds(library, limits=TEST_LIMITS)
    assert first.outcomes[0].error == "HTTP 429 Too Many Requests, retry after 3600 s"
    assert get_feed(library, url).retry_at is not None
    hits = server.hits["/status/429"]

    second = refresh_feeds(library, limits=TEST_LIMITS)
    assert second.outcomes[0].deferred and not second.failures
    assert "as the server asked" in second.outcomes[0].describe() and "1 deferred" in second.summary()
    assert server.hits["/status/429"] == hits  # not asked again


def test_what_a_server_says_is_stored_without_terminal_escapes(server: FeedServer, library: Library) -> None:
    subscribe(library, server.url("/status/403?reason=%1B%5B31mGo%0Baway%1B%5D0%3Bowned%07"))
    [outcome] = refresh_feeds(library, limits=TEST_LIMITS).outcomes
    assert outcome.error.startswith("HTTP 403") or outcome.error.startswith("network error")
    assert "\x1b" not in outcome.error and "\x07" not in outcome.error and "\n" not in outcome.error
    assert "\x1b" not in list_feeds(library)[0].last_error


def test_only_web_links_become_article_links(server: FeedServer, library: Library) -> None:
    links = {
        "Scripted": "javascript:alert(document.cookie)",
        "Inline": "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "Local": "file:///etc/passwd",
        "Web": "https://example.org/story",
    }
    items = "".join(
        f"<item><title>{title}</title><link>{link}</link><guid>urn:{title}</guid>"
        f"<description>The {title} entry, with a text long enough to be an article.</description></item>"
        for title, link in links.items()
    )
    server.documents["links.xml"] = f'<rss version="2.0"><channel><title>Links</title>{items}</channel></rss>'.encode()
    report = subscribe_and_refresh(library, [server.url("/doc/links.xml")], limits=TEST_LIMITS)
    assert report.outcomes[0].added == 4
    stored = {article.title: article for article in library.list_articles()}
    assert {title: article.url for title, article in stored.items()} == {
        "Scripted": None,
        "Inline": None,
        "Local": None,
        "Web": "https://example.org/story",
    }
    raw = library.raw_input(stored["Scripted"].id)
    assert raw is not None and b"javascript:alert(document.cookie)" in raw.data
