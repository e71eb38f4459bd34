"""Remove articles: out of their stories first, then out of the library, in one transaction."""

from __future__ import annotations

from collections.abc import Iterable

from reader.store import Library
from reader.stories.grouping import tidy_stories, ungroup


def remove_articles(library: Library, article_ids: Iterable[int]) -> int:
    """Delete articles with everything that belongs to them; return how many existed."""
    ids = list(article_ids)
    with library.transaction():
        stories = ungroup(library, ids)
        removed = library.remove_articles(ids)
        tidy_stories(library, stories)
    return removed


def remove_source(library: Library, source: str) -> int:
    """Delete every article of a source; return how many."""
    return remove_articles(library, library.articles_of_source(source))
