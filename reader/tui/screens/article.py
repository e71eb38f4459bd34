"""Reading one article: its body with the key figures lit up, the figures table, the searched words."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import ClassVar, Literal

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header

from reader.models import Article
from reader.paths import assets_dir
from reader.tui import keys
from reader.tui.changes import Change, tag_change
from reader.tui.screens.prompts import Confirm, split_tags, tag_prompt
from reader.tui.text import is_web_link, one_line
from reader.tui.widgets import ArticleBody, ArticleView, FiguresTable, Reading
from reader.tui.widgets.footer import ReaderFooter
from reader.tui.work import WorkFailed, using
from reader.tui.writes import write_queue

Go = Literal["back", "next", "previous", "next_unread", "remove"]


@dataclass(frozen=True)
class ArticleClosed:
    """What the article screen hands back: where to go next, and the article's final state.

    ``"remove"`` asks the screen behind to remove the article: it owns the list that must be read again
    once the removal is stored.
    """

    go: Go
    article: Article


class ArticleScreen(Screen[ArticleClosed]):
    """Shows ``article`` (the list's copy, without its body) and reads and lays out the body in a worker.

    With a ``query``, the words it looks for are lit up too, and ``n``/``N``
    go from one to the next; without, they go from figure to figure.
    """

    CSS_PATH: ClassVar = [assets_dir() / "article.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [*keys.ARTICLE]

    @dataclass
    class BodyLoaded(Message):
        """The article was read from the library, its body's first part laid out (None: it is gone)."""

        article: Article | None
        reading: Reading | None

    @dataclass
    class LoadFailed(Message):
        """The library could not be read or written."""

        error: str

    def __init__(self, db_path: Path, article: Article, *, query: str | None = None) -> None:
        super().__init__()
        self.db_path = db_path
        self.article = article
        self.search_query = query

    def compose(self) -> ComposeResult:
        yield Header()
        yield ArticleView(id="article")
        yield FiguresTable(id="figures")
        yield ReaderFooter()

    def on_mount(self) -> None:
        self.sub_title = one_line(self.article.source)
        view = self.query_one(ArticleView)
        view.show_summary(self.article)
        self.query_one(ArticleBody).loading = True
        view.focus()
        self.load_body(self.article.id)

    # Workers --------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="article")
    def load_body(self, article_id: int) -> None:
        try:
            with using(self.db_path, "read the article") as library:
                article = library.get_article(article_id, with_body=False)
                reading = Reading.first_part(library, article, self.search_query) if article else None
        except WorkFailed as error:
            self.post_message(self.LoadFailed(str(error)))
            return
        self.post_message(self.BodyLoaded(article, reading))

    # Handlers -------------------------------------------------------------------

    @on(BodyLoaded)
    async def show_body(self, message: BodyLoaded) -> None:
        if message.article is None or message.reading is None:
            self.query_one(ArticleBody).loading = False
            self.notify("This article is no longer in the library.", severity="warning")
            return
        # Keep the flags this session changed; take everything else from the library.
        self.article = replace(message.article, read=self.article.read, starred=self.article.starred)
        await self.query_one(ArticleView).show_article(self.article, message.reading)
        self.query_one(FiguresTable).show_figures(message.reading.figures)
        if self.search_query and not message.reading.term_marks:
            self.notify("The searched words are not in the text shown.", timeout=3)

    @on(LoadFailed)
    def show_error(self, message: LoadFailed) -> None:
        self.query_one(ArticleBody).loading = False
        self.notify(message.error, title="Library error", severity="error", timeout=10, markup=False)

    @on(ArticleBody.PartShown)
    def show_more_figures(self, message: ArticleBody.PartShown) -> None:
        if message.body.reading is not None:
            self.query_one(FiguresTable).show_figures(message.body.reading.figures)

    @on(FiguresTable.FigureChosen)
    def show_figure(self, message: FiguresTable.FigureChosen) -> None:
        body = self.query_one(ArticleBody)
        mark = body.figure_mark(message.index)
        if mark is None:
            self.notify("This figure could not be found in the text shown.", severity="warning", timeout=3)
            return
        body.select(mark)

    # Actions --------------------------------------------------------------------

    def action_back(self) -> None:
        """Close the figures table if it is open, else the article."""
        if self.has_class("-figures"):
            self.action_toggle_figures()
        else:
            self.dismiss(ArticleClosed("back", self.article))

    def action_next(self) -> None:
        self.dismiss(ArticleClosed("next", self.article))

    def action_previous(self) -> None:
        self.dismiss(ArticleClosed("previous", self.article))

    def action_scroll_down(self) -> None:
        self.query_one(ArticleView).scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one(ArticleView).scroll_up()

    def action_page_down(self) -> None:
        self.query_one(ArticleView).scroll_page_down()

    def action_page_or_next(self) -> None:
        """One screen down; at the end of the text, the next unread article."""
        view = self.query_one(ArticleView)
        if view.scroll_y >= view.max_scroll_y:
            self.dismiss(ArticleClosed("next_unread", self.article))
        else:
            view.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.query_one(ArticleView).scroll_page_up()

    def action_scroll_top(self) -> None:
        self.query_one(ArticleView).scroll_home()

    def action_scroll_bottom(self) -> None:
        self.query_one(ArticleView).scroll_end()

    def action_next_mark(self) -> None:
        self._step(forward=True)

    def action_previous_mark(self) -> None:
        self._step(forward=False)

    def _step(self, *, forward: bool) -> None:
        body = self.query_one(ArticleBody)
        if body.reading is None:
            return
        marks = body.reading.term_marks if self.search_query else body.reading.figure_marks
        if body.step(marks, forward) is None:
            what = "searched words" if self.search_query else "key figures"
            self.notify(f"No {what} in this article.", severity="warning", timeout=2)

    def action_toggle_figures(self) -> None:
        shown = self.toggle_class("-figures").has_class("-figures")
        if shown:
            self.query_one(FiguresTable).focus()
        else:
            self.query_one(ArticleView).focus()

    def action_toggle_star(self) -> None:
        self.article = replace(self.article, starred=not self.article.starred)
        self.query_one(ArticleView).show_summary(self.article)
        write_queue(self).submit(Change([self.article.id], starred=self.article.starred).store)

    def action_toggle_read(self) -> None:
        self.article = replace(self.article, read=not self.article.read)
        write_queue(self).submit(Change([self.article.id], read=self.article.read).store)
        self.notify("Marked read" if self.article.read else "Marked unread", timeout=2)

    def action_tag(self) -> None:
        article = self.article

        def tagged(value: str | None) -> None:
            if value is None:
                return
            tags = split_tags(value)
            change = replace(tag_change(article.tags, tags), article_ids=[article.id])
            self.article = replace(self.article, tags=sorted(tags, key=str.casefold))
            self.query_one(ArticleView).show_summary(self.article)
            write_queue(self).submit(change.store)

        self.app.push_screen(tag_prompt("the article", article.tags, article.tags), callback=tagged)

    def action_remove(self) -> None:
        def confirmed(yes: bool | None) -> None:
            if yes:
                self.dismiss(ArticleClosed("remove", self.article))

        title = one_line(self.article.title) or "(untitled)"
        self.app.push_screen(Confirm(f"Remove {title!r} from the library?", id="confirm"), callback=confirmed)

    def action_open_link(self) -> None:
        if is_web_link(self.article.url):
            self.app.open_url(self.article.url or "")
        else:
            self.notify("This article has no web address.", severity="warning", timeout=3)

    def action_follow_link(self, index: int) -> None:
        """Open link number ``index`` of the body, if it is a web address."""
        reading = self.query_one(ArticleBody).reading
        href = reading.body.links[index] if reading and 0 <= index < len(reading.body.links) else ""
        if is_web_link(href):
            self.app.open_url(href)
        else:
            self.notify(f"Not opening {href!r}: not a web address.", severity="warning", markup=False)
