"""Snippets: the passage of an article that holds the most query terms, with them marked."""

from __future__ import annotations

from dataclasses import dataclass

from reader.search.query import And, Node, Or, Text
from reader.text.normalize import Token, stem_variants, stem_words, tokens

# How many words a snippet shows, and how far into a long text it looks.
SNIPPET_WORDS = 32
_SCAN_CHARS = 20_000


@dataclass(frozen=True)
class Snippet:
    """A passage of text and the (start, end) offsets in it of the matched words."""

    text: str
    marks: tuple[tuple[int, int], ...] = ()

    def marked(self, before: str = "**", after: str = "**") -> str:
        """The passage with each matched word between ``before`` and ``after``."""
        pieces, position = [], 0
        for start, end in self.marks:
            pieces += [self.text[position:start], before, self.text[start:end], after]
            position = end
        pieces.append(self.text[position:])
        return "".join(pieces)


@dataclass(frozen=True)
class Terms:
    """The stems a query looks for (every language's), exact or as prefixes."""

    exact: frozenset[str]
    prefixes: tuple[str, ...]

    def matches(self, stem: str, folded: str) -> bool:
        """Whether an article's word (stemmed and folded) is one the query looks for."""
        return (
            stem in self.exact
            or folded in self.exact
            or stem.startswith(self.prefixes)
            or folded.startswith(self.prefixes)
        )


def query_terms(node: Node) -> Terms:
    """The positive text terms of a query (negated ones are never marked)."""
    exact: set[str] = set()
    prefixes: set[str] = set()
    for text in _positive_texts(node):
        for stems in stem_variants(list(text.words)):
            exact.update(stems)
            if text.prefix:
                prefixes.add(stems[-1])
        if text.prefix:
            prefixes.add(text.words[-1])
    return Terms(frozenset(exact), tuple(sorted(prefixes)))


def _positive_texts(node: Node):
    if isinstance(node, Text):
        yield node
    elif isinstance(node, (And, Or)):
        for child in node.nodes:
            yield from _positive_texts(child)


def make_snippet(text: str, lang: str, terms: Terms) -> Snippet:
    """The window of ``text`` with the most distinct matched words, on one line."""
    scanned = text[:_SCAN_CHARS]
    words = list(tokens(scanned))
    if not words:
        return Snippet(" ".join(scanned[:200].split()))
    stems = stem_words([word.folded for word in words], lang)
    hits = _hits(words, stems, terms)
    first = _best_window(hits, [stems[i] for i in hits])
    last = min(len(words), first + SNIPPET_WORDS) - 1
    start, end = words[first].start, words[last].end
    if last == len(words) - 1 and len(scanned) == len(text):
        end = len(text.rstrip())  # keep the closing punctuation
    marks = [(words[i].start - start, words[i].end - start) for i in hits if first <= i <= last]
    return _one_line(scanned[start:end], marks, cut_before=first > 0, cut_after=end < len(text.rstrip()))


def term_marks(text: str, lang: str, terms: Terms) -> list[tuple[int, int]]:
    """The (start, end) offsets of every word of ``text`` that ``terms`` looks for."""
    words = list(tokens(text))
    stems = stem_words([word.folded for word in words], lang)
    return [(words[i].start, words[i].end) for i in _hits(words, stems, terms)]


def _hits(words: list[Token], stems: list[str], terms: Terms) -> list[int]:
    """The indices of the words the query looks for."""
    return [i for i, (word, stem) in enumerate(zip(words, stems, strict=False)) if terms.matches(stem, word.folded)]


def _best_window(hits: list[int], stems: list[str]) -> int:
    """The first word of the window holding the most distinct matched stems (earliest on ties)."""
    best, best_count = 0, 0
    for index, position in enumerate(hits):
        inside = {stems[j] for j in range(index, len(hits)) if hits[j] < position + SNIPPET_WORDS}
        if len(inside) > best_count:
            best, best_count = position, len(inside)
    # A little context before the first match.
    return max(0, best - 4) if best_count else 0


def _one_line(passage: str, marks: list[tuple[int, int]], *, cut_before: bool, cut_after: bool) -> Snippet:
    # Newlines and tabs become spaces; same length, so the marks stay right.
    flat = "".join(" " if ch.isspace() else ch for ch in passage)
    prefix = "… " if cut_before else ""
    shift = len(prefix)
    return Snippet(
        prefix + flat + (" …" if cut_after else ""),
        tuple((start + shift, end + shift) for start, end in marks),
    )
