"""Articles out of the library as records: what ``reader show ID --json`` prints, for any selection."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from reader.models import Article
from reader.search.engine import matching_ids_sql
from reader.store import Library
from reader.store.library import NEWEST_FIRST
from reader.text.figures import Figure


def article_json(article: Article, figures: Iterable[Figure]) -> dict[str, Any]:
    """An article with its cleaned text and its key figures (offsets into the text)."""
    return {**article.to_json(with_text=True), "figures": [figure.to_json() for figure in figures]}


def article_records(library: Library, query: str | None = None) -> Iterator[dict[str, Any]]:
    """Every article matching ``query`` (all of them without one), newest first, as :func:`article_json` gives it.

    :raises QueryError: when the query cannot mean anything.
    """
    where = ""
    params: list[object] = []
    if query:
        ids_sql, params = matching_ids_sql(query)
        where = f"WHERE id IN ({ids_sql})"
    ids = [row[0] for row in library.db.execute(f"SELECT id FROM articles {where} ORDER BY {NEWEST_FIRST}", params)]
    for article_id in ids:
        article = library.get_article(article_id)
        if article is not None:
            yield article_json(article, library.figures(article_id))
