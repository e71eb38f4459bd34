"""How an article's title and metadata line read on screen (plain Content, never markup)."""

from __future__ import annotations

from textual.content import Content

from reader.models import Article
from reader.tui.text import one_line, short_date

_SEPARATOR = Content.styled("  ·  ", "$text-muted")


def article_title(article: Article) -> Content:
    """The title in bold."""
    return Content.styled(one_line(article.title) or "(untitled)", "bold")


def article_meta(article: Article, *, with_location: bool = True) -> Content:
    """``source · author · date · LANG · url``, the parts that are known."""
    parts: list[Content] = []
    if article.starred:
        parts.append(Content.styled("★ starred", "$warning"))
    source = one_line(article.source or article.site_name)
    if source:
        parts.append(Content.styled(source, "bold $accent"))
    if article.author:
        parts.append(Content(one_line(article.author)))
    if article.published:
        parts.append(Content(short_date(article.published)))
    if article.lang:
        parts.append(Content(one_line(article.lang).upper()))
    if article.tags:
        parts.append(Content(" ".join(f"#{one_line(tag)}" for tag in article.tags)))
    if with_location:
        location = one_line(article.url or article.path)
        if location:
            parts.append(Content.styled(location, "$text-muted underline" if article.url else "$text-muted"))
    return _SEPARATOR.join(parts)
