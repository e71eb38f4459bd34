"""Subscription lists: OPML from other readers (nested folders -> tags), newsboat's urls file, OPML export."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.ingest.errors import IngestError
from reader.ingest.opml import (
    Subscription,
    is_subscription_list,
    read_newsboat_urls,
    read_opml,
    read_subscription_list,
    write_opml,
)
from tests.builders import FIXTURE_FEEDS, SHARED_DATA, requires_data

NEWSBOAT = FIXTURE_FEEDS / "newsboat-testdata"


def test_nested_folders_become_tags() -> None:
    subscriptions = read_opml((NEWSBOAT / "example.opml").read_bytes())
    assert len(subscriptions) == 7
    by_title = {item.title: item for item in subscriptions}
    assert by_title["example.com website"] == Subscription("https://example.com/feed.xml", "example.com website", ())
    assert by_title["John's musings"].tags == ("Blogs",)
    assert by_title["Notes by Mike"].tags == ("Blogs", "friends")
    assert by_title["Fred on everything"].tags == ("eloquent",)


def test_category_attribute_gives_tags() -> None:
    [item] = read_opml((NEWSBOAT / "category.opml").read_bytes())
    assert item.tags == ("tag one", "tag_two", "tag/three")


def test_command_feeds_are_left_out() -> None:
    subscriptions = read_opml((NEWSBOAT / "piped.opml").read_bytes())
    assert [item.url for item in subscriptions] == ["https://example.com/feed.atom"]


def test_a_stray_character_before_the_declaration_is_forgiven() -> None:
    document = b'\n<?xml version="1.0"?><opml version="2.0"><body><outline text="News">'
    document += b'<outline type="rss" text="A" xmlUrl="https://a.example/feed"/></outline></body></opml>'
    assert read_opml(document) == [Subscription("https://a.example/feed", "A", ("News",))]


@requires_data("feeds/nom-testdata/test.opml")
def test_a_real_news_opml_with_a_stray_character_is_read() -> None:
    subscriptions = read_opml((SHARED_DATA / "feeds" / "nom-testdata" / "test.opml").read_bytes())
    assert len(subscriptions) == 20 and subscriptions[0].tags == ("News",)


@pytest.mark.parametrize(
    "data, message",
    [
        ((NEWSBOAT / "body-element-missing.opml").read_bytes(), "no <body> element"),
        ((NEWSBOAT / "opml-element-missing.opml").read_bytes(), "no <opml> element"),
        (b"", "not an OPML file"),
        (b"<!DOCTYPE x [<!ENTITY a 'aaaa'>]><opml><body><outline xmlUrl='http://x/&a;'/></body></opml>", "entities"),
    ],
)
def test_broken_opml(data: bytes, message: str) -> None:
    with pytest.raises(IngestError, match=message):
        read_opml(data)


def test_newsboat_urls_file() -> None:
    text = (
        "# my feeds\n"
        'https://example.org/feed.xml tech "long tag" ~"My title" !\n'
        "\n"
        '"query:Unread:unread = \\"yes\\""\n'
        "exec:~/bin/feed.sh\n"
        "http://other.example/rss\n"
    )
    assert read_newsboat_urls(text) == [
        Subscription("https://example.org/feed.xml", "My title", ("tech", "long tag")),
        Subscription("http://other.example/rss", None, ()),
    ]


def test_export_then_import_keeps_titles_and_tags() -> None:
    feeds = [
        ("http://a.example/feed", "A & B <news>", ["économie", "IA"]),
        ("http://b.example/feed", "B", ["économie"]),
        ("http://c.example/feed", "C", []),
    ]
    document = write_opml(feeds)
    assert document.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">')
    assert read_opml(document.encode()) == [
        Subscription("http://a.example/feed", "A & B <news>", ("économie", "IA")),
        Subscription("http://b.example/feed", "B", ("économie",)),
        Subscription("http://c.example/feed", "C", ()),
    ]


def test_subscription_list_files(tmp_path: Path) -> None:
    urls = tmp_path / "urls"
    urls.write_text("https://example.org/feed.xml news\n", encoding="utf-8")
    assert is_subscription_list(urls) and is_subscription_list(NEWSBOAT / "example.opml")
    assert not is_subscription_list(tmp_path / "page.html")
    assert read_subscription_list(urls) == [Subscription("https://example.org/feed.xml", None, ("news",))]
    with pytest.raises(IngestError, match="cannot read"):
        read_subscription_list(tmp_path / "missing.opml")
