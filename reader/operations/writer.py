"""Store prepared articles: each whole or not at all, many per write transaction, never for long.

Everything that belongs to an article (its row, raw input, key figures, both
search indexes, its story and its tags) is written together in the batch's
transaction. An article that fails takes the batch back to its start, and the
batch's earlier articles are written again, so nothing of the failed one stays;
a crash loses the batch in progress, never part of an article. There is no
savepoint per article: SQLite's full-text indexes write their pending terms out
at every savepoint, which would make each article a segment of its own. A batch
commits after :data:`BATCH_ITEMS` articles or :data:`BATCH_SECONDS`, whichever
comes first, then the writer steps aside for a moment so that another process
waiting to write (a cron refresh, the TUI) gets its turn.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass

from reader.operations.outcomes import Status
from reader.operations.prepare import Prepared
from reader.search.saved import apply_rules
from reader.store import Library, LibraryBusy, LibraryRefused
from reader.store.tags import has_story_tags, spread_story_tags, tag_articles
from reader.stories import assign_story
from reader.stories.grouping import SignatureCache

# What storing an article raises when the library itself is in trouble (busy, read-only, full):
# no other article would fare better, so the caller stops. Anything else costs that article only.
LIBRARY_TROUBLE: tuple[type[Exception], ...] = (LibraryBusy, LibraryRefused, sqlite3.OperationalError)

# Each commit writes out every index page its batch touched, and a library's
# indexes are written all over (story keys, content hashes): the larger the
# library, the more pages a commit costs whatever the batch's size. Batches of
# a few seconds keep that cost small beside the articles' own.
BATCH_ITEMS = 5_000
BATCH_SECONDS = 3.0
# Longer than a waiting writer takes between two attempts (reader.store.connection.BEGIN_ATTEMPT_MS).
STEP_ASIDE_SECONDS = 0.03


def not_stored(error: Exception) -> str:
    """Why an article could not be stored, in a few words (the writer has undone all of it)."""
    return f"cannot be stored ({type(error).__name__}: {error})"


@dataclass(frozen=True)
class _Request:
    """One article to store and where it came from, as :meth:`Writer.store` was asked."""

    prepared: Prepared
    path: str | None
    entry_key: str | None
    feed_id: int | None
    tags: Sequence[str]


class Writer:
    """Writes prepared articles into a library in bounded batches; a context manager.

    Leaving the ``with`` block commits the last batch (or, on an exception,
    rolls it back).

    :param signatures: what grouping keeps from one article to the next; give
        one to several writers in a row (a refresh's feeds) so that the
        library's vocabulary is read once, not by each.
    """

    def __init__(self, library: Library, *, signatures: SignatureCache | None = None) -> None:
        self.library = library
        self._transaction = ExitStack()
        self._batch: list[int] = []  # the articles stored or changed in the open batch
        self._written: list[_Request] = []  # what the open batch wrote, to write again if an article fails
        self._batch_start = ""  # the open batch's undo point
        self._started = 0.0
        self._open = False
        self._signatures = signatures or SignatureCache()
        self._story_tags = True  # whether any story has tags to give its new articles (checked at each batch)

    def __enter__(self) -> Writer:
        return self

    def __exit__(self, exc_type: object, exc: BaseException | None, traceback: object) -> None:
        if exc is None:
            self.commit()
        else:
            self._transaction.__exit__(type(exc), exc, exc.__traceback__)
            self._open = False

    def store(
        self,
        prepared: Prepared,
        *,
        path: str | None = None,
        entry_key: str | None = None,
        feed_id: int | None = None,
        tags: Sequence[str] = (),
    ) -> tuple[Status, int]:
        """Store one article unless the library already has it; return (status, article id).

        An input seen before at the same ``path`` (or, for a feed entry, with the
        same ``entry_key``) is updated when its content changed, keeping its tags
        and read/starred state; the same content from anywhere is left as it is.
        The article is put into its story and tagged: with its story's tags, the
        ``tags`` given (a feed's), and, when the batch commits, those of the rules
        it matches.
        """
        self.begin()
        request = _Request(prepared, path, entry_key, feed_id, tuple(tags))
        try:
            outcome = self._write(request)
        except Exception:
            if self.library.db.conn.in_transaction:
                self._write_again()
            raise
        if outcome[0] is not Status.UNCHANGED:
            self._batch.append(outcome[1])
            self._written.append(request)
            if len(self._batch) >= BATCH_ITEMS or time.monotonic() - self._started >= BATCH_SECONDS:
                self.commit()
                time.sleep(STEP_ASIDE_SECONDS)
        return outcome

    def _write(self, request: _Request) -> tuple[Status, int]:
        library = self.library
        content = request.prepared.content
        same_content = library.find_by_hash(content.content_hash)
        if same_content is not None:
            return Status.UNCHANGED, same_content.article_id
        path, entry_key = request.path, request.entry_key
        previous = library.find_by_path(path) if path else library.find_by_entry_key(entry_key) if entry_key else None
        if previous is not None:
            article_id = previous.article_id
            library.update_article(article_id, content)
        else:
            article_id = library.add_article(content, path=path, entry_key=entry_key, feed_id=request.feed_id)
        story_id = assign_story(
            library,
            article_id,
            request.prepared.signature,
            new=previous is None,
            cache=self._signatures,
        )
        if self._story_tags:
            spread_story_tags(library, story_id)
        if request.tags:
            tag_articles(library, [article_id], request.tags)
        return (Status.UPDATED if previous is not None else Status.ADDED), article_id

    def _write_again(self) -> None:
        """Take the batch back to its start and write its articles again: all but the one that just failed."""
        self.library.undo_to(self._batch_start)
        self._signatures.clear()  # it may hold what was just undone
        for request, article_id in zip(self._written, self._batch, strict=True):
            status, again = self._write(request)
            # The same writes in the same order, the write lock held throughout: the same ids.
            assert status is not Status.UNCHANGED and again == article_id

    def commit(self) -> None:
        """Tag the open batch's articles as the rules say, and commit it."""
        if not self._open:
            return
        if self._batch:
            apply_rules(self.library, self._batch)
        self._transaction.close()
        self._open = False
        self._batch = []
        self._written = []

    def begin(self) -> None:
        """Open a batch if none is open: what is written next commits with it."""
        if not self._open:
            self._transaction.enter_context(self.library.transaction())
            self._batch_start = self.library.undo_point()
            self._signatures.follow(self.library)
            self._open = True
            self._started = time.monotonic()
            self._story_tags = has_story_tags(self.library)
