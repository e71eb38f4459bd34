"""Markdown articles (.md) -> ParsedDocument.

The body is parsed with markdown-it-py (CommonMark, the parser Textual uses to
display it). The Markdown is kept as written for display, less its front matter
and title heading; the plain text (indexed, searched, scanned for figures) is
the text of its blocks, cleaned like scraped plain text. Title, date and author
come from YAML front matter when there is one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from reader.ingest import boilerplate
from reader.ingest.errors import IngestError
from reader.ingest.plaintext import derive_title, parse_date
from reader.models import ParsedDocument
from reader.text.sanitize import normalize_text

__all__ = ["markdown_to_text", "parse_markdown"]

_PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
_FRONT_MATTER_FENCES = ("---", "...")
_DATE_KEYS = ("date", "published", "published_at", "publishdate", "pubdate", "created", "updated")
_AUTHOR_KEYS = ("author", "authors", "by")
_TITLE_MAX = 200


def _front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Split ``text`` into its YAML front matter (keys lowercased) and the body after it."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return {}, text
    end = next((i for i, line in enumerate(lines[1:], 1) if line.rstrip() in _FRONT_MATTER_FENCES), None)
    if end is None:
        return {}, text
    try:
        fields = yaml.safe_load("\n".join(lines[1:end]))
    except yaml.YAMLError:
        fields = None  # not front matter after all: a thematic break, most likely
    if not isinstance(fields, dict):
        return {}, text
    return {str(key).lower(): value for key, value in fields.items()}, "\n".join(lines[end + 1 :])


def _field_text(value: Any) -> str | None:
    if isinstance(value, list):
        value = ", ".join(str(item) for item in value if item)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    text = " ".join(str(value).split()) if value is not None else ""
    return text or None


def _inline_text(token: Token) -> str:
    """The text of an inline token: link text kept, images and raw HTML dropped, code kept."""
    parts = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return " ".join("".join(parts).split())


def _blocks(tokens: list[Token]) -> Iterator[tuple[str, str, Token]]:
    """``(kind, text, opening token)`` for every block: "h1", "heading", "code", "row" or "para"."""
    opening: Token | None = None
    row: list[str] = []
    for token in tokens:
        if token.type in ("heading_open", "paragraph_open"):
            opening = token
        elif token.type in ("fence", "code_block"):
            yield "code", token.content.strip("\n"), token
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close":
            yield "row", "\t".join(row), token
        elif token.type == "inline" and token.level > 0 and opening is None:
            row.append(_inline_text(token))  # a table cell
        elif token.type == "inline" and opening is not None:
            if opening.type == "heading_open":
                yield ("h1" if opening.tag == "h1" else "heading"), _inline_text(token), opening
            else:
                yield "para", _inline_text(token), opening
            opening = None


def markdown_to_text(body: str) -> list[str]:
    """The paragraphs of a Markdown body as plain text (headings, list items, table rows, code)."""
    return [text for _kind, text, _token in _blocks(_PARSER.parse(body)) if text.strip()]


def parse_markdown(text: str) -> ParsedDocument:
    """Parse a Markdown article.

    :param text: the decoded file (control characters are stripped here).
    :returns: the title (front matter ``title:``, else the first level-one
        heading, else the first sentence), ``markdown`` = the body as written
        without its front matter and title heading, ``text`` = the body as
        plain text cleaned of site chrome; ``published`` and ``author`` from
        the front matter.
    :raises IngestError: when there is no article text.
    """
    fields, body = _front_matter(normalize_text(text))
    blocks = [block for block in _blocks(_PARSER.parse(body)) if block[1].strip()]
    title = _field_text(fields.get("title"))
    title_heading = next((block for block in blocks if block[0] == "h1"), None)
    if title_heading is not None and title in (None, title_heading[1]):
        title = title_heading[1]
        blocks.remove(title_heading)
        body = _without_lines(body, title_heading[2].map)
    paragraphs = boilerplate.clean_body([text for _kind, text, _token in blocks])
    if not paragraphs:
        raise IngestError("no article text (nothing left once site boilerplate is removed)")
    published = _field_text(next((fields[key] for key in _DATE_KEYS if fields.get(key)), None))
    return ParsedDocument(
        title=title[:_TITLE_MAX] if title else derive_title(paragraphs[0]),
        text="\n\n".join(paragraphs),
        markdown=body.strip("\n"),
        published=parse_date(published) if published and not published.isdigit() else published,
        author=_field_text(next((fields[key] for key in _AUTHOR_KEYS if fields.get(key)), None)),
    )


def _without_lines(body: str, line_range: list[int] | None) -> str:
    if not line_range:
        return body
    lines = body.split("\n")
    return "\n".join(lines[: line_range[0]] + lines[line_range[1] :])
