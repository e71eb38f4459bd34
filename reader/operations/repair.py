"""Work the library asks for when it is opened for writing: backfills that migrations scheduled, ungrouped articles.

A migration never runs today's code (reader.store.migrations); it schedules a
backfill, done here. An article left in no story (by a crash of an older reader,
which stored articles and stories in separate transactions) is grouped here.
"""

from __future__ import annotations

from pathlib import Path

from reader.operations.writer import BATCH_ITEMS
from reader.store import Library, LibraryReadOnly
from reader.store import stories as stored
from reader.store.backfills import done_backfill, pending_backfills
from reader.store.connection import read_only_message
from reader.stories.grouping import regroup_stored
from reader.text.figures import extract_figures


def open_for_writing(path: str | Path) -> Library:
    """Open a library to write to it, after doing what it asks for (see :func:`repair`).

    :raises LibraryReadOnly: when the library file may not be written to.
    """
    library = Library(path)
    try:
        if library.read_only:
            raise LibraryReadOnly(read_only_message(library.path))
        repair(library)
    except BaseException:
        library.close()
        raise
    return library


def repair(library: Library) -> bool:
    """Run the pending backfills, then group the articles that are in no story; whether there was any to do."""
    backfill = "figures" in pending_backfills(library)
    if backfill:
        _find_figures(library)
    ungrouped = stored.ungrouped(library)
    for start in range(0, len(ungrouped), BATCH_ITEMS):
        with library.transaction():
            for article_id in ungrouped[start : start + BATCH_ITEMS]:
                regroup_stored(library, article_id)
    return backfill or bool(ungrouped)


def _find_figures(library: Library) -> None:
    """The key figures of every article stored before figures were found at import."""
    with library.transaction():
        for article_id, text, lang in library.db.execute("SELECT id, text, lang FROM articles").fetchall():
            library.store_figures(article_id, extract_figures(text, lang if lang in ("fr", "en") else "auto"))
        done_backfill(library, "figures")
