"""The import bar at the foot of the main screen: adds a file, a folder or a feed, with a progress bar."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on, work
from textual.message import Message
from textual.widgets import ProgressBar

from reader.text.plural import counted
from reader.tui.text import one_line
from reader.tui.work import cancelled


class _Stopped(Exception):
    """The import's worker was cancelled."""


class ImportPanel(ProgressBar):
    """Shows while an import runs (``-running``) and says how it went with :class:`Finished`."""

    @dataclass
    class Finished(Message):
        """An import ended: what it did, and one line per input that failed."""

        title: str
        summary: str
        failures: list[str]

    @dataclass
    class _Progress(Message):
        done: int
        total: int

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, ImportPanel._Progress)

    def __init__(self, db_path: Path, *, id: str | None = None) -> None:
        super().__init__(id=id, show_eta=False)
        self.db_path = db_path

    def start(self, target: str) -> None:
        """Import a file or folder, subscribe to a feed URL or to the feeds of a subscription list."""
        self.update(total=None, progress=0)
        self.add_class("-running")
        self._import(target)

    @work(thread=True, exclusive=True, exit_on_error=False, group="import")
    def _import(self, target: str) -> None:
        from reader.operations import add_inputs, is_feed_address, open_for_writing

        if not is_feed_address(target) and not Path(target).expanduser().exists():
            self.post_message(self.Finished(f"Cannot add {target}", "no such file or folder", []))
            return

        def progress(done: int, total: int, _: object) -> None:
            if cancelled():  # the app is closing: stop after the input stored last
                raise _Stopped
            self.post_message(self._Progress(done, total))

        try:
            with open_for_writing(self.db_path) as library:
                report = add_inputs(library, [target], on_progress=progress)
        except _Stopped:
            return
        except Exception as error:
            self.post_message(self.Finished(f"Cannot add {target}", one_line(str(error)), []))
            return
        if report.lists:
            (listed,) = report.lists
            if listed.error:
                self.post_message(self.Finished(f"Cannot add {target}", listed.error, []))
                return
            summary = f"{counted(listed.new, 'feed')} subscribed, {listed.known:,} already (press r to fetch them)"
            failures: list[str] = []
        elif report.feeds.outcomes:
            summary = report.feeds.summary()
            failures = [f"{outcome.describe()} (not subscribed)" for outcome in report.feeds.failures]
        else:
            summary, failures = report.files.summary(), [result.describe() for result in report.files.failures]
        self.post_message(self.Finished(f"Added {target}", summary, failures))

    @on(_Progress)
    def _progress(self, message: _Progress) -> None:
        message.stop()
        self.update(total=message.total, progress=message.done)

    @on(Finished)
    def _finished(self) -> None:
        self.remove_class("-running")  # the message goes on to the screen
