"""Work the library asks for when it is opened for writing: backfills that migrations scheduled, ungrouped articles.

A migration never runs today's code (reader.store.migrations); it schedules a
backfill, done here. An article left in no story (by a crash of an older reader,
which stored articles and stories in separate transactions) is grouped here.
"""

from __future__ import annotations

from pathlib import Path

from reader.store import Library, LibraryReadOnly
from reader.store import stories as stored
from reader.store.backfills import done_backfill, pending_backfills
from reader.store.connection import read_only_message
from reader.stories.grouping import SignatureCache, regroup_stored, remember_signature
from reader.text.figures import extract_figures

# Articles regrouped per write transaction: regrouping reads and parses each one
# again, so this keeps a transaction to a few seconds, as an import's.
REGROUP_BATCH = 1_000


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
    backfills = pending_backfills(library)
    if "figures" in backfills:
        _find_figures(library)
    cache = SignatureCache()
    if "story signatures" in backfills:
        _sign_stories(library, cache)
    ungrouped = stored.ungrouped(library)
    for start in range(0, len(ungrouped), REGROUP_BATCH):
        with library.transaction():
            for article_id in ungrouped[start : start + REGROUP_BATCH]:
                regroup_stored(library, article_id, cache=cache)
    return bool(backfills) or bool(ungrouped)


def _sign_stories(library: Library, cache: SignatureCache) -> None:
    """The story signature of every article stored before this signature existed (its story is kept)."""
    with library.transaction():
        # Another writer may have done it since the backfills were read.
        for article_id in stored.unsigned(library):
            remember_signature(library, article_id, cache)
        done_backfill(library, "story signatures")


def _find_figures(library: Library) -> None:
    """The key figures of every article stored before figures were found at import."""
    with library.transaction():
        for article_id, text, lang in library.db.execute("SELECT id, text, lang FROM articles").fetchall():
            library.store_figures(article_id, extract_figures(text, lang if lang in ("fr", "en") else "auto"))
        done_backfill(library, "figures")
