"""Turning untrusted article fields into things safe to show.

Article text comes from anywhere. It reaches the screen only as plain
``Content``/``Text`` (never parsed as markup) and with terminal control
sequences removed, so "[bold]x[/]" or "[@click=app.quit]" stays literal text
and an ANSI escape can never reach the terminal.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from rich.text import Text

from reader.text.sanitize import strip_control

# The marks of an article (or story) in lists: unread, starred.
UNREAD_MARK = "●"
STAR_MARK = "★"


def clean(value: str | None) -> str:
    """``value`` without control characters or escape sequences ('' for None)."""
    return strip_control(value) if value else ""


def one_line(value: str | None) -> str:
    """``value`` cleaned and folded onto a single line."""
    return " ".join(clean(value).split())


def short_date(published: str | None) -> str:
    """The date part of an ISO 8601 value, as precise as it is: ``2025-01-28``, ``2025-01``, ``2025``."""
    if not published:
        return ""
    return clean(published)[:10]


def is_web_link(url: str | None) -> bool:
    """Whether ``url`` is something a browser may safely be asked to open."""
    if not url:
        return False
    return urlsplit(url.strip()).scheme.lower() in {"http", "https"}


def cut(value: str, width: int) -> Text:
    """``value`` as plain Text in at most ``width`` cells, cut with an ellipsis."""
    text = Text(value, no_wrap=True, overflow="ellipsis")
    text.truncate(width, overflow="ellipsis")
    return text
