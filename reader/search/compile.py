"""A query tree -> one FTS5 MATCH expression (ranked) plus SQL conditions on ``articles``.

Text that FTS5 can express (words, phrases, prefixes, AND, OR, and NOT under
a positive term) becomes the MATCH expression, built only from quoted stems,
so no user input ever reaches FTS5 as syntax. Everything else (filters, a NOT
with nothing positive beside it, text mixed with filters under OR) becomes SQL
conditions, with text in them looked up through ``id IN (... MATCH ?)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeGuard, cast

from reader.search.query import And, Filter, Node, Not, Or, Text
from reader.store.library import FOLD_FUNCTION
from reader.store.search_index import SEARCH_TABLE
from reader.store.tags import tag_filter
from reader.text.normalize import fold, stem_variants


@dataclass
class Plan:
    """What to run: the ranked MATCH expression (or None) and SQL conditions with their parameters."""

    match: str | None = None
    conditions: list[str] = field(default_factory=list)
    params: list[object] = field(default_factory=list)


def plan(node: Node) -> Plan:
    """Split a query tree into the ranked FTS5 part and SQL conditions."""
    items = list(node.nodes) if isinstance(node, And) else [node]
    expressible = [item for item in items if fts(item.node if isinstance(item, Not) else item) is not None]
    result = Plan()
    if any(not isinstance(item, Not) for item in expressible):
        result.match = fts(And(tuple(expressible)) if len(expressible) > 1 else expressible[0])
        items = [item for item in items if item not in expressible]
    for item in items:
        sql, params = condition(item)
        result.conditions.append(sql)
        result.params.extend(params)
    return result


def fts(node: Node) -> str | None:
    """The FTS5 expression for ``node``, or None when FTS5 alone cannot express it."""
    if isinstance(node, Text):
        return _text(node)
    if isinstance(node, Or):
        parts = [fts(child) for child in node.nodes]
        return "(" + " OR ".join(parts) + ")" if _expressed(parts) else None
    if isinstance(node, And):
        positive = [fts(child) for child in node.nodes if not isinstance(child, Not)]
        negative = [fts(child.node) for child in node.nodes if isinstance(child, Not)]
        if not positive or not _expressed(positive) or None in negative:
            return None
        return "(" + " AND ".join(positive) + "".join(f" NOT {part}" for part in negative) + ")"
    return None  # a filter, or a NOT on its own


def _expressed(parts: list[str | None]) -> TypeGuard[list[str]]:
    """Whether FTS5 can express every one of ``parts``."""
    return None not in parts


def _text(node: Text) -> str:
    star = "*" if node.prefix else ""
    variants = [f'"{" ".join(stems)}"{star}' for stems in stem_variants(list(node.words))]
    if node.prefix:
        # The word as typed may be longer than its stem ("donnees*" vs "donne"): try it unstemmed too.
        variants.append(f'"{" ".join(node.words)}"*')
    expression = "(" + " OR ".join(dict.fromkeys(variants)) + ")"
    return f"{{{node.column}}} : {expression}" if node.column else expression


def condition(node: Node, *, per_row: bool = False) -> tuple[str, list[object]]:
    """A SQL condition on ``articles`` (aliased ``a``) for ``node``, with its parameters.

    :param per_row: look text up for each row apart (an index seek per row),
        for a condition tested on one article; by default the matching ids are
        listed once, for a condition tested on many.
    """
    expression = fts(node)
    if expression is not None and not isinstance(node, Not):
        if per_row:
            return f"EXISTS (SELECT 1 FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH ? AND rowid = a.id)", [expression]
        return f"a.id IN (SELECT rowid FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH ?)", [expression]
    if isinstance(node, Not):
        sql, params = condition(node.node, per_row=per_row)
        return f"NOT ({sql})", params
    if isinstance(node, Filter):
        return filter_condition(node, per_row=per_row)
    parts = [condition(child, per_row=per_row) for child in cast("And | Or", node).nodes]  # fts() expresses any Text
    joiner = " AND " if isinstance(node, And) else " OR "
    return "(" + joiner.join(sql for sql, _ in parts) + ")", [p for _, params in parts for p in params]


# The library's distinct sources, one index seek each (a skip-scan), folded only
# once each: a few dozen calls instead of one per article.
_SOURCES_CONTAINING = f"""WITH RECURSIVE sources(name) AS (
    SELECT min(source) FROM articles
    UNION ALL
    SELECT (SELECT min(source) FROM articles WHERE source > name) FROM sources WHERE name IS NOT NULL
  ) SELECT name FROM sources WHERE name IS NOT NULL AND instr({FOLD_FUNCTION}(name), ?) > 0"""


def filter_condition(node: Filter, *, per_row: bool = False) -> tuple[str, list[object]]:
    """The SQL condition of one metadata filter (``per_row`` as for :func:`condition`)."""
    value = node.value
    if node.name == "source":
        if per_row:
            return f"instr({FOLD_FUNCTION}(a.source), ?) > 0", [fold(value)]
        # The unary + keeps SQLite from walking the source index instead of letting FTS5 lead.
        return f"+a.source IN ({_SOURCES_CONTAINING})", [fold(value)]
    if node.name == "tag":
        return tag_filter(value, per_row=per_row)
    # The unary + below: these columns never lead a search (FTS5 or the date order
    # does); counts still read them from idx_articles_state. Starred articles are
    # few, so is:starred may lead.
    if node.name == "lang":
        return "+a.lang = ?", [value]
    if node.name == "story":
        return "a.story_id = ?", [int(value)]
    if node.name == "after":
        return "+a.published >= ?", [value]
    if node.name == "before":
        return "+a.published < ?", [period_end(value)]
    flag = {"unread": "+a.read = 0", "read": "+a.read = 1", "starred": "a.starred = 1", "unstarred": "+a.starred = 0"}
    return flag[value], []


def period_end(value: str) -> str:
    """The first date after a YYYY, YYYY-MM or YYYY-MM-DD period (so both ends are inclusive)."""
    parts = [int(part) for part in value.split("-")]
    if len(parts) == 1:
        return f"{parts[0] + 1:04d}"
    if len(parts) == 2:
        year, month = parts
        return f"{year + month // 12:04d}-{month % 12 + 1:02d}"
    # A day: everything published on it sorts below the next string ("2024-12-31T..." < "2024-12-31U").
    return f"{value}U"
