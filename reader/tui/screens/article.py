"""Reading one article."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import ClassVar, Literal

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Markdown

from reader.models import Article
from reader.store import Library
from reader.tui import keys
from reader.tui.text import is_web_link, one_line
from reader.tui.widgets import ArticleView

Go = Literal["back", "next", "previous"]


@dataclass(frozen=True)
class ArticleClosed:
    """What the article screen hands back: where to go next, and the article's final state."""

    go: Go
    article: Article


class ArticleScreen(Screen[ArticleClosed]):
    """Shows ``article`` (the list's copy, without its body) and reads the body in a worker."""

    BINDINGS: ClassVar[list[BindingType]] = keys.ARTICLE

    @dataclass
    class BodyLoaded(Message):
        """The whole article was read from the library (None: it is gone)."""

        article: Article | None

    @dataclass
    class LoadFailed(Message):
        """The library could not be read or written."""

        error: str

    def __init__(self, db_path: Path, article: Article) -> None:
        super().__init__()
        self.db_path = db_path
        self.article = article

    def compose(self) -> ComposeResult:
        yield Header()
        yield ArticleView(id="article")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = one_line(self.article.source)
        view = self.query_one(ArticleView)
        view.show_summary(self.article)
        view.query_one(Markdown).loading = True
        view.focus()
        self.load_body(self.article.id)

    # Workers --------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="article")
    def load_body(self, article_id: int) -> None:
        try:
            with Library(self.db_path) as library:
                article = library.get_article(article_id)
        except Exception as error:
            self.post_message(self.LoadFailed(f"Cannot read the article: {error}"))
            return
        self.post_message(self.BodyLoaded(article))

    @work(thread=True, exit_on_error=False, group="flags")
    def save_star(self, article_id: int, starred: bool) -> None:
        try:
            with Library(self.db_path) as library:
                library.set_flags(article_id, starred=starred)
        except Exception as error:
            self.post_message(self.LoadFailed(f"Cannot save the change: {error}"))

    # Handlers -------------------------------------------------------------------

    @on(BodyLoaded)
    async def show_body(self, message: BodyLoaded) -> None:
        if message.article is None:
            self.query_one(Markdown).loading = False
            self.notify("This article is no longer in the library.", severity="warning")
            return
        # Keep the flags this session changed; take everything else from the library.
        self.article = replace(message.article, read=self.article.read, starred=self.article.starred)
        await self.query_one(ArticleView).show_article(self.article)

    @on(LoadFailed)
    def show_error(self, message: LoadFailed) -> None:
        self.query_one(Markdown).loading = False
        self.notify(message.error, title="Library error", severity="error", timeout=10, markup=False)

    @on(Markdown.LinkClicked)
    def follow_link(self, message: Markdown.LinkClicked) -> None:
        message.stop()
        if is_web_link(message.href):
            self.app.open_url(message.href)
        else:
            self.notify(f"Not opening {message.href!r}: not a web address.", severity="warning", markup=False)

    # Actions --------------------------------------------------------------------

    def action_back(self) -> None:
        self.dismiss(ArticleClosed("back", self.article))

    def action_next(self) -> None:
        self.dismiss(ArticleClosed("next", self.article))

    def action_previous(self) -> None:
        self.dismiss(ArticleClosed("previous", self.article))

    def action_scroll_down(self) -> None:
        self.query_one(ArticleView).scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one(ArticleView).scroll_up()

    def action_page_down(self) -> None:
        self.query_one(ArticleView).scroll_page_down()

    def action_page_up(self) -> None:
        self.query_one(ArticleView).scroll_page_up()

    def action_toggle_star(self) -> None:
        self.article = replace(self.article, starred=not self.article.starred)
        self.query_one(ArticleView).show_summary(self.article)
        self.save_star(self.article.id, self.article.starred)

    def action_open_link(self) -> None:
        if is_web_link(self.article.url):
            self.app.open_url(self.article.url or "")
        else:
            self.notify("This article has no web address.", severity="warning", timeout=3)
