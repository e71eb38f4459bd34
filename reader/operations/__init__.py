"""The flows people start: importing, subscribing and refreshing, shared by the CLI, the TUI and serve.

Inputs are read and parsed by reader.ingest; what the library stores of them
is prepared here (in worker processes for large batches) and written in
bounded transactions, each article whole: its row, figures, indexes, story and
tags together.
"""

from reader.operations.add import AddReport, ListOutcome, add_inputs, is_feed_address
from reader.operations.imports import import_paths, store_document
from reader.operations.mark import Marked, Selection, SelectionError, mark_articles
from reader.operations.outcomes import ImportReport, ImportResult, ProgressCallback, Status
from reader.operations.refresh import FeedOutcome, RefreshReport, refresh_feeds, subscribe_and_refresh, subscribe_list
from reader.operations.remove import remove_articles, remove_source
from reader.operations.repair import open_for_writing, repair

__all__ = [
    "AddReport",
    "FeedOutcome",
    "ImportReport",
    "ImportResult",
    "ListOutcome",
    "Marked",
    "ProgressCallback",
    "RefreshReport",
    "Selection",
    "SelectionError",
    "Status",
    "add_inputs",
    "import_paths",
    "is_feed_address",
    "mark_articles",
    "open_for_writing",
    "refresh_feeds",
    "remove_articles",
    "remove_source",
    "repair",
    "store_document",
    "subscribe_and_refresh",
    "subscribe_list",
]
