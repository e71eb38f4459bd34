"""An article's body with its key figures and searched words lit up, and a cursor on one of them."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.containers import ScrollableContainer, Vertical
from textual.content import Content, Span
from textual.message import Message
from textual.widgets import Static

from reader.models import Article
from reader.store import Library
from reader.text.figures import Figure
from reader.tui.blocks import Body, markdown_body
from reader.tui.highlights import Mark, ShownText, figure_marks, search_marks
from reader.tui.paint import paint

NO_TEXT = "This article has no text."
_MAX_DEPTH = 3  # deeper quotes and lists are drawn as this deep
_MOUNT_BATCH = 40
# How much of a body is read from the library and laid out at a time: a few screens.
# What follows is read as the reader scrolls near the end of what is shown.
PART_CHARS = 12_000
# A part ends between two paragraphs (not in a list item's indented lines) and outside a fenced code block.
_BREAK = re.compile(r"\n[ \t]*\n(?=\S)")
_FENCE = re.compile(r"^ {0,3}(?:```|~~~)", re.MULTILINE)


@dataclass(frozen=True)
class Rest:
    """What is left of an article's body to read from the library, from ``start`` (a character offset)."""

    db_path: Path
    article_id: int
    start: int
    lang: str
    query: str | None
    links: int = 0  # how many links the body has before ``start``


@dataclass(frozen=True)
class Reading:
    """What the body shows: the laid-out blocks, the figures and where they and the searched words are.

    ``rest`` says what of the body is still to be read (None once it is all here).
    """

    body: Body
    figures: list[Figure]
    figure_marks: list[Mark]
    term_marks: list[Mark]
    rest: Rest | None = None

    @classmethod
    def first_part(cls, library: Library, article: Article, query: str | None = None) -> Reading:
        """The beginning of ``article``'s body, marking its figures and what ``query`` looks for."""
        return cls.part(library, Rest(library.path, article.id, 0, article.lang, query))

    @classmethod
    def part(cls, library: Library, rest: Rest) -> Reading:
        """The part of a body that begins at ``rest.start``, with its own block, link and figure numbers."""
        body_length, text_length = library.body_lengths(rest.article_id) or (0, 0)
        source = library.body_part(rest.article_id, rest.start, PART_CHARS)
        end = rest.start + _cut(source)
        if end < body_length:
            source = source[: end - rest.start]
        # Figures are placed in the text; a body that is not the text itself is taken to follow it evenly.
        text_start, text_end = (
            (rest.start, end)
            if body_length == text_length
            else (rest.start * text_length // max(1, body_length), end * text_length // max(1, body_length))
        )
        if end >= body_length:
            text_end = text_length
        text = library.body_part(rest.article_id, text_start, text_end - text_start, text=True)
        figures = library.figures(rest.article_id, start=text_start, end=text_end)
        in_part = [replace(figure, start=figure.start - text_start, end=figure.end - text_start) for figure in figures]
        body = markdown_body(source, first_link=rest.links)
        shown = ShownText([block.plain for block in body.blocks])
        return cls(
            body,
            figures,
            figure_marks(shown, text, in_part),
            search_marks(shown, rest.lang, rest.query) if rest.query else [],
            replace(rest, start=end, links=rest.links + len(body.links)) if end < body_length else None,
        )

    def followed_by(self, part: Reading) -> Reading:
        """This reading with ``part`` (the next, read on its own) after it: its blocks, links and figures renumbered."""
        blocks, figures = len(self.body.blocks), len(self.figures)

        def moved(marks: list[Mark]) -> list[Mark]:
            return [
                replace(mark, block=mark.block + blocks, figure=None if mark.figure is None else mark.figure + figures)
                for mark in marks
            ]

        return Reading(
            Body([*self.body.blocks, *part.body.blocks], [*self.body.links, *part.body.links]),
            [*self.figures, *part.figures],
            [*self.figure_marks, *moved(part.figure_marks)],
            [*self.term_marks, *moved(part.term_marks)],
            part.rest,
        )

    @cached_property
    def _marks_by_block(self) -> dict[int, list[Mark]]:
        # Figures first, searched words over them.
        by_block: dict[int, list[Mark]] = {}
        for mark in [*self.figure_marks, *self.term_marks]:
            by_block.setdefault(mark.block, []).append(mark)
        return by_block

    def block_content(self, index: int, current: Mark | None = None) -> Content:
        """Block ``index`` with its marks as spans, the ``current`` one on top."""
        block = self.body.blocks[index]
        spans = [
            Span(mark.start, mark.end, f".article-body--{mark.kind}") for mark in self._marks_by_block.get(index, ())
        ]
        if current is not None and current.block == index:
            spans.append(Span(current.start, current.end, ".article-body--current"))
        return block.content.add_spans(spans) if spans else block.content


def _cut(source: str) -> int:
    """Where a part read as ``source`` ends: at its last paragraph break outside a code fence (all of it at the end)."""
    if len(source) < PART_CHARS:
        return len(source)
    fences = [match.start() for match in _FENCE.finditer(source)]
    breaks = [match.end() for match in _BREAK.finditer(source) if bisect_right(fences, match.start()) % 2 == 0]
    return breaks[-1] if breaks else len(source)


class BodyBlock(Static):
    """One heading, paragraph, list item, table or code block of the body."""


class ArticleBody(Vertical):
    """The article's blocks, one widget each, styled by the component classes below.

    Figures take the class of their kind (``article-body--money``...), searched
    words ``article-body--term``, and the mark the reader jumped to last
    ``article-body--current``; the blocks' spans name these classes and are
    painted with their styles (again when the theme changes).
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-body--money",
        "article-body--percent",
        "article-body--quantity",
        "article-body--multiplier",
        "article-body--date",
        "article-body--number",
        "article-body--term",
        "article-body--current",
        "article-body--strong",
        "article-body--em",
        "article-body--strike",
        "article-body--code",
        "article-body--link",
        "article-body--image",
        "article-body--marker",
    }

    @dataclass
    class PartShown(Message):
        """More of a long body was read and shown: the reading now holds its figures too."""

        body: ArticleBody

        @property
        def control(self) -> ArticleBody:
            """The body that grew."""
            return self.body

    @dataclass
    class _PartRead(Message):
        """The part of the body from ``rest`` was read (None: it could not be, ``error`` says why)."""

        rest: Rest
        part: Reading | None
        error: str = ""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.reading: Reading | None = None
        self.current: Mark | None = None
        self._reading_more = False

    def on_mount(self) -> None:
        self.watch(self.app, "theme", self._theme_changed, init=False)
        scroller = self._scroller()
        if scroller is not None:
            self.watch(scroller, "scroll_y", self._scrolled, init=False)

    def _theme_changed(self) -> None:
        self.call_after_refresh(self._repaint)

    def _repaint(self) -> None:
        """Colour every block again, for a new theme."""
        if self.reading is None:
            return
        for index, block in zip(range(len(self.reading.body.blocks)), self.query_children(BodyBlock), strict=False):
            block.update(paint(self, self.reading.block_content(index, self.current)))

    async def show(self, reading: Reading) -> None:
        """Replace the body with ``reading``'s blocks."""
        self.reading = reading
        self.current = None
        await self.remove_children()
        blocks = self._blocks(reading, 0)
        if not blocks:
            blocks = [BodyBlock(Content.styled(NO_TEXT, "italic"), classes="paragraph")]
        await self._mount_blocks(blocks)
        self.call_after_refresh(self._scrolled)

    def _blocks(self, reading: Reading, first: int) -> list[BodyBlock]:
        """The widgets of ``reading``'s blocks from number ``first`` on."""
        return [
            BodyBlock(
                paint(self, reading.block_content(index)), classes=_classes(block.kind, block.quote, block.indent)
            )
            for index, block in enumerate(reading.body.blocks[first:], start=first)
        ]

    async def _mount_blocks(self, blocks: list[BodyBlock]) -> None:
        # A screenful at a time, so keys are answered meanwhile.
        for start in range(0, len(blocks), _MOUNT_BATCH):
            await self.mount_all(blocks[start : start + _MOUNT_BATCH])

    def _scrolled(self) -> None:
        """Read the next part of a long body once the reader is within a screen of the end of what is shown."""
        scroller = self._scroller()
        if self.reading is None or self.reading.rest is None or scroller is None or self._reading_more:
            return
        if scroller.scroll_y + 2 * scroller.size.height >= scroller.virtual_size.height:
            self._reading_more = True
            self.read_part(self.reading.rest)

    @work(thread=True, exclusive=True, exit_on_error=False, group="body-part")
    def read_part(self, rest: Rest) -> None:
        """Read and lay out the part of the body from ``rest`` (in a worker: it reads the library)."""
        try:
            with Library(rest.db_path) as library:
                part = Reading.part(library, rest)
        except Exception as error:
            self.post_message(self._PartRead(rest, None, f"Cannot read the rest of the article: {error}"))
            return
        self.post_message(self._PartRead(rest, part))

    @on(_PartRead)
    async def _show_part(self, message: _PartRead) -> None:
        self._reading_more = False
        if self.reading is None or self.reading.rest != message.rest:  # another article is shown now
            return
        if message.part is None:
            self.notify(message.error, title="Library error", severity="error", timeout=10, markup=False)
            return
        first = len(self.reading.body.blocks)
        self.reading = self.reading.followed_by(message.part)
        await self._mount_blocks(self._blocks(self.reading, first))
        self.post_message(self.PartShown(self))
        self.call_after_refresh(self._scrolled)

    def step(self, marks: Sequence[Mark], forward: bool) -> Mark | None:
        """Move the cursor to the next (or previous) of ``marks``, wrapping around; None if there are none.

        From the cursor if it is in view, else from what the reader scrolled to.
        """
        if not marks:
            return None
        here = self._position()
        if forward:
            ahead = [mark for mark in marks if (mark.block, mark.start) > here]
            target = ahead[0] if ahead else marks[0]
        else:
            behind = [mark for mark in marks if (mark.block, mark.start) < here]
            target = behind[-1] if behind else marks[-1]
        self.select(target)
        return target

    def _position(self) -> tuple[int, int]:
        """Where a step starts: the cursor's (block, offset) if it is in view, else the top of the view."""
        blocks = list(self.query_children(BodyBlock))
        scroller = self._scroller()
        view = scroller.content_region if scroller else self.screen.region
        visible = [index for index, block in enumerate(blocks) if view.overlaps(block.region)]
        if self.current is not None and (not visible or self.current.block in visible):
            return (self.current.block, self.current.start)
        if not visible:
            return (-1, 0)
        return (visible[0], -1)

    def select(self, mark: Mark) -> None:
        """Put the cursor on ``mark`` and scroll it to the middle of the view."""
        blocks = list(self.query_children(BodyBlock))
        if self.reading is None or mark.block >= len(blocks):  # still being mounted
            return
        previous, self.current = self.current, mark
        for index in {mark.block} | ({previous.block} if previous else set()):
            blocks[index].update(paint(self, self.reading.block_content(index, self.current)))
        self.call_after_refresh(self._scroll_to_mark, blocks[mark.block], mark)

    def _scroller(self) -> ScrollableContainer | None:
        """The container that scrolls the body (the article view)."""
        return next((node for node in self.ancestors if isinstance(node, ScrollableContainer)), None)

    def _scroll_to_mark(self, block: BodyBlock, mark: Mark) -> None:
        scroller = self._scroller()
        if scroller is None or self.reading is None:
            return
        length = max(1, len(self.reading.body.blocks[mark.block].plain))
        line = block.content_region.height * mark.start // length  # wrapped lines are about even
        y = block.content_region.y - scroller.content_region.y + scroller.scroll_offset.y + line
        scroller.scroll_to(y=max(0, y - scroller.content_region.height // 2), animate=False)

    def figure_mark(self, figure: int) -> Mark | None:
        """The mark of figure number ``figure``, if it was found in the text."""
        if self.reading is None:
            return None
        return next((mark for mark in self.reading.figure_marks if mark.figure == figure), None)


def _classes(kind: str, quote: int, indent: int) -> str:
    classes = [kind]
    if quote:
        classes.append(f"-quote-{min(quote, _MAX_DEPTH)}")
    if indent:
        classes.append(f"-list-{min(indent, _MAX_DEPTH)}")
    return " ".join(classes)
