"""The main screen: the sidebar of filters, the story list (or search results) and the preview pane.

The screen wires widgets that load their own data (the story tree, the
sidebar's counts, the preview, the import bar) and acts on the highlighted
row; every write goes through the app's write queue, every feed refresh
through its one refresh.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Input, Static, Tree
from textual.widgets.tree import TreeNode
from textual.worker import Worker

from reader.models import Article
from reader.paths import seeds_dir
from reader.store import Library
from reader.store.feeds import Feed
from reader.stories.browse import LibraryCounts, StoryFilter, StoryRow, story_page
from reader.text.plural import counted
from reader.tui import keys
from reader.tui.changes import Change, mark_view_read, remove_article_then, retagged, tag_change
from reader.tui.feed_refresh import FeedRefresh, feed_refresh
from reader.tui.screens.article import ArticleClosed, ArticleScreen
from reader.tui.screens.prompts import Confirm, import_prompt, split_tags, tag_prompt
from reader.tui.screens.story import StoryScreen
from reader.tui.text import is_web_link, one_line
from reader.tui.widgets.footer import ReaderFooter
from reader.tui.widgets.import_panel import ImportPanel
from reader.tui.widgets.preview import Preview
from reader.tui.widgets.search_bar import SearchBar
from reader.tui.widgets.sidebar import Sidebar
from reader.tui.widgets.story_tree import Entry, HitEntry, SnippetEntry, StoryEntry, StoryTree, entry_article
from reader.tui.work import notice_failure, notify_outcome, using
from reader.tui.writes import write_queue

EMPTY_HINT = "Your library is empty.\nPress a to add a file, a folder or a feed, or run  reader add PATH…"
EMPTY_HINT_NO_IMPORT = "Your library is empty.\nAdd articles where the library lives:  reader add PATH…"
NOTHING_HERE = "No story here."
SIDEBAR_MIN_WIDTH = 100
"""Columns under which the sidebar folds away (``b`` brings it back)."""


class MainScreen(Screen[None]):
    """Browse stories by filter, search, and act on the highlighted story or article."""

    BINDINGS: ClassVar[list[BindingType]] = [*keys.MAIN]
    AUTO_FOCUS = ""  # the list takes the focus once its first page is in

    @dataclass
    class _Opened(Message):
        """The library was opened: its first page."""

        rows: list[StoryRow]

    @dataclass
    class _Seeded(Message):
        """The sample articles were imported into an empty library."""

        added: int
        failures: list[str]

    def __init__(self, db_path: Path, *, allow_import: bool = True) -> None:
        super().__init__()
        self.db_path = db_path
        self.allow_import = allow_import
        self.searching = False
        self.feed_title: str | None = None
        """The name of the feed the list shows, when it shows one (opened from the feeds screen)."""
        self.sidebar_shown: bool | None = None
        """Whether the user showed (True) or hid (False) the sidebar; None: as the width allows."""
        self._undo: list[int] = []
        """The articles the last ``A`` marked read, while ``u`` may still mark them unread."""
        self._next_unread_in: TreeNode[Entry] | None = None
        """The story whose articles are being read to open its first unread one."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield Sidebar(self.db_path, id="sidebar")
            with Vertical(id="center"):
                yield SearchBar(self.db_path, id="search-bar")
                yield StoryTree(self.db_path, id="stories")
                yield Static(self._library_empty_hint(), id="empty", markup=False)
                yield Preview(self.db_path, id="preview")
        yield ImportPanel(self.db_path, id="import-progress")
        yield ReaderFooter()

    def on_mount(self) -> None:
        self._fold_sidebar()
        self.query_one(StoryTree).loading = True
        feed_refresh(self).finished.subscribe(self, self._on_refreshed)
        self.open_library()

    @property
    def counts(self) -> LibraryCounts | None:
        """The sidebar's counts (None until read)."""
        return self.query_one(Sidebar).counts

    # Opening the library --------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="library")
    def open_library(self) -> None:
        """Show the first page, then do what the library asks for before it is written to.

        The first page is read before the import machinery is even loaded. Then
        an empty library gets the samples, and one that needed repairing (see
        reader.operations.repair) is read again.
        """
        with using(self.db_path, f"open the library {self.db_path}") as library:
            empty = library.count_articles() == 0
            if not empty:
                self.post_message(self._Opened(story_page(library, limit=StoryTree.PAGE_SIZE)))
            from reader.operations import repair

            repaired = repair(library)
            if empty:
                self._import_seeds(library)
            if empty or repaired:
                self.post_message(self._Opened(story_page(library, limit=StoryTree.PAGE_SIZE)))

    def _import_seeds(self, library: Library) -> None:
        try:
            from reader.operations import Status, import_paths

            report = import_paths(library, [seeds_dir()])
        except Exception as error:
            self.post_message(self._Seeded(0, [f"{seeds_dir()}: {error}"]))
            return
        self.post_message(self._Seeded(report.count(Status.ADDED), [result.describe() for result in report.failures]))

    # Handlers -------------------------------------------------------------------

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        error = notice_failure(self, event)
        if error is not None:
            self._show_failure(str(error))

    @on(_Opened)
    def _on_opened(self, message: _Opened) -> None:
        if not self.searching:
            self.query_one(StoryTree).show_first_page(message.rows)

    @on(_Seeded)
    def _on_seeded(self, message: _Seeded) -> None:
        if message.added:
            self.notify(f"Imported the {message.added} sample articles", title="Welcome")
        if message.failures:
            notify_outcome(
                self, "Samples", "The sample articles could not all be imported", message.failures, failed="sample file"
            )

    @on(StoryTree.Loaded)
    def _on_loaded(self, message: StoryTree.Loaded) -> None:
        tree = self.query_one(StoryTree)
        if message.first:
            if self.focused is None:  # a loading widget can't take focus: give it now
                tree.focus()
            self.refresh_bindings()
            if self.counts is None:
                self.query_one(Sidebar).count()  # once the list is on screen: counting can be slow
        filtered = tree.story_filter.kind != "all"
        self._show_empty(NOTHING_HERE if filtered else self._library_empty_hint())
        self._show_title()

    @on(StoryTree.ArticlesShown)
    def _on_articles_shown(self, message: StoryTree.ArticlesShown) -> None:
        self.query_one(Preview).show_entry()  # the story's marks, counted again
        if message.node is self._next_unread_in:
            self._next_unread_in = None
            self._open_next_unread(message.node)

    def on_resize(self) -> None:
        self._fold_sidebar()

    @on(StoryTree.LoadFailed)
    def _on_load_failed(self, message: StoryTree.LoadFailed) -> None:
        self._show_failure(message.error)

    @on(Sidebar.Counted)
    def _on_counted(self) -> None:
        self._show_title()

    @on(SearchBar.Found)
    def _on_found(self, message: SearchBar.Found) -> None:
        if not self.searching:
            return
        self.query_one(StoryTree).show_hits(message.result.hits, message.rows)
        self._show_empty(f"Nothing matches {message.query!r}.")

    @on(SearchBar.Invalid)
    def _on_invalid(self) -> None:
        if self.searching:
            self.query_one(StoryTree).show_hits([], [])
            self._show_empty("Nothing to search for.")

    @on(ImportPanel.Finished)
    def _on_imported(self, message: ImportPanel.Finished) -> None:
        notify_outcome(self, message.title, message.summary, message.failures)
        self._reload()

    def _on_refreshed(self, message: FeedRefresh.Finished) -> None:
        self._reload()

    @on(StoryTree.StoryChosen)
    def _on_story_chosen(self, message: StoryTree.StoryChosen) -> None:
        node, expanded = message.node, message.node.is_expanded

        def show_what_was_read() -> None:
            if self.searching:
                self.query_one(SearchBar).search_again()
            else:
                self.query_one(StoryTree).reload_articles(node, expand=expanded)
            self.query_one(Sidebar).count()

        self.app.push_screen(
            StoryScreen(self.db_path, message.story_id),
            callback=lambda _: write_queue(self).when_stored(show_what_was_read),
        )

    @on(StoryTree.Chosen)
    def _on_chosen(self, message: StoryTree.Chosen) -> None:
        self.open_article(message.article)

    @on(Tree.NodeHighlighted)
    def _on_highlighted(self, message: Tree.NodeHighlighted) -> None:
        if message.node.data is not None:
            self.query_one(Preview).follow(message.node.data)

    @on(Sidebar.Picked)
    def _on_picked(self, message: Sidebar.Picked) -> None:
        tree = self.query_one(StoryTree)
        tree.story_filter = replace(message.story_filter, unread_only=tree.story_filter.unread_only)
        self.feed_title = None
        if self.searching:
            self._leave_search()
        else:
            self._reload()
        tree.focus()

    @on(SearchBar.Leave)
    def _on_search_leave(self) -> None:
        self._leave_search()

    @on(SearchBar.GoToResults)
    def _on_go_to_results(self) -> None:
        self.query_one(StoryTree).focus()

    # Actions --------------------------------------------------------------------

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
            self.query_one(StoryTree).stop_loading()
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
        self._reload()
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
        if self.searching:
            self.query_one(SearchBar).search_again()
            self.query_one(Sidebar).count()
        else:
            self._reload()

    def _reload(self) -> None:
        if not self.searching:
            self.query_one(StoryTree).load()
        self.query_one(Sidebar).count()

    def open_article(self, article: Article) -> None:
        """Read an article in its own screen, marking it read."""
        if not article.read:
            article = replace(article, read=True)
            self._show_article(article)
            self._save(Change([article.id], read=True))
        query = self.query_one(SearchBar).value if self.searching else None
        self.app.push_screen(ArticleScreen(self.db_path, article, query=query), callback=self._on_article_closed)

    def _on_article_closed(self, closed: ArticleClosed | None) -> None:
        if closed is None:
            return
        if closed.go == "remove":
            remove_article_then(self, closed.article.id, self.action_reload)
            return
        self._show_article(closed.article)
        if closed.go == "back":
            return
        if closed.go == "next_unread":
            self._open_next_unread(None)
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

    def _open_next_unread(self, after: TreeNode[Entry] | None) -> None:
        """Read the next unread article below the cursor (or in the story ``after``, whose articles just came)."""
        tree = self.query_one(StoryTree)
        line = tree.cursor_line if after is None else after.line
        while line + 1 <= tree.last_line:
            line += 1
            node = tree.get_node_at_line(line)
            if node is None or isinstance(node.data, SnippetEntry):
                continue
            entry = node.data
            if isinstance(entry, StoryEntry) and entry.row.size > 1:
                if entry.row.unread and not entry.articles_loaded:
                    self._next_unread_in = node
                    tree.reload_articles(node, expand=True)  # then on from there
                    return
                continue  # its articles are the next lines
            article = entry_article(entry)
            if article is not None and not article.read:
                tree.move_cursor(node)
                self.open_article(article)
                return
        self.notify("No more unread articles loaded.", severity="warning", timeout=2)

    def action_mark_all_read(self) -> None:
        """Mark every unread article of the list in view (its filter, or the search) read, once confirmed."""
        tree = self.query_one(StoryTree)
        if self.searching:
            query = self.query_one(SearchBar).value
            view, what = StoryFilter("query", query), f"the results of {query!r}"
        else:
            view = tree.story_filter
            what = "the whole list" if view.kind == "all" else self._view_name()
        if tree.story_count == 0:
            return

        def marked(ids: list[int]) -> None:
            self._undo = ids
            self.notify(f"{counted(len(ids), 'article')} marked read (u to undo)", timeout=4)
            self.action_reload()

        def confirmed(yes: bool | None) -> None:
            if yes:
                write_queue(self).submit(lambda library: mark_view_read(library, view), doing="mark read", then=marked)

        self.app.push_screen(Confirm(f"Mark every unread article in {what} read?", id="confirm"), callback=confirmed)

    def action_undo(self) -> None:
        """Mark unread again what the last ``A`` marked read."""
        ids, self._undo = self._undo, []
        if not ids:
            self.notify("Nothing to undo: u undoes A right after it.", severity="warning", timeout=3)
            return

        def unmarked(count: int) -> None:
            self.notify(f"{counted(count, 'article')} unread again", timeout=3)
            self.action_reload()

        write_queue(self).submit(lambda library: library.set_read(ids, False), doing="mark unread", then=unmarked)

    def action_toggle_hide_read(self) -> None:
        """Hide the read stories of the list, or show them again."""
        tree = self.query_one(StoryTree)
        hide = not tree.story_filter.unread_only
        tree.story_filter = replace(tree.story_filter, unread_only=hide)
        self.notify("Read stories hidden (H shows them)" if hide else "Read stories shown", timeout=2)
        if not self.searching:
            self._reload()
        self._show_title()

    def action_toggle_sidebar(self) -> None:
        """Show or hide the sidebar (whatever the width)."""
        self.sidebar_shown = self.has_class("-no-sidebar")
        self._fold_sidebar()

    def action_remove(self) -> None:
        """Remove the highlighted article from the library, once confirmed."""
        entry = self.query_one(StoryTree).entry
        row = entry.row if isinstance(entry, (StoryEntry, HitEntry)) else None
        if row is not None and row.size > 1:
            self.notify("Unfold the story (space) to remove one of its articles.", severity="warning", timeout=3)
            return
        article = entry_article(entry)
        if article is None:
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                remove_article_then(self, article.id, self.action_reload)

        title = one_line(article.title) or "(untitled)"
        self.app.push_screen(Confirm(f"Remove {title!r} from the library?", id="confirm"), callback=confirmed)

    def action_toggle_star(self) -> None:
        entry = self.query_one(StoryTree).entry
        if isinstance(entry, StoryEntry) and entry.row.size > 1:
            starred = entry.row.starred = not entry.row.starred
            self._change_story(lambda article: replace(article, starred=starred))
            self._save(Change(story_id=entry.row.story_id, starred=starred))
            return
        article = entry_article(entry)
        if article is not None:
            article = replace(article, starred=not article.starred)
            self._show_article(article)
            self._save(Change([article.id], starred=article.starred))

    def action_toggle_read(self) -> None:
        entry = self.query_one(StoryTree).entry
        if isinstance(entry, StoryEntry) and entry.row.size > 1:
            read = entry.row.unread > 0
            entry.row.unread = 0 if read else entry.row.size
            self._change_story(lambda article: replace(article, read=read))
            self._save(Change(story_id=entry.row.story_id, read=read))
            return
        article = entry_article(entry)
        if article is not None:
            article = replace(article, read=not article.read)
            self._show_article(article)
            self._save(Change([article.id], read=article.read))

    def action_tag(self) -> None:
        entry = self.query_one(StoryTree).entry
        article = entry_article(entry)
        if article is None:
            return
        known = [name for name, _ in self.counts.tags] if self.counts else []
        if isinstance(entry, StoryEntry) and entry.row.size > 1:
            story_tags, size = list(entry.row.tags), entry.row.size

            def tag_story(value: str | None) -> None:
                if value is None:
                    return
                tags = split_tags(value)
                change = replace(tag_change(story_tags, tags), story_id=entry.row.story_id)
                entry.row.tags = sorted(tags, key=str.casefold)
                self._change_story(
                    lambda article: replace(
                        article, tags=retagged(article.tags, add_tags=change.add_tags, remove_tags=change.remove_tags)
                    )
                )
                self._save(change, said=_tags_said(change, size))

            self.app.push_screen(tag_prompt("the story", story_tags, known), callback=tag_story)
            return

        def tag_article(value: str | None) -> None:
            if value is None:
                return
            tags = split_tags(value)
            change = replace(tag_change(article.tags, tags), article_ids=[article.id])
            self._show_article(replace(article, tags=sorted(tags, key=str.casefold)))
            self._save(change, said=_tags_said(change, 1))

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
            if target:
                self.query_one(ImportPanel).start(target)

        self.app.push_screen(import_prompt(), callback=start)

    def action_refresh_feeds(self) -> None:
        if feed_refresh(self).start():
            self.notify("Fetching every feed…", timeout=2)
        else:
            self.notify("The feeds are being refreshed already.", severity="warning", timeout=3)

    def action_feeds(self) -> None:
        """Show the feeds and their state; the list is read again on the way back."""
        from reader.tui.screens.feeds import FeedsScreen

        def back(feed: Feed | None) -> None:
            if feed is not None:
                self.feed_title = one_line(feed.title or feed.url)
                self.query_one(StoryTree).story_filter = StoryFilter("feed", str(feed.id))
                if self.searching:
                    self._leave_search()
                    return
            self._reload()

        self.app.push_screen(FeedsScreen(self.db_path), callback=back)

    # Helpers --------------------------------------------------------------------

    def _fold_sidebar(self) -> None:
        """Hide the sidebar when the user did, or by default when the screen is under :data:`SIDEBAR_MIN_WIDTH`."""
        shown = self.sidebar_shown if self.sidebar_shown is not None else self.size.width >= SIDEBAR_MIN_WIDTH
        self.set_class(not shown, "-no-sidebar")
        if not shown and self.focused is self.query_one(Sidebar):
            self.query_one(StoryTree).focus()

    def _save(self, change: Change, *, said: str | None = None) -> None:
        """Store a change (after those asked for before it), then count the library again."""
        self._undo = []  # u undoes only what A did last, right after

        def stored(_: object) -> None:
            if said:
                self.notify(said, timeout=3)
            self.query_one(Sidebar).count()

        write_queue(self).submit(change.store, then=stored)

    def _show_article(self, article: Article) -> None:
        """Show an article's new state in the list and the preview."""
        self.query_one(StoryTree).refresh_article(article)
        self.query_one(Preview).show_entry()

    def _change_story(self, change: Callable[[Article], Article]) -> None:
        """Show a change to every article of the highlighted story, in the list and the preview."""
        tree = self.query_one(StoryTree)
        node = tree.cursor_node
        if node is not None:
            tree.change_story_articles(node, change)
            self.query_one(Preview).show_entry()

    def _show_failure(self, error: str) -> None:
        tree = self.query_one(StoryTree)
        tree.loading = False
        if tree.story_count == 0:
            self.query_one("#empty", Static).update(f"{error}\n\nPress ctrl+l to try again.")
            self.add_class("-empty")

    def _library_empty_hint(self) -> str:
        return EMPTY_HINT if self.allow_import else EMPTY_HINT_NO_IMPORT

    def _show_empty(self, hint: str) -> None:
        empty = self.query_one(StoryTree).story_count == 0
        if empty:
            self.query_one("#empty", Static).update(hint)
            self.query_one(Preview).clear()
        self.set_class(empty, "-empty")

    def _view_name(self) -> str:
        """What the list shows, as the title names it: "All", "#ia", "lemonde.fr"..."""
        story_filter = self.query_one(StoryTree).story_filter
        name = {"all": "All", "unread": "Unread", "starred": "Starred"}.get(story_filter.kind)
        if story_filter.kind == "feed":
            return self.feed_title or "the feed"
        return one_line(name or (f"#{story_filter.value}" if story_filter.kind == "tag" else story_filter.value))

    def _show_title(self) -> None:
        total = f" · {counted(self.counts.total, 'article')}" if self.counts else ""
        hidden = " · unread only" if self.query_one(StoryTree).story_filter.unread_only else ""
        self.sub_title = f"{self._view_name()}{hidden}{total} · {self.db_path.name}"


def _tags_said(change: Change, articles: int) -> str | None:
    """``1 tag added to 4 articles``: what a tag change did, counted per tag (None: nothing)."""
    told = counted(articles, "article")
    parts = []
    if change.add_tags:
        parts.append(f"{counted(len(change.add_tags), 'tag')} added to {told}")
    if change.remove_tags:
        parts.append(f"{counted(len(change.remove_tags), 'tag')} removed from {told}")
    return ", ".join(parts) or None
