"""Subscriptions in the library: subscribing twice, per-feed state, unsubscribing, entry keys."""

from __future__ import annotations

from reader.models import ParsedDocument, RawInput
from reader.operations import Status, store_document
from reader.store import Library
from reader.store.feeds import get_feed, record_failure, record_success, subscribe, unsubscribe
from reader.store.tags import tag_articles

URL = "https://example.org/feed.xml"


def test_subscribing_again_merges_tags_and_keeps_the_title(library: Library) -> None:
    feed, new = subscribe(library, URL, title="Example", tags=["news"])
    assert new and feed.tags == ["news"] and feed.title == "Example"
    again, new = subscribe(library, URL, title="Other", tags=["NEWS", "tech"])
    assert not new and again.id == feed.id
    assert again.tags == ["news", "tech"] and again.title == "Example"


def test_state_counts_failures_in_a_row_and_a_success_resets_them(library: Library) -> None:
    feed, _ = subscribe(library, URL)
    record_failure(library, feed, "HTTP 500 Internal Server Error")
    record_failure(library, feed, "timed out after 30 s")
    failing = get_feed(library, URL)
    assert failing.failures == 2 and failing.last_error == "timed out after 30 s" and failing.last_success is None
    record_success(library, feed, title="Example", site_url="https://example.org/", etag='"v1"', last_modified=None)
    ok = get_feed(library, URL)
    assert ok.failures == 0 and ok.last_error is None and ok.last_success and ok.etag == '"v1"'
    assert ok.title == "Example"


def test_entries_update_by_key_and_unsubscribing_keeps_articles(library: Library) -> None:
    feed, _ = subscribe(library, URL, tags=["IA"])
    first = ParsedDocument(
        title="Before", text="La première version du texte.", markdown="x", url="https://example.org/1"
    )
    status, article_id = store_document(
        library, first, RawInput(b"v1", "feed-entry", "utf-8"), entry_key="urn:1", feed_id=feed.id, tags=feed.tags
    )
    assert status is Status.ADDED
    tag_articles(library, [article_id], ["ia"])  # same tag, another case: not added twice
    changed = ParsedDocument(
        title="After", text="La seconde version du texte.", markdown="y", url="https://example.org/1"
    )
    assert store_document(
        library, changed, RawInput(b"v2", "feed-entry", "utf-8"), entry_key="urn:1", feed_id=feed.id
    ) == (Status.UPDATED, article_id)
    article = library.get_article(article_id)
    assert article.title == "After" and article.tags == ["IA"]

    assert unsubscribe(library, URL) and not unsubscribe(library, URL)
    assert library.count_articles() == 1


def test_a_feed_is_renamed_and_its_articles_counted(library: Library) -> None:
    from reader.store.feeds import feed_counts, rename_feed
    from tests.builders import add_article

    feed, _ = subscribe(library, URL, title="Example")
    other, _ = subscribe(library, "https://example.net/feed.xml")
    ids = [add_article(library, f"Entry {number}", f"Body {number}.") for number in range(3)]
    library.db.execute(f"UPDATE articles SET feed_id = ? WHERE id IN ({ids[0]}, {ids[1]})", [feed.id])
    library.set_flags(ids[0], read=True)
    assert feed_counts(library) == {feed.id: (2, 1)}  # a feed with no article is left out
    assert rename_feed(library, URL, "Renamed") and get_feed(library, URL).title == "Renamed"
    assert not rename_feed(library, "https://nowhere.example/feed.xml", "x")
    assert get_feed(library, other.url).title is None
