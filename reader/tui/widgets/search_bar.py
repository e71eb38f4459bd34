"""The search box over the story list: searches as the user types, with a line for the count, a typo suggestion or an error."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Static

from reader.search import QueryError, SearchResult, search
from reader.search.suggest import with_suggestion
from reader.stories.browse import StoryRow, story_rows
from reader.text.plural import counted
from reader.tui import keys
from reader.tui.debounce import Debounce
from reader.tui.work import WorkFailed, using

WAITING = 'Type to search: words, "phrases", prefix*, -word, title:, source:, tag:, after:2025-01…'


class SearchBar(Vertical):
    """The box (``#search-input``) and its status line (``#search-status``).

    A search runs once typing pauses for :attr:`DELAY` seconds, in a thread
    worker that replaces any still running; a result for anything but what
    the box holds now is dropped. Results are posted as :class:`Found`.
    """

    BINDINGS: ClassVar[list[BindingType]] = [*keys.SEARCH]

    DELAY: ClassVar[float] = 0.2
    """Seconds of quiet typing before a search runs; 0: a search per change."""
    LIMIT: ClassVar[int] = 100
    """Stories a search shows."""

    @dataclass
    class Found(Message):
        """A search of the library finished with this result (``rows``: the story of each hit)."""

        query: str
        result: SearchResult
        rows: list[StoryRow]

    @dataclass
    class Invalid(Message):
        """What is typed cannot be searched for (the status line says why): no results stand."""

        query: str

    @dataclass
    class Leave(Message):
        """Escape: back to the story list."""

    @dataclass
    class GoToResults(Message):
        """Enter or down (or tab with no suggestion): move to the results."""

    @dataclass
    class _Done(Message):
        """A search worker finished: its result, or why the query means nothing."""

        generation: int
        query: str
        result: SearchResult | None
        rows: list[StoryRow] = field(default_factory=list)
        error: str | None = None

    def __init__(self, db_path: Path, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.db_path = db_path
        self.suggestion: str | None = None
        """The spelling to offer for the last result, if any."""
        self._generation = 0
        self._search = Debounce(self)

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Search", id="search-input", select_on_focus=False)
        yield Static(WAITING, id="search-status", markup=False)

    @property
    def value(self) -> str:
        """What is typed."""
        return self.query_one(Input).value

    @value.setter
    def value(self, value: str) -> None:
        search_input = self.query_one(Input)
        search_input.value = value
        search_input.cursor_position = len(value)

    def search_again(self) -> None:
        """Search again for what the box holds (what is shown may have changed)."""
        if self.value.strip():
            self._stop()
            self.run_search(self._generation, self.value)

    def reset(self) -> None:
        """Empty the box and forget any search under way."""
        self._stop()
        with self.prevent(Input.Changed):
            self.value = ""
        self.suggestion = None
        self.show_status(WAITING)

    def show_status(self, status: str | Content, *, error: bool = False) -> None:
        """Show the line under the box (an error in the error colour)."""
        self.query_one("#search-status", Static).update(status)
        self.set_class(error, "-error")

    def _stop(self) -> None:
        self._search.cancel()
        self._generation += 1  # whatever is running answers an older query now

    # Searching ----------------------------------------------------------------

    @on(Input.Changed, "#search-input")
    def _typed(self, message: Input.Changed) -> None:
        message.stop()
        self._stop()
        query = message.value
        if not query.strip():
            self.suggestion = None
            self.show_status(WAITING)
            return
        generation = self._generation
        self._search.call(self.DELAY, lambda: self.run_search(generation, query))

    @work(thread=True, exclusive=True, exit_on_error=False, group="search")
    def run_search(self, generation: int, query: str) -> None:
        """Search the library (never touches widgets)."""
        try:
            with using(self.db_path, "search") as library:
                try:
                    result = search(library, query, limit=self.LIMIT, stories=True)
                except QueryError as error:
                    self.post_message(self._Done(generation, query, None, error=str(error)))
                    return
                rows = story_rows(library, [hit.article for hit in result.hits])
        except WorkFailed as error:
            self.post_message(self._Done(generation, query, None, error=str(error)))
            return
        self.post_message(self._Done(generation, query, result, rows))

    @on(_Done)
    def _done(self, message: _Done) -> None:
        if message.generation != self._generation:
            return
        if message.result is None:
            self.suggestion = None
            self.show_status(message.error or "", error=True)
            self.post_message(self.Invalid(message.query))
            return
        result = message.result
        self.suggestion = result.suggestions[0] if result.suggestions else None
        found = f"{counted(result.total, 'article')} {'matches' if result.total == 1 else 'match'}"
        shown = f", best {counted(len(result.hits), 'story')}" if result.total > len(result.hits) else ""
        status = Content(found + shown)
        if self.suggestion:
            status += Content.assemble("  ·  did you mean ", (self.suggestion, "bold $accent"), "?  (tab)")
        if result.notice:
            status += Content.assemble("  ·  ", (result.notice, "$warning"))
        self.show_status(status)
        self.post_message(self.Found(message.query, result, message.rows))

    @on(Input.Submitted, "#search-input")
    def _submitted(self, message: Input.Submitted) -> None:
        message.stop()
        self.post_message(self.GoToResults())

    # Actions --------------------------------------------------------------------

    def action_leave(self) -> None:
        self.post_message(self.Leave())

    def action_accept_suggestion(self) -> None:
        if self.suggestion:
            self.value = with_suggestion(self.value, self.suggestion)
        else:
            self.post_message(self.GoToResults())

    def action_results(self) -> None:
        self.post_message(self.GoToResults())
