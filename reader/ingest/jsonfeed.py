"""JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1), which feedparser does not read.

Items are reduced to the same plain fields as feedparser's entries (``id``,
``link``, ``title``, ``published``, ``author``, ``html``) so that one function
turns both into articles.
"""

from __future__ import annotations

import html as html_lib
import json
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

from reader.ingest.errors import IngestError

_VERSION_PREFIX = "https://jsonfeed.org/version/"


def is_json_feed(data: bytes) -> bool:
    """Whether ``data`` looks like JSON rather than XML (a JSON Feed or nothing)."""
    return data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"


def parse_json_feed(data: bytes, url: str) -> tuple[str | None, str | None, list[dict[str, Any]]]:
    """The feed's title, home page and items.

    :param url: where the feed came from: relative item URLs are resolved against it.
    :raises IngestError: when the data is not a JSON Feed.
    """
    try:
        feed = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise IngestError(f"not a JSON Feed: invalid JSON ({error})") from error
    if not isinstance(feed, dict) or not str(feed.get("version", "")).startswith(_VERSION_PREFIX):
        raise IngestError("not a JSON Feed: no jsonfeed.org version")
    items = feed.get("items")
    if not isinstance(items, list):
        raise IngestError("not a JSON Feed: no list of items")
    home = _string(feed.get("home_page_url"))
    return (
        _string(feed.get("title")),
        home and urljoin(url, home),
        [_item(item, url) for item in items if isinstance(item, dict)],
    )


def _item(item: dict[str, Any], feed_url: str) -> dict[str, Any]:
    link = _string(item.get("url")) or _string(item.get("external_url"))
    body = _string(item.get("content_html"))
    if body is None and (plain := _string(item.get("content_text")) or _string(item.get("summary"))):
        body = "".join(f"<p>{html_lib.escape(block)}</p>" for block in plain.split("\n\n"))
    return {
        "id": _string(item.get("id")) if not isinstance(item.get("id"), int) else str(item["id"]),
        "link": link and urljoin(feed_url, link),
        "title": _string(item.get("title")),
        "published": _date(_string(item.get("date_published")) or _string(item.get("date_modified"))),
        "author": _author(item),
        "html": body,
    }


def _author(item: dict[str, Any]) -> str | None:
    authors = item["authors"] if isinstance(item.get("authors"), list) else [item.get("author")]
    names = [_string(author.get("name")) for author in authors if isinstance(author, dict)]
    return ", ".join(name for name in names if name) or None


def _date(value: str | None) -> str | None:
    """An RFC 3339 date in UTC without its offset, as feedparser gives dates; None when unparsable."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.isoformat()


def _string(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
