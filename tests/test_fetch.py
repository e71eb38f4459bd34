"""HTTP fetching against a real server on 127.0.0.1: validators, compression, and every way a server can misbehave."""

from __future__ import annotations

import asyncio
import tracemalloc
from collections.abc import Iterator

import pytest

from reader.ingest.fetch import USER_AGENT, Fetcher, FetchError, FetchLimits, FetchResult, retry_after
from tests.feed_server import FeedServer, generated_feed

# Small bounds keep the hostile cases fast (only /slow, 5 s, ever reaches the deadline); the defaults are for real use.
LIMITS = FetchLimits(timeout=1.5, connect_timeout=1.5, max_bytes=1024 * 1024, max_redirects=3, max_retry_after=1)


@pytest.fixture(scope="module")
def server() -> Iterator[FeedServer]:
    with FeedServer(slow_seconds=5) as running:
        yield running


def fetch(url: str, **validators: str | None) -> FetchResult:
    async def run() -> FetchResult:
        async with Fetcher(LIMITS) as fetcher:
            return await fetcher.fetch(url, **validators)

    return asyncio.run(run())


def test_a_feed_is_fetched_gzipped_and_decoded(server: FeedServer) -> None:
    result = fetch(server.url("/generated/1.xml"))
    assert result.status == 200 and result.data == generated_feed(1)
    assert result.etag and result.last_modified
    sent = server.headers["/generated/1.xml"]
    assert sent["Accept-Encoding"] == "gzip, deflate" and sent["User-Agent"] == USER_AGENT


@pytest.mark.parametrize("path", ["/deflate/zlib", "/deflate/raw"])
def test_deflate_with_or_without_its_zlib_header(server: FeedServer, path: str) -> None:
    assert fetch(server.url(path)).data == generated_feed(5)


def test_an_unchanged_feed_costs_one_304(server: FeedServer) -> None:
    first = fetch(server.url("/generated/2.xml"))
    before = server.hits["/generated/2.xml"]
    again = fetch(server.url("/generated/2.xml"), etag=first.etag, last_modified=first.last_modified)
    assert again.not_modified and again.data == b""
    assert server.hits["/generated/2.xml"] == before + 1


@pytest.mark.parametrize(
    "path, message",
    [
        ("/slow", "timed out after 1.5 s"),
        ("/redirect-loop", "too many redirects (over 3)"),
        ("/status/404", "HTTP 404 Not Found"),
        ("/status/500", "HTTP 500 Internal Server Error"),
        ("/status/429?retry_after=3600", "HTTP 429 Too Many Requests, retry after 3600 s"),
        ("/status/429", "HTTP 429 Too Many Requests"),
        ("/huge", "too large (over 1,048,576 bytes)"),
        ("/bomb", "too large (over 1,048,576 bytes)"),
    ],
)
def test_misbehaving_servers_fail_with_a_reason(server: FeedServer, path: str, message: str) -> None:
    with pytest.raises(FetchError) as raised:
        fetch(server.url(path))
    assert str(raised.value) == message


def test_a_429_with_a_short_retry_after_is_retried_once(server: FeedServer) -> None:
    result = fetch(server.url("/once-429"))
    assert result.status == 200 and server.hits["/once-429"] == 2


def test_unreachable_and_odd_urls_fail_with_a_reason() -> None:
    with pytest.raises(FetchError, match="not an http"):
        fetch("ftp://example.org/feed")
    with pytest.raises(FetchError, match="network error"):
        fetch("http://127.0.0.1:9/feed")  # the discard port: nothing listens


@pytest.mark.parametrize(
    "value, seconds",
    [(None, None), ("", None), ("120", 120.0), ("soon", None), ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0)],
)
def test_retry_after(value: str | None, seconds: float | None) -> None:
    assert retry_after(value) == seconds


def test_requests_to_one_host_are_limited(server: FeedServer) -> None:
    async def run() -> list[FetchResult]:
        async with Fetcher(FetchLimits(timeout=5, concurrency=8, per_host=2)) as fetcher:
            return await asyncio.gather(*(fetcher.fetch(server.url(f"/paced/{n}.xml")) for n in range(8)))

    assert all(result.status == 200 for result in asyncio.run(run()))
    assert server.max_active <= 2


@pytest.mark.parametrize("path", ["/huge", "/bomb"])
def test_big_bodies_never_sit_in_memory(server: FeedServer, path: str) -> None:
    tracemalloc.start()
    try:
        with pytest.raises(FetchError, match="too large"):
            fetch(server.url(path))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 * LIMITS.max_bytes
