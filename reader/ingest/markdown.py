"""Markdown articles (.md) -> ParsedDocument.

The Markdown body is kept as written for display; the plain text (indexed,
searched, scanned for figures) is the body with its markup stripped and the
same boilerplate cleaning as scraped plain text. Title, date and author come
from YAML front matter when there is one (read with a small line parser: only
``key: value`` pairs and simple lists are needed).
"""

from __future__ import annotations

import re

from reader.ingest import boilerplate
from reader.ingest.errors import IngestError
from reader.ingest.plaintext import derive_title, parse_date
from reader.models import ParsedDocument
from reader.text.sanitize import normalize_text

__all__ = ["markdown_to_text", "parse_markdown"]

# --- front matter ---------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_KEY_VALUE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*:\s*(?P<value>.*)$")
_LIST_ITEM = re.compile(r"^\s+-\s+(?P<value>.+)$")
_DATE_KEYS = ("date", "published", "published_at", "publishdate", "pubdate", "created", "updated")
_AUTHOR_KEYS = ("author", "authors", "by")


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def _front_matter(text: str) -> tuple[dict[str, str | list[str]], str]:
    """Split ``text`` into its front matter (lowercased keys) and the body after it."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return {}, text
    fields: dict[str, str | list[str]] = {}
    key = None
    for line in match["yaml"].split("\n"):
        item = _LIST_ITEM.match(line)
        pair = _KEY_VALUE.match(line)
        if item and key is not None:
            previous = fields.get(key)
            fields[key] = [*(previous if isinstance(previous, list) else []), _unquote(item["value"])]
        elif pair:
            key = pair["key"].lower()
            value = pair["value"].strip()
            if value.startswith("[") and value.endswith("]"):
                fields[key] = [_unquote(part) for part in value[1:-1].split(",") if part.strip()]
            else:
                fields[key] = _unquote(value)
    return fields, text[match.end() :]


def _field_text(value: str | list[str] | None) -> str | None:
    if isinstance(value, list):
        value = ", ".join(value)
    return value.strip() or None if value else None


# --- Markdown -> plain text ------------------------------------------------------------

_FENCE = re.compile(r"^\s{0,3}(```+|~~~+)")
_ATX_HEADING = re.compile(r"^\s{0,3}(#{1,6})(?:\s+(.*?))?(?:\s+#+)?\s*$")
_SETEXT_UNDERLINE = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_THEMATIC_BREAK = re.compile(r"^\s{0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")
_LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+")
_QUOTE_MARKER = re.compile(r"^\s*(?:>\s?)+")
_REFERENCE_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")
_TABLE_DELIMITER = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")

# Inline spans are bounded (_SPAN characters) so unclosed markers ("*a *a *a...")
# cost linear, not quadratic, time.
_SPAN = 1000
_CODE_SPAN = re.compile(rf"(`+)([^`]{{1,{_SPAN}}}?)\1")
_IMAGE = re.compile(rf"!\[[^\]]{{0,{_SPAN}}}\](?:\([^)]{{0,{_SPAN}}}\)|\[[^\]]{{0,{_SPAN}}}\])")
_LINK = re.compile(rf"\[([^\]]{{1,{_SPAN}}})\](?:\([^)]{{0,{_SPAN}}}\)|\[[^\]]{{0,{_SPAN}}}\])")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_HTML_TAG = re.compile(rf"</?[A-Za-z][^<>]{{0,{_SPAN}}}>")
_STRONG = re.compile(rf"(\*\*|__)(?=\S)(.{{1,{_SPAN}}}?)(?<=\S)\1")
_EMPHASIS = re.compile(
    rf"(?<![\w*])\*(?=\S)(.{{1,{_SPAN}}}?)(?<=\S)\*(?![\w*])|(?<![\w_])_(?=\S)(.{{1,{_SPAN}}}?)(?<=\S)_(?![\w_])"
)
_STRIKE = re.compile(rf"~~(?=\S)(.{{1,{_SPAN}}}?)(?<=\S)~~")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def _inline_text(text: str) -> str:
    """Strip inline markup: links keep their text, images go, emphasis markers go, code stays."""
    codes: list[str] = []

    def keep_code(match: re.Match[str]) -> str:
        codes.append(match[2].strip())
        return f"\x00{len(codes) - 1}\x00"

    text = _CODE_SPAN.sub(keep_code, text)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _HTML_TAG.sub("", text)
    text = _STRONG.sub(r"\2", text)
    text = _EMPHASIS.sub(lambda m: m[1] or m[2], text)
    text = _STRIKE.sub(r"\1", text)
    text = _ESCAPE.sub(r"\1", text)
    text = re.sub(r"\x00(\d+)\x00", lambda m: codes[int(m[1])], text)
    return " ".join(text.split())


def _blocks(body: str) -> list[tuple[str, str]]:
    """Markdown body -> ``(kind, raw text)`` blocks: "h1", "heading", "code" or "para"."""
    blocks: list[tuple[str, str]] = []
    paragraph: list[str] = []
    lines = iter(body.split("\n"))

    def flush() -> None:
        if paragraph:
            blocks.append(("para", " ".join(paragraph)))
            paragraph.clear()

    for line in lines:
        fence = _FENCE.match(line)
        if fence:
            flush()
            code = []
            for inner in lines:
                if inner.strip().startswith(fence[1]):
                    break
                if inner.strip():
                    code.append(inner)
            blocks.append(("code", "\n".join(code)))
        elif not line.strip() or _REFERENCE_DEFINITION.match(line) or _TABLE_DELIMITER.match(line):
            flush()
        elif paragraph and (underline := _SETEXT_UNDERLINE.match(line)):
            blocks.append(("h1" if underline[1].startswith("=") else "heading", " ".join(paragraph)))
            paragraph.clear()
        elif _THEMATIC_BREAK.match(line):
            flush()
        elif heading := _ATX_HEADING.match(line):
            flush()
            blocks.append(("h1" if len(heading[1]) == 1 else "heading", heading[2] or ""))
        elif _LIST_MARKER.match(line) or line.lstrip().startswith("|"):
            flush()  # each list item and table row is its own paragraph
            cells = _LIST_MARKER.sub("", line, count=1).strip().strip("|").split("|")
            paragraph.append(" ".join(cell.strip() for cell in cells))
        else:
            paragraph.append(_QUOTE_MARKER.sub("", line).strip())
    flush()
    return blocks


def markdown_to_text(body: str) -> list[str]:
    """The paragraphs of a Markdown body as plain text (headings and code blocks included)."""
    paragraphs = []
    for kind, raw in _blocks(body):
        text = raw if kind == "code" else _inline_text(_QUOTE_MARKER.sub("", raw))
        if text.strip():
            paragraphs.append(text)
    return paragraphs


# --- entry point ----------------------------------------------------------------------

_TITLE_MAX = 200


def _first_h1(body: str) -> str | None:
    for kind, raw in _blocks(body):
        if kind == "h1" and raw.strip():
            return _inline_text(raw)
    return None


def _published(fields: dict[str, str | list[str]]) -> str | None:
    value = next((_field_text(fields[key]) for key in _DATE_KEYS if fields.get(key)), None)
    if value is None:
        return None
    return value if re.fullmatch(r"\d{4}", value) else parse_date(value)


def parse_markdown(text: str) -> ParsedDocument:
    """Parse a Markdown article.

    :param text: the decoded file (control characters are stripped here).
    :returns: the title (front matter ``title:``, else the first heading, else the
        first line), ``markdown`` = the body after the front matter as written,
        ``text`` = that body as plain text, cleaned of site chrome, without the
        title heading; ``published`` and ``author`` from the front matter.
    :raises IngestError: when there is no text.
    """
    fields, body = _front_matter(normalize_text(text))
    body = body.strip("\n")
    paragraphs = markdown_to_text(body)
    title = _field_text(fields.get("title")) or _first_h1(body)
    if paragraphs and title and paragraphs[0] == _inline_text(title):
        paragraphs = paragraphs[1:]  # the title heading: stored as the title, not as text
    cleaned = boilerplate.clean_body(paragraphs)
    if not cleaned:
        raise IngestError("no article text (nothing left once site boilerplate is removed)")
    return ParsedDocument(
        title=title[:_TITLE_MAX] if title else derive_title(cleaned[0]),
        text="\n\n".join(cleaned),
        markdown=body,
        published=_published(fields),
        author=next((_field_text(fields[key]) for key in _AUTHOR_KEYS if fields.get(key)), None),
    )
