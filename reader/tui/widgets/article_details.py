"""The pane under the list describing the highlighted article."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from reader.models import Article
from reader.tui.widgets.meta import article_meta, article_title


class ArticleDetails(Static):
    """Title in full and metadata of ``article`` (set by the screen)."""

    article: reactive[Article | None] = reactive(None)

    def watch_article(self, article: Article | None) -> None:
        if article is None:
            self.update(Content(""))
            return
        self.update(Content("\n").join([article_title(article), article_meta(article)]))
