"""What the TUI stores when a user marks, stars, tags or removes: for some articles, or every article of a story."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from textual.widget import Widget

from reader.store import Library
from reader.store.tags import tag_articles, tag_story, untag_articles, untag_story
from reader.stories.browse import StoryFilter, unread_ids
from reader.text.plural import counted
from reader.tui.writes import write_queue


@dataclass
class Change:
    """Flags and tags to store for some articles (those listed, or every article of ``story_id``)."""

    article_ids: list[int] = field(default_factory=list)
    story_id: int | None = None
    read: bool | None = None
    starred: bool | None = None
    add_tags: list[str] = field(default_factory=list)
    remove_tags: list[str] = field(default_factory=list)

    def store(self, library: Library) -> list[int]:
        """Write the change (inside the caller's transaction); return the ids of the articles it touched."""
        ids = list(self.article_ids)
        if self.story_id is not None:
            ids += [article.id for article in library.articles_of_stories([self.story_id])]
            tag_story(library, self.story_id, self.add_tags)
            untag_story(library, self.story_id, self.remove_tags)
        else:
            tag_articles(library, ids, self.add_tags)
        # A tag taken off a story goes from its articles too, however they got it.
        untag_articles(library, ids, self.remove_tags)
        for article_id in ids:
            library.set_flags(article_id, read=self.read, starred=self.starred)
        return ids


def retagged(tags: list[str], *, add_tags: list[str], remove_tags: list[str]) -> list[str]:
    """``tags`` with some added and some taken off (names compare without case), sorted."""
    removed = {name.casefold() for name in remove_tags}
    kept = [name for name in tags if name.casefold() not in removed]
    known = {name.casefold() for name in kept}
    return sorted(kept + [name for name in add_tags if name.casefold() not in known], key=str.casefold)


def tag_change(before: list[str], after: list[str]) -> Change:
    """The change (tags to add, tags to take off) that goes from ``before`` to ``after``, names compared without case."""
    kept = {name.casefold() for name in after}
    had = {name.casefold() for name in before}
    return Change(
        add_tags=[name for name in after if name.casefold() not in had],
        remove_tags=[name for name in before if name.casefold() not in kept],
    )


def mark_view_read(library: Library, view: StoryFilter) -> list[int]:
    """Mark read every unread article ``view`` keeps; return them (to mark them unread again)."""
    ids = unread_ids(library, view)
    library.set_read(ids, True)
    return ids


def remove_article(library: Library, article_id: int) -> int:
    """Remove an article from the library (and from its story); 1 if it was there, else 0."""
    from reader.operations import remove_articles  # the import machinery, loaded when first needed

    return remove_articles(library, [article_id])


def remove_article_then(widget: Widget, article_id: int, then: Callable[[], object]) -> None:
    """Remove an article through the app's write queue; once it is stored, say so and call ``then()``
    (the screen reads its list again then, not while the removal may still wait for another writer)."""

    def removed(count: int) -> None:
        widget.notify(f"{counted(count, 'article')} removed", timeout=3)
        then()

    write_queue(widget).submit(
        lambda library: remove_article(library, article_id), doing="remove the article", then=removed
    )
