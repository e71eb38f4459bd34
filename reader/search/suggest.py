"""Typo help: for a query word that matches nothing, the nearest words of the library."""

from __future__ import annotations

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein
from sqlite_utils import Database

from reader.search.query import And, Node, Or, Text
from reader.store.search_index import SEARCH_VOCAB, WORDS_VOCAB
from reader.text.normalize import stem_variants

MAX_SUGGESTIONS = 3
# Words up to this long may be one edit away from a suggestion; longer ones two.
_SHORT_WORD = 5


def unknown_words(db: Database, node: Node) -> list[str]:
    """The single query words (not prefixes, not negated) that no article holds."""
    unknown = []
    for text in _words(node):
        variants = [stems[0] for stems in stem_variants(list(text.words))]
        placeholders = ",".join("?" * len(variants))
        found = db.execute(
            f"SELECT 1 FROM {SEARCH_VOCAB} WHERE term IN ({placeholders}) LIMIT 1", variants
        ).fetchone()
        if found is None:
            unknown.append(text.words[0])
    return list(dict.fromkeys(unknown))


def _words(node: Node):
    if isinstance(node, Text) and len(node.words) == 1 and not node.prefix:
        yield node
    elif isinstance(node, (And, Or)):
        for child in node.nodes:
            yield from _words(child)


def suggestions(db: Database, word: str) -> list[str]:
    """Indexed words within one or two edits of ``word`` (sharing its first two letters).

    Fewest edits first, then the words more articles hold: "macrom" suggests
    "macron" before "macro".
    """
    head = word[:2]
    most_edits = 1 if len(word) <= _SHORT_WORD else 2
    rows = db.execute(
        f"SELECT term, doc FROM {WORDS_VOCAB} WHERE term >= ? AND term < ?",
        [head, head + "\U0010ffff"],
    ).fetchall()
    frequency = {term: docs for term, docs in rows if abs(len(term) - len(word)) <= most_edits}
    matches = process.extract(
        word, list(frequency), scorer=Levenshtein.distance, score_cutoff=most_edits, limit=None
    )
    ranked = sorted(matches, key=lambda match: (match[1], -frequency[match[0]], match[0]))
    return [term for term, _edits, _index in ranked[:MAX_SUGGESTIONS]]
