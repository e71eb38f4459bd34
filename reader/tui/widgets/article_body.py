"""An article's body with its key figures and searched words lit up, and a cursor on one of them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import ClassVar

from textual.containers import ScrollableContainer, Vertical
from textual.content import Content, Span
from textual.widgets import Static

from reader.models import Article
from reader.text.figures import Figure
from reader.tui.blocks import Body, markdown_body
from reader.tui.highlights import Mark, ShownText, figure_marks, search_marks
from reader.tui.paint import paint

NO_TEXT = "This article has no text."
_MAX_DEPTH = 3  # deeper quotes and lists are drawn as this deep
_MOUNT_BATCH = 40


@dataclass(frozen=True)
class Reading:
    """Everything the body shows: the laid-out blocks, the figures and where they and the searched words are."""

    body: Body
    figures: list[Figure]
    figure_marks: list[Mark]
    term_marks: list[Mark]

    @classmethod
    def of(cls, article: Article, figures: list[Figure], query: str | None = None) -> Reading:
        """Lay out ``article`` (``figures``: its stored ones, in text order), marking what ``query`` looks for."""
        body = markdown_body(article.markdown or article.text or "")
        shown = ShownText([block.plain for block in body.blocks])
        return cls(
            body,
            figures,
            figure_marks(shown, article.text or "", figures),
            search_marks(shown, article.lang, query) if query else [],
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

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.reading: Reading | None = None
        self.current: Mark | None = None

    def on_mount(self) -> None:
        self.watch(self.app, "theme", self._theme_changed, init=False)

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
        blocks = [
            BodyBlock(
                paint(self, reading.block_content(index)), classes=_classes(block.kind, block.quote, block.indent)
            )
            for index, block in enumerate(reading.body.blocks)
        ]
        if not blocks:
            blocks = [BodyBlock(Content.styled(NO_TEXT, "italic"), classes="paragraph")]
        # A long article goes in a screenful at a time, so keys are answered meanwhile.
        for start in range(0, len(blocks), _MOUNT_BATCH):
            await self.mount_all(blocks[start : start + _MOUNT_BATCH])

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
