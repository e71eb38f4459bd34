"""The search box over the story list, with a line for the count, a typo suggestion or an error."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Static

from reader.tui import keys

WAITING = "Type to search: words, \"phrases\", prefix*, -word, title:, source:, tag:, after:2025-01…"


class SearchBar(Vertical):
    """The box (``#search-input``) and its status line; the screen runs the searches."""

    BINDINGS: ClassVar[list[BindingType]] = keys.SEARCH

    @dataclass
    class Leave(Message):
        """Escape: back to the story list."""

    @dataclass
    class AcceptSuggestion(Message):
        """Tab: search for the suggested spelling."""

    @dataclass
    class GoToResults(Message):
        """Down: move to the results."""

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

    def show_status(self, status: str | Content, *, error: bool = False) -> None:
        """Show the line under the box (an error in the error colour)."""
        self.query_one("#search-status", Static).update(status)
        self.set_class(error, "-error")

    def action_leave(self) -> None:
        self.post_message(self.Leave())

    def action_accept_suggestion(self) -> None:
        self.post_message(self.AcceptSuggestion())

    def action_results(self) -> None:
        self.post_message(self.GoToResults())
