"""Saved web pages -> ParsedDocument: main-text extraction (trafilatura) and Markdown (markdownify).

The page is extracted once; trafilatura's article tree then gives both the plain
text (indexed, searched, scanned for figures) and, converted to simple HTML and
through markdownify, the Markdown shown in the reader.

Choices measured with ``bench/extraction.py`` against trafilatura as-is: leaving
out reader comments (trafilatura keeps them by default) and dropping short
boilerplate blocks ("Read more: ...", "À lire aussi", newsletter prompts,
copyright lines) both raise precision on both test sets; ``favor_precision``,
``favor_recall`` and ``deduplicate`` each scored lower on at least one of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from copy import deepcopy
from typing import Any, cast

import trafilatura
from lxml import etree
from markdownify import markdownify
from trafilatura.htmlprocessing import convert_to_html
from trafilatura.settings import Document
from trafilatura.xml import xmltotxt

from reader.ingest.errors import IngestError
from reader.ingest.plaintext import derive_title
from reader.models import ParsedDocument
from reader.text.sanitize import normalize_text, strip_control

_EXTRACT_OPTIONS: dict[str, Any] = {
    "include_comments": False,
    "include_tables": True,
    "include_formatting": True,  # kept in the tree for the Markdown; the text drops it
    "include_links": True,
    "include_images": False,
    "with_metadata": True,
}
_MARKDOWN_OPTIONS: dict[str, Any] = {
    "heading_style": "ATX",
    "bullets": "-",
    "strip": ["img"],
}
_INLINE_TAGS = ("ref", "hi", "del")  # links and emphasis: their text stays, the tag goes
# Short blocks that are site furniture, not article: "Read more: <other story>",
# "À lire aussi", newsletter and subscription prompts, copyright and photo credits.
_BOILERPLATE = re.compile(
    r"""^(?:
      (?:read|see|watch)\ (?:more|also)\b | more\s*:
    | related(?:\ (?:posts?|articles?|stories|content))?\s*:
    | (?:à\ )?lire\ (?:aussi|également|la\ suite) | (?:à\ )?(?:voir|écouter)\ aussi | lea\ (?:también|más)
    | sign\ up\b | subscribe\b | abonnez-vous\b | inscrivez-vous\b | follow\ us\b
    | share\ this\ (?:article|story|post)
    | © | copyright\b | (?:photo\ )?cr[ée]dits?(?:\ photos?)?\s*:
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_BOILERPLATE_MAX = 300  # characters: a longer block is taken for article text
_BLOCKS = ("p", "head", "item", "quote")
_LIST_MARKER = re.compile(r"^(?:- )+")
_SPACES = re.compile(r"\s+")
_TABLE_RULE = re.compile(r"^\|(?:-+\|)+$")


def parse_html(html: str, url: str | None = None) -> ParsedDocument:
    """Extract the main article of a saved web page, with its metadata.

    :param html: the page, already decoded to text.
    :param url: where the page came from, when known; otherwise the page's
        canonical or ``og:url`` link is used.
    :returns: the article: ``text`` is plain text with paragraphs separated by a
        blank line, ``markdown`` keeps headings, lists, emphasis and links. Both
        are free of terminal control sequences; markup-like text such as
        ``[bold]`` is kept as it is.
    :raises IngestError: when no article text can be found in the page.
    """
    # Escape sequences go first: trafilatura would drop the ESC byte and leave "[31m".
    html = strip_control(html)
    if not html.strip():
        raise IngestError("empty HTML page")
    try:
        # Without as_dict, trafilatura gives a Document or None.
        document = cast("Document | None", trafilatura.bare_extraction(html, url=url, **_EXTRACT_OPTIONS))
        body = _without_boilerplate(document.body) if document is not None else None
        text = _plain_text(body) if body is not None else ""
        markdown = _markdown(body) if body is not None and text else ""
    except Exception as error:
        raise IngestError(f"cannot parse the HTML ({type(error).__name__})") from error
    if document is None or not text:
        raise IngestError("no article text found in the HTML")

    title = _clean_line(document.title) or derive_title(text.split("\n\n", 1)[0])
    return ParsedDocument(
        title=title,
        text=text,
        markdown=markdown,
        published=_clean_line(document.date),
        author=_clean_line(document.author),
        site_name=_clean_line(document.sitename),
        url=url or _clean_line(document.url),
    )


def _without_boilerplate(tree: etree._Element) -> etree._Element:
    """The article tree, its short boilerplate blocks taken out (in place)."""
    for block in list(tree.iter(*_BLOCKS)):
        content = " ".join("".join(cast("Iterator[str]", block.itertext())).split())
        parent = block.getparent()
        if len(content) < _BOILERPLATE_MAX and _BOILERPLATE.match(content) and parent is not None:
            parent.remove(block)
    return tree


def _plain_text(body: etree._Element) -> str:
    """The article tree as plain text: one paragraph per block, blank lines between."""
    tree = deepcopy(body)
    etree.strip_tags(tree, *_INLINE_TAGS)
    for node in tree.iter():
        if node.tag != "code":  # a line break of the page's source is a space, not a new paragraph
            node.text = node.text and _SPACES.sub(" ", node.text)
        node.tail = node.tail and _SPACES.sub(" ", node.tail)
    paragraphs = []
    for line in xmltotxt(tree, False).splitlines():
        line = line.strip()
        if _TABLE_RULE.match(line):
            continue
        if line.startswith("| ") and line.endswith(" |"):
            line = "\t".join(cell.strip().replace("\\|", "|") for cell in line[2:-2].split(" | "))
        line = _LIST_MARKER.sub("", line).strip()
        if line:
            paragraphs.append(line)
    return normalize_text("\n\n".join(paragraphs))


def _markdown(body: etree._Element) -> str:
    """The article tree as Markdown, through the simple HTML trafilatura makes of it."""
    tree = convert_to_html(deepcopy(body))
    for cell in tree.iter("td", "th"):  # a "|" in a cell would split it in two
        for node in cell.iter():
            node.text = node.text and node.text.replace("|", "\\|")
            if node is not cell:
                node.tail = node.tail and node.tail.replace("|", "\\|")
    html = etree.tostring(tree, encoding="unicode")
    markdown = markdownify(html, **_MARKDOWN_OPTIONS)
    markdown = re.sub(r"\n{3,}", "\n\n", normalize_text(markdown))
    return markdown.strip()


def _clean_line(value: str | None) -> str | None:
    """A metadata value on one line, without control characters; None when empty."""
    if not value:
        return None
    return " ".join(normalize_text(value).split()) or None
