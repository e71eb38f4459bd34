"""What the user made of a library, out to JSON and back onto another library.

The state holds the articles that carry something of the user's (tags of
their own or of their story, read, starred), each known by its content hash,
URL and title; the saved searches and rules; the feeds. Restoring it onto a
library (one rebuilt from the same sources, say) finds each article by its
content hash, else its URL, and only ever adds: tags are added, read and
starred are set, never cleared. Restoring the same state twice changes
nothing the second time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal, overload

from reader.search import QueryError
from reader.search.saved import SavedSearchError, save_search, saved_searches
from reader.store import Library
from reader.store.feeds import list_feeds, set_full_text, subscribe
from reader.store.library import content_hash_text
from reader.store.tags import TagError, carry_story_tags, own_and_story_tags, spread_story_tags, tag_articles
from reader.text.plural import counted

STATE_FORMAT = "reader-state"
STATE_VERSION = 1


class StateError(ValueError):
    """A state that cannot be restored; the message says which part and why."""


@dataclass
class RestoreReport:
    """What a restore did: articles found and not found, saved searches and feeds restored."""

    matched: int = 0
    unmatched: list[dict[str, Any]] = field(default_factory=list)
    saved_searches: int = 0
    feeds: int = 0
    new_feeds: int = 0

    def summary(self) -> str:
        """``12 articles matched, 1 not found; 2 saved searches; 3 feeds (1 new)``."""
        return (
            f"{counted(self.matched, 'article')} matched, {len(self.unmatched):,} not found; "
            f"{counted(self.saved_searches, 'saved search')}; {counted(self.feeds, 'feed')} ({self.new_feeds:,} new)"
        )


def export_state(library: Library) -> dict[str, Any]:
    """The library's user state as JSON data (see the module's docstring)."""
    articles = []
    for article_id, url, content_hash, title, read, starred in library.db.execute(
        "SELECT id, url, content_hash, title, read, starred FROM articles a WHERE read OR starred "
        "OR EXISTS (SELECT 1 FROM article_tags WHERE article_id = a.id) "
        "OR EXISTS (SELECT 1 FROM story_tags WHERE article_id = a.id) ORDER BY id"
    ).fetchall():
        own, through_story = own_and_story_tags(library, article_id)
        articles.append(
            {
                "url": url,
                "content_hash": content_hash_text(content_hash),
                "title": title,
                "tags": own,
                "story_tags": through_story,
                "read": bool(read),
                "starred": bool(starred),
            }
        )
    return {
        "format": STATE_FORMAT,
        "version": STATE_VERSION,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "articles": articles,
        "saved_searches": [saved.to_json() for saved in saved_searches(library)],
        "feeds": [
            {"url": feed.url, "title": feed.title, "tags": feed.tags, "full_text": feed.full_text}
            for feed in list_feeds(library)
        ],
    }


def restore_state(library: Library, state: Any) -> RestoreReport:
    """Restore an exported state onto ``library``, in one transaction (all of it or nothing).

    :raises StateError: for data that is not a reader state, or a part of it that cannot be used.
    """
    if not isinstance(state, dict) or state.get("format") != STATE_FORMAT:
        raise StateError(f'not a reader state (no "format": "{STATE_FORMAT}")')
    if not isinstance(state.get("version"), int) or state["version"] > STATE_VERSION:
        raise StateError(f"state version {state.get('version')!r} is not one this reader knows")
    report = RestoreReport()
    try:
        with library.transaction():
            for feed in _items(state, "feeds"):
                url = _text(feed, "url")
                _, is_new = subscribe(
                    library, url, title=_text(feed, "title", optional=True), tags=_names(feed, "tags")
                )
                if feed.get("full_text"):
                    set_full_text(library, url, True)
                report.feeds += 1
                report.new_feeds += is_new
            for saved in _items(state, "saved_searches"):
                save_search(
                    library, _text(saved, "name"), _text(saved, "query"), tag=_text(saved, "tag", optional=True)
                )
                report.saved_searches += 1
            for article in _items(state, "articles"):
                article_id = _find(library, article)
                if article_id is None:
                    report.unmatched.append(article)
                    continue
                _restore_article(library, article_id, article)
                report.matched += 1
            spread_story_tags(library)
    except (TagError, QueryError, SavedSearchError) as error:
        raise StateError(str(error)) from error
    return report


def _items(state: dict[str, Any], key: str) -> list[dict[str, Any]]:
    items = state.get(key, [])
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise StateError(f'"{key}" must be a list of objects')
    return items


@overload
def _text(item: dict[str, Any], key: str, *, optional: Literal[False] = False) -> str: ...
@overload
def _text(item: dict[str, Any], key: str, *, optional: bool) -> str | None: ...
def _text(item: dict[str, Any], key: str, *, optional: bool = False) -> str | None:
    value = item.get(key)
    if not isinstance(value, str) and not (optional and value is None):
        raise StateError(f'an entry has no "{key}" text: {str(item)[:80]}')
    return value


def _names(item: dict[str, Any], key: str) -> list[str]:
    names = item.get(key) or []
    if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
        raise StateError(f'"{key}" must be a list of names: {str(item)[:80]}')
    return names


def _find(library: Library, article: dict[str, Any]) -> int | None:
    """The library's article for an exported one: same content hash, else same URL."""
    content_hash, url = article.get("content_hash"), article.get("url")
    found = library.find_by_hash(content_hash) if isinstance(content_hash, str) else None
    if found is None and isinstance(url, str):
        found = library.find_by_url(url)
    return found.article_id if found is not None else None


def _restore_article(library: Library, article_id: int, article: dict[str, Any]) -> None:
    tag_articles(library, [article_id], _names(article, "tags"))
    carry_story_tags(library, [article_id], _names(article, "story_tags"))
    library.set_flags(
        article_id, read=True if article.get("read") else None, starred=True if article.get("starred") else None
    )
