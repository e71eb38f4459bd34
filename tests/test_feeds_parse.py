"""Feed documents -> entries: formats, encodings, dates, links, stable keys, hostile XML."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.ingest.discover import feed_links, looks_like_html
from reader.ingest.errors import IngestError
from reader.ingest.feeds import parse_feed
from reader.ingest.xmlguard import declares_entities
from tests.builders import FIXTURE_FEEDS, SHARED_DATA, requires_data
from tests.feed_server import BILLION_LAUGHS

BASE = "http://example.org/blog/feed.xml"


def parse(relative: str, folder: Path = FIXTURE_FEEDS):
    return parse_feed((folder / relative).read_bytes(), BASE)


@pytest.mark.parametrize(
    "relative, kind",
    [
        ("newsboat-testdata/rss091_1.xml", "RSS 0.91"),
        ("newsboat-testdata/rss092_1.xml", "RSS 0.92"),
        ("newsboat-testdata/rss10_1.xml", "RSS 1.0"),
        ("newsboat-testdata/rss20_1.xml", "RSS 2.0"),
        ("newsboat-testdata/atom10_1.xml", "Atom"),
        ("feedjira-sample-feeds/json_feed.json", "JSON Feed"),
    ],
)
def test_every_format_gives_entries(relative: str, kind: str) -> None:
    feed = parse(relative)
    assert feed.entries, kind
    for entry in feed.entries:
        assert entry.key and entry.document.title and entry.document.text


def test_iso_8859_1_without_declaration_is_read_as_french() -> None:
    feed = parse("miniflux-parser-testdata/no_encoding_ISO-8859-1.xml")
    titles = " ".join(entry.document.title for entry in feed.entries)
    assert "é" in titles and "Ã" not in titles
    assert feed.entries[0].document.title == "Perturbateurs endocriniens : quels effets sur le cerveau ?"


def test_windows_1251_is_read_as_cyrillic() -> None:
    title = "Новости дня: рынок растёт"
    data = (
        '<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel><title>Лента</title>'
        f"<item><title>{title}</title><description>Подробности в статье.</description></item></channel></rss>"
    ).encode("cp1251")
    assert parse_feed(data, BASE).entries[0].document.title == title


@requires_data("feeds/miniflux-parser-testdata/encoding_WINDOWS-1251.xml")
def test_a_real_windows_1251_feed_is_read_as_cyrillic() -> None:
    feed = parse("miniflux-parser-testdata/encoding_WINDOWS-1251.xml", SHARED_DATA / "feeds")
    assert any("\u0400" <= char <= "\u04ff" for char in feed.entries[0].document.title)


def _assert_dates_left_out_or_plausible(relative: str, folder: Path) -> None:
    feed = parse(relative, folder)
    assert feed.entries, relative
    for entry in feed.entries:
        published = entry.document.published
        assert published is None or published[:2] in ("19", "20"), (relative, published)


def test_bad_dates_are_left_out_not_fatal() -> None:
    cut_short = (FIXTURE_FEEDS / "feedjira-sample-feeds" / "InvalidDateFormat.xml").read_bytes()
    with pytest.raises(IngestError, match=r"not well-formed XML \(line 21, column 0: no element found\)"):
        parse_feed(cut_short, BASE)
    whole = parse_feed(cut_short + b"</rss>\n", BASE)  # the file lacks its last tag
    assert whole.entries and all(
        entry.document.published[:2] in ("19", "20") for entry in whole.entries if entry.document.published
    )
    data = b"""<rss version="2.0"><channel><title>T</title>
    <item><title>A</title><pubDate>Moonday, 45 Smarch 20225 99:99:99 XYZ</pubDate><description>x</description></item>
    <item><title>B</title><pubDate>not a date</pubDate><description>y</description></item></channel></rss>"""
    assert [entry.document.published for entry in parse_feed(data, BASE).entries] == [None, None]


@requires_data("feeds/nom-testdata/bad_date.xml", "feeds/nom-testdata/bad_pub_date.rss")
@pytest.mark.parametrize("relative", ["nom-testdata/bad_date.xml", "nom-testdata/bad_pub_date.rss"])
def test_real_feeds_with_bad_dates_are_read(relative: str) -> None:
    _assert_dates_left_out_or_plausible(relative, SHARED_DATA / "feeds")


def test_relative_links_are_resolved_against_the_feed_url() -> None:
    data = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
    <item><title>One</title><link>/posts/1</link>
    <description>&lt;p&gt;See &lt;a href="../other"&gt;the other one&lt;/a&gt;.&lt;/p&gt;</description></item>
    </channel></rss>"""
    entry = parse_feed(data, BASE).entries[0]
    assert entry.document.url == "http://example.org/posts/1"
    assert "(http://example.org/other)" in entry.document.markdown
    assert entry.document.text == "See the other one."


def test_json_feed_fields() -> None:
    feed = parse("feedjira-sample-feeds/json_feed.json")
    first = feed.entries[0]
    assert feed.title == "inessential.com"
    assert first.document.published == "2017-06-03T05:05:47"
    assert first.document.url.startswith("http://inessential.com/2017/06/02/")
    assert "<" not in first.document.text


def test_html_content_becomes_markdown_and_clean_text() -> None:
    data = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
    <entry><id>urn:uuid:1</id><title type="html">Caf&amp;eacute; &lt;b&gt;news&lt;/b&gt;</title>
    <content type="html">&lt;h2&gt;Part&lt;/h2&gt;&lt;p&gt;Some &lt;em&gt;strong&lt;/em&gt; words.&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;ul&gt;&lt;li&gt;one&lt;/li&gt;&lt;li&gt;two&lt;/li&gt;&lt;/ul&gt;</content>
    </entry></feed>"""
    document = parse_feed(data, BASE).entries[0].document
    assert document.title == "Café news"
    assert document.text == "Part\n\nSome strong words.\n\none\n\ntwo"
    assert "## Part" in document.markdown and "*strong*" in document.markdown and "- one" in document.markdown
    assert "alert" not in document.markdown + document.text


def test_keys_are_stable_and_scoped() -> None:
    first = [entry.key for entry in parse("newsboat-testdata/rss20_2.xml").entries]
    again = [entry.key for entry in parse("newsboat-testdata/rss20_2.xml").entries]
    assert first == again and len(set(first)) == len(first)  # two items share a link: told apart
    data = b"""<rss version="2.0"><channel><title>T</title>
    <item><title>A</title><guid isPermaLink="false">42</guid></item>
    <item><title>B</title><link>http://example.org/b</link></item></channel></rss>"""
    keys = [entry.key for entry in parse_feed(data, BASE).entries]
    assert keys == [f"{BASE}#42", "http://example.org/b"]


def test_entity_expansion_is_refused() -> None:
    with pytest.raises(IngestError, match="entit"):
        parse_feed(BILLION_LAUGHS, BASE)


_DECLARATION = b'<?xml version="1.0"?>'
_DOCTYPE_AND_ROOT = BILLION_LAUGHS.removeprefix(_DECLARATION)


@pytest.mark.parametrize(
    "document",
    [
        _DECLARATION + b"<!-- <a href='x'> -->" + _DOCTYPE_AND_ROOT,
        _DECLARATION + b"<?pi <rss?>" + _DOCTYPE_AND_ROOT,
        BILLION_LAUGHS.decode()
        .replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="utf-16"?>')
        .encode("utf-16"),
        BILLION_LAUGHS.decode().encode("utf-16-le"),
        BILLION_LAUGHS.decode().encode("utf-16-be"),
        b"<!-- \xff\xfe broken prolog --" + _DOCTYPE_AND_ROOT,
        b"  \n" + BILLION_LAUGHS,
    ],
    ids=[
        "comment holding <a",
        "processing instruction",
        "utf-16 with BOM",
        "utf-16-le no BOM",
        "utf-16-be no BOM",
        "broken prolog",
        "blank first",
    ],
)
def test_the_entity_guard_reads_the_prolog_as_xml_does(document: bytes) -> None:
    assert declares_entities(document)
    with pytest.raises(IngestError, match=r"refused: the feed declares XML entities"):
        parse_feed(document, BASE)


def test_a_doctype_without_entities_and_markup_in_comments_pass_the_guard() -> None:
    rss091 = (
        b'<?xml version="1.0"?><!-- <!ENTITY in a comment> --><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
        b'"http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91"><channel><title>T</title>'
        b"<item><title>A</title><link>http://example.org/a</link><description>x</description></item></channel></rss>"
    )
    assert not declares_entities(rss091)
    assert [entry.document.title for entry in parse_feed(rss091, BASE).entries] == ["A"]


def test_terminal_escapes_are_stripped() -> None:
    data = b"""<rss version="2.0"><channel><title>T</title><item><title>Red \x1b[31malert</title>
    <description>Body \x1b]0;owned\x07text</description></item></channel></rss>"""
    document = parse_feed(data, BASE).entries[0].document
    assert "\x1b" not in document.title + document.text + document.markdown


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty"),
        (b"<html><body>Just a page</body></html>", "not an RSS, Atom or JSON feed"),
        (b'{"title": "no version"}', "not a JSON Feed"),
        (b"{broken", "invalid JSON"),
    ],
)
def test_non_feeds_get_a_clear_message(data: bytes, message: str) -> None:
    with pytest.raises(IngestError, match=message):
        parse_feed(data, BASE)


def test_a_page_announces_its_feeds_in_order_resolved_and_only_over_http() -> None:
    page = b"""<!DOCTYPE html><html><head>
    <link rel="alternate" type="application/atom+xml" href="/atom.xml">
    <link rel="Alternate" type="application/rss+xml; charset=utf-8" href="https://cdn.example.org/rss">
    <link rel="alternate" type="application/rss+xml" href="/atom.xml">
    <link rel="alternate" type="text/html" hreflang="fr" href="/fr/">
    <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
    </head><body></body></html>"""

    assert looks_like_html(page, None) and not looks_like_html(b"<?xml version='1.0'?><rss/>", "application/xml")
    assert feed_links(page, "https://example.org/blog/") == [
        "https://example.org/atom.xml",
        "https://cdn.example.org/rss",
    ]
    assert feed_links(b"", "https://example.org/") == []
