"""The sidebar: All, Unread, Starred, the tags, the sources and the saved searches (their unread articles),
each with its count; picking one filters the list."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.binding import BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.stories.browse import LibraryCounts, StoryFilter
from reader.tui import keys
from reader.tui.text import one_line

_HEADINGS = ("Tags", "Sources", "Saved searches")
# The width of an entry: the sidebar's, less its padding and scrollbar.
_WIDTH = 23


class Sidebar(OptionList):
    """Filters for the story list; counts arrive later (:meth:`show_counts`), as they can be slow."""

    BINDINGS: ClassVar[list[BindingType]] = [*keys.SIDEBAR]

    @dataclass
    class Picked(Message):
        """An entry was chosen: show the stories it keeps."""

        sidebar: Sidebar
        story_filter: StoryFilter

        @property
        def control(self) -> Sidebar:
            return self.sidebar

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._filters: list[StoryFilter | None] = []

    def on_mount(self) -> None:
        self.border_title = "Library"
        self._fill(None)

    def show_counts(self, counts: LibraryCounts) -> None:
        """Show every entry with its count, keeping the chosen one highlighted."""
        chosen = self.chosen
        self._fill(counts)
        if chosen in self._filters:
            self.highlighted = self._filters.index(chosen)

    @property
    def chosen(self) -> StoryFilter:
        """The filter of the highlighted entry (All when none)."""
        if self.highlighted is None or self.highlighted >= len(self._filters):
            return StoryFilter()
        return self._filters[self.highlighted] or StoryFilter()

    def _fill(self, counts: LibraryCounts | None) -> None:
        entries: list[tuple[str, int | None, StoryFilter | None]] = [
            ("All", counts.total if counts else None, StoryFilter()),
            ("Unread", counts.unread if counts else None, StoryFilter("unread")),
            ("Starred", counts.starred if counts else None, StoryFilter("starred")),
        ]
        if counts is not None:
            if counts.tags:
                entries.append((_HEADINGS[0], None, None))
            entries += [(f"#{name}", count, StoryFilter("tag", name)) for name, count in counts.tags]
            entries.append((_HEADINGS[1], None, None))
            entries += [(name, count, StoryFilter("source", name)) for name, count in counts.sources]
            if counts.saved:
                entries.append((_HEADINGS[2], None, None))
            entries += [(name, unread, StoryFilter("query", query)) for name, query, unread in counts.saved]
        self._filters = [story_filter for _, _, story_filter in entries]
        self.set_options(
            Option(_prompt(label, count, heading=story_filter is None), disabled=story_filter is None)
            for label, count, story_filter in entries
        )
        self.highlighted = 0

    @on(OptionList.OptionSelected)
    def _picked(self, message: OptionList.OptionSelected) -> None:
        message.stop()
        story_filter = self._filters[message.option_index]
        if story_filter is not None:
            self.post_message(self.Picked(self, story_filter))


def _prompt(label: str, count: int | None, *, heading: bool) -> Text:
    """``label   count``, the count right-aligned, the label cut to fit; a heading in bold."""
    if heading:
        return Text(label, style="bold", no_wrap=True)
    shown = "" if count is None else f"{count:,}"
    text = Text(one_line(label), no_wrap=True)
    text.truncate(_WIDTH - len(shown) - 1, overflow="ellipsis", pad=True)
    text.append(" " + shown, style="dim")
    return text
