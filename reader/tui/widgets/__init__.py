"""Widgets of the reader: each owns its behaviour; screens arrange them."""

from reader.tui.widgets.article_body import ArticleBody, Reading
from reader.tui.widgets.article_details import ArticleDetails
from reader.tui.widgets.article_table import ArticleTable
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.figure_comparison import FigureComparison
from reader.tui.widgets.figures_table import FiguresTable
from reader.tui.widgets.story_articles import StoryArticles

__all__ = [
    "ArticleBody",
    "ArticleDetails",
    "ArticleTable",
    "ArticleView",
    "FigureComparison",
    "FiguresTable",
    "Reading",
    "StoryArticles",
]
