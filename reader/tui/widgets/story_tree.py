"""The story list: one row per story, expandable to its articles, fetched page by page as the user scrolls."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events, on, work
from textual.binding import BindingType
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode
from textual.worker import Worker

from reader.models import Article
from reader.search import Hit
from reader.store import Library
from reader.store.stories import story_titles
from reader.stories.browse import PagePosition, StoryFilter, StoryRow, story_page
from reader.text.plural import counted
from reader.tui import keys
from reader.tui.text import STAR_MARK, UNREAD_MARK, clean, one_line, short_date
from reader.tui.work import notice_failure, using

# What marks the expand/collapse sign, so a click on it toggles rather than opens.
_TOGGLE = Style.from_meta({"toggle": True})
_DATE_WIDTH = 10
_COUNT_WIDTH = 10
_SOURCE_WIDTH = 18
_TAGS_WIDTH = 24
# Cells a title keeps before the columns after it give way.
_TITLE_MIN = 30


@dataclass
class StoryEntry:
    """A story of the list (its articles are read when it is first expanded)."""

    row: StoryRow
    articles_loaded: bool = False


@dataclass
class ArticleEntry:
    """One article, under its story or on its own."""

    article: Article


@dataclass
class HitEntry:
    """A search result: the best article of a story, and that story (None: the article is in none)."""

    hit: Hit
    row: StoryRow | None = None


@dataclass
class SnippetEntry:
    """The passage of a search result that matched, under it."""

    hit: Hit


Entry = StoryEntry | ArticleEntry | HitEntry | SnippetEntry


def entry_article(entry: Entry | None) -> Article | None:
    """The article a row stands for: the story's newest, the article itself, the hit's."""
    if isinstance(entry, StoryEntry):
        return entry.row.newest
    if isinstance(entry, ArticleEntry):
        return entry.article
    if isinstance(entry, (HitEntry, SnippetEntry)):
        return entry.hit.article
    return None


class StoryTree(Tree[Entry]):
    """Stories newest first, each expandable to its articles; search results with their snippets.

    The tree reads the library itself, in workers: :meth:`load` reads the
    first page of a filter; when the cursor or the scroll position comes
    within ``load_ahead`` rows of the end, the next page; the articles of a
    story when it is first expanded. Pages carry a generation number, so a
    page that arrives after the list moved on (another filter, a search) is
    dropped. Labels are ``rich.text.Text`` built from plain strings: never markup.
    """

    BINDINGS: ClassVar[list[BindingType]] = [*keys.STORIES]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "story-tree--unread",
        "story-tree--read",
        "story-tree--star",
        "story-tree--meta",
        "story-tree--tags",
        "story-tree--snippet",
        "story-tree--match",
    }

    @dataclass
    class Loaded(Message):
        """A page of stories was read and shown (``first``: the list starts with it)."""

        tree: StoryTree
        first: bool

        @property
        def control(self) -> StoryTree:
            return self.tree

    @dataclass
    class ArticlesShown(Message):
        """A story's articles were read and put under it."""

        tree: StoryTree
        node: TreeNode[Entry]

        @property
        def control(self) -> StoryTree:
            return self.tree

    @dataclass
    class LoadFailed(Message):
        """The library could not be read (the notice is shown already)."""

        tree: StoryTree
        error: str

        @property
        def control(self) -> StoryTree:
            return self.tree

    @dataclass
    class _Page(Message):
        generation: int
        rows: list[StoryRow]
        first: bool

    @dataclass
    class _Articles(Message):
        node: TreeNode[Entry]
        articles: list[Article]
        title: str | None
        expand: bool

    @dataclass
    class Chosen(Message):
        """Enter (or a click) on an article's row: read it."""

        tree: StoryTree
        article: Article

        @property
        def control(self) -> StoryTree:
            return self.tree

    @dataclass
    class StoryChosen(Message):
        """Enter on a story of several articles: show the story."""

        tree: StoryTree
        node: TreeNode[Entry]
        story_id: int

        @property
        def control(self) -> StoryTree:
            return self.tree

    PAGE_SIZE: ClassVar[int] = 100
    """Stories read from the library at a time."""

    def __init__(self, db_path: Path, *, load_ahead: int = 60, id: str | None = None) -> None:
        self.db_path = db_path
        self.load_ahead = load_ahead
        self.story_filter = StoryFilter()
        """What the list shows."""
        self._generation = 0
        self.exhausted = True
        """True once the library has no more stories to give."""
        self._waiting = False
        super().__init__("stories", id=id)
        self.show_root = False
        self.guide_depth = 2
        self.auto_expand = False

    # Loading ---------------------------------------------------------------

    def load(self, story_filter: StoryFilter | None = None) -> None:
        """Read the list again from the top (with ``story_filter`` from now on, if given)."""
        if story_filter is not None:
            self.story_filter = story_filter
        self._generation += 1
        self.loading = self.story_count == 0
        self._read_page(self._generation, self.story_filter, None)

    def reload_articles(self, node: TreeNode[Entry], *, expand: bool) -> None:
        """Read a story's articles again (after they changed elsewhere), unfolded or not as ``expand`` says."""
        entry = node.data
        if isinstance(entry, StoryEntry) and entry.row.story_id is not None:
            self._read_articles(node, entry.row.story_id, expand)

    def first_page(self, library: Library) -> list[StoryRow]:
        """The first page of the list, read in the caller's worker."""
        return story_page(library, self.story_filter, limit=self.PAGE_SIZE)

    def show_first_page(self, rows: list[StoryRow]) -> None:
        """Show a first page read elsewhere (when the library is first opened), as :meth:`load` would."""
        self._generation += 1
        self._show_page(self._Page(self._generation, rows, first=True))

    @work(thread=True, exclusive=True, exit_on_error=False, group="pages")
    def _read_page(self, generation: int, story_filter: StoryFilter, after: PagePosition | None) -> None:
        with using(self.db_path, "read the library") as library:
            rows = story_page(library, story_filter, after=after, limit=self.PAGE_SIZE)
        self.post_message(self._Page(generation, rows, first=after is None))

    @work(thread=True, exit_on_error=False, group="articles")
    def _read_articles(self, node: TreeNode[Entry], story_id: int, expand: bool) -> None:
        with using(self.db_path, "read the story") as library:
            articles = library.articles_of_stories([story_id])
            title = story_titles(library, [story_id]).get(story_id)
        self.post_message(self._Articles(node, articles, title, expand))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        error = notice_failure(self, event)
        if error is not None:
            self.loading = False
            self.post_message(self.LoadFailed(self, str(error)))

    @on(_Page)
    def _show_page(self, message: _Page) -> None:
        message.stop()
        if message.generation != self._generation:
            return
        exhausted = len(message.rows) < self.PAGE_SIZE
        if message.first:
            self.loading = False
            self.show_stories(message.rows, exhausted=exhausted)
        else:
            self.append_stories(message.rows, exhausted=exhausted)
        self.post_message(self.Loaded(self, message.first))

    @on(_Articles)
    def _show_articles(self, message: _Articles) -> None:
        message.stop()
        self.set_articles(message.node, message.articles, message.title, expand=message.expand)
        self.post_message(self.ArticlesShown(self, message.node))

    def stop_loading(self) -> None:
        """Drop the pages still being read (a search took the list)."""
        self._generation += 1
        self.loading = False

    # Attributes down -------------------------------------------------------

    @property
    def entry(self) -> Entry | None:
        """What the highlighted row stands for."""
        node = self.cursor_node
        return node.data if node is not None else None

    @property
    def story_count(self) -> int:
        """How many stories (or results) the list holds."""
        return len(self.root.children)

    def show_stories(self, rows: list[StoryRow], *, exhausted: bool) -> None:
        """Replace the list with the first page of stories (its first row highlighted anew)."""
        self._clear()
        self.append_stories(rows, exhausted=exhausted)
        self.cursor_line = 0 if rows else -1
        self.scroll_home(animate=False)

    def append_stories(self, rows: list[StoryRow], *, exhausted: bool) -> None:
        """Add a page of stories at the end."""
        for row in rows:
            node = self.root.add(_label(row.title), StoryEntry(row), allow_expand=row.size > 1)
            if row.size == 1:
                node.data = StoryEntry(row, articles_loaded=True)
        self.exhausted = exhausted
        self._waiting = False
        self.call_after_refresh(self._check_need_more)

    def show_hits(self, hits: list[Hit], rows: list[StoryRow]) -> None:
        """Replace the list with search results (``rows``: the story of each), each with its snippet under it.

        The first is highlighted anew.
        """
        self.stop_loading()
        self._clear()
        self.exhausted = True
        for hit, row in zip(hits, rows, strict=True):
            node = self.root.add(_label(hit.article.title), HitEntry(hit, row), expand=True)
            if hit.snippet.text.strip():  # a match in the title only has no passage to show
                node.add_leaf(_label(hit.snippet.text), SnippetEntry(hit))
        self.cursor_line = 0 if hits else -1
        self.scroll_home(animate=False)

    def set_articles(
        self, node: TreeNode[Entry], articles: list[Article], title: str | None, *, expand: bool = True
    ) -> None:
        """Put a story's articles (all of them) under it, newest first, and open it; its row shows them as they
        are now (how many, from how many sources, their marks, the story's ``title``), as after a removal."""
        entry = node.data
        if not isinstance(entry, StoryEntry):
            return
        node.remove_children()
        for article in sorted(articles, key=lambda article: (article.published or "", article.id), reverse=True):
            node.add_leaf(_label(article.title), ArticleEntry(article))
        entry.articles_loaded = True
        if title:
            entry.row.title = title
        entry.row.size = len(articles)
        entry.row.sources = len({article.source for article in articles if article.source})
        node.allow_expand = len(articles) > 1
        entry.row.unread = sum(not article.read for article in articles)
        entry.row.starred = any(article.starred for article in articles)
        if expand:
            node.expand()
        node.refresh()

    def refresh_article(self, article: Article) -> None:
        """Show an article's new flags or tags wherever it is listed, and on the row of its story."""
        for top in self.root.children:
            before: Article | None = None
            for node in [top, *top.children]:
                entry = node.data
                if isinstance(entry, ArticleEntry) and entry.article.id == article.id:
                    was, entry.article = entry.article, article
                elif isinstance(entry, StoryEntry) and entry.row.newest.id == article.id:
                    was, entry.row.newest = entry.row.newest, article
                    if entry.row.size == 1:
                        entry.row.tags = list(article.tags)
                elif isinstance(entry, (HitEntry, SnippetEntry)) and entry.hit.article.id == article.id:
                    was, entry.hit.article = entry.hit.article, article
                else:
                    continue
                before = before or was  # a result and its snippet share the article: the first copy counts
                node.refresh()
            row = top.data.row if isinstance(top.data, (StoryEntry, HitEntry)) else None
            if before is not None and row is not None:
                row.unread += int(before.read) - int(article.read)
                if row.size == 1:
                    row.starred = article.starred
                elif article.starred:
                    row.starred = True
                top.refresh()

    def change_story_articles(self, node: TreeNode[Entry], change: Callable[[Article], Article]) -> None:
        """Show a change made to every article of a story on its rows (those unfolded and its newest)."""
        entry = node.data
        if isinstance(entry, StoryEntry):
            entry.row.newest = change(entry.row.newest)
        for child in node.children:
            if isinstance(child.data, ArticleEntry):
                child.data.article = change(child.data.article)
        node.refresh()
        for child in node.children:
            child.refresh()

    def step(self, step: int) -> bool:
        """Move to the next (1) or previous (-1) search result, or unread story; False when there is none."""
        current = self.cursor_node
        if current is not None and current.parent is not None and current.parent is not self.root:
            current = current.parent
        rows = list(self.root.children)
        index = rows.index(current) if current in rows else (-1 if step > 0 else len(rows))
        index += step
        while 0 <= index < len(rows):
            entry = rows[index].data
            if isinstance(entry, HitEntry) or (isinstance(entry, StoryEntry) and entry.row.unread):
                self.move_cursor(rows[index])
                return True
            index += step
        return False

    def _clear(self) -> None:
        """Empty the list and forget the highlighted row.

        ``Tree.clear`` keeps the cursor's line: a new list whose first row
        takes line 0 again would then post no ``NodeHighlighted``, and the
        preview would go on showing a row that is gone.
        """
        self.clear()
        self.cursor_line = -1

    def _all_nodes(self) -> list[TreeNode[Entry]]:
        nodes: list[TreeNode[Entry]] = []
        for node in self.root.children:
            nodes.append(node)
            nodes.extend(node.children)
        return nodes

    # Actions ---------------------------------------------------------------

    def action_open(self) -> None:
        """Enter: read an article; on a story of several, show the story."""
        node = self.cursor_node
        if node is None:
            return
        entry = node.data
        row = entry.row if isinstance(entry, (StoryEntry, HitEntry)) else None
        if row is not None and row.size > 1 and row.story_id is not None:
            self.post_message(self.StoryChosen(self, node, row.story_id))
            return
        article = entry_article(entry)
        if article is not None:
            self.post_message(self.Chosen(self, article))

    def action_toggle_story(self) -> None:
        node = self.cursor_node
        if node is not None and node.parent is not None and node.parent is not self.root:
            node = node.parent  # on an article: fold its story
            self.move_cursor(node)
        if node is not None:
            self._toggle(node)

    def action_collapse(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.parent is not None and node.parent is not self.root:
            node = node.parent
            self.move_cursor(node)
        node.collapse()

    def _toggle(self, node: TreeNode[Entry]) -> None:
        entry = node.data
        if not node.allow_expand:
            return
        if node.is_expanded:
            node.collapse()
        elif isinstance(entry, StoryEntry) and not entry.articles_loaded and entry.row.story_id is not None:
            self._read_articles(node, entry.row.story_id, True)
        else:
            node.expand()

    async def _on_click(self, event: events.Click) -> None:
        # A click on a row highlights it; on the toggle mark it expands; a second click opens.
        event.prevent_default()  # instead of Tree's handling, not as well as it
        meta = event.style.meta
        line = meta.get("line")
        if not isinstance(line, int):
            return
        node = self.get_node_at_line(line)
        if node is None:
            return
        if meta.get("toggle") or (self.cursor_line == line and isinstance(node.data, StoryEntry)):
            self.cursor_line = line
            self._toggle(node)
        elif self.cursor_line == line or event.chain > 1:
            self.action_open()
        else:
            self.cursor_line = line

    # Rendering -------------------------------------------------------------

    def get_label_width(self, node: TreeNode[Entry]) -> int:
        return 0  # labels are cut to the width of the tree: never scroll sideways

    def render_label(self, node: TreeNode[Entry], base_style: Style, style: Style) -> Text:
        entry = node.data
        depth = 0 if node.parent is self.root else 1  # the hidden root is not drawn
        width = max(20, self.scrollable_content_region.width - depth * self.guide_depth)
        if isinstance(entry, SnippetEntry):
            return self._snippet(entry.hit, width)
        if node.allow_expand:
            toggle = self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE
        else:
            toggle = "  " if depth == 0 else ""
        line = Text(no_wrap=True)
        line.append(toggle, style=base_style + Style(dim=True) + _TOGGLE)
        if isinstance(entry, StoryEntry):
            self._story_columns(line, entry.row, entry.row.title, width)
        elif isinstance(entry, HitEntry) and entry.row is not None and entry.row.size > 1:
            self._story_columns(line, entry.row, entry.hit.article.title, width)
        elif isinstance(entry, HitEntry):
            article = entry.hit.article
            tail = [_date_column(article.published)]
            self._columns(line, not article.read, article.starred, article.title, tail, width)
        elif isinstance(entry, ArticleEntry):
            article = entry.article
            tail = [
                _Column(one_line(article.source), _SOURCE_WIDTH, "story-tree--meta"),
                _date_column(article.published),
            ]
            self._columns(line, not article.read, article.starred, article.title, tail, width)
        line.stylize(style)
        return line

    def _story_columns(self, line: Text, row: StoryRow, title: str, width: int) -> None:
        tags = " ".join(f"#{one_line(tag)}" for tag in row.tags)
        tail = [
            _Column(tags, min(_TAGS_WIDTH, len(tags)), "story-tree--tags"),
            _Column(_sources(row.size, row.sources), _COUNT_WIDTH, "story-tree--meta"),
            _date_column(row.newest.published),
        ]
        self._columns(line, row.unread > 0, row.starred, title, tail, width)

    def _columns(self, line: Text, unread: bool, starred: bool, title: str, tail: list[_Column], width: int) -> None:
        """The marks, the title, then the ``tail`` columns right-aligned, all within ``width`` cells.

        The title takes what the columns leave; when that is under
        :data:`_TITLE_MIN` cells, the columns go, the first listed first
        (the date, last, stays).
        """
        title_style = self._style("story-tree--unread" if unread else "story-tree--read")
        line.append(UNREAD_MARK if unread else " ", style=title_style)
        line.append(STAR_MARK if starred else " ", style=self._style("story-tree--star"))
        line.append(" ")
        # The date keeps its place when unknown, so dates line up; an empty column gives its room to the title.
        shown = [column for column in tail if column.size and (column.value or column is tail[-1])]
        while len(shown) > 1 and width - line.cell_len - sum(column.size + 1 for column in shown) - 1 < _TITLE_MIN:
            shown.pop(0)
        room = width - line.cell_len - sum(column.size + 1 for column in shown) - 1
        title_text = Text(one_line(title) or "(untitled)", style=title_style, no_wrap=True, overflow="ellipsis")
        title_text.truncate(max(room, 1), overflow="ellipsis", pad=True)
        line.append_text(title_text)
        for column in shown:
            cell = Text(column.value, style=self._style(column.component), no_wrap=True, overflow="ellipsis")
            cell.truncate(column.size, overflow="ellipsis")
            line.append(" " + " " * (column.size - cell.cell_len))
            line.append_text(cell)

    def _snippet(self, hit: Hit, width: int) -> Text:
        snippet = hit.snippet
        text = Text("  ", no_wrap=True, overflow="ellipsis", style=self._style("story-tree--snippet"))
        position = 0
        for start, end in snippet.marks:
            text.append(_flat(snippet.text[position:start]))
            text.append(_flat(snippet.text[start:end]), style=self._style("story-tree--match"))
            position = end
        text.append(_flat(snippet.text[position:]))
        text.truncate(width, overflow="ellipsis")
        return text

    def _style(self, component: str) -> Style:
        """A component's foreground style, without its background."""
        full = self.get_component_rich_style(component)
        return Style(color=full.color, bold=full.bold, italic=full.italic, dim=full.dim, underline=full.underline)

    # Lazy loading ----------------------------------------------------------

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._check_need_more()

    def watch_cursor_line(self, previous_line: int, line: int) -> None:
        super().watch_cursor_line(previous_line, line)
        self._check_need_more()

    def _check_need_more(self) -> None:
        if self.exhausted or self._waiting or not self.is_mounted or not self.root.children:
            return
        near_cursor = self.last_line - self.cursor_line <= self.load_ahead
        near_view = self.max_scroll_y - self.scroll_y <= self.load_ahead
        if near_cursor or near_view:
            last = self.root.children[-1].data
            if isinstance(last, StoryEntry):
                self._waiting = True
                self._read_page(self._generation, self.story_filter, last.row.position)


def _label(title: str) -> Text:
    """A node's plain label (what Tree keeps; rows are drawn by ``render_label``)."""
    return Text(one_line(title))


def _flat(value: str) -> str:
    """A piece of a snippet cleaned and on one line, its spaces kept (pieces are joined as they are)."""
    return "".join(" " if character.isspace() else character for character in clean(value))


@dataclass(frozen=True)
class _Column:
    """A column after the title: its text, its width (0: left out), its component class."""

    value: str
    size: int
    component: str


def _date_column(published: str | None) -> _Column:
    return _Column(short_date(published), _DATE_WIDTH, "story-tree--meta")


def _sources(size: int, sources: int) -> str:
    if size == 1:
        return ""
    return counted(sources, "source") if sources > 1 else counted(size, "article")
