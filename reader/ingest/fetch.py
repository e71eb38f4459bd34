"""Polite, bounded HTTP fetching with httpx: what every feed and full-text page goes through.

Every request is bounded: a deadline for the whole exchange (a server that
trickles bytes cannot hold it), a redirect limit, and a cap on the bytes kept
*after* decompression, which we do ourselves chunk by chunk so that a gzip bomb
is stopped at the cap instead of being inflated in memory. Concurrency is
limited overall and per host. A conditional GET (ETag, Last-Modified) lets an
unchanged feed cost one 304; a 429 is retried once after its Retry-After when
that wait is short enough.
"""

from __future__ import annotations

import asyncio
import zlib
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import httpx

from reader import __version__

USER_AGENT = f"reader/{__version__} (terminal news reader; feed fetcher)"
_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, "
    "application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5"
)
_INFLATE_CHUNK = 64 * 1024


@dataclass(frozen=True)
class FetchLimits:
    """How much one refresh may ask of the network and of memory."""

    timeout: float = 30.0  # seconds for a whole request, body included
    connect_timeout: float = 10.0
    max_bytes: int = 16 * 1024 * 1024  # of decoded body
    max_redirects: int = 5
    concurrency: int = 16
    per_host: int = 2
    max_retry_after: float = 60.0  # a longer Retry-After fails the fetch instead of waiting


@dataclass(frozen=True)
class FetchResult:
    """A response worth reading: a 2xx with its body, or a 304 (``not_modified``) without one."""

    url: str  # after redirects
    status: int
    data: bytes
    content_type: str | None
    etag: str | None
    last_modified: str | None
    moved: bool = False  # reached through permanent redirects only: ``url`` is the new address

    @property
    def not_modified(self) -> bool:
        """Whether the server said the document has not changed since the last fetch."""
        return self.status == 304


class FetchError(Exception):
    """A fetch that failed; the message says why in a few words."""


class RateLimited(FetchError):
    """A 429 whose Retry-After is longer than we wait: ``retry_after`` seconds, when the server said."""

    def __init__(self, message: str, retry_after: float | None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class Fetcher:
    """An HTTP client for many concurrent fetches; use as ``async with Fetcher() as fetcher``."""

    def __init__(self, limits: FetchLimits = FetchLimits()) -> None:
        self.limits = limits
        self._client = httpx.AsyncClient(
            follow_redirects=True,
            max_redirects=limits.max_redirects,
            timeout=httpx.Timeout(limits.timeout, connect=limits.connect_timeout),
            limits=httpx.Limits(max_connections=limits.concurrency, max_keepalive_connections=limits.concurrency),
            headers={"User-Agent": USER_AGENT, "Accept": _ACCEPT, "Accept-Encoding": "gzip, deflate"},
        )
        self._slots = asyncio.Semaphore(limits.concurrency)
        self._host_slots: defaultdict[str, asyncio.Semaphore] = defaultdict(lambda: asyncio.Semaphore(limits.per_host))

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self._client.aclose()

    async def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> FetchResult:
        """GET ``url``, conditionally when validators from the last fetch are given.

        :raises FetchError: on a network error, a timeout, too many redirects, an
            HTTP error status, or a body over the size cap.
        """
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        wait = await self._fetch_once(url, headers)
        if isinstance(wait, FetchResult):
            return wait
        await asyncio.sleep(wait)  # outside the slots: a waiting feed holds no one up
        again = await self._fetch_once(url, headers)
        if isinstance(again, FetchResult):
            return again
        raise FetchError("HTTP 429 Too Many Requests (still, after waiting as asked)")

    async def _fetch_once(self, url: str, headers: dict[str, str]) -> FetchResult | float:
        """The response, or how long to wait before one retry after a 429."""
        host = urlsplit(url).hostname or ""
        async with self._slots, self._host_slots[host]:
            try:
                async with asyncio.timeout(self.limits.timeout):
                    async with self._client.stream("GET", url, headers=headers) as response:
                        return await self._read(response)
            except TimeoutError as error:
                raise FetchError(f"timed out after {self.limits.timeout:g} s") from error
            except httpx.TooManyRedirects as error:
                raise FetchError(f"too many redirects (over {self.limits.max_redirects})") from error
            except httpx.TimeoutException as error:
                raise FetchError(f"timed out ({type(error).__name__})") from error
            except httpx.UnsupportedProtocol as error:
                raise FetchError("not an http(s) URL") from error
            except (httpx.HTTPError, httpx.InvalidURL) as error:
                raise FetchError(f"network error: {error or type(error).__name__}") from error

    async def _read(self, response: httpx.Response) -> FetchResult | float:
        status = response.status_code
        if status == 429:
            wait = retry_after(response.headers.get("Retry-After"))
            if wait is None or wait > self.limits.max_retry_after:
                later = f", retry after {wait:g} s" if wait is not None else ""
                raise RateLimited(f"HTTP 429 Too Many Requests{later}", wait)
            return wait
        if status != 304 and not 200 <= status < 300:
            raise FetchError(f"HTTP {status} {response.reason_phrase}".rstrip())
        declared = response.headers.get("Content-Length", "")
        if (
            declared.isdigit()
            and not response.headers.get("Content-Encoding")
            and int(declared) > self.limits.max_bytes
        ):
            raise FetchError(f"too large ({int(declared):,} bytes; the limit is {self.limits.max_bytes:,})")
        data = b"" if status == 304 else await self._body(response)
        return FetchResult(
            url=str(response.url),
            status=status,
            data=data,
            content_type=response.headers.get("Content-Type"),
            etag=response.headers.get("ETag"),
            last_modified=response.headers.get("Last-Modified"),
            moved=bool(response.history) and all(hop.status_code in (301, 308) for hop in response.history),
        )

    async def _body(self, response: httpx.Response) -> bytes:
        """The decoded body, streamed, never more than the cap in memory."""
        inflater = _Inflater(response.headers.get("Content-Encoding", ""))
        chunks: list[bytes] = []
        size = 0
        async for raw in response.aiter_raw():
            for chunk in inflater.feed(raw):
                size += len(chunk)
                if size > self.limits.max_bytes:
                    raise FetchError(f"too large (over {self.limits.max_bytes:,} bytes)")
                chunks.append(chunk)
        return b"".join(chunks)


class _Inflater:
    """Undo a gzip or deflate Content-Encoding a bounded piece at a time."""

    def __init__(self, encoding: str) -> None:
        encoding = encoding.strip().lower()
        if encoding in ("gzip", "x-gzip"):
            self._decompressor: zlib._Decompress | None = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._decompressor = zlib.decompressobj(zlib.MAX_WBITS)
        elif encoding in ("", "identity"):
            self._decompressor = None
        else:
            raise FetchError(f"unsupported Content-Encoding {encoding!r}")
        # "deflate" is often sent raw, without the zlib header it should have: look at the first byte.
        self._check_header = encoding == "deflate"

    def feed(self, data: bytes) -> Iterator[bytes]:
        """The decoded bytes of ``data``, in pieces of at most 64 KiB."""
        if self._decompressor is None:
            yield data
            return
        if self._check_header and data:
            self._check_header = False
            if data[0] & 0x0F != 8:  # not a zlib header (its compression method is 8)
                self._decompressor = zlib.decompressobj(-zlib.MAX_WBITS)
        while data:
            try:
                piece = self._decompressor.decompress(data, _INFLATE_CHUNK)
            except zlib.error as error:
                raise FetchError(f"corrupt compressed body ({error})") from error
            yield piece
            data = self._decompressor.unconsumed_tail


def retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date); None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, (moment - datetime.now(UTC)).total_seconds())
