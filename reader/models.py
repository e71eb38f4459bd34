"""Plain data shared by every layer: no I/O, no UI."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ParsedDocument:
    """What a parser makes of one input, before it is stored.

    ``text`` is the cleaned plain text (paragraphs separated by a blank line):
    what is indexed, searched and scanned for figures. ``markdown`` is the same
    article for display. ``published`` is ISO 8601 and may be partial
    (``"2025"``, ``"2025-01"``, ``"2025-01-28"``, ``"2025-01-28T18:07:00"``).
    """

    title: str
    text: str
    markdown: str
    published: str | None = None
    author: str | None = None
    site_name: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class RawInput:
    """An input exactly as it arrived, kept so cleaning can be redone later."""

    data: bytes
    format: str  # "text", "markdown", "html", or "feed-entry" (a feed entry's fields as JSON)
    encoding: str  # the encoding it was decoded with


@dataclass
class Article:
    """An article as stored in the library."""

    id: int
    title: str
    source: str | None
    url: str | None
    path: str | None
    published: str | None
    lang: str
    author: str | None = None
    site_name: str | None = None
    story_id: int | None = None
    read: bool = False
    starred: bool = False
    added_at: str | None = None
    updated_at: str | None = None
    tags: list[str] = field(default_factory=list)
    text: str | None = None
    markdown: str | None = None

    def to_json(self, *, with_text: bool = False) -> dict[str, Any]:
        """The article as the JSON contract describes it (``text`` only on request)."""
        data: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "url": self.url,
            "path": self.path,
            "published": self.published,
            "lang": self.lang,
            "story_id": self.story_id,
            "tags": list(self.tags),
            "read": self.read,
            "starred": self.starred,
        }
        if with_text:
            data["text"] = self.text
        return data
