"""The pane under the list describing the highlighted story or article: title, sources, date, lead."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from reader.models import Article
from reader.tui.text import one_line, short_date
from reader.tui.widgets.meta import article_meta

_SEPARATOR = Content.styled("  ·  ", "$text-muted")


class Preview(Static):
    """Shows what the screen sets: a headline and meta line at once, sources and lead once read.

    The pane has a fixed height (what does not fit is cut), so showing another
    row repaints it without laying out the screen again: moving through the
    list stays fast.
    """

    def show(self, title: str, meta: Content, sources: list[str] | None = None, lead: str | None = None) -> None:
        """Show a headline, its meta line, the sources (a story's outlets) and the lead, each if known."""
        parts = [Content.styled(one_line(title) or "(untitled)", "bold"), meta]
        if sources:
            parts += [Content(""), Content.styled("Sources", "bold $text-muted"), Content(", ".join(sources))]
        if lead:
            parts += [Content(""), Content(one_line(lead))]
        self.update(Content("\n").join(parts), layout=False)

    def show_article(self, article: Article, lead: str | None = None) -> None:
        """An article: its title, its meta line and its lead."""
        self.show(one_line(article.title), article_meta(article), lead=lead)

    def clear(self) -> None:
        """Show nothing."""
        self.update(Content(""), layout=False)


def story_meta(size: int, sources: int, newest: str | None, tags: list[str], unread: int) -> Content:
    """``N articles · M sources · newest date · #tags · K unread``, the parts that apply."""
    parts = [Content(f"{size} articles" if size > 1 else "1 article")]
    if sources > 1:
        parts.append(Content(f"{sources} sources"))
    if newest:
        parts.append(Content(short_date(newest)))
    if tags:
        parts.append(Content(" ".join(f"#{one_line(tag)}" for tag in tags)))
    if unread:
        parts.append(Content.styled(f"{unread} unread", "$accent"))
    return _SEPARATOR.join(parts)
