"""Marking articles read or unread, starred or not: every article a selection names, in one transaction."""

from __future__ import annotations

from dataclasses import dataclass

from reader.search.engine import matching_ids_sql
from reader.search.query import parse_query
from reader.store import Library
from reader.store.stories import members


class SelectionError(ValueError):
    """A selection naming an article or a story the library does not have; the message names it."""


@dataclass(frozen=True)
class Selection:
    """Articles by id, stories by id (all their articles) and a query (all it matches), together."""

    article_ids: tuple[int, ...] = ()
    story_ids: tuple[int, ...] = ()
    query: str | None = None


@dataclass(frozen=True)
class Marked:
    """What a mark did: the articles selected, how many of them changed, and what was cut of the query."""

    article_ids: list[int]
    changed: int
    notice: str | None = None


def selected_ids(library: Library, selection: Selection) -> list[int]:
    """The ids of every article the selection names, each once, in the order named.

    :raises SelectionError: for an article or a story that is not in the library.
    :raises QueryError: when the query cannot mean anything.
    """
    ids: list[int] = []
    for article_id in selection.article_ids:
        if library.get_article(article_id, with_body=False) is None:
            raise SelectionError(f"no article with id {article_id}")
        ids.append(article_id)
    for story_id in selection.story_ids:
        found = members(library, story_id)
        if not found:
            raise SelectionError(f"no story with id {story_id}")
        ids += found
    if selection.query is not None:
        ids_sql, params = matching_ids_sql(selection.query)
        ids += [row[0] for row in library.db.execute(ids_sql, params)]
    return list(dict.fromkeys(ids))


def mark_articles(
    library: Library, selection: Selection, *, read: bool | None = None, starred: bool | None = None
) -> Marked:
    """Set the read and starred flags of every article the selection names, in one transaction.

    :raises SelectionError: for an article or a story that is not in the library (nothing is changed).
    :raises QueryError: when the query cannot mean anything.
    """
    with library.transaction():
        ids = selected_ids(library, selection)
        changed = library.set_flags_of(ids, read=read, starred=starred)
    notice = parse_query(selection.query).notice if selection.query is not None else None
    return Marked(ids, changed, notice)
