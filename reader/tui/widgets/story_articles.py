"""The articles of a story, one row each: number, read mark, source, date, language, title."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.binding import BindingType
from textual.coordinate import Coordinate
from textual.widgets import DataTable

from reader.models import Article
from reader.tui import keys
from reader.tui.text import STAR_MARK, UNREAD_MARK, cut, one_line, short_date

_COLUMNS = (("", 4), ("", 2), ("Source", 18), ("Date", 10), ("Lang", 4))
_TITLE_WIDTH = 52  # at most; less when the table is narrower
_CELL_PADDING = 2  # DataTable's, per column


def article_label(number: int) -> str:
    """How the story's figure comparison cites its article number ``number``."""
    return f"[{number}]"


class StoryArticles(DataTable[Text]):
    """The story's articles in date order; rows are keyed by article id, cells are plain Text."""

    BINDINGS: ClassVar[list[BindingType]] = [*keys.STORY_ARTICLES]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(cursor_type="row", id=id)
        self.articles: dict[str, Article] = {}
        self._title_width = _TITLE_WIDTH

    def on_mount(self) -> None:
        self._add_columns()

    def on_resize(self) -> None:
        fixed = sum(width + _CELL_PADDING for _, width in _COLUMNS) + _CELL_PADDING
        width = max(12, min(_TITLE_WIDTH, self.scrollable_content_region.width - fixed))
        if width != self._title_width:
            self._title_width = width
            self.show_articles(list(self.articles.values()), keep_cursor=True)

    def _add_columns(self) -> None:
        for label, width in _COLUMNS:
            self.add_column(label, width=width)
        self.add_column("Title", width=self._title_width)

    def show_articles(self, articles: Sequence[Article], *, keep_cursor: bool = False) -> dict[int, str]:
        """List ``articles``; returns the label of each article id."""
        row = self.cursor_row
        self.clear(columns=True)
        self._add_columns()
        self.articles = {}
        labels = {}
        for number, article in enumerate(articles, start=1):
            self.articles[str(article.id)] = article
            labels[article.id] = article_label(number)
            self.add_row(*self._cells(labels[article.id], article), key=str(article.id))
        if keep_cursor and 0 <= row < self.row_count:
            self.move_cursor(row=row)
        return labels

    def refresh_article(self, article: Article) -> None:
        """Show an article's new flags (and keep its new tags)."""
        key = str(article.id)
        if key not in self.articles:
            return
        self.articles[key] = article
        self.update_cell(key, self.ordered_columns[1].key, self._flags(article))

    def article_at_cursor(self) -> Article | None:
        """The highlighted article, if any."""
        if not self.row_count:
            return None
        row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return self.articles.get(row_key.value or "")

    def article_at_row(self, row: int) -> Article:
        """The article listed at ``row``."""
        row_key, _ = self.coordinate_to_cell_key(Coordinate(row, 0))
        return self.articles[row_key.value or ""]

    def _cells(self, label: str, article: Article) -> list[Text]:
        return [
            Text(label),
            self._flags(article),
            cut(one_line(article.source or article.site_name), 18),
            Text(short_date(article.published)),
            Text(one_line(article.lang)),
            cut(one_line(article.title) or "(untitled)", self._title_width),
        ]

    @staticmethod
    def _flags(article: Article) -> Text:
        if not article.starred:
            return Text("" if article.read else UNREAD_MARK)
        return Text((" " if article.read else UNREAD_MARK) + STAR_MARK)
