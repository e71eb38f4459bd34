"""Widgets of the reader: each owns its behaviour; screens arrange them."""

from reader.tui.widgets.article_body import ArticleBody, Reading
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.figure_comparison import FigureComparison
from reader.tui.widgets.figures_table import FiguresTable
from reader.tui.widgets.preview import Preview
from reader.tui.widgets.search_bar import SearchBar
from reader.tui.widgets.sidebar import Sidebar
from reader.tui.widgets.story_articles import StoryArticles
from reader.tui.widgets.story_tree import StoryTree

__all__ = [
    "ArticleBody",
    "ArticleView",
    "FigureComparison",
    "FiguresTable",
    "Preview",
    "Reading",
    "SearchBar",
    "Sidebar",
    "StoryArticles",
    "StoryTree",
]
