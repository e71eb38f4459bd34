"""Saved searches, and rules: saved searches that tag the articles they match.

A rule tags each new or updated article it matches as it is imported (files
and feeds alike, through :func:`apply_rules`), and the whole library on demand
(:func:`apply_rule`, one SQL statement per rule). Rules only ever add tags.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

from reader.search.engine import matching_condition, matching_ids_sql
from reader.search.query import parse
from reader.store import Library
from reader.store.tags import key_of, tag_ids
from reader.text.sanitize import strip_control

_COLUMNS = "s.name, s.query, tags.name"
_FROM = "saved_searches s LEFT JOIN tags ON tags.id = s.tag_id"
_IDS_PER_STATEMENT = 500


class SavedSearchError(ValueError):
    """A saved search that cannot be made or is not there; the message names it."""


@dataclass(frozen=True)
class SavedSearch:
    """A named query; with a ``tag`` it is a rule that gives that tag to the articles it matches."""

    name: str
    query: str
    tag: str | None = None

    def to_json(self) -> dict[str, Any]:
        """``{"name": ..., "query": ..., "tag": ... or null}``."""
        return {"name": self.name, "query": self.query, "tag": self.tag}


def save_search(library: Library, name: str, query: str, *, tag: str | None = None) -> tuple[SavedSearch, bool]:
    """Save ``query`` under ``name`` (replacing a saved search of that name); return it and whether it is new.

    :param tag: make it a rule giving this tag.
    :raises SavedSearchError: for an empty name or one with control characters.
    :raises QueryError: for a query that cannot mean anything.
    :raises TagError: for a tag name that cannot be a tag.
    """
    clean = " ".join(name.split())
    if not clean or strip_control(name) != name:
        raise SavedSearchError(f"saved search {name!r}: needs a name without control characters")
    parse(query)
    with library.transaction():
        tag_id = tag_ids(library, [tag])[0] if tag is not None else None
        is_new = get_saved_search(library, clean) is None
        library.db.execute(
            "INSERT INTO saved_searches (name, key, query, tag_id, added_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (key) DO UPDATE SET name = excluded.name, query = excluded.query, tag_id = excluded.tag_id",
            [clean, _key(clean), query, tag_id, datetime.now(UTC).isoformat(timespec="seconds")],
        )
    return cast(SavedSearch, get_saved_search(library, clean)), is_new


def saved_searches(library: Library, *, rules_only: bool = False) -> list[SavedSearch]:
    """Every saved search (or only the rules), by name."""
    where = "WHERE s.tag_id IS NOT NULL" if rules_only else ""
    return [SavedSearch(*row) for row in library.db.execute(f"SELECT {_COLUMNS} FROM {_FROM} {where} ORDER BY s.key")]


def get_saved_search(library: Library, name: str) -> SavedSearch | None:
    """The saved search called ``name`` (case aside), if any."""
    row = library.db.execute(f"SELECT {_COLUMNS} FROM {_FROM} WHERE s.key = ?", [_key(name)]).fetchone()
    return SavedSearch(*row) if row else None


def remove_saved_search(library: Library, name: str) -> bool:
    """Forget a saved search (the tags its rule gave stay); False when there is none of that name."""
    return library.db.execute("DELETE FROM saved_searches WHERE key = ?", [_key(name)]).rowcount > 0


def _key(name: str) -> str:
    """Saved searches are known by name, whitespace collapsed and case aside, as tags are."""
    return key_of(" ".join(name.split()))


def apply_rules(library: Library, article_ids: Sequence[int]) -> int:
    """Tag these articles (new or updated, at import) as every rule they match says; return how many taggings.

    One statement per rule, testing each article through index seeks, whatever the library's size.
    """
    given = 0
    rules = library.db.execute("SELECT query, tag_id FROM saved_searches WHERE tag_id IS NOT NULL").fetchall()
    for start in range(0, len(article_ids) if rules else 0, _IDS_PER_STATEMENT):
        chunk = list(article_ids[start : start + _IDS_PER_STATEMENT])
        for rule_query, tag_id in rules:
            condition, params = matching_condition(rule_query)
            given += library.db.execute(
                "INSERT OR IGNORE INTO article_tags (article_id, tag_id) SELECT a.id, ? FROM articles a "
                f"WHERE a.id IN ({','.join('?' * len(chunk))}) AND {condition}",
                [tag_id, *chunk, *params],
            ).rowcount
    return given


def apply_rule(library: Library, rule: SavedSearch) -> int:
    """Tag every article of the library that ``rule`` matches, in one statement; return how many were newly tagged."""
    if rule.tag is None:
        raise SavedSearchError(f"saved search {rule.name!r} gives no tag: it is not a rule")
    select, params = matching_ids_sql(rule.query)
    with library.transaction():
        tag_id = tag_ids(library, [rule.tag])[0]
        return library.db.execute(
            f"INSERT OR IGNORE INTO article_tags (article_id, tag_id) SELECT id, ? FROM ({select})", [tag_id, *params]
        ).rowcount
