"""Widgets of the reader: each owns its behaviour; screens arrange them."""

from reader.tui.widgets.article_details import ArticleDetails
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.preview import Preview
from reader.tui.widgets.search_bar import SearchBar
from reader.tui.widgets.sidebar import Sidebar
from reader.tui.widgets.story_tree import StoryTree

__all__ = ["ArticleDetails", "ArticleView", "Preview", "SearchBar", "Sidebar", "StoryTree"]
