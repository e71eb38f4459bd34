"""Subscription lists in and out: OPML (Miniflux, FreshRSS, newsboat...) and newsboat's ``urls`` file.

An OPML outline with an ``xmlUrl`` is a feed; the folders (outlines without
one) it sits in, and its ``category`` attribute, become its tags. Export writes
each feed in the folder of its first tag and lists all its tags in
``category``, so importing the file again gives the same tags.
"""

from __future__ import annotations

import shlex
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from reader.ingest.decode import decode_bytes
from reader.ingest.errors import IngestError
from reader.ingest.files import read_input
from reader.ingest.xmlguard import declares_entities
from reader.text.sanitize import normalize_text


@dataclass(frozen=True)
class Subscription:
    """A feed to subscribe to, as a subscription list names it."""

    url: str
    title: str | None = None
    tags: tuple[str, ...] = ()


def read_opml(data: bytes) -> list[Subscription]:
    """The feeds of an OPML document, in order (outlines whose URL is not http(s), such as
    newsboat's ``|command`` feeds, are left out).

    :raises IngestError: when the data is not OPML.
    """
    if declares_entities(data):
        raise IngestError("refused: the file declares XML entities (an entity-expansion attack?)")
    # No entity expansion, no network, no huge trees; recover from the small
    # slips real exports make (a stray character before the declaration...).
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
    try:
        root = etree.fromstring(data[max(data.find(b"<"), 0) :], parser)
    except etree.XMLSyntaxError as error:
        raise IngestError(f"not an OPML file ({error})") from error
    if root is None or etree.QName(root).localname.lower() != "opml":
        raise IngestError("not an OPML file (no <opml> element)")
    body = next((child for child in root if isinstance(child.tag, str) and child.tag.lower() == "body"), None)
    if body is None:
        raise IngestError("not an OPML file (no <body> element)")
    return list(_outlines(body, ()))


def _outlines(parent: etree._Element, folders: tuple[str, ...]) -> Iterable[Subscription]:
    for outline in parent:
        if not isinstance(outline.tag, str) or outline.tag.lower() != "outline":
            continue
        title = _clean(outline.get("title")) or _clean(outline.get("text"))
        url = _clean(outline.get("xmlUrl") or outline.get("xmlurl"))
        if url and url.startswith(("http://", "https://")):
            yield Subscription(url, title, _unique(folders + _categories(outline.get("category"))))
        elif not url:
            yield from _outlines(outline, folders + ((_clean(outline.get("text")) or title,) if title else ()))


def _categories(value: str | None) -> tuple[str, ...]:
    """``category="/News,tech/ai"`` -> ("News", "tech/ai")."""
    if not value:
        return ()
    return tuple(tag for item in value.split(",") if (tag := _clean(item.strip("/ "))))


def read_newsboat_urls(text: str) -> list[Subscription]:
    """The feeds of a newsboat ``urls`` file: a URL, then its tags, per line.

    A tag starting with ``~`` is the feed's title; ``!`` (hidden) is ignored,
    comments (``#``) and newsboat's ``query:``, ``exec:`` and ``filter:`` lines
    are skipped, being no feed to fetch.
    """
    subscriptions = []
    for line in text.splitlines():
        try:
            words = shlex.split(line, comments=True)
        except ValueError:  # an unclosed quote: take the words as they are
            words = line.split()
        if not words or not words[0].startswith(("http://", "https://")):
            continue
        url, rest = words[0], words[1:]
        title = next((word[1:] for word in rest if word.startswith("~")), None)
        tags = tuple(word for word in rest if not word.startswith(("~", "!")))
        subscriptions.append(Subscription(url, _clean(title), _unique(tags)))
    return subscriptions


# What an exported document starts with: it is written in UTF-8.
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'


def write_opml(feeds: Iterable[tuple[str, str | None, list[str]]], *, title: str = "reader subscriptions") -> str:
    """An OPML 2.0 document for ``(url, title, tags)`` triples, with its XML declaration, to be written in UTF-8."""
    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = title
    body = etree.SubElement(root, "body")
    folders: dict[str, etree._Element] = {}
    for url, feed_title, tags in feeds:
        parent = body
        if tags:
            if tags[0] not in folders:
                folders[tags[0]] = etree.SubElement(body, "outline", text=tags[0], title=tags[0])
            parent = folders[tags[0]]
        outline = etree.SubElement(parent, "outline", type="rss", text=feed_title or url, xmlUrl=url)
        if feed_title:
            outline.set("title", feed_title)
        if tags:
            outline.set("category", ",".join(tags))
    return XML_DECLARATION + etree.tostring(root, encoding="unicode", pretty_print=True)


def _unique(tags: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for tag in tags:
        seen.setdefault(tag.lower(), tag)
    return tuple(seen.values())


def _clean(value: str | None) -> str | None:
    if not value:
        return None
    return " ".join(normalize_text(value).split()) or None


def is_subscription_list(path: Path) -> bool:
    """Whether ``path`` names a subscription list: an ``.opml`` file or a newsboat ``urls`` file."""
    return path.suffix.lower() == ".opml" or path.name == "urls"


def read_subscription_list(path: Path) -> list[Subscription]:
    """The feeds listed in an OPML or newsboat ``urls`` file.

    :raises IngestError: when the file cannot be read or is not such a list.
    """
    try:
        data = read_input(path)  # through the cap, a pipe too
    except IngestError as error:
        raise IngestError(f"cannot read the file ({error})") from error
    if path.suffix.lower() == ".opml":
        return read_opml(data)
    return read_newsboat_urls(decode_bytes(data).text)
