"""Stories as the CLI and the TUI show them: title, size, articles by date, first and last seen."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

from reader.models import Article
from reader.store import Library
from reader.stories.facts import Fact, compare_figures
from reader.stories.mentions import CitedArticle

# A story was first and last seen when its dated articles were published; a
# story of undated articles only has no dates (None), and comes after every
# dated one, as undated articles do in the library's date order.
_FIRST_SEEN = "min(a.published)"
_LAST_SEEN = "max(a.published)"
# A story's title: the headline of the article chosen for it.
_HEADLINE = "JOIN articles headline ON headline.id = s.headline_id"


@dataclass
class Story:
    """A story and its articles, oldest first."""

    id: int
    title: str
    size: int
    first_seen: str | None
    last_seen: str | None
    articles: list[Article] = field(default_factory=list)

    @property
    def tags(self) -> list[str]:
        """Every tag its articles have (those given to the story included), by name."""
        return sorted({tag for article in self.articles for tag in article.tags}, key=str.casefold)

    def to_json(self) -> dict[str, Any]:
        """The story as the JSON contract describes it, with its tags."""
        return {
            "id": self.id,
            "title": self.title,
            "size": self.size,
            "tags": self.tags,
            "articles": [article.to_json() for article in self.articles],
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
        }


def list_stories(library: Library, *, min_size: int = 1, limit: int | None = None) -> list[Story]:
    """Stories with at least ``min_size`` articles, the most recently seen first, undated ones last (newest added first)."""
    sql = (
        f"SELECT s.id, headline.title, count(*), {_FIRST_SEEN}, {_LAST_SEEN} FROM stories s "
        f"JOIN articles a ON a.story_id = s.id {_HEADLINE} GROUP BY s.id HAVING count(*) >= ? "
        f"ORDER BY coalesce({_LAST_SEEN}, '') DESC, max(a.id) DESC"
    )
    params: list[Any] = [min_size]
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    stories = [Story(*row) for row in library.db.execute(sql, params)]
    by_id = {story.id: story for story in stories}
    for article in library.articles_of_stories(list(by_id)):
        by_id[cast(int, article.story_id)].articles.append(article)
    return stories


def get_story(library: Library, story_id: int) -> Story | None:
    """One story with its articles, or None."""
    row = library.db.execute(
        f"SELECT s.id, headline.title, count(a.id), {_FIRST_SEEN}, {_LAST_SEEN} FROM stories s "
        f"JOIN articles a ON a.story_id = s.id {_HEADLINE} WHERE s.id = ? GROUP BY s.id",
        [story_id],
    ).fetchone()
    if row is None:
        return None
    story = Story(*row)
    story.articles = library.articles_of_stories([story_id])
    return story


def story_figures(library: Library, story: Story) -> list[Fact]:
    """The facts the story's articles give (from their stored figures), flagged ones first."""
    cited = []
    for article in story.articles:
        stored = library.get_article(article.id)
        if stored is not None:
            figures = library.figures(article.id)
            cited.append(CitedArticle(article.id, article.source, stored.text or "", figures, article.published))
    return compare_figures(cited)
