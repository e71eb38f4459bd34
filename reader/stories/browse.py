"""The story list as the reader browses it: pages of stories newest first, for a filter, and the counts beside it.

A story stands in the list where its newest article (among those the filter
keeps) stands in the library's date order. Pages are read with keyset paging:
each page starts after the position of the last story of the previous one,
so the thousandth page costs what the first does. The migration
``add_story_list_indexes`` gives every filter an index in that order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from reader.models import Article
from reader.search import count
from reader.search.engine import matching_ids_sql
from reader.search.saved import saved_searches
from reader.store import Library
from reader.store.library import ARTICLE_COLUMNS, article_from_row
from reader.store.stories import story_titles
from reader.store.tags import ALL_TAGGINGS, list_tags, tag_filter

FilterKind = Literal["all", "unread", "starred", "tag", "source", "feed", "query"]

# The library's date order as one sortable value: undated articles sort last,
# as the empty string sorts before any date.
_RECENCY = "coalesce({alias}.published, '')"
_RECENCY_A = _RECENCY.format(alias="a")
_RECENCY_B = _RECENCY.format(alias="b")


@dataclass(frozen=True)
class StoryFilter:
    """Which stories the list shows: every one, the unread or starred ones, those of a tag, a
    source or a feed (its id), or those a search query (a saved search) finds; with ``unread_only``,
    of those only the unread articles."""

    kind: FilterKind = "all"
    value: str | None = None
    unread_only: bool = False

    def condition(self, alias: str) -> tuple[str, list[object]]:
        """The SQL condition an article (under ``alias``) meets to count for this filter.

        :raises QueryError: for a query that cannot mean anything.
        """
        condition, params = self._kind_condition(alias)
        if self.unread_only:
            return f"({condition}) AND {alias}.read = 0", params
        return condition, params

    def _kind_condition(self, alias: str) -> tuple[str, list[object]]:
        if self.kind == "query":
            matching, params = matching_ids_sql(self.value or "")
            return f"{alias}.id IN ({matching})", params
        if self.kind == "unread":
            return f"{alias}.read = 0", []
        if self.kind == "starred":
            return f"{alias}.starred = 1", []
        if self.kind == "source":
            return f"{alias}.source = ?", [self.value]
        if self.kind == "feed":
            return f"{alias}.feed_id = ?", [self.value]
        if self.kind == "tag":
            return tag_filter(self.value or "", column=f"{alias}.id")
        return "1", []


@dataclass(frozen=True)
class PagePosition:
    """Where a story stands in the list: its newest article's date ('' when undated) and id."""

    published: str
    article_id: int


@dataclass
class StoryRow:
    """One line of the story list.

    ``newest`` is the newest article the filter keeps; ``size``, ``sources``,
    ``unread`` and ``tags`` describe the whole story. An article that belongs
    to no story is a story of its own.
    """

    story_id: int | None
    title: str
    size: int
    sources: int
    unread: int
    starred: bool
    newest: Article
    tags: list[str] = field(default_factory=list)

    @property
    def position(self) -> PagePosition:
        """Where the row stands, to ask for the page after it."""
        return PagePosition(self.newest.published or "", self.newest.id)


@dataclass
class LibraryCounts:
    """What the sidebar shows: how many articles in all, unread and starred, per tag and source,
    and the unread articles of each saved search (name, query, count)."""

    total: int
    unread: int
    starred: int
    tags: list[tuple[str, int]]
    sources: list[tuple[str, int]]
    saved: list[tuple[str, str, int]] = field(default_factory=list)


def story_page(
    library: Library,
    story_filter: StoryFilter = StoryFilter(),
    *,
    after: PagePosition | None = None,
    limit: int = 100,
) -> list[StoryRow]:
    """The ``limit`` stories that come after ``after`` (from the top when None), newest first.

    :param story_filter: the stories with at least one article it keeps, each
        placed by the newest of those.
    :raises QueryError: for a query filter that cannot mean anything.
    """
    condition_a, params = story_filter.condition("a")
    condition_b, params_b = story_filter.condition("b")
    where = [condition_a]
    if after is not None:
        # Two terms rather than a row value, so SQLite seeks in the index.
        where.append(f"{_RECENCY_A} <= ? AND ({_RECENCY_A} < ? OR a.id < ?)")
        params = [*params, after.published, after.published, after.article_id]
    # An article heads the list for its story when no newer article of the
    # story meets the filter.
    newest_of_story = (
        "NOT EXISTS (SELECT 1 FROM articles b WHERE b.story_id = a.story_id "
        f"AND {_RECENCY_B} >= {_RECENCY_A} AND ({_RECENCY_B} > {_RECENCY_A} OR b.id > a.id) "
        f"AND {condition_b})"
    )
    rows = library.db.query(
        f"SELECT {_columns('a')} FROM articles a WHERE {' AND '.join(where)} AND {newest_of_story} "
        f"ORDER BY {_RECENCY_A} DESC, a.id DESC LIMIT ?",
        [*params, *params_b, limit],
    )
    newest = library.with_tags([article_from_row(row) for row in rows])
    return story_rows(library, newest)


def unread_ids(library: Library, story_filter: StoryFilter) -> list[int]:
    """The unread articles a filter keeps (what "mark everything in view read" marks).

    :raises QueryError: for a query filter that cannot mean anything.
    """
    condition, params = story_filter.condition("a")
    return [
        row[0] for row in library.db.execute(f"SELECT a.id FROM articles a WHERE {condition} AND a.read = 0", params)
    ]


def _columns(alias: str) -> str:
    return ", ".join(f"{alias}.{column.strip()}" for column in ARTICLE_COLUMNS.split(","))


def story_rows(library: Library, newest: list[Article]) -> list[StoryRow]:
    """Describe the stories of these articles (one row each, the article as its newest), in their order."""
    story_ids = [article.story_id for article in newest if article.story_id is not None]
    if not story_ids:
        return [_standalone(article) for article in newest]
    placeholders = ",".join("?" * len(story_ids))
    titles = story_titles(library, story_ids)
    sizes = {
        row[0]: row[1:]
        for row in library.db.execute(
            "SELECT story_id, count(*), count(DISTINCT source), sum(read = 0), max(starred) "
            f"FROM articles WHERE story_id IN ({placeholders}) GROUP BY story_id",
            story_ids,
        )
    }
    tags: dict[int, list[str]] = {}
    for story_id, name in library.db.execute(
        "SELECT DISTINCT a.story_id, tags.name FROM articles a "
        f"JOIN ({ALL_TAGGINGS}) tagged ON tagged.article_id = a.id JOIN tags ON tags.id = tagged.tag_id "
        f"WHERE a.story_id IN ({placeholders}) ORDER BY tags.name",
        story_ids,
    ):
        tags.setdefault(story_id, []).append(name)
    rows = []
    for article in newest:
        if article.story_id is None or article.story_id not in sizes:
            rows.append(_standalone(article))
            continue
        size, sources, unread, starred = sizes[article.story_id]
        rows.append(
            StoryRow(
                story_id=article.story_id,
                title=titles.get(article.story_id) or article.title,
                size=size,
                sources=sources,
                unread=unread,
                starred=bool(starred),
                newest=article,
                tags=tags.get(article.story_id, []),
            )
        )
    return rows


def _standalone(article: Article) -> StoryRow:
    return StoryRow(
        story_id=None,
        title=article.title,
        size=1,
        sources=1 if article.source else 0,
        unread=0 if article.read else 1,
        starred=article.starred,
        newest=article,
        tags=list(article.tags),
    )


def library_counts(library: Library) -> LibraryCounts:
    """Articles in all, unread, starred, per tag (by name), per source (largest first), and the
    unread ones of each saved search (live: counted now, not remembered from the last refresh)."""
    total, unread, starred = library.db.execute(
        "SELECT count(*), coalesce(sum(read = 0), 0), coalesce(sum(starred = 1), 0) FROM articles"
    ).fetchone()
    tags = [(tag.name, tag.total) for tag in list_tags(library) if tag.total]
    saved = [
        (search.name, search.query, count(library, search.query, unread_only=True))
        for search in saved_searches(library)
    ]
    return LibraryCounts(total, unread, starred, tags, library.sources(), saved)


def story_lead(text: str | None, *, max_chars: int = 400) -> str:
    """The first paragraph of an article's cleaned text, cut at a word near ``max_chars``."""
    paragraph = next((part.strip() for part in (text or "").split("\n\n") if part.strip()), "")
    if len(paragraph) <= max_chars:
        return paragraph
    return paragraph[:max_chars].rsplit(" ", 1)[0] + "…"
