"""Screens of the reader: each owns its layout and its workers."""

from reader.tui.screens.article import ArticleClosed, ArticleScreen
from reader.tui.screens.feeds import FeedsScreen
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.main import MainScreen
from reader.tui.screens.prompts import Confirm, Prompt
from reader.tui.screens.story import StoryScreen

__all__ = [
    "ArticleClosed",
    "ArticleScreen",
    "Confirm",
    "FeedsScreen",
    "HelpScreen",
    "MainScreen",
    "Prompt",
    "StoryScreen",
]
