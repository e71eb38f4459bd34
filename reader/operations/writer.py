"""Store prepared articles: each whole or not at all, many per write transaction, never for long.

Everything that belongs to an article (its row, raw input, key figures, both
search indexes, its story and its tags) is written together, under a savepoint
of the batch's transaction: an article that fails is rolled back alone, and a
crash loses the batch in progress, never part of an article. A batch commits
after :data:`BATCH_ITEMS` articles or :data:`BATCH_SECONDS`, whichever comes
first, then the writer steps aside for a moment so that another process waiting
to write (a cron refresh, the TUI) gets its turn.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from contextlib import ExitStack

from reader.operations.outcomes import Status
from reader.operations.prepare import Prepared
from reader.search.saved import apply_rules
from reader.store import Library
from reader.store.tags import has_story_tags, spread_story_tags, tag_articles
from reader.stories import assign_story
from reader.stories.grouping import SignatureCache

BATCH_ITEMS = 1_000
BATCH_SECONDS = 1.0
# Longer than a waiting writer takes between two attempts (reader.store.connection.BEGIN_ATTEMPT_MS).
STEP_ASIDE_SECONDS = 0.03


class Writer:
    """Writes prepared articles into a library in bounded batches; a context manager.

    Leaving the ``with`` block commits the last batch (or, on an exception,
    rolls it back).
    """

    def __init__(self, library: Library) -> None:
        self.library = library
        self._transaction = ExitStack()
        self._batch: list[int] = []  # the articles stored or changed in the open batch
        self._started = 0.0
        self._open = False
        self._signatures = SignatureCache()
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
        library = self.library
        content = prepared.content
        same_content = library.find_by_hash(content.content_hash)
        if same_content is not None:
            return Status.UNCHANGED, same_content.article_id
        previous = library.find_by_path(path) if path else library.find_by_entry_key(entry_key) if entry_key else None
        with library.savepoint():
            if previous is not None:
                article_id = previous.article_id
                library.update_article(article_id, content)
            else:
                article_id = library.add_article(content, path=path, entry_key=entry_key, feed_id=feed_id)
            story_id = assign_story(
                library,
                article_id,
                prepared.signature,
                new=previous is None,
                cache=self._signatures,
            )
            if self._story_tags:
                spread_story_tags(library, story_id)
            if tags:
                tag_articles(library, [article_id], tags)
        self._batch.append(article_id)
        if len(self._batch) >= BATCH_ITEMS or time.monotonic() - self._started >= BATCH_SECONDS:
            self.commit()
            time.sleep(STEP_ASIDE_SECONDS)
        return (Status.UPDATED if previous is not None else Status.ADDED), article_id

    def commit(self) -> None:
        """Tag the open batch's articles as the rules say, and commit it."""
        if not self._open:
            return
        if self._batch:
            apply_rules(self.library, self._batch)
        self._transaction.close()
        self._open = False
        self._batch = []

    def begin(self) -> None:
        """Open a batch if none is open: what is written next commits with it."""
        if not self._open:
            self._transaction.enter_context(self.library.transaction())
            self._open = True
            self._started = time.monotonic()
            self._story_tags = has_story_tags(self.library)
