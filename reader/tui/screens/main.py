"""The main screen: the sidebar of filters, the story list (or search results) and the preview pane."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import ClassVar, TypedDict

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, ProgressBar, Static, Tree
from textual.widgets.tree import TreeNode

from reader.models import Article
from reader.paths import seeds_dir
from reader.store import Library
from reader.store.tags import tag_articles, tag_story, untag_articles, untag_story
from reader.stories.browse import (
    LibraryCounts,
    PagePosition,
    StoryFilter,
    StoryRow,
    library_counts,
    story_lead,
    story_page,
)
from reader.tui import keys
from reader.tui.debounce import Debounce
from reader.tui.screens.article import ArticleClosed, ArticleScreen
from reader.tui.screens.prompts import import_prompt, split_tags, tag_prompt
from reader.tui.screens.story import StoryScreen
from reader.tui.text import is_web_link, one_line
from reader.tui.widgets.preview import Preview, story_meta
from reader.tui.widgets.search_bar import SearchBar
from reader.tui.widgets.sidebar import Sidebar
from reader.tui.widgets.story_tree import (
    Entry,
    SnippetEntry,
    StoryEntry,
    StoryTree,
    entry_article,
)

EMPTY_HINT = "Your library is empty.\nPress a to add a file, a folder or a feed, or run  reader add PATH…"
EMPTY_HINT_NO_IMPORT = "Your library is empty.\nAdd articles where the library lives:  reader add PATH…"
NOTHING_HERE = "No story here."


@dataclass
class Change:
    """What to store for some articles (those listed, or every article of ``story_id``)."""

    article_ids: list[int] = field(default_factory=list)
    story_id: int | None = None
    read: bool | None = None
    starred: bool | None = None
    add_tags: list[str] = field(default_factory=list)
    remove_tags: list[str] = field(default_factory=list)


class MainScreen(Screen[None]):
    """Browse stories by filter, search, and act on the highlighted story or article.

    Every library call runs in a thread worker that opens its own
    :class:`Library` and posts one of the messages below; the handlers update
    the widgets. Pages carry a generation number, so a page that arrives
    after the user moved on (another filter, a search) is dropped; counts
    carry theirs, so an older count finishing late never hides a newer one.
    """

    BINDINGS: ClassVar[list[BindingType]] = [*keys.MAIN]
    AUTO_FOCUS = ""  # the list takes the focus once its first page is in

    PAGE_SIZE: ClassVar[int] = 100
    """Stories read from the library at a time."""
    PREVIEW_DELAY: ClassVar[float] = 0.06
    """Seconds the cursor rests on a row before its lead is read (holding j reads none on the way); 0: at once."""

    @dataclass
    class Seeded(Message):
        """The sample articles were imported into an empty library."""

        added: int
        failures: list[str]

    @dataclass
    class PageLoaded(Message):
        """A page of stories was read (``first``: the list starts with it)."""

        generation: int
        rows: list[StoryRow]
        first: bool

    @dataclass
    class ArticlesLoaded(Message):
        """The articles of an expanded story were read."""

        node: TreeNode[Entry]
        articles: list[Article]
        expand: bool = True

    @dataclass
    class CountsLoaded(Message):
        """The sidebar's counts were read, for the ``asked``-th request."""

        asked: int
        counts: LibraryCounts

    @dataclass
    class PreviewLoaded(Message):
        """The lead (and, for a story, the sources) of the highlighted row."""

        entry: Entry
        lead: str
        sources: list[str]

    @dataclass
    class Saved(Message):
        """A change was stored."""

    @dataclass
    class Progress(Message):
        """An import went one input further."""

        done: int
        total: int

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, MainScreen.Progress)

    @dataclass
    class Finished(Message):
        """An import or a refresh ended: what it did, and one line per input that failed."""

        title: str
        summary: str
        failures: list[str]

    @dataclass
    class LoadFailed(Message):
        """The library could not be read or written."""

        error: str

    def __init__(self, db_path: Path, *, allow_import: bool = True) -> None:
        super().__init__()
        self.db_path = db_path
        self.allow_import = allow_import
        self.story_filter = StoryFilter()
        self.searching = False
        self.counts: LibraryCounts | None = None
        self._generation = 0
        self._counts_asked = 0
        self._preview = Debounce(self)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield Sidebar(id="sidebar")
            with Vertical(id="center"):
                yield SearchBar(self.db_path, id="search-bar")
                yield StoryTree(id="stories")
                yield Static(self._library_empty_hint(), id="empty", markup=False)
                yield Preview(id="preview")
        yield ProgressBar(id="import-progress", show_eta=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(StoryTree).loading = True
        self.prepare_library(self._generation)

    # Workers (never touch widgets) ------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="library")
    def prepare_library(self, generation: int) -> None:
        """Show the first page, then do what the library asks for before it is written to.

        The first page is read before the import machinery is even loaded. Then
        an empty library gets the samples, and one that needed repairing (see
        reader.operations.repair) is read again.
        """
        try:
            with Library(self.db_path) as library:
                empty = library.count_articles() == 0
                if not empty:
                    self.post_message(self.PageLoaded(generation, self._first_page(library), first=True))
            from reader.operations import repair

            with Library(self.db_path) as library:
                repaired = repair(library)
                if empty:
                    self._import_seeds(library)
                if empty or repaired:
                    self.post_message(self.PageLoaded(generation, self._first_page(library), first=True))
        except Exception as error:  # a corrupt file, a read-only folder...
            self.post_message(self.LoadFailed(f"Cannot open the library {self.db_path}: {error}"))

    def _first_page(self, library: Library) -> list[StoryRow]:
        return story_page(library, self.story_filter, limit=self.PAGE_SIZE)

    def _import_seeds(self, library: Library) -> None:
        try:
            from reader.operations import Status, import_paths

            report = import_paths(library, [seeds_dir()])
        except Exception as error:
            self.post_message(self.Seeded(0, [f"{seeds_dir()}: {error}"]))
            return
        self.post_message(self.Seeded(report.count(Status.ADDED), [result.describe() for result in report.failures]))

    @work(thread=True, exclusive=True, exit_on_error=False, group="library")
    def load_page(self, generation: int, story_filter: StoryFilter, after: PagePosition | None) -> None:
        """Read the page of stories after ``after`` (the first page when None)."""
        try:
            with Library(self.db_path) as library:
                rows = story_page(library, story_filter, after=after, limit=self.PAGE_SIZE)
        except Exception as error:
            self.post_message(self.LoadFailed(f"Cannot read the library: {error}"))
            return
        self.post_message(self.PageLoaded(generation, rows, first=after is None))

    def load_counts(self) -> None:
        """Count the articles per filter for the sidebar (again): the last count asked for is the one shown."""
        self._counts_asked += 1
        self._count(self._counts_asked)

    @work(thread=True, exclusive=True, exit_on_error=False, group="counts")
    def _count(self, asked: int) -> None:
        """Count the articles per filter, answering the ``asked``-th request."""
        try:
            with Library(self.db_path) as library:
                counts = library_counts(library)
        except Exception as error:
            self.post_message(self.LoadFailed(f"Cannot count the library: {error}"))
            return
        self.post_message(self.CountsLoaded(asked, counts))

    @work(thread=True, exit_on_error=False, group="articles")
    def load_articles(self, node: TreeNode[Entry], story_id: int, *, expand: bool = True) -> None:
        """Read the articles of a story being expanded (or whose articles changed, with ``expand`` false)."""
        try:
            with Library(self.db_path) as library:
                articles = library.articles_of_stories([story_id])
        except Exception as error:
            self.post_message(self.LoadFailed(f"Cannot read the story: {error}"))
            return
        self.post_message(self.ArticlesLoaded(node, articles, expand))

    @work(thread=True, exclusive=True, exit_on_error=False, group="preview")
    def load_preview(self, entry: Entry) -> None:
        """Read the lead of the highlighted row's article and, for a story, its sources."""
        article = entry_article(entry)
        if article is None:
            return
        try:
            with Library(self.db_path) as library:
                whole = library.get_article(article.id)
                sources: list[str] = []
                if isinstance(entry, StoryEntry) and entry.row.story_id is not None and entry.row.size > 1:
                    members = library.articles_of_stories([entry.row.story_id])
                    sources = list(dict.fromkeys(one_line(member.source) for member in members if member.source))
        except Exception as error:
            self.post_message(self.LoadFailed(f"Cannot read the article: {error}"))
            return
        self.post_message(self.PreviewLoaded(entry, story_lead(whole.text if whole else ""), sources))

    @work(thread=True, exit_on_error=False, group="changes")
    def save_change(self, change: Change) -> None:
        """Store flags and tags for some articles, or for every article of a story."""
        try:
            with Library(self.db_path) as library, library.transaction():
                ids = list(change.article_ids)
                if change.story_id is not None:
                    ids += [article.id for article in library.articles_of_stories([change.story_id])]
                    tag_story(library, change.story_id, change.add_tags)
                    untag_story(library, change.story_id, change.remove_tags)
                else:
                    tag_articles(library, ids, change.add_tags)
                # A tag taken off a story goes from its articles too, however they got it.
                untag_articles(library, ids, change.remove_tags)
                for article_id in ids:
                    library.set_flags(article_id, read=change.read, starred=change.starred)
        except Exception as error:
            self.post_message(self.LoadFailed(f"Cannot save the change: {error}"))
            return
        self.post_message(self.Saved())

    @work(thread=True, exclusive=True, exit_on_error=False, group="import")
    def run_import(self, target: str) -> None:
        """Import a file or folder, subscribe to a feed URL or to the feeds of a subscription list,
        reporting progress and each failure."""
        from reader.operations import add_inputs, is_feed_address, open_for_writing

        if not is_feed_address(target) and not Path(target).expanduser().exists():
            self.post_message(self.Finished(f"Cannot add {target}", "no such file or folder", []))
            return
        try:
            with open_for_writing(self.db_path) as library:
                report = add_inputs(
                    library, [target], on_progress=lambda done, total, _: self.post_message(self.Progress(done, total))
                )
        except Exception as error:
            self.post_message(self.Finished(f"Cannot add {target}", one_line(str(error)), []))
            return
        if report.lists:
            (listed,) = report.lists
            if listed.error:
                self.post_message(self.Finished(f"Cannot add {target}", listed.error, []))
                return
            summary, failures = f"{listed.new} feeds subscribed, {listed.known} already (press r to fetch them)", []
        elif report.feeds.outcomes:
            summary = report.feeds.summary()
            failures = [f"{outcome.describe()} (not subscribed)" for outcome in report.feeds.failures]
        else:
            summary, failures = report.files.summary(), [result.describe() for result in report.files.failures]
        self.post_message(self.Finished(f"Added {target}", summary, failures))

    @work(thread=True, exclusive=True, exit_on_error=False, group="refresh")
    def run_refresh(self) -> None:
        """Fetch every subscribed feed."""
        from reader.operations import open_for_writing, refresh_feeds

        try:
            with open_for_writing(self.db_path) as library:
                report = refresh_feeds(library)
        except Exception as error:
            self.post_message(self.Finished("Refresh failed", one_line(str(error)), []))
            return
        failures = [outcome.describe() for outcome in report.failures]
        self.post_message(self.Finished("Feeds refreshed", report.summary(), failures))

    # Handlers -----------------------------------------------------------------

    @on(Seeded)
    def _on_seeded(self, message: Seeded) -> None:
        if message.added:
            self.notify(f"Imported the {message.added} sample articles", title="Welcome")
        if message.failures:
            self._report_failures("sample file(s) could not be imported", message.failures)

    @on(PageLoaded)
    def _on_page_loaded(self, message: PageLoaded) -> None:
        if message.generation != self._generation or self.searching:
            return
        tree = self.query_one(StoryTree)
        exhausted = len(message.rows) < self.PAGE_SIZE
        if message.first:
            tree.loading = False
            tree.show_stories(message.rows, exhausted=exhausted)
            if self.focused is None:  # a loading widget can't take focus: give it now
                tree.focus()
            self.refresh_bindings()
            if self.counts is None:
                self.load_counts()  # once the list is on screen: counting can be slow
        else:
            tree.append_stories(message.rows, exhausted=exhausted)
        self._show_empty(self._library_empty_hint() if self.story_filter.kind == "all" else NOTHING_HERE)
        self._show_title()

    @on(CountsLoaded)
    def _on_counts_loaded(self, message: CountsLoaded) -> None:
        if message.asked != self._counts_asked:
            return  # an older count that finished late: it may miss the latest changes
        self.counts = message.counts
        self.query_one(Sidebar).show_counts(message.counts)
        self._show_title()

    @on(ArticlesLoaded)
    def _on_articles_loaded(self, message: ArticlesLoaded) -> None:
        self.query_one(StoryTree).set_articles(message.node, message.articles, expand=message.expand)

    @on(PreviewLoaded)
    def _on_preview_loaded(self, message: PreviewLoaded) -> None:
        if self.query_one(StoryTree).entry is message.entry:
            self._show_preview(message.entry, message.lead, message.sources)

    @on(SearchBar.Found)
    def _on_found(self, message: SearchBar.Found) -> None:
        if not self.searching:
            return
        self.query_one(StoryTree).show_hits(message.result.hits)
        self._show_empty(f"Nothing matches {message.query!r}.")

    @on(Saved)
    def _on_saved(self) -> None:
        self.load_counts()

    @on(Progress)
    def _on_progress(self, message: Progress) -> None:
        bar = self.query_one(ProgressBar)
        bar.update(total=message.total, progress=message.done)

    @on(Finished)
    def _on_finished(self, message: Finished) -> None:
        self.remove_class("-importing")
        severity: SeverityLevel = "warning" if message.failures else "information"
        self.notify(message.summary, title=message.title, severity=severity, markup=False)
        if message.failures:
            self._report_failures("input(s) failed", message.failures)
        if not self.searching:
            self.action_reload()

    @on(LoadFailed)
    def _on_load_failed(self, message: LoadFailed) -> None:
        tree = self.query_one(StoryTree)
        tree.loading = False
        if tree.story_count == 0:
            self.query_one("#empty", Static).update(f"{message.error}\n\nPress ctrl+l to try again.")
            self.add_class("-empty")
        self.notify(message.error, title="Library error", severity="error", timeout=10, markup=False)

    @on(StoryTree.NeedMore)
    def _on_need_more(self, message: StoryTree.NeedMore) -> None:
        if not self.searching:
            self.load_page(self._generation, self.story_filter, message.after)

    @on(StoryTree.NeedArticles)
    def _on_need_articles(self, message: StoryTree.NeedArticles) -> None:
        self.load_articles(message.node, message.story_id)

    @on(StoryTree.StoryChosen)
    def _on_story_chosen(self, message: StoryTree.StoryChosen) -> None:
        node, expanded = message.node, message.node.is_expanded

        def show_what_was_read(_: None) -> None:
            self.load_articles(node, message.story_id, expand=expanded)
            self.load_counts()

        self.app.push_screen(StoryScreen(self.db_path, message.story_id), callback=show_what_was_read)

    @on(StoryTree.Chosen)
    def _on_chosen(self, message: StoryTree.Chosen) -> None:
        self.open_article(message.article)

    @on(Tree.NodeHighlighted)
    def _on_highlighted(self, message: Tree.NodeHighlighted) -> None:
        entry = message.node.data
        if entry is None:
            return
        self._show_preview(entry)
        self._preview.call(self.PREVIEW_DELAY, lambda: self.load_preview(entry))

    @on(Sidebar.Picked)
    def _on_picked(self, message: Sidebar.Picked) -> None:
        self.story_filter = message.story_filter
        if self.searching:
            self._leave_search()
        else:
            self.action_reload()
        self.query_one(StoryTree).focus()

    @on(SearchBar.Leave)
    def _on_search_leave(self) -> None:
        self._leave_search()

    @on(SearchBar.GoToResults)
    def _on_go_to_results(self) -> None:
        self.query_one(StoryTree).focus()

    # Actions ------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "leave_search":
            return self.searching
        if action == "search":
            return self.focused is not self.query_one("#search-input", Input)  # there, "/" is text
        if action == "add":
            return self.allow_import
        return True

    def action_search(self) -> None:
        """Open the search box (or go back to it)."""
        if not self.searching:
            self.searching = True
            self.query_one(SearchBar).display = True
            self.refresh_bindings()
        # At once, not after the keys already waiting: they go into the box.
        self.set_focus(self.query_one("#search-input", Input))

    def action_leave_search(self) -> None:
        self._leave_search()

    def _leave_search(self) -> None:
        self.searching = False
        self.query_one(SearchBar).display = False
        self.query_one(SearchBar).reset()
        self.refresh_bindings()
        self.action_reload()
        self.query_one(StoryTree).focus()

    def action_next(self) -> None:
        self._step(1)

    def action_previous(self) -> None:
        self._step(-1)

    def _step(self, step: int) -> None:
        if not self.query_one(StoryTree).step(step):
            what = "results" if self.searching else "unread stories loaded"
            self.notify(f"No more {what} that way.", severity="warning", timeout=2)

    def action_reload(self) -> None:
        """Read the list (and the counts) again from the library."""
        self._generation += 1
        tree = self.query_one(StoryTree)
        tree.loading = tree.story_count == 0
        self.load_page(self._generation, self.story_filter, None)
        self.load_counts()

    def open_article(self, article: Article) -> None:
        """Read an article in its own screen, marking it read."""
        if not article.read:
            article = replace(article, read=True)
            self._show_article(article)
            self.save_change(Change([article.id], read=True))
        query = self.query_one(SearchBar).value if self.searching else None
        self.app.push_screen(ArticleScreen(self.db_path, article, query=query), callback=self._on_article_closed)

    def _on_article_closed(self, closed: ArticleClosed | None) -> None:
        if closed is None:
            return
        self._show_article(closed.article)
        if closed.go == "back":
            return
        tree = self.query_one(StoryTree)
        line = tree.cursor_line
        step = 1 if closed.go == "next" else -1
        while 0 <= line + step <= tree.last_line:
            line += step
            node = tree.get_node_at_line(line)
            if node is not None and not isinstance(node.data, SnippetEntry):
                tree.move_cursor(node)
                article = entry_article(node.data)
                if article is not None:
                    self.open_article(article)
                    return
        self.notify("No more articles that way.", severity="warning", timeout=2)

    def action_toggle_star(self) -> None:
        entry = self.query_one(StoryTree).entry
        if isinstance(entry, StoryEntry) and entry.row.size > 1:
            starred = entry.row.starred = not entry.row.starred
            self._change_story(lambda article: replace(article, starred=starred))
            self.save_change(Change(story_id=entry.row.story_id, starred=starred))
            return
        article = entry_article(entry)
        if article is not None:
            article = replace(article, starred=not article.starred)
            self._show_article(article)
            self.save_change(Change([article.id], starred=article.starred))

    def action_toggle_read(self) -> None:
        entry = self.query_one(StoryTree).entry
        if isinstance(entry, StoryEntry) and entry.row.size > 1:
            read = entry.row.unread > 0
            entry.row.unread = 0 if read else entry.row.size
            self._change_story(lambda article: replace(article, read=read))
            self.save_change(Change(story_id=entry.row.story_id, read=read))
            return
        article = entry_article(entry)
        if article is not None:
            article = replace(article, read=not article.read)
            self._show_article(article)
            self.save_change(Change([article.id], read=article.read))

    def action_tag(self) -> None:
        entry = self.query_one(StoryTree).entry
        article = entry_article(entry)
        if article is None:
            return
        known = [name for name, _ in self.counts.tags] if self.counts else []
        if isinstance(entry, StoryEntry) and entry.row.size > 1:
            story_tags = list(entry.row.tags)

            def tag_story(value: str | None) -> None:
                if value is None:
                    return
                tags = split_tags(value)
                change = _tag_change(story_tags, tags)
                entry.row.tags = sorted(tags, key=str.casefold)
                self._change_story(lambda article: replace(article, tags=_retagged(article.tags, **change)))
                self.save_change(Change(story_id=entry.row.story_id, **change))

            self.app.push_screen(tag_prompt("the story", story_tags, known), callback=tag_story)
            return

        def tag_article(value: str | None) -> None:
            if value is None:
                return
            tags = split_tags(value)
            self._show_article(replace(article, tags=sorted(tags, key=str.casefold)))
            self.save_change(Change([article.id], **_tag_change(article.tags, tags)))

        self.app.push_screen(tag_prompt("the article", article.tags, known), callback=tag_article)

    def action_open_link(self) -> None:
        article = entry_article(self.query_one(StoryTree).entry)
        if article is None:
            return
        if is_web_link(article.url):
            self.app.open_url((article.url or "").strip())
        elif article.url:
            self.notify(
                f"Not opening {one_line(article.url)!r}: only http and https links open in the browser.",
                severity="warning",
                markup=False,
            )
        else:
            self.notify("This article has no web address.", severity="warning", timeout=3)

    def action_copy_link(self) -> None:
        article = entry_article(self.query_one(StoryTree).entry)
        if article is None:
            return
        link = one_line(article.url)
        if not link:
            self.notify("This article has no web address.", severity="warning", timeout=3)
            return
        self.app.copy_to_clipboard(link)
        self.notify(link, title="Link copied", timeout=3, markup=False)

    def action_add(self) -> None:
        def start(target: str | None) -> None:
            target = (target or "").strip()
            if not target:
                return
            bar = self.query_one(ProgressBar)
            bar.update(total=None, progress=0)
            self.add_class("-importing")
            self.run_import(target)

        self.app.push_screen(import_prompt(), callback=start)

    def action_refresh_feeds(self) -> None:
        self.notify("Fetching every feed…", timeout=2)
        self.run_refresh()

    def action_feeds(self) -> None:
        """Show the feeds and their state; the list is read again on the way back."""
        from reader.tui.screens.feeds import FeedsScreen

        self.app.push_screen(FeedsScreen(self.db_path), callback=lambda _: self.action_reload())

    # Helpers ------------------------------------------------------------------

    def _show_article(self, article: Article) -> None:
        """Show an article's new state in the list and the preview."""
        tree = self.query_one(StoryTree)
        tree.refresh_article(article)
        current = entry_article(tree.entry)
        if current is not None and current.id == article.id:
            self._show_preview(tree.entry)

    def _change_story(self, change: Callable[[Article], Article]) -> None:
        """Show a change to every article of the highlighted story, in the list and the preview."""
        tree = self.query_one(StoryTree)
        node = tree.cursor_node
        if node is not None:
            tree.change_story_articles(node, change)
            self._show_preview(node.data)

    def _show_preview(self, entry: Entry | None, lead: str | None = None, sources: list[str] | None = None) -> None:
        preview = self.query_one(Preview)
        if isinstance(entry, StoryEntry) and entry.row.size > 1:
            row = entry.row
            meta = story_meta(row.size, row.sources, row.newest.published, row.tags, row.unread)
            preview.show(row.title, meta, sources=sources, lead=lead)
        elif (article := entry_article(entry)) is not None:
            preview.show_article(article, lead)
        else:
            preview.clear()

    def _library_empty_hint(self) -> str:
        return EMPTY_HINT if self.allow_import else EMPTY_HINT_NO_IMPORT

    def _show_empty(self, hint: str) -> None:
        empty = self.query_one(StoryTree).story_count == 0
        if empty:
            self.query_one("#empty", Static).update(hint)
            self.query_one(Preview).clear()
        self.set_class(empty, "-empty")

    def _show_title(self) -> None:
        name = {"all": "All", "unread": "Unread", "starred": "Starred"}.get(self.story_filter.kind)
        shown = name or (f"#{self.story_filter.value}" if self.story_filter.kind == "tag" else self.story_filter.value)
        total = f" · {self.counts.total:,} articles" if self.counts else ""
        self.sub_title = f"{one_line(shown)}{total} · {self.db_path.name}"

    def _report_failures(self, what: str, failures: list[str]) -> None:
        shown = "\n".join(failures[:3])
        more = f"\n… and {len(failures) - 3} more" if len(failures) > 3 else ""
        self.notify(shown + more, title=f"{len(failures)} {what}", severity="error", timeout=10, markup=False)


def _retagged(tags: list[str], *, add_tags: list[str], remove_tags: list[str]) -> list[str]:
    """``tags`` with some added and some taken off (names compare without case), sorted."""
    removed = {name.casefold() for name in remove_tags}
    kept = [name for name in tags if name.casefold() not in removed]
    known = {name.casefold() for name in kept}
    return sorted(kept + [name for name in add_tags if name.casefold() not in known], key=str.casefold)


class _TagChange(TypedDict):
    """The tags to add and to take off, as :class:`Change` takes them."""

    add_tags: list[str]
    remove_tags: list[str]


def _tag_change(before: list[str], after: list[str]) -> _TagChange:
    """The tags to add and to take off to go from ``before`` to ``after`` (names compare without case)."""
    kept = {name.casefold() for name in after}
    had = {name.casefold() for name in before}
    return {
        "add_tags": [name for name in after if name.casefold() not in had],
        "remove_tags": [name for name in before if name.casefold() not in kept],
    }
