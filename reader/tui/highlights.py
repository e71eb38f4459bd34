"""Where the key figures and the searched words sit in an article's laid-out blocks.

Figures are stored with offsets into the article's plain ``text``, while the
screen shows its Markdown laid out as blocks. The two say the same words in the
same order (Markdown adds only marks such as ``##``, ``*`` or link targets), so
a figure is placed by rank: if it is the k-th occurrence of its words in
``text``, it is the k-th occurrence in the shown text (whitespace may differ).
When the shown text has fewer occurrences, the figure goes to the next one
after the previous figure placed, and when there is none it is left unmarked.
Searched words are found in the shown text itself, the way search snippets find them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from reader.search.query import QueryError, parse
from reader.search.snippets import query_terms, term_marks
from reader.text.figures import Figure

TERM = "term"
# Blocks are joined with this to be searched as one text; no figure spans it.
_BLOCK_SEPARATOR = "\n\n"


@dataclass(frozen=True)
class Mark:
    """A highlighted stretch of one block: a figure of ``kind`` (``figure`` its index) or a searched word."""

    block: int
    start: int
    end: int
    kind: str
    figure: int | None = None


class ShownText:
    """The blocks' texts joined into one, with the way back from an offset to (block, offset)."""

    def __init__(self, blocks: Sequence[str]) -> None:
        self.text = _BLOCK_SEPARATOR.join(blocks)
        self.starts: list[int] = []
        position = 0
        for block in blocks:
            self.starts.append(position)
            position += len(block) + len(_BLOCK_SEPARATOR)

    def mark(self, start: int, end: int, kind: str, figure: int | None = None) -> Mark | None:
        """The mark for ``text[start:end]``, or None if it runs over two blocks."""
        block = bisect_right(self.starts, start) - 1
        offset = self.starts[block]
        if _BLOCK_SEPARATOR in self.text[start:end]:
            return None
        return Mark(block, start - offset, end - offset, kind, figure)


def figure_marks(shown: ShownText, text: str, figures: Sequence[Figure]) -> list[Mark]:
    """A mark for each figure of ``text`` (in order of ``start``) found in the shown text.

    A mark's ``figure`` is the figure's index in ``figures``.
    """
    marks: list[Mark] = []
    found: dict[str, tuple[list[int], list[re.Match[str]]]] = {}
    after = 0
    for index, figure in enumerate(figures):
        pattern = _words_pattern(figure.text)
        if pattern.pattern not in found:
            found[pattern.pattern] = (
                [match.start() for match in pattern.finditer(text)],
                list(pattern.finditer(shown.text)),
            )
        in_text, in_shown = found[pattern.pattern]
        rank = bisect_right(in_text, figure.start - 1)
        match = (
            in_shown[rank]
            if rank < len(in_shown)
            else next((candidate for candidate in in_shown if candidate.start() >= after), None)
        )
        if match is None:
            continue
        mark = shown.mark(match.start(), match.end(), figure.kind, index)
        if mark is not None:
            marks.append(mark)
            after = match.end()
    return sorted(marks, key=lambda mark: (mark.block, mark.start))


def search_marks(shown: ShownText, lang: str, query: str) -> list[Mark]:
    """A mark on every word of the shown text that ``query`` looks for (none if it cannot be parsed)."""
    try:
        terms = query_terms(parse(query))
    except QueryError:
        return []
    marks = (shown.mark(start, end, TERM) for start, end in term_marks(shown.text, lang, terms))
    return [mark for mark in marks if mark is not None]


def _words_pattern(figure_text: str) -> re.Pattern[str]:
    """The figure's words with any whitespace between them, not inside a longer word or number."""
    body = r"\s*".join(re.escape(word) for word in figure_text.split())
    before = r"(?<![\w.,])" if figure_text[:1].isalnum() else ""
    after = r"(?!\w)" if figure_text[-1:].isalnum() else ""
    return re.compile(before + body + after)
