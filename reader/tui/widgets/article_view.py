"""One article: its title, a metadata line and its Markdown body."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Markdown, Rule, Static

from reader.models import Article
from reader.tui.text import clean
from reader.tui.widgets.meta import article_meta, article_title

NO_TEXT = "*This article has no text.*"


def article_markdown(article: Article) -> str:
    """The Markdown to show for an article, without control characters."""
    return clean(article.markdown or article.text) or NO_TEXT


class ArticleView(VerticalScroll):
    """Scrolls through one article.

    ``show_summary`` fills the title and metadata at once from the list's copy
    of the article; ``show_article`` adds the body once it has been read from
    the library. Links are not opened here: ``Markdown.LinkClicked`` bubbles up
    to the screen, which decides.
    """

    can_focus = True

    def compose(self) -> ComposeResult:
        with Vertical(id="article-column"):
            yield Static(id="article-title")
            yield Static(id="article-meta")
            yield Rule(line_style="heavy", id="article-rule")
            yield Markdown(id="article-body", open_links=False)

    def show_summary(self, article: Article) -> None:
        """Show the title and metadata of an article (the body is still loading)."""
        self.query_one("#article-title", Static).update(article_title(article))
        self.query_one("#article-meta", Static).update(article_meta(article))

    async def show_article(self, article: Article) -> None:
        """Show a whole article, body included."""
        self.show_summary(article)
        body = self.query_one("#article-body", Markdown)
        await body.update(article_markdown(article))
        body.loading = False
        self.scroll_home(animate=False)
