"""Subscribed feeds: what the library subscribes to, and how each feed's last fetches went."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from reader.store.library import Library
from reader.store.tags import usable_names

_COLUMNS = (
    "id, url, title, site_url, tags, full_text, etag, last_modified, "
    "last_checked, last_success, last_error, failures, retry_at"
)


@dataclass
class Feed:
    """A subscription and its fetch state."""

    id: int
    url: str
    title: str | None = None
    site_url: str | None = None
    tags: list[str] = field(default_factory=list)
    full_text: bool = False
    etag: str | None = None
    last_modified: str | None = None
    last_checked: str | None = None
    last_success: str | None = None
    last_error: str | None = None
    failures: int = 0
    retry_at: str | None = None  # ISO 8601 UTC: not to be fetched before (the server said so)

    def to_json(self) -> dict[str, Any]:
        """The feed as JSON for ``reader feeds --json``."""
        return {
            "id": self.id,
            "url": self.url,
            "title": self.title,
            "site_url": self.site_url,
            "tags": list(self.tags),
            "full_text": self.full_text,
            "last_checked": self.last_checked,
            "last_success": self.last_success,
            "last_error": self.last_error,
            "failures": self.failures,
            "retry_at": self.retry_at,
        }


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def subscribe(
    library: Library, url: str, *, title: str | None = None, tags: list[str] | None = None
) -> tuple[Feed, bool]:
    """Subscribe to the feed at ``url``; return it and whether it is new.

    Subscribing again to a known URL adds the tags given and fills a missing title.
    Names that cannot be tags (see :func:`reader.store.tags.canonical_name`) are left out.
    """
    existing = get_feed(library, url)
    tags = usable_names(tags or [])
    if existing is not None:
        merged = usable_names(existing.tags + tags)
        library.db.execute(
            "UPDATE feeds SET tags = ?, title = coalesce(title, ?) WHERE id = ?",
            [json.dumps(merged, ensure_ascii=False), title, existing.id],
        )
        return cast(Feed, get_feed(library, url)), False
    library.db.execute(
        "INSERT INTO feeds (url, title, tags, added_at) VALUES (?, ?, ?, ?)",
        [url, title, json.dumps(tags or [], ensure_ascii=False), _now()],
    )
    return cast(Feed, get_feed(library, url)), True


def get_feed(library: Library, url: str) -> Feed | None:
    """The feed subscribed to at ``url``, if any."""
    rows = list(library.db.query(f"SELECT {_COLUMNS} FROM feeds WHERE url = ?", [url]))
    return _feed(rows[0]) if rows else None


def list_feeds(library: Library) -> list[Feed]:
    """Every subscribed feed, by title then URL."""
    return [
        _feed(row)
        for row in library.db.query(f"SELECT {_COLUMNS} FROM feeds ORDER BY coalesce(title, url) COLLATE NOCASE, url")
    ]


def set_full_text(library: Library, url: str, full_text: bool) -> bool:
    """Fetch (or stop fetching) the linked page of each new entry; False when not subscribed."""
    cursor = library.db.execute("UPDATE feeds SET full_text = ? WHERE url = ?", [int(full_text), url])
    return cursor.rowcount > 0


def rename_feed(library: Library, url: str, title: str) -> bool:
    """Give a feed the title it is listed by; False when not subscribed."""
    with library.transaction():
        cursor = library.db.execute("UPDATE feeds SET title = ? WHERE url = ?", [title, url])
    return cursor.rowcount > 0


def feed_counts(library: Library) -> dict[int, tuple[int, int]]:
    """Each feed's articles and unread articles, by feed id (a feed with none is left out)."""
    rows = library.db.execute(
        "SELECT feed_id, count(*), sum(read = 0) FROM articles WHERE feed_id IS NOT NULL GROUP BY feed_id"
    )
    return {feed_id: (articles, unread) for feed_id, articles, unread in rows}


def unsubscribe(library: Library, url: str) -> bool:
    """Forget a feed (its articles stay); False when not subscribed."""
    with library.transaction():
        feed = get_feed(library, url)
        if feed is None:
            return False
        library.db.execute("UPDATE articles SET feed_id = NULL WHERE feed_id = ?", [feed.id])
        library.db.execute("DELETE FROM feeds WHERE id = ?", [feed.id])
    return True


def record_success(
    library: Library,
    feed: Feed,
    *,
    title: str | None,
    site_url: str | None,
    etag: str | None,
    last_modified: str | None,
) -> None:
    """Note a fetch that worked (a 304 included): the validators for next time, no failures."""
    now = _now()
    library.db.execute(
        "UPDATE feeds SET title = coalesce(?, title), site_url = coalesce(?, site_url), etag = ?, "
        "last_modified = ?, last_checked = ?, last_success = ?, last_error = NULL, failures = 0, "
        "retry_at = NULL "
        "WHERE id = ?",
        [title, site_url, etag, last_modified, now, now, feed.id],
    )


def move_feed(library: Library, feed: Feed, url: str) -> bool:
    """Follow a feed to the address it moved to for good; False when another feed already has it."""
    if get_feed(library, url) is not None:
        return False
    library.db.execute("UPDATE feeds SET url = ? WHERE id = ?", [url, feed.id])
    return True


def record_failure(library: Library, feed: Feed, reason: str, *, retry_after: float | None = None) -> None:
    """Note a fetch that failed, and why.

    :param retry_after: seconds the server asked us to wait before the next fetch.
    """
    now = datetime.now(UTC)
    retry_at = (now + timedelta(seconds=retry_after)).isoformat(timespec="seconds") if retry_after else None
    library.db.execute(
        "UPDATE feeds SET last_checked = ?, last_error = ?, failures = failures + 1, retry_at = ? WHERE id = ?",
        [now.isoformat(timespec="seconds"), reason, retry_at, feed.id],
    )


def _feed(row: dict[str, Any]) -> Feed:
    return Feed(
        id=row["id"],
        url=row["url"],
        title=row["title"],
        site_url=row["site_url"],
        tags=json.loads(row["tags"] or "[]"),
        full_text=bool(row["full_text"]),
        etag=row["etag"],
        last_modified=row["last_modified"],
        last_checked=row["last_checked"],
        last_success=row["last_success"],
        last_error=row["last_error"],
        failures=row["failures"],
        retry_at=row["retry_at"],
    )
