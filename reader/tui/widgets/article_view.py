"""One article: its title, a metadata line and its body with the key figures lit up."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Rule, Static

from reader.models import Article
from reader.tui.widgets.article_body import ArticleBody, Reading
from reader.tui.widgets.meta import article_meta, article_title


class ArticleView(VerticalScroll):
    """Scrolls through one article, in a column of readable width.

    ``show_summary`` fills the title and metadata at once from the list's copy
    of the article; ``show_article`` adds the body once it has been read from
    the library and laid out.
    """

    can_focus = True

    def compose(self) -> ComposeResult:
        with Vertical(id="article-column"):
            yield Static(id="article-title")
            yield Static(id="article-meta")
            yield Rule(line_style="heavy", id="article-rule")
            yield ArticleBody(id="article-body")

    def show_summary(self, article: Article) -> None:
        """Show the title and metadata of an article (the body is still loading)."""
        self.query_one("#article-title", Static).update(article_title(article))
        self.query_one("#article-meta", Static).update(article_meta(article))

    async def show_article(self, article: Article, reading: Reading) -> None:
        """Show a whole article, its body laid out in ``reading``."""
        self.show_summary(article)
        body = self.query_one(ArticleBody)
        await body.show(reading)
        body.loading = False
        self.scroll_home(animate=False)
