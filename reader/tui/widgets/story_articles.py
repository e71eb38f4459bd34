"""The articles of a story, one row each: number, read mark, source, date, language, title."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.binding import BindingType
from textual.widgets import DataTable

from reader.models import Article
from reader.tui import keys
from reader.tui.text import STAR_MARK, UNREAD_MARK, one_line, short_date

_COLUMNS = (("", 4), ("", 2), ("Source", 18), ("Date", 10), ("Lang", 4), ("Title", 52))


def article_label(number: int) -> str:
    """How the story's figure comparison cites its article number ``number``."""
    return f"[{number}]"


class StoryArticles(DataTable[Text]):
    """The story's articles in date order; rows are keyed by article id, cells are plain Text."""

    BINDINGS: ClassVar[list[BindingType]] = [*keys.STORY_ARTICLES]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(cursor_type="row", id=id)
        self.articles: dict[str, Article] = {}

    def on_mount(self) -> None:
        for label, width in _COLUMNS:
            self.add_column(label, width=width)

    def show_articles(self, articles: Sequence[Article]) -> dict[int, str]:
        """List ``articles``; returns the label of each article id."""
        self.clear()
        self.articles = {}
        labels = {}
        for number, article in enumerate(articles, start=1):
            self.articles[str(article.id)] = article
            labels[article.id] = article_label(number)
            self.add_row(*self._cells(labels[article.id], article), key=str(article.id))
        return labels

    def refresh_article(self, article: Article) -> None:
        """Show an article's new flags."""
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

    def _cells(self, label: str, article: Article) -> list[Text]:
        return [
            Text(label),
            self._flags(article),
            Text(one_line(article.source or article.site_name), no_wrap=True, overflow="ellipsis"),
            Text(short_date(article.published)),
            Text(one_line(article.lang)),
            Text(one_line(article.title) or "(untitled)", no_wrap=True, overflow="ellipsis"),
        ]

    @staticmethod
    def _flags(article: Article) -> Text:
        return Text(STAR_MARK if article.starred else ("" if article.read else UNREAD_MARK))
