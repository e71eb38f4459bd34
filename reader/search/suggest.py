"""Typo help: for a query word that matches nothing (or almost nothing), the nearest words of the library."""

from __future__ import annotations

import re

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein
from sqlite_utils import Database

from reader.search.query import And, Node, Or, Text
from reader.store.search_index import SEARCH_VOCAB, WORDS_VOCAB
from reader.text.normalize import fold, stem_variants

MAX_SUGGESTIONS = 3
# Words up to this long may be one edit away from a suggestion; longer ones two.
_SHORT_WORD = 5
# A word held by this few articles is a likely typo too ("ukrane": 1 article)...
RARE = 2
# ... when a word one or two edits away is held by this many times more.
_MORE_COMMON = 20


def doubtful_words(db: Database, node: Node) -> list[tuple[str, int]]:
    """The single query words (not prefixes, not negated) that few articles or none hold, with that number."""
    doubtful = {}
    for text in _words(node):
        variants = [stems[0] for stems in stem_variants(list(text.words))]
        placeholders = ",".join("?" * len(variants))
        docs = db.execute(
            f"SELECT coalesce(max(doc), 0) FROM {SEARCH_VOCAB} WHERE term IN ({placeholders})", variants
        ).fetchone()[0]
        if docs <= RARE:
            doubtful[text.words[0]] = docs
    return list(doubtful.items())


def _words(node: Node):
    if isinstance(node, Text) and len(node.words) == 1 and not node.prefix:
        yield node
    elif isinstance(node, (And, Or)):
        for child in node.nodes:
            yield from _words(child)


def suggestions(db: Database, word: str, docs: int = 0) -> list[str]:
    """Indexed words within one or two edits of ``word`` (sharing its first two letters).

    Fewest edits first, then the words more articles hold: "macrom" suggests
    "macron" before "macro". When ``word`` itself is held by ``docs`` articles,
    only words held by many times more are suggested.
    """
    head = word[:2]
    most_edits = 1 if len(word) <= _SHORT_WORD else 2
    rows = db.execute(
        f"SELECT term, doc FROM {WORDS_VOCAB} WHERE term >= ? AND term < ?",
        [head, head + "\U0010ffff"],
    ).fetchall()
    at_least = max(1, docs * _MORE_COMMON)
    frequency = {
        term: count
        for term, count in rows
        if abs(len(term) - len(word)) <= most_edits and count >= at_least and term != word
    }
    matches = process.extract(word, list(frequency), scorer=Levenshtein.distance, score_cutoff=most_edits, limit=None)
    ranked = sorted(matches, key=lambda match: (match[1], -frequency[match[0]], match[0]))
    return [term for term, _edits, _index in ranked[:MAX_SUGGESTIONS]]


def with_suggestion(query: str, suggestion: str) -> str:
    """``query`` with the word nearest to ``suggestion`` replaced by it: accepting a "did you mean"."""
    words = list(re.finditer(r"\w[\w'’-]*", query))
    if not words:
        return suggestion
    nearest = min(words, key=lambda word: Levenshtein.distance(fold(word.group()), suggestion))
    return query[: nearest.start()] + suggestion + query[nearest.end() :]
