"""Widgets of the reader: each owns its behaviour; screens arrange them."""

from reader.tui.widgets.article_details import ArticleDetails
from reader.tui.widgets.article_table import ArticleTable
from reader.tui.widgets.article_view import ArticleView

__all__ = ["ArticleDetails", "ArticleTable", "ArticleView"]
