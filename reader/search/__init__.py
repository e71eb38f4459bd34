"""Search: the query language, the stemmed index lookup, ranking, snippets and typo help."""

from reader.search.engine import Hit, SearchResult, count, search
from reader.search.query import QueryError
from reader.search.snippets import Snippet

__all__ = ["Hit", "QueryError", "SearchResult", "Snippet", "count", "search"]
