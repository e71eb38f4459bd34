"""The query language: words, "phrases", prefix*, OR, -word/NOT, parentheses, field filters.

``parse`` turns anything a user types into a small tree, never raising on
syntax: an unbalanced quote runs to the end, a stray parenthesis or a lone
operator is ignored, text with no word in it (emoji, punctuation) drops out.
Only filters whose value cannot mean anything (``after:soon``, ``story:`` past
any id) and queries left with nothing to look for raise ``QueryError``.

What a query may cost is bounded: its length, its number of terms (words,
phrases and filters) and the words of each phrase. What lies beyond is left out
and :attr:`ParsedQuery.notice` says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import cast

from reader.text.normalize import tokens

# Beyond these bounds the rest of a (pasted, runaway) query is ignored: its characters,
# its search terms (words, phrases, filters), the words of one phrase.
MAX_QUERY_CHARS = 1_000
MAX_TERMS = 64
MAX_PHRASE_WORDS = 16
# The largest id SQLite stores (a signed 64-bit integer).
MAX_ID = 2**63 - 1
# Parentheses nested deeper than this are read as plain grouping.
MAX_DEPTH = 16

FILTERS = ("title", "source", "tag", "lang", "story", "is", "after", "before")
FLAGS = ("unread", "read", "starred", "unstarred")

_LEXEME = re.compile(
    r"""
      (?P<space>\s+)
    | (?P<neg>-+(?=["(]))
    | (?P<open>\()
    | (?P<close>\))
    | (?P<phrase>"[^"]*"?)
    | (?P<field>(?P<name>[A-Za-z]+):(?P<value>"[^"]*"?|[^\s()"]+))
    | (?P<word>[^\s()"]+)
    """,
    re.VERBOSE,
)


class QueryError(ValueError):
    """A query that cannot mean anything; the message says why."""


@dataclass(frozen=True)
class Text:
    """Folded words that must appear in this order (one word, or a phrase); ``prefix`` on the last."""

    words: tuple[str, ...]
    prefix: bool = False
    column: str | None = None


@dataclass(frozen=True)
class Filter:
    """A condition on an article's metadata: ``source:lemonde.fr``, ``is:unread``..."""

    name: str
    value: str


@dataclass(frozen=True)
class Not:
    """Articles the inner node does not match."""

    node: Node


@dataclass(frozen=True)
class And:
    """Articles every node matches."""

    nodes: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    """Articles any node matches."""

    nodes: tuple[Node, ...]


Node = Text | Filter | Not | And | Or


@dataclass(frozen=True)
class ParsedQuery:
    """The tree of a query, and what of it was left out to keep its cost bounded."""

    node: Node
    cuts: tuple[str, ...] = ()

    @property
    def notice(self) -> str | None:
        """One line for a person when the query was cut, else None."""
        return f"query cut to {', '.join(self.cuts)}" if self.cuts else None


@dataclass(frozen=True)
class _Lexeme:
    kind: str  # "open", "close", "or", "not", "neg", "phrase", "word", "field"
    text: str = ""
    name: str = ""


def _lex(query: str) -> list[_Lexeme]:
    lexemes: list[_Lexeme] = []
    for match in _LEXEME.finditer(query):
        kind = cast(str, match.lastgroup)  # every alternative of _LEXEME is a named group
        text = match.group()
        if kind == "space":
            continue
        if kind == "field" and match.group("name").lower() not in FILTERS:
            kind = "word"  # "foo:bar" is two words
        if kind == "field":
            lexemes.append(_Lexeme("field", match.group("value").strip('"'), match.group("name").lower()))
        elif kind == "word" and text in ("OR", "|"):
            lexemes.append(_Lexeme("or"))
        elif kind == "word" and text == "NOT":
            lexemes.append(_Lexeme("not"))
        elif kind == "word" and text == "AND":
            continue
        elif kind == "word" and text.startswith("-") and text.strip("-"):
            lexemes.append(_Lexeme("neg"))
            lexemes.extend(_lex(text.lstrip("-")))
        elif kind == "phrase":
            lexemes.append(_Lexeme("phrase", text.strip('"')))
        else:
            lexemes.append(_Lexeme(kind, text))
    return lexemes


class _Parser:
    def __init__(self, lexemes: list[_Lexeme]) -> None:
        self.lexemes = lexemes
        self.position = 0
        self.depth = 0
        self.terms = 0
        self.cut_terms = False
        self.cut_phrases = False

    def peek(self) -> _Lexeme | None:
        return self.lexemes[self.position] if self.position < len(self.lexemes) else None

    def take(self) -> _Lexeme:
        lexeme = self.lexemes[self.position]
        self.position += 1
        return lexeme

    def parse(self) -> Node | None:
        nodes = []
        while self.peek() is not None:
            node = self.or_expression()
            if node is not None:
                nodes.append(node)
            if (lexeme := self.peek()) is not None and lexeme.kind == "close":
                self.take()  # a stray ")" at the top level
        return _and(nodes)

    def or_expression(self) -> Node | None:
        nodes = [self.and_expression()]
        while (lexeme := self.peek()) is not None and lexeme.kind == "or":
            self.take()
            nodes.append(self.and_expression())
        kept = tuple(dict.fromkeys(node for node in nodes if node is not None))  # a term repeated counts once
        return kept[0] if len(kept) == 1 else (Or(kept) if kept else None)

    def and_expression(self) -> Node | None:
        nodes = []
        while (lexeme := self.peek()) is not None and lexeme.kind not in ("or", "close"):
            node = self.unary()
            if node is not None:
                nodes.append(node)
        return _and(nodes)

    def unary(self) -> Node | None:
        negated = False
        lexeme = self.take()
        while lexeme.kind in ("not", "neg"):
            following = self.peek()
            if following is None or following.kind in ("or", "close"):
                return None
            negated = not negated
            lexeme = self.take()
        node = (self.group() if self.depth < MAX_DEPTH else None) if lexeme.kind == "open" else self.atom(lexeme)
        return Not(node) if negated and node is not None else node

    def group(self) -> Node | None:
        self.depth += 1
        node = self.or_expression()
        self.depth -= 1
        if (lexeme := self.peek()) is not None and lexeme.kind == "close":
            self.take()
        return node

    def atom(self, lexeme: _Lexeme) -> Node | None:
        if lexeme.kind == "field":
            return self.field(lexeme)
        if lexeme.kind == "phrase":
            return self.text(lexeme.text, prefix=False)
        if lexeme.kind == "word":
            return self.text(lexeme.text.rstrip("*"), prefix=lexeme.text.endswith("*"))
        return None  # a ")" where a term was expected

    def field(self, lexeme: _Lexeme) -> Node | None:
        if lexeme.name == "title":
            value = lexeme.text
            return self.text(value.rstrip("*"), prefix=value.endswith("*"), column="title")
        if not self.counted():
            return None
        return parse_filter(lexeme.name, lexeme.text)

    def text(self, raw: str, *, prefix: bool, column: str | None = None) -> Text | None:
        words = tuple(token.folded for token in tokens(raw))
        if not words or not self.counted():
            return None
        if len(words) > MAX_PHRASE_WORDS:
            self.cut_phrases = True
            words, prefix = words[:MAX_PHRASE_WORDS], False
        return Text(words, prefix=prefix and raw[-1:].isalnum(), column=column)

    def counted(self) -> bool:
        """Count one more term; False once there are :data:`MAX_TERMS` (the term is then left out)."""
        if self.terms >= MAX_TERMS:
            self.cut_terms = True
            return False
        self.terms += 1
        return True


def _and(nodes: list[Node]) -> Node | None:
    kept = tuple(dict.fromkeys(nodes))  # a term repeated counts once
    if not kept:
        return None
    return kept[0] if len(kept) == 1 else And(kept)


_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def parse_filter(name: str, value: str) -> Filter:
    """Check a filter's value.

    :raises QueryError: for a value the filter cannot use.
    """
    value = value.strip()
    if not value:
        raise QueryError(f"{name}: needs a value")
    if name == "is" and value.lower() not in FLAGS:
        raise QueryError(f"is: takes one of {', '.join(FLAGS)}")
    if name == "story" and not (value.isascii() and value.isdigit()):
        raise QueryError("story: takes a story number")
    if name == "story" and int(value) > MAX_ID:
        raise QueryError(f"story: {value} is past any story number (at most {MAX_ID})")
    if name in ("after", "before") and not _DATE.fullmatch(value):
        raise QueryError(f"{name}: takes a date as YYYY, YYYY-MM or YYYY-MM-DD")
    if name in ("after", "before") and not _is_date(value):
        raise QueryError(f"{name}: {value} is not a date (year 1 to 9999, month 1 to 12, a day of that month)")
    return Filter(name, value.lower() if name in ("is", "lang") else value)


def _is_date(value: str) -> bool:
    """Whether a YYYY, YYYY-MM or YYYY-MM-DD value names a real period."""
    year, month, day = ([int(part) for part in value.split("-")] + [1, 1])[:3]
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def parse_query(query: str) -> ParsedQuery:
    """The tree of a query, cut to the bounds of what a query may cost.

    :raises QueryError: when nothing in it can be searched for, or a filter's value is invalid.
    """
    cuts = []
    if len(query) > MAX_QUERY_CHARS:
        query = query[:MAX_QUERY_CHARS]
        cuts.append(f"{MAX_QUERY_CHARS:,} characters")
    parser = _Parser(_lex(query))
    node = parser.parse()
    if node is None:
        raise QueryError("nothing to search for: type some words or a filter such as is:unread")
    if parser.cut_terms:
        cuts.append(f"{MAX_TERMS} terms")
    if parser.cut_phrases:
        cuts.append(f"{MAX_PHRASE_WORDS}-word phrases")
    return ParsedQuery(node, tuple(cuts))


def parse(query: str) -> Node:
    """The tree of a query (see :func:`parse_query`, which also says what was cut).

    :raises QueryError: when nothing in it can be searched for, or a filter's value is invalid.
    """
    return parse_query(query).node
