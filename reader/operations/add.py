"""``reader add`` and the TUI's ``a``: whatever a person names, imported the way it asks.

A web address is subscribed to and fetched; a subscription list (OPML, a
newsboat ``urls`` file) subscribes to its feeds; any other path is a file or a
folder of articles. This is the one place that tells them apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reader.ingest.errors import IngestError
from reader.ingest.opml import is_subscription_list
from reader.operations.imports import import_paths
from reader.operations.outcomes import ImportReport, ProgressCallback
from reader.operations.refresh import RefreshReport, subscribe_and_refresh, subscribe_list
from reader.store import Library
from reader.text.plural import counted
from reader.text.sanitize import one_line


@dataclass(frozen=True)
class ListOutcome:
    """What a subscription list gave: how many feeds were new and already known, or why it was refused."""

    path: Path
    new: int = 0
    known: int = 0
    error: str | None = None

    def describe(self) -> str:
        """One line for a person (controls a file name may hold removed)."""
        if self.error:
            return one_line(f"{self.path}: {self.error}")
        return one_line(f"{self.path}: {counted(self.new, 'feed')} subscribed, {self.known:,} already")


@dataclass
class AddReport:
    """What adding each kind of input gave."""

    files: ImportReport = field(default_factory=ImportReport)
    feeds: RefreshReport = field(default_factory=RefreshReport)
    lists: list[ListOutcome] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        """Whether any input could not be added."""
        return bool(self.files.failures or self.feeds.failures or any(item.error for item in self.lists))


def is_feed_address(text: str) -> bool:
    """Whether an input names a web address (a feed, or a page announcing one)."""
    return text.startswith(("http://", "https://"))


def add_inputs(
    library: Library, inputs: Sequence[str | Path], *, on_progress: ProgressCallback | None = None
) -> AddReport:
    """Add every input: subscription lists, then feed addresses, then files and folders.

    :param on_progress: called after each file with (done, total, result).
    """
    urls = [str(item) for item in inputs if is_feed_address(str(item))]
    paths = [Path(item).expanduser() for item in inputs if not is_feed_address(str(item))]
    lists = [path for path in paths if is_subscription_list(path)]
    report = AddReport()
    for path in lists:
        try:
            new, known = subscribe_list(library, path)
        except IngestError as error:
            report.lists.append(ListOutcome(path, error=str(error)))
            continue
        report.lists.append(ListOutcome(path, new, known))
    if urls:
        report.feeds = subscribe_and_refresh(library, urls)
    files = [path for path in paths if path not in lists]
    if files:
        report.files = import_paths(library, files, on_progress=on_progress)
    return report
