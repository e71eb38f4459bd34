"""Refresh subscribed feeds: fetch them all concurrently, store their entries, record each feed's state.

Fetching and parsing run concurrently (parsing in worker threads); the new
entries are prepared like any import (in worker processes when there are many)
and every write happens on the calling thread, so the ``Library`` stays with
the thread that opened it. A feed's entries are stored in bounded batches, its
state with the last of them: a feed whose entries could not all be stored is
fetched again in full next time. One feed failing, whatever the reason, never
stops the others.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from reader.ingest.decode import decode_bytes
from reader.ingest.discover import feed_links, looks_like_html
from reader.ingest.errors import IngestError
from reader.ingest.feeds import FeedEntry, ParsedFeed, parse_feed
from reader.ingest.fetch import Fetcher, FetchError, FetchLimits, FetchResult, RateLimited
from reader.ingest.html import parse_html
from reader.ingest.opml import read_subscription_list
from reader.models import RawInput
from reader.operations.outcomes import Status
from reader.operations.parallel import Preparer
from reader.operations.prepare import content_hash, prepare_documents
from reader.operations.writer import LIBRARY_TROUBLE, Writer, not_stored
from reader.store import Library
from reader.store.feeds import Feed, list_feeds, move_feed, record_failure, record_success, subscribe, unsubscribe
from reader.stories.grouping import SignatureCache
from reader.text.plural import counted
from reader.text.sanitize import one_line, strip_control


@dataclass(frozen=True)
class FeedOutcome:
    """How one feed's refresh went."""

    feed: Feed
    added: int = 0
    updated: int = 0
    not_modified: bool = False
    deferred: bool = False  # not fetched: the server asked us to wait (429) and the time has not come
    moved_to: str | None = None  # the feed's new address, after a permanent redirect
    error: str | None = None
    not_stored: tuple[str, ...] = ()  # why each entry that could not be stored was not (the others were)

    def describe(self) -> str:
        """One line for a person: ``url: reason`` or ``url: 3 added, 1 updated`` (controls removed)."""
        return one_line(self._describe())

    def _describe(self) -> str:
        if self.error:
            return f"{self.feed.url}: {self.error}"
        if self.deferred:
            return f"{self.feed.url}: not fetched before {self.feed.retry_at}, as the server asked"
        moved = f" (moved to {self.moved_to})" if self.moved_to else ""
        if self.not_modified:
            return f"{self.feed.url}: not modified{moved}"
        lost = f", {counted(len(self.not_stored), 'entry')} not stored: {self.not_stored[0]}" if self.not_stored else ""
        return f"{self.feed.url}: {self.added} added, {self.updated} updated{lost}{moved}"


@dataclass
class RefreshReport:
    """Every feed's outcome, in the order they finished."""

    outcomes: list[FeedOutcome] = field(default_factory=list)

    @property
    def failures(self) -> list[FeedOutcome]:
        """The feeds that could not be refreshed, or not all of whose entries could be stored."""
        return [outcome for outcome in self.outcomes if outcome.error or outcome.not_stored]

    def summary(self) -> str:
        """``12 feeds: 30 articles added, 2 updated, 1 failed`` (and how many were deferred, if any)."""
        added = sum(outcome.added for outcome in self.outcomes)
        updated = sum(outcome.updated for outcome in self.outcomes)
        deferred = sum(outcome.deferred for outcome in self.outcomes)
        return (
            f"{counted(len(self.outcomes), 'feed')}: {counted(added, 'article')} added, {updated:,} updated, {len(self.failures):,} failed"
            + (f", {deferred} deferred" if deferred else "")
        )


@dataclass(frozen=True)
class _Fetched:
    """What fetching one feed gave: a response and its parse, or an error."""

    feed: Feed
    response: FetchResult | None = None
    parsed: ParsedFeed | None = None
    error: str | None = None
    retry_after: float | None = None


def refresh_feeds(
    library: Library,
    feeds: Iterable[Feed] | None = None,
    *,
    limits: FetchLimits = FetchLimits(),
    discover: bool = False,
) -> RefreshReport:
    """Fetch every feed (or those given) and store their new and changed entries.

    A feed whose server answered 429 with a long Retry-After is left alone
    until that time has come.

    :param limits: timeouts, size cap and concurrency for the fetches.
    :param discover: when a feed's address gives a web page, follow the feed
        the page announces (and keep its address instead).
    """
    chosen = list_feeds(library) if feeds is None else list(feeds)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    due = [feed for feed in chosen if not feed.retry_at or feed.retry_at <= now]
    report = RefreshReport([FeedOutcome(feed, deferred=True) for feed in chosen if feed not in due])
    with Preparer() as preparer:
        asyncio.run(_refresh(library, preparer, due, limits, report, discover))
    return report


async def _refresh(
    library: Library, preparer: Preparer, feeds: list[Feed], limits: FetchLimits, report: RefreshReport, discover: bool
) -> None:
    signatures = SignatureCache()  # shared by the feeds' writers: the library's vocabulary is read once
    async with Fetcher(limits) as fetcher:
        tasks = [asyncio.create_task(_fetch_feed(fetcher, library, feed, discover)) for feed in feeds]
        for task in asyncio.as_completed(tasks):
            report.outcomes.append(_record(library, preparer, signatures, await task))


async def _fetch_feed(fetcher: Fetcher, library: Library, feed: Feed, discover: bool) -> _Fetched:
    """Fetch and parse one feed (and, for a full-text feed, its new entries' pages); never raises."""
    try:
        response = await fetcher.fetch(feed.url, etag=feed.etag, last_modified=feed.last_modified)
        if response.not_modified:
            return _Fetched(feed, response)
        response, parsed = await _parse_or_discover(fetcher, response, discover)
        if feed.full_text:
            new = [entry for entry in parsed.entries if library.find_by_entry_key(entry.key) is None]
            full = await asyncio.gather(*(_with_full_text(fetcher, entry) for entry in new))
            by_key = {entry.key: entry for entry in full}
            parsed = replace(parsed, entries=[by_key.get(entry.key, entry) for entry in parsed.entries])
    except RateLimited as error:
        return _Fetched(feed, error=str(error), retry_after=error.retry_after)
    except (FetchError, IngestError) as error:
        return _Fetched(feed, error=str(error))
    except Exception as error:
        return _Fetched(feed, error=f"unexpected error ({type(error).__name__}: {error})")
    return _Fetched(feed, response, parsed)


async def _parse_or_discover(fetcher: Fetcher, response: FetchResult, discover: bool) -> tuple[FetchResult, ParsedFeed]:
    """Parse a feed; given a web page instead (and ``discover``), follow the first feed it announces.

    The announced feed's response comes back marked as ``moved``, so the
    subscription takes the feed's own address.
    """
    try:
        return response, await asyncio.to_thread(_parse, response)
    except IngestError:
        if not discover or not looks_like_html(response.data, response.content_type):
            raise
        announced = feed_links(response.data, response.url)
        if not announced:
            raise
    found = replace(await fetcher.fetch(announced[0]), moved=True)
    return found, await asyncio.to_thread(_parse, found)


def _parse(fetched: FetchResult) -> ParsedFeed:
    try:
        return parse_feed(fetched.data, fetched.url, content_type=fetched.content_type)
    except IngestError:
        raise
    except Exception as error:
        raise IngestError(f"cannot parse the feed ({type(error).__name__})") from error


async def _with_full_text(fetcher: Fetcher, entry: FeedEntry) -> FeedEntry:
    """The entry with the main text of the page it links to; as it was when that page cannot be had."""
    link = entry.document.url
    if not link:
        return entry
    try:
        page = await fetcher.fetch(link)
        decoded = decode_bytes(page.data, html=True)
        extracted = await asyncio.to_thread(parse_html, decoded.text, page.url)
    except (FetchError, IngestError):
        return entry
    document = replace(entry.document, text=extracted.text, markdown=extracted.markdown)
    return replace(entry, document=document, raw=RawInput(page.data, "html", decoded.encoding))


def _record(library: Library, preparer: Preparer, signatures: SignatureCache, fetched: _Fetched) -> FeedOutcome:
    """Store a feed's new and changed entries and note how its refresh went."""
    feed, response, parsed = fetched.feed, fetched.response, fetched.parsed
    if response is None:
        # One line, free of terminal escapes: a hostile server writes part of it (the reason phrase).
        error = " ".join(strip_control(fetched.error or "no response").split())
        with library.transaction():
            record_failure(library, feed, error, retry_after=fetched.retry_after)
        return FeedOutcome(feed, error=error)
    counts = {Status.ADDED: 0, Status.UPDATED: 0}
    lost: list[str] = []
    moved_to = None
    # Entries whose content the library already has are not prepared again.
    entries = (
        [entry for entry in parsed.entries if library.find_by_hash(content_hash(entry.raw)) is None] if parsed else []
    )
    prepared = preparer.map(
        prepare_documents, [(entry.document, entry.raw) for entry in entries], expected=len(entries)
    )
    with Writer(library, signatures=signatures) as writer:
        for entry, ready in zip(entries, prepared, strict=True):
            try:
                status, _ = writer.store(ready, entry_key=entry.key, feed_id=feed.id, tags=feed.tags)
            except LIBRARY_TROUBLE:
                raise
            except Exception as error:  # this entry only: it is tried again at the next refresh
                lost.append(not_stored(error))
                continue
            if status in counts:
                counts[status] += 1
        writer.begin()
        if response.moved and response.url != feed.url and move_feed(library, feed, response.url):
            moved_to = response.url
        etag = response.etag or (feed.etag if response.not_modified else None)
        last_modified = response.last_modified or (feed.last_modified if response.not_modified else None)
        if lost:  # the feed is fetched whole next time, so what was not stored is tried again
            etag = last_modified = None
        record_success(
            library,
            feed,
            title=parsed.title if parsed else None,
            site_url=parsed.site_url if parsed else None,
            etag=etag,
            last_modified=last_modified,
        )
    return FeedOutcome(
        feed,
        added=counts[Status.ADDED],
        updated=counts[Status.UPDATED],
        not_modified=response.not_modified,
        moved_to=moved_to,
        not_stored=tuple(lost),
    )


def subscribe_and_refresh(
    library: Library, urls: Iterable[str], *, limits: FetchLimits = FetchLimits()
) -> RefreshReport:
    """Subscribe to each feed URL and fetch it at once.

    A URL not subscribed to before whose first fetch fails is not kept: it is
    more likely a typo or not a feed than a feed that is down. The address of
    a site's page subscribes to the feed the page announces.
    """
    with library.transaction():
        subscribed = [subscribe(library, url) for url in dict.fromkeys(urls)]
    report = refresh_feeds(library, [feed for feed, _ in subscribed], limits=limits, discover=True)
    new = {feed.url for feed, is_new in subscribed if is_new}
    for outcome in report.failures:
        if outcome.feed.url in new:
            unsubscribe(library, outcome.feed.url)
    return report


def subscribe_list(library: Library, path: Path) -> tuple[int, int]:
    """Subscribe to every feed of a subscription list (OPML, newsboat ``urls``); return (new, already subscribed).

    Nothing is fetched: ``refresh_feeds`` does that.

    :raises IngestError: when the file cannot be read as a subscription list.
    """
    subscriptions = read_subscription_list(path)
    with library.transaction():
        new = sum(subscribe(library, item.url, title=item.title, tags=list(item.tags))[1] for item in subscriptions)
    return new, len(subscriptions) - new
