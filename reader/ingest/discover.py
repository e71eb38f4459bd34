"""Feed autodiscovery: the feeds a web page announces in its ``<link rel="alternate">`` tags."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml import html as lxml_html

FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/feed+json",
        "application/json",
    }
)


def looks_like_html(data: bytes, content_type: str | None) -> bool:
    """Whether a response is a web page rather than a feed."""
    if content_type and "html" in content_type.lower():
        return True
    start = data[:1024].lstrip().lower()
    return start.startswith((b"<!doctype html", b"<html"))


def feed_links(data: bytes, page_url: str) -> list[str]:
    """The http(s) URLs of the feeds a page announces, in the page's order, without repeats."""
    try:
        document = lxml_html.document_fromstring(data)
    except (etree.ParserError, ValueError):
        return []
    found: dict[str, None] = {}
    for link in document.iter("link"):
        relations = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").split(";")[0].strip().lower()
        href = (link.get("href") or "").strip()
        if "alternate" in relations and kind in FEED_TYPES and href:
            url = urljoin(page_url, href)
            if urlsplit(url).scheme in ("http", "https"):
                found[url] = None
    return list(found)
