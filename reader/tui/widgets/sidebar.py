"""The sidebar: All, Unread, Starred, the tags, the sources and the saved searches (their unread articles),
each with its count; picking one filters the list."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.binding import BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option
from textual.worker import Worker

from reader.stories.browse import LibraryCounts, StoryFilter, library_counts
from reader.tui import keys
from reader.tui.text import one_line
from reader.tui.work import notice_failure, using

_HEADINGS = ("Tags", "Sources", "Saved searches")
# Cells of an option taken by its padding.
_OPTION_PADDING = 2


class Sidebar(OptionList):
    """Filters for the story list, with counts it reads itself (:meth:`count`), after the list: they can be slow.

    Counts carry the number of the request they answer, so an older count
    finishing late never hides a newer one.
    """

    BINDINGS: ClassVar[list[BindingType]] = [*keys.SIDEBAR]

    @dataclass
    class Picked(Message):
        """An entry was chosen: show the stories it keeps."""

        sidebar: Sidebar
        story_filter: StoryFilter

        @property
        def control(self) -> Sidebar:
            return self.sidebar

    @dataclass
    class Counted(Message):
        """The counts were read and shown."""

        sidebar: Sidebar
        counts: LibraryCounts

        @property
        def control(self) -> Sidebar:
            return self.sidebar

    @dataclass
    class _Read(Message):
        asked: int
        counts: LibraryCounts

    def __init__(self, db_path: Path, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.db_path = db_path
        self.counts: LibraryCounts | None = None
        """The counts shown (None until the first are read)."""
        self._filters: list[StoryFilter | None] = []
        self._asked = 0

    def count(self) -> None:
        """Count the articles per filter (again): the last count asked for is the one shown."""
        self._asked += 1
        self._count(self._asked)

    @work(thread=True, exclusive=True, exit_on_error=False, group="counts")
    def _count(self, asked: int) -> None:
        with using(self.db_path, "count the library") as library:
            counts = library_counts(library)
        self.post_message(self._Read(asked, counts))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        notice_failure(self, event)

    @on(_Read)
    def _read(self, message: _Read) -> None:
        message.stop()
        if message.asked != self._asked:
            return  # an older count that finished late: it may miss the latest changes
        self.counts = message.counts
        self.show_counts(message.counts)
        self.post_message(self.Counted(self, message.counts))

    def on_mount(self) -> None:
        self.border_title = "Library"
        self._fill(None)

    def on_resize(self) -> None:
        if self.counts is not None:
            self.show_counts(self.counts)  # the names are cut to the new width

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
        width = max(8, self.scrollable_content_region.width - _OPTION_PADDING)
        self.set_options(
            Option(_prompt(label, count, width, heading=story_filter is None), disabled=story_filter is None)
            for label, count, story_filter in entries
        )
        self.highlighted = 0

    @on(OptionList.OptionSelected)
    def _picked(self, message: OptionList.OptionSelected) -> None:
        message.stop()
        story_filter = self._filters[message.option_index]
        if story_filter is not None:
            self.post_message(self.Picked(self, story_filter))


def _prompt(label: str, count: int | None, width: int, *, heading: bool) -> Text:
    """``label   count`` in ``width`` cells, the count right-aligned after a space, the label cut with an ellipsis."""
    if heading:
        return Text(label, style="bold", no_wrap=True, overflow="ellipsis")
    shown = "" if count is None else f"{count:,}"
    text = Text(one_line(label), no_wrap=True, overflow="ellipsis")
    text.truncate(max(1, width - len(shown) - 1), overflow="ellipsis", pad=True)
    text.append(" " + shown, style="dim")
    return text
