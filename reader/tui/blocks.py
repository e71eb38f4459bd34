"""An article's Markdown laid out as blocks of styled text, never parsed as markup.

The body is parsed with markdown-it (raw HTML off, so tags show as text) and
each heading, paragraph, list item, quote, code block, table or rule becomes a
:class:`Block`: plain text plus spans naming component classes of the body
widget (``.article-body--strong``...), which the stylesheet colours. Nothing in
the article's text is ever read as Rich or Textual markup. Links become a span
whose click asks the screen to follow link number N of :attr:`Body.links`, so
no text from the article ever reaches an action string.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token
from textual.content import Content, Span
from textual.style import Style

from reader.tui.text import clean

BULLET = "•"
# What a link click runs, with the link's number in Body.links.
LINK_ACTION = "screen.follow_link({})"

_INLINE_STYLES = {"strong": ".article-body--strong", "em": ".article-body--em", "s": ".article-body--strike"}
_parser = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])


@dataclass(frozen=True)
class Block:
    """One block of the body: its kind (a CSS class of its widget), how deep it sits, and its text."""

    kind: str  # heading1..heading6, paragraph, item (its first paragraph), item-more, code, table, rule
    content: Content
    quote: int = 0  # how many block quotes it is inside
    indent: int = 0  # how many lists it is inside

    @property
    def plain(self) -> str:
        """The text of the block, as shown."""
        return self.content.plain


@dataclass
class Body:
    """The blocks of an article, in reading order, and the targets of the links they hold."""

    blocks: list[Block] = field(default_factory=list)
    links: list[str] = field(default_factory=list)


def markdown_body(markdown: str, *, first_link: int = 0) -> Body:
    """Lay out ``markdown`` (untrusted) as blocks; control characters are dropped first.

    :param first_link: the number of the first link, for a part of a body that follows others.
    """
    return _Layout(first_link).run(_parser.parse(clean(markdown)))


class _Layout:
    """Walks markdown-it's block tokens, keeping track of quotes and lists."""

    def __init__(self, first_link: int) -> None:
        self.body = Body()
        self.first_link = first_link
        self.quote = 0
        self.lists: list[list[int]] = []  # one entry per open list: [next number] or [] for bullets
        self.item_prefix = ""
        self.heading = ""
        self.table: list[list[str]] = []

    def run(self, tokens: list[Token]) -> Body:
        for token in tokens:
            self.take(token)
        return self.body

    def take(self, token: Token) -> None:
        kind = token.type
        if kind == "blockquote_open":
            self.quote += 1
        elif kind == "blockquote_close":
            self.quote -= 1
        elif kind == "bullet_list_open":
            self.lists.append([])
        elif kind == "ordered_list_open":
            self.lists.append([int(token.attrGet("start") or 1)])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self.lists.pop()
        elif kind == "list_item_open":
            self.item_prefix = self.next_marker()
        elif kind == "heading_open":
            self.heading = f"heading{token.tag[1:]}"
        elif kind == "heading_close":
            self.heading = ""
        elif kind == "tr_open":
            self.table.append([])
        elif kind == "table_close":
            self.add("table", Content("\n".join("  │  ".join(row) for row in self.table)))
            self.table = []
        elif kind == "inline":
            self.inline(token)
        elif kind in ("fence", "code_block"):
            self.add("code", Content(token.content.rstrip("\n")))
        elif kind == "hr":
            self.add("rule", Content("⁂"))

    def next_marker(self) -> str:
        numbering = self.lists[-1] if self.lists else []
        if not numbering:
            return f"{BULLET} "
        numbering[0] += 1
        return f"{numbering[0] - 1}. "

    def inline(self, token: Token) -> None:
        content = _inline_content(token.children or [], self.body.links, self.first_link)
        if self.table:
            self.table[-1].append(content.plain)
        elif self.heading:
            self.add(self.heading, content)
        elif self.item_prefix:
            self.add("item", Content.styled(self.item_prefix, ".article-body--marker") + content)
            self.item_prefix = ""
        else:
            self.add("item-more" if self.lists else "paragraph", content)

    def add(self, kind: str, content: Content) -> None:
        self.body.blocks.append(Block(kind, content, quote=self.quote, indent=len(self.lists)))


def _inline_content(children: list[Token], links: list[str], first_link: int) -> Content:
    """The text of an inline run with its emphasis, code and links as spans."""
    text: list[str] = []
    spans: list[Span] = []
    open_at: dict[str, list[tuple[int, list[Style | str]]]] = {}
    length = 0

    def append(piece: str, style: Style | str | None = None) -> None:
        nonlocal length
        if style is not None and piece:
            spans.append(Span(length, length + len(piece), style))
        text.append(piece)
        length += len(piece)

    for child in children:
        kind = child.type
        if kind == "text":
            append(child.content)
        elif kind == "softbreak":
            append(" ")
        elif kind == "hardbreak":
            append("\n")
        elif kind == "code_inline":
            append(child.content, ".article-body--code")
        elif kind == "image":
            append(f"[image: {child.content}]" if child.content else "[image]", ".article-body--image")
        elif kind.endswith("_open"):
            name = kind[: -len("_open")]
            open_at.setdefault(name, []).append((length, _open_styles(name, child, links, first_link)))
        elif kind.endswith("_close"):
            name = kind[: -len("_close")]
            if open_at.get(name):
                start, styles = open_at[name].pop()
                if length > start:
                    spans += [Span(start, length, style) for style in styles]
    return Content("".join(text), spans, strip_control_codes=False)


def _open_styles(name: str, token: Token, links: list[str], first_link: int) -> list[Style | str]:
    """The styles of the span ``token`` opens: a component class, and for a link its click."""
    if name != "link":
        return [_INLINE_STYLES[name]] if name in _INLINE_STYLES else []
    links.append(str(token.attrGet("href") or ""))
    return [".article-body--link", Style.from_meta({"@click": LINK_ACTION.format(first_link + len(links) - 1)})]
