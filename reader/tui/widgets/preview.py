"""The pane under the list describing the highlighted story or article: title, sources, date, lead."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.content import Content
from textual.message import Message
from textual.widgets import Static
from textual.worker import Worker

from reader.stories.browse import StoryRow, story_lead
from reader.text.plural import counted
from reader.tui.debounce import Debounce
from reader.tui.text import one_line, short_date
from reader.tui.widgets.meta import article_meta
from reader.tui.widgets.story_tree import Entry, HitEntry, StoryEntry, entry_article
from reader.tui.work import notice_failure, using

_SEPARATOR = Content.styled("  ·  ", "$text-muted")


class Preview(Static):
    """Follows the highlighted row: its headline and meta line at once, its sources and lead once read.

    The lead is read in a worker once the cursor rests on a row for
    :attr:`DELAY` seconds (holding ``j`` reads none on the way) and kept for
    that article, so showing the row's new state (after ``m``, ``s``, ``t``)
    keeps it. The pane has a fixed height (what does not fit is cut), so
    showing another row repaints it without laying out the screen again.
    """

    DELAY: ClassVar[float] = 0.06
    """Seconds the cursor rests on a row before its lead is read; 0: at once."""

    @dataclass
    class _Loaded(Message):
        """The lead (and, for a story, the sources) of ``article_id``."""

        article_id: int
        lead: str
        sources: list[str]

    def __init__(self, db_path: Path, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.db_path = db_path
        self.entry: Entry | None = None
        self.lead_loaded = False
        """Whether the lead of the row shown has been read (tests wait for it)."""
        self._lead: tuple[int, str, list[str]] | None = None
        self._load = Debounce(self)

    def follow(self, entry: Entry | None) -> None:
        """Show ``entry`` (what is known of it at once), and read its lead unless it is known already."""
        self.entry = entry
        article = entry_article(entry)
        if article is None:
            self._load.cancel()
            self.clear()
            return
        self.lead_loaded = self._lead is not None and self._lead[0] == article.id
        self._show()
        if not self.lead_loaded:
            self._load.call(self.DELAY, lambda: self._read(article.id, self._wants_sources(entry)))

    def show_entry(self) -> None:
        """Show the row followed again, with its new marks or tags (its lead kept)."""
        self._show()

    def clear(self) -> None:
        """Show nothing."""
        self.entry = None
        self.update(Content(""), layout=False)

    @staticmethod
    def _wants_sources(entry: Entry | None) -> int | None:
        row = _story_of(entry)
        return row.story_id if row is not None else None

    @work(thread=True, exclusive=True, exit_on_error=False, group="preview")
    def _read(self, article_id: int, story_id: int | None) -> None:
        """Read an article's lead and, for a story, its sources."""
        with using(self.db_path, "read the article") as library:
            whole = library.get_article(article_id)
            sources: list[str] = []
            if story_id is not None:
                members = library.articles_of_stories([story_id])
                sources = list(dict.fromkeys(one_line(member.source) for member in members if member.source))
        self.post_message(self._Loaded(article_id, story_lead(whole.text if whole else ""), sources))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        notice_failure(self, event)

    @on(_Loaded)
    def _loaded(self, message: _Loaded) -> None:
        message.stop()
        self._lead = (message.article_id, message.lead, message.sources)
        article = entry_article(self.entry)
        if article is not None and article.id == message.article_id:
            self.lead_loaded = True
            self._show()

    def _show(self) -> None:
        entry = self.entry
        article = entry_article(entry)
        if article is None:
            return
        lead, sources = None, None
        if self._lead is not None and self._lead[0] == article.id:
            _, lead, sources = self._lead
        row = _story_of(entry)
        if row is not None:
            meta = story_meta(row.size, row.sources, row.newest.published, row.tags, row.unread)
            self.show(row.title if isinstance(entry, StoryEntry) else article.title, meta, sources=sources, lead=lead)
        else:
            self.show(one_line(article.title), article_meta(article), lead=lead)

    def show(self, title: str, meta: Content, sources: list[str] | None = None, lead: str | None = None) -> None:
        """Show a headline, its meta line, the sources (a story's outlets) and the lead, each if known."""
        parts = [Content.styled(one_line(title) or "(untitled)", "bold"), meta]
        if sources:
            parts += [Content(""), Content.styled("Sources", "bold $text-muted"), Content(", ".join(sources))]
        if lead:
            parts += [Content(""), Content(one_line(lead))]
        self.update(Content("\n").join(parts), layout=False)


def _story_of(entry: Entry | None) -> StoryRow | None:
    """The story of several articles a row (a story, or a search result) stands for, if any."""
    row = entry.row if isinstance(entry, (StoryEntry, HitEntry)) else None
    return row if row is not None and row.size > 1 and row.story_id is not None else None


def story_meta(size: int, sources: int, newest: str | None, tags: list[str], unread: int) -> Content:
    """``N articles · M sources · newest date · #tags · K unread``, the parts that apply."""
    parts = [Content(counted(size, "article"))]
    if sources > 1:
        parts.append(Content(counted(sources, "source")))
    if newest:
        parts.append(Content(short_date(newest)))
    if tags:
        parts.append(Content(" ".join(f"#{one_line(tag)}" for tag in tags)))
    if unread:
        parts.append(Content.styled(f"{unread:,} unread", "$accent"))
    return _SEPARATOR.join(parts)
