"""Fold the same news told by many outlets into one story, incrementally, across languages."""

from reader.stories.grouping import assign_story, merge_stories, rebuild, split_article
from reader.stories.views import Story, get_story, list_stories, story_figures

__all__ = [
    "Story",
    "assign_story",
    "get_story",
    "list_stories",
    "merge_stories",
    "rebuild",
    "split_article",
    "story_figures",
]
