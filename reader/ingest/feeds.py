"""Feed documents -> articles: RSS 0.9x/1.0/2.0 and Atom (feedparser), JSON Feed (ours).

feedparser copes with any encoding (declared or not), unparsable dates (left
out) and relative links (resolved against the feed's URL). A document that is
not well-formed XML (a truncated download, a mismatched tag) is refused with
feedparser's reason, even where its loose parser would recover some entries:
what it recovered may be a part of the feed only. Its harmless complaints (an
encoding declared wrongly, a Content-Type that is not XML, a namespace prefix
such as ``itunes:`` used undeclared in a document otherwise whole) are not: the
entries parsed are kept. Blank space before the XML declaration, a common server slip,
is dropped first, and so are control characters (which XML forbids and terminals obey). Each
entry becomes a ParsedDocument: its HTML content (or summary) as Markdown with
markdownify and as cleaned plain text, and a stable key, its guid or else its
link, so that fetching the feed again updates the entry's article rather than
adding another.
"""

from __future__ import annotations

import calendar
import codecs
import contextlib
import hashlib
import html as html_lib
import json
import re
import xml.sax
from copy import deepcopy
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any
from xml.parsers.expat import errors as expat_errors

import feedparser
from lxml import etree
from lxml import html as lxml_html
from markdownify import markdownify

from reader.ingest.errors import IngestError
from reader.ingest.jsonfeed import is_json_feed, parse_json_feed
from reader.ingest.plaintext import derive_title
from reader.ingest.xmlguard import declares_entities
from reader.models import ParsedDocument, RawInput
from reader.text.sanitize import normalize_text, strip_control, strip_control_bytes

RAW_FORMAT = "feed-entry"  # RawInput.format of a feed entry: its fields as JSON

_BLOCKS = (
    "p",
    "div",
    "section",
    "article",
    "blockquote",
    "pre",
    "ul",
    "ol",
    "li",
    "table",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "figure",
    "figcaption",
    "dl",
    "dt",
    "dd",
    "hr",
)
_MARKDOWN_OPTIONS: dict[str, Any] = {"heading_style": "ATX", "bullets": "-", "strip": ["img"]}


@dataclass(frozen=True)
class FeedEntry:
    """One entry of a feed, ready to store."""

    key: str
    document: ParsedDocument
    raw: RawInput


@dataclass(frozen=True)
class ParsedFeed:
    """A feed's own title and site, and its entries."""

    title: str | None
    site_url: str | None
    entries: list[FeedEntry]


def parse_feed(data: bytes, url: str, *, content_type: str | None = None) -> ParsedFeed:
    """Parse a feed document fetched from ``url``.

    :param data: the document as it arrived (any encoding).
    :param url: where it came from: relative links are resolved against it.
    :param content_type: the HTTP Content-Type, when known (it may name the charset).
    :raises IngestError: when the document is not a feed.
    """
    if not data.strip():
        raise IngestError("not a feed: the document is empty")
    if is_json_feed(data):
        title, site_url, items = parse_json_feed(data, url)
    else:
        title, site_url, items = _parse_xml_feed(data, url, content_type)
    entries = [entry for item in items if (entry := _entry(item, url, title)) is not None]
    return ParsedFeed(title=title, site_url=site_url, entries=_distinct_keys(entries, url))


def _distinct_keys(entries: list[FeedEntry], feed_url: str) -> list[FeedEntry]:
    """Entries sharing a key (two items, one link, no guid) told apart by their content."""
    seen: set[str] = set()
    distinct = []
    for entry in entries:
        if entry.key in seen:
            entry = replace(entry, key=f"{feed_url}#sha256:{hashlib.sha256(entry.raw.data).hexdigest()}")
        seen.add(entry.key)
        distinct.append(entry)
    return distinct


def _parse_xml_feed(
    data: bytes, url: str, content_type: str | None
) -> tuple[str | None, str | None, list[dict[str, Any]]]:
    if declares_entities(data):
        raise IngestError("refused: the feed declares XML entities (an entity-expansion attack?)")
    trimmed = data.lstrip()
    if trimmed.removeprefix(codecs.BOM_UTF8).startswith(b"<") and not trimmed.startswith(b"<\x00"):  # not UTF-16
        data = strip_control_bytes(trimmed)
    parsed = feedparser.parse(
        data,
        response_headers={"content-location": url, "content-type": content_type or "application/xml"},
        sanitize_html=True,
        resolve_relative_uris=True,
    )
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        detail = f" ({problem})" if problem else ""
        raise IngestError(f"not an RSS, Atom or JSON feed{detail}")
    problem = parsed.get("bozo_exception")
    if isinstance(problem, xml.sax.SAXParseException) and problem.getMessage() != expat_errors.XML_ERROR_UNBOUND_PREFIX:
        where = f"line {problem.getLineNumber()}, column {problem.getColumnNumber()}"
        raise IngestError(f"not well-formed XML ({where}: {problem.getMessage()})")
    meta = parsed.feed
    items = [_feedparser_item(entry) for entry in parsed.entries]
    return _clean_line(meta.get("title")), meta.get("link"), items


def _feedparser_item(entry: Any) -> dict[str, Any]:
    """A feedparser entry as the plain fields JSON Feed items are also reduced to."""
    content = entry.get("content") or []
    body = next((part for part in content if "html" in part.get("type", "")), content[0] if content else None)
    if body is None and entry.get("summary"):
        body = {"value": entry.get("summary"), "type": entry.get("summary_detail", {}).get("type", "text/html")}
    body_html = None
    if body is not None:
        value = body.get("value") or ""
        body_html = value if "html" in body.get("type", "text/html") else f"<p>{html_lib.escape(value)}</p>"
    # Plain dict lookups: feedparser's own map a missing date to the other with a warning.
    when = dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")
    published = datetime.fromtimestamp(calendar.timegm(when), tz=UTC).replace(tzinfo=None).isoformat() if when else None
    return {
        "id": entry.get("id"),
        "link": entry.get("link"),
        "title": entry.get("title"),
        "published": published,
        "author": entry.get("author"),
        "html": body_html,
    }


def _entry(item: dict[str, Any], feed_url: str, feed_title: str | None) -> FeedEntry | None:
    """An entry's fields -> what is stored; None for an entry with neither title nor text."""
    body = _fragment(item.get("html") or "", item.get("link") or feed_url)
    text = _plain_text(body) if body is not None else ""
    markdown = _markdown(body) if body is not None else ""
    title = _clean_line(_strip_tags(item.get("title") or "")) or (
        derive_title(text.split("\n\n", 1)[0]) if text else None
    )
    if not title:
        return None
    document = ParsedDocument(
        title=title,
        text=text or title,
        markdown=markdown or title,
        published=item.get("published"),
        author=_clean_line(item.get("author")),
        site_name=feed_title,
        url=item.get("link"),
    )
    raw = json.dumps(item, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return FeedEntry(key=_key(item, feed_url, raw), document=document, raw=RawInput(raw, RAW_FORMAT, "utf-8"))


def _key(item: dict[str, Any], feed_url: str, raw: bytes) -> str:
    """The entry's guid (scoped to its feed unless it is a URL or URN), else its link, else its content."""
    guid = (item.get("id") or "").strip()
    if guid:
        return guid if ":" in guid else f"{feed_url}#{guid}"
    if item.get("link"):
        return item["link"]
    return f"{feed_url}#sha256:{hashlib.sha256(raw).hexdigest()}"


def _fragment(html: str, base_url: str) -> lxml_html.HtmlElement | None:
    """The entry's HTML as a tree, scripts and styles removed, links made absolute."""
    html = strip_control(html)
    if not html.strip():
        return None
    try:
        tree = lxml_html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return None
    for element in list(tree.iter("script", "style", "noscript")):
        element.drop_tree()
    with contextlib.suppress(ValueError):
        tree.make_links_absolute(base_url, handle_failures="discard")
    return tree


def _plain_text(tree: lxml_html.HtmlElement) -> str:
    """Plain text, one paragraph per block element, blank lines between."""
    tree = deepcopy(tree)
    for element in tree.iter():
        if element.tag in _BLOCKS:
            element.text = "\n\n" + (element.text or "")
            element.tail = "\n\n" + (element.tail or "")
        elif element.tag == "br":
            element.tail = "\n\n" + (element.tail or "")
    paragraphs = (" ".join(block.split()) for block in re.split(r"\n\s*\n", tree.text_content()))
    return normalize_text("\n\n".join(paragraph for paragraph in paragraphs if paragraph))


def _markdown(tree: lxml_html.HtmlElement) -> str:
    markdown = markdownify(lxml_html.tostring(tree, encoding="unicode"), **_MARKDOWN_OPTIONS)
    return re.sub(r"\n{3,}", "\n\n", normalize_text(markdown)).strip()


def _strip_tags(value: str) -> str:
    if "<" not in value:
        return value
    try:
        return lxml_html.fragment_fromstring(strip_control(value), create_parent="span").text_content()
    except (etree.ParserError, ValueError):
        return value


def _clean_line(value: str | None) -> str | None:
    if not value:
        return None
    return " ".join(normalize_text(value).split()) or None
