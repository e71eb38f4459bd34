"""Run a query against a library: ranked hits with snippets, the total, typo suggestions."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from reader.models import Article
from reader.search.compile import Plan, condition, filter_condition, plan
from reader.search.query import Filter, parse, parse_query
from reader.search.snippets import Snippet, Terms, make_snippet, query_terms
from reader.search.suggest import doubtful_words, suggestions
from reader.store import Library
from reader.store.library import article_from_row
from reader.store.search_index import SEARCH_TABLE

# bm25 weights of the index columns: a word in the title counts ten times one in the body.
TITLE_WEIGHT = 10.0
BODY_WEIGHT = 1.0
# With --stories, how many hits are read to fill the requested number of stories.
_STORY_FANOUT = 5

_COLUMNS = (
    "a.id, a.title, a.source, a.url, a.path, a.published, a.lang, a.author, a.site_name, "
    "a.story_id, a.read, a.starred, a.added_at, a.updated_at, a.text"
)
# The order of the recency indexes (migration add_story_list_indexes): undated articles last.
_RECENT_FIRST = "coalesce(a.published, '') DESC, a.id DESC"
_TEXT_AND_ARTICLES = f"{SEARCH_TABLE} JOIN articles a ON a.id = {SEARCH_TABLE}.rowid"


@dataclass
class Hit:
    """One article found, its score (higher is better) and snippet; ``sources`` for a story line."""

    article: Article
    score: float
    snippet: Snippet
    sources: int | None = None

    def to_json(self) -> dict[str, Any]:
        """The article JSON plus ``score`` and ``snippet`` (matched words between ``**``)."""
        data = self.article.to_json()
        data["score"] = self.score
        data["snippet"] = self.snippet.marked()
        if self.sources is not None:
            data["sources"] = self.sources
        return data


@dataclass
class SearchResult:
    """The hits shown, how many articles match in all, words to try for unknown ones, and what of the query was cut."""

    hits: list[Hit]
    total: int
    suggestions: list[str] = field(default_factory=list)
    notice: str | None = None

    def to_json(self) -> dict[str, Any]:
        """``{"hits": [...], "total": N, "suggestions": [...]}``."""
        return {
            "hits": [hit.to_json() for hit in self.hits],
            "total": self.total,
            "suggestions": self.suggestions,
        }


def search(library: Library, query: str, *, limit: int = 20, stories: bool = False) -> SearchResult:
    """Find the articles matching ``query``, best first (ties: most recent first).

    :param limit: at most this many hits (or stories).
    :param stories: one hit per story (articles without a story stand alone),
        each with the number of sources that matched.
    :raises QueryError: when the query cannot mean anything.
    """
    parsed = parse_query(query)
    tree = parsed.node
    compiled = plan(tree)
    ranked, total = _ranked(library, compiled, limit * _STORY_FANOUT if stories else limit)
    terms = query_terms(tree)
    hits = [_hit(row, terms) for row in _articles(library, ranked)]
    library.with_tags([hit.article for hit in hits])
    if stories:
        hits = _by_story(hits)[:limit]
    hints = [hint for word, docs in doubtful_words(library.db, tree) for hint in suggestions(library.db, word, docs)]
    return SearchResult(hits, total, list(dict.fromkeys(hints)), parsed.notice)


def count(library: Library, query: str, *, unread_only: bool = False) -> int:
    """How many articles match ``query`` (only the unread ones with ``unread_only``): a saved search's count.

    :raises QueryError: when the query cannot mean anything.
    """
    compiled = plan(parse(query))
    if unread_only:
        sql, params = filter_condition(Filter("is", "unread"))
        compiled.conditions.append(sql)
        compiled.params.extend(params)
    where, params = _where(compiled)
    return _count(library, _source(compiled), where, params)


def matches(library: Library, query: str, article_id: int) -> bool:
    """Whether one article matches ``query``: a few index seeks, whatever the library's size.

    :raises QueryError: when the query cannot mean anything.
    """
    sql, params = matching_condition(query)
    return bool(
        library.db.execute(
            f"SELECT EXISTS (SELECT 1 FROM articles a WHERE a.id = ? AND {sql})", [article_id, *params]
        ).fetchone()[0]
    )


@lru_cache(maxsize=256)
def matching_condition(query: str) -> tuple[str, tuple[object, ...]]:
    """A condition on the row ``a`` of the articles table that holds when it matches ``query``, and its parameters.

    It is tested per row through index seeks, so it suits a few given articles, not a scan of the library.

    :raises QueryError: when the query cannot mean anything.
    """
    sql, params = condition(parse(query), per_row=True)
    return sql, tuple(params)


def matching_ids_sql(query: str) -> tuple[str, list[object]]:
    """A SELECT of the ids of every article matching ``query``, with its parameters (for one statement over the library).

    :raises QueryError: when the query cannot mean anything.
    """
    compiled = plan(parse(query))
    where, params = _where(compiled)
    return f"SELECT a.id FROM {_source(compiled)} WHERE {where}", params


def _source(compiled: Plan) -> str:
    """What a plan's conditions are tested on: the index joined to the articles, or the articles alone."""
    return _TEXT_AND_ARTICLES if compiled.match is not None else "articles a"


def _where(compiled: Plan) -> tuple[str, list[object]]:
    conditions = list(compiled.conditions)
    params = list(compiled.params)
    if compiled.match is not None:
        conditions.insert(0, f"{SEARCH_TABLE} MATCH ?")
        params.insert(0, compiled.match)
    return " AND ".join(conditions) or "1", params


def _ranked(library: Library, compiled: Plan, limit: int) -> tuple[list[tuple[int, float]], int]:
    """The ids and scores of the best ``limit`` articles, and how many match in all.

    Text and conditions together are ranked and counted in one pass; otherwise
    the count is cheaper on its own (FTS5 counts its matches without reading
    articles; filters alone are listed newest first straight off the date index).
    """
    where, params = _where(compiled)
    if compiled.match is None:
        recent = library.db.execute(
            f"SELECT a.id, 0.0 FROM articles a WHERE {where} ORDER BY {_RECENT_FIRST} LIMIT ?", [*params, limit]
        ).fetchall()
        return recent, _count(library, "articles a", where, params)
    score = f"-bm25({SEARCH_TABLE}, {TITLE_WEIGHT}, {BODY_WEIGHT})"
    if not compiled.conditions:
        ranked = _ranked_by_text(library, compiled.match, limit)
        if ranked is None:
            ranked = library.db.execute(
                f"SELECT a.id, {score} AS score FROM {_TEXT_AND_ARTICLES} WHERE {where} "
                f"ORDER BY score DESC, {_RECENT_FIRST} LIMIT ?",
                [*params, limit],
            ).fetchall()
        return ranked, _count(library, SEARCH_TABLE, where, params)
    # bm25() cannot sit beside a window function: score in a subquery kept apart by LIMIT -1.
    rows = library.db.execute(
        f"SELECT id, score, count(*) OVER () FROM (SELECT a.id, {score} AS score, a.published "
        f"FROM {_TEXT_AND_ARTICLES} WHERE {where} LIMIT -1) a ORDER BY score DESC, {_RECENT_FIRST} LIMIT ?",
        [*params, limit],
    ).fetchall()
    return [(row[0], row[1]) for row in rows], rows[0][2] if rows else 0


def _ranked_by_text(library: Library, match: str, limit: int) -> list[tuple[int, float]] | None:
    """The best ``limit`` by score from FTS5 alone, ties then put in date order here.

    Reading a date for every match costs more than ranking them, so twice the
    hits are ranked on score alone and only they are dated. That is exact unless
    the last of them ties with the ``limit``-th (then None: rank with the dates).
    """
    fetched = library.db.execute(
        f"SELECT rowid, -bm25({SEARCH_TABLE}, {TITLE_WEIGHT}, {BODY_WEIGHT}) AS score "
        f"FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH ? ORDER BY score DESC LIMIT ?",
        [match, 2 * limit],
    ).fetchall()
    if len(fetched) == 2 * limit and fetched[-1][1] == fetched[limit - 1][1]:
        return None
    placeholders = ",".join("?" * len(fetched))
    published = dict(
        library.db.execute(
            f"SELECT id, published FROM articles WHERE id IN ({placeholders})", [row[0] for row in fetched]
        ).fetchall()
    )
    # Stable sorts, last key first: id, then date (undated last), then score.
    fetched.sort(key=lambda row: row[0], reverse=True)
    fetched.sort(key=lambda row: published.get(row[0]) or "", reverse=True)
    fetched.sort(key=lambda row: published.get(row[0]) is None)
    fetched.sort(key=lambda row: row[1], reverse=True)
    return fetched[:limit]


def _count(library: Library, source: str, where: str, params: list[object]) -> int:
    return library.db.execute(f"SELECT count(*) FROM {source} WHERE {where}", params).fetchone()[0]


def _articles(library: Library, ranked: list[tuple[int, float]]) -> list[dict[str, Any]]:
    """The ranked articles read whole, in rank order, each with its score."""
    scores = dict(ranked)
    placeholders = ",".join("?" * len(scores))
    rows = {
        row["id"]: {**row, "score": scores[row["id"]]}
        for row in library.db.query(f"SELECT {_COLUMNS} FROM articles a WHERE a.id IN ({placeholders})", list(scores))
    }
    return [rows[article_id] for article_id in scores]


def _hit(row: dict[str, Any], terms: Terms) -> Hit:
    article = article_from_row(row)
    return Hit(article, round(row["score"], 4), make_snippet(row["text"], row["lang"], terms))


def _by_story(hits: list[Hit]) -> list[Hit]:
    """The best hit of each story, in rank order, with how many sources of the story matched."""
    best: dict[int | tuple[str, int], Hit] = {}
    sources: dict[int | tuple[str, int], set[str | None]] = {}
    for hit in hits:
        key = hit.article.story_id if hit.article.story_id is not None else ("article", hit.article.id)
        best.setdefault(key, hit)
        sources.setdefault(key, set()).add(hit.article.source)
    for key, hit in best.items():
        hit.sources = len(sources[key])
    return list(best.values())
