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
    """``source · author · date · LANG · #tags``, the parts that are known, and the web address (or file) on a
    line of its own: a long one never leaves a separator dangling at the end of a wrapped line."""
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
    meta = _SEPARATOR.join(part for part in parts if part.plain.strip())
    location = one_line(article.url or article.path) if with_location else ""
    if not location:
        return meta
    shown = Content.styled(location, "$text-muted underline" if article.url else "$text-muted")
    return Content("\n").join([meta, shown]) if meta.plain else shown
