"""The article list: a table that fetches its rows page by page as the user scrolls."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import BindingType
from textual.message import Message
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey, RowKey

from reader.models import Article
from reader.tui import keys
from reader.tui.text import one_line, short_date

UNREAD_MARK = "●"
STAR_MARK = "★"

# Fixed columns: (key, label, width). The title takes whatever width is left.
_FIXED_COLUMNS = (
    ("flags", "", 2),
    ("date", "Date", 10),
    ("source", "Source", 18),
    ("lang", "", 2),
)
_TITLE = "title"
_MIN_TITLE_WIDTH = 20


class ArticleTable(DataTable[Text]):
    """One row per article, newest first; more rows are asked for near the end.

    The table never reads the library itself: when the cursor or the scroll
    position comes within ``load_ahead`` rows of the last row loaded it posts
    :class:`ArticleTable.NeedMore`, and whoever owns it answers with
    :meth:`append_articles`. Cells are ``rich.text.Text`` objects, so titles
    are never parsed as markup.
    """

    BINDINGS: ClassVar[list[BindingType]] = keys.LIST

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-table--unread",
        "article-table--read",
        "article-table--star",
        "article-table--meta",
    }

    @dataclass
    class NeedMore(Message):
        """The table wants the rows after the ``loaded`` it already has."""

        table: ArticleTable
        loaded: int

        @property
        def control(self) -> ArticleTable:
            return self.table

    def __init__(self, *, load_ahead: int = 60, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, id=id, classes=classes)
        self.load_ahead = load_ahead
        self.exhausted = False
        """True once the library has no more rows to give."""
        self._articles: dict[str, Article] = {}
        self._waiting = False

    def on_mount(self) -> None:
        for key, label, width in _FIXED_COLUMNS:
            self.add_column(label, width=width, key=key)
        self.add_column("Title", width=_MIN_TITLE_WIDTH, key=_TITLE)
        self.watch(self.app, "theme", self._restyle, init=False)

    # Attributes down -------------------------------------------------------

    @property
    def loaded(self) -> int:
        """How many articles the table holds."""
        return self.row_count

    def reset(self) -> None:
        """Forget every row (before loading the list again)."""
        self.clear()
        self._articles.clear()
        self.exhausted = False
        self._waiting = False

    def append_articles(self, articles: Iterable[Article], *, exhausted: bool) -> None:
        """Add a page of articles at the end (ones already shown are skipped)."""
        self._waiting = True  # adding rows moves the cursor: no request until the page is in
        for article in articles:
            key = str(article.id)
            if key in self._articles:
                continue
            self._articles[key] = article
            self.add_row(*self._cells(article), key=key)
        self.exhausted = exhausted
        self._waiting = False
        # The new rows change the scrollable size only after the next refresh.
        self.call_after_refresh(self._check_need_more)

    def article_for(self, row_key: RowKey | str) -> Article | None:
        """The article shown on a row."""
        key = row_key.value if isinstance(row_key, RowKey) else row_key
        return self._articles.get(key) if key is not None else None

    def article_at_cursor(self) -> Article | None:
        """The highlighted article, if any."""
        if not self.row_count:
            return None
        row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return self.article_for(row_key)

    def refresh_article(self, article: Article) -> None:
        """Show new flags (read, starred) for an article already in the table."""
        key = str(article.id)
        if key not in self._articles:
            return
        self._articles[key] = article
        for column, cell in zip(self.columns, self._cells(article)):
            self.update_cell(key, column, cell)

    def move_to(self, article_id: int) -> bool:
        """Put the cursor on an article's row; False if the table doesn't hold it."""
        key = str(article_id)
        if key not in self._articles:
            return False
        self.move_cursor(row=self.get_row_index(key))
        return True

    # Rendering -------------------------------------------------------------

    def _style(self, component: str) -> Style:
        """A component's foreground style (its translucent colours resolved), without background."""
        full = self.get_component_rich_style(component)
        return Style(color=full.color, bold=full.bold, italic=full.italic, dim=full.dim)

    def _cells(self, article: Article) -> list[Text]:
        meta = self._style("article-table--meta")
        title_style = self._style("article-table--read" if article.read else "article-table--unread")
        star = self._style("article-table--star")
        flags = Text(no_wrap=True)
        if article.starred:
            flags.append(STAR_MARK, style=star)
        elif not article.read:
            flags.append(UNREAD_MARK, style=title_style)
        return [
            flags,
            Text(short_date(article.published), style=meta, no_wrap=True),
            Text(one_line(article.source), style=meta, no_wrap=True, overflow="ellipsis"),
            Text(one_line(article.lang), style=meta, no_wrap=True),
            Text(one_line(article.title) or "(untitled)", style=title_style, no_wrap=True, overflow="ellipsis"),
        ]

    def _restyle(self) -> None:
        """Colour every row again for a new theme (once the new styles are in)."""

        def restyle() -> None:
            for article in list(self._articles.values()):
                self.refresh_article(article)

        self.call_after_refresh(restyle)

    def _on_resize(self, event: events.Resize) -> None:
        super()._on_resize(event)
        self._fit_title_column()

    def _fit_title_column(self) -> None:
        """Give the title column all the width the fixed columns leave."""
        title = self.columns.get(ColumnKey(_TITLE))
        if title is None:
            return
        fixed = sum(
            column.get_render_width(self) for key, column in self.columns.items() if key != title.key
        )
        scrollbar = self.styles.scrollbar_size_vertical
        width = max(_MIN_TITLE_WIDTH, self.size.width - fixed - 2 * self.cell_padding - scrollbar)
        if width != title.width:
            title.width = width
            # DataTable recomputes its virtual size when it next idles.
            self._require_update_dimensions = True
            self._clear_caches()

    # Lazy loading ----------------------------------------------------------

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._check_need_more()

    def watch_cursor_coordinate(self, old_coordinate, new_coordinate) -> None:  # type: ignore[no-untyped-def]
        super().watch_cursor_coordinate(old_coordinate, new_coordinate)
        self._check_need_more()

    def _check_need_more(self) -> None:
        if self.exhausted or self._waiting or not self.is_mounted:
            return
        near_cursor = self.row_count - self.cursor_row <= self.load_ahead
        near_view = self.max_scroll_y - self.scroll_y <= self.load_ahead
        if near_cursor or near_view:
            self._waiting = True
            self.post_message(self.NeedMore(self, self.row_count))

    # Mouse -----------------------------------------------------------------

    async def _on_click(self, event: events.Click) -> None:
        # A DataTable only opens a row on a second click; a reader opens it on the first.
        before = self.cursor_row
        await super()._on_click(event)
        row = event.style.meta.get("row")
        if isinstance(row, int) and row >= 0 and row != before and row == self.cursor_row:
            self.action_select_cursor()
