"""A real HTTP server on 127.0.0.1 for feed tests and the refresh benchmark.

It serves real feeds from a folder (``tests/fixtures/feeds/`` unless told
otherwise, e.g. the full sets in ``../shared/data/feeds/``) with ETag and
Last-Modified, gzip when asked, generated feeds, and hostile endpoints: one
that answers too slowly, one that redirects forever, 404/500/429 answers,
100 MB streamed, a gzip bomb, and XML with entity expansion. Nothing big is
ever built in memory: large bodies are written as they are produced.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
import time
import zlib
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from reader.ingest.fetch import FetchLimits
from tests.builders import FIXTURE_FEEDS

LAST_MODIFIED = "Tue, 28 Jan 2025 18:07:00 GMT"
CHUNK = 64 * 1024
# Bounds for tests: the deadline is short, and generous next to the small size cap, so
# that only /slow (which answers after ``slow_seconds``) ever reaches it.
TEST_LIMITS = FetchLimits(timeout=1.5, connect_timeout=1.5, max_bytes=256 * 1024, max_redirects=3, max_retry_after=1)

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>Laughs</title>
<item><title>&lol9;</title><link>http://example.org/lol</link><description>&lol9;</description></item>
</channel></rss>
"""

ARTICLE_PAGE = """<!doctype html><html lang="en"><head><title>{title}</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>{title}</h1>
<p>The full story, as only the page tells it: the company said on Tuesday that it would
spend 65 billion dollars on data centres this year, far more than analysts expected.</p>
<p>Executives told investors that the spending would continue into next year, and that
the first of the new sites would open in Louisiana within eighteen months.</p>
<p>Page number {number} ends here, after a third paragraph long enough to be kept by the
extractor as part of the article rather than thrown away as boilerplate.</p>
</article><footer>Copyright 2025 Example News</footer></body></html>
"""


def generated_feed(number: int, items: int = 20) -> bytes:
    """A small RSS 2.0 feed, different for each ``number``."""
    entries = "".join(
        f"<item><title>Feed {number}, story {index}: markets and data centres</title>"
        f"<link>http://example.org/{number}/{index}</link><guid>urn:feed-{number}:item-{index}</guid>"
        f"<pubDate>Tue, 28 Jan 2025 {index % 24:02d}:07:00 GMT</pubDate>"
        f"<description>&lt;p&gt;Story {index} of feed {number}. La société a annoncé "
        f"{number + index} milliards d'euros d'investissements, selon le communiqué publié mardi.&lt;/p&gt;"
        f"</description></item>"
        for index in range(items)
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Generated feed {number}</title><link>http://example.org/{number}</link>{entries}"
        f"</channel></rss>"
    ).encode()


def changing_feed(first_title: str) -> bytes:
    """A two-entry feed whose first entry has the title given: serve it again with another to change that entry."""
    return f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Changing</title>
    <item><title>{first_title}</title><guid>urn:story:1</guid><description>Le premier article, en français.</description></item>
    <item><title>Second story</title><guid>urn:story:2</guid><description>The second one, in English.</description></item>
    </channel></rss>""".encode()


def full_text_feed(base: str) -> bytes:
    """A feed whose entries carry a one-line summary and link to a full page on this server."""
    entries = "".join(
        f"<item><title>Story {number}</title><link>{base}/page/{number}</link>"
        f"<guid>{base}/page/{number}</guid><description>Only a summary.</description></item>"
        for number in (1, 2)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Summaries</title>{entries}</channel></rss>'.encode()
    )


class _Handler(BaseHTTPRequestHandler):
    server: FeedServer

    def log_message(self, format: str, *args: object) -> None:
        """Stay quiet: tests read their own output."""

    def do_GET(self) -> None:
        """Route a request."""
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        with self.server.lock:
            self.server.hits[url.path] += 1
            self.server.headers[url.path] = dict(self.headers)
        route = url.path.strip("/").split("/", 1)
        name, rest = route[0], route[1] if len(route) > 1 else ""
        try:
            if name == "feeds":
                self._file(self.server.feeds / rest)
            elif name == "doc" and rest in self.server.documents:
                self._document(self.server.documents[rest], "application/xml")
            elif name == "generated":
                self._document(
                    generated_feed(int(rest.removesuffix(".xml")), self.server.items_per_feed), "application/rss+xml"
                )
            elif name == "fulltext.xml":
                self._document(full_text_feed(self.server.base_url), "application/rss+xml")
            elif name == "page":
                self._send(
                    200, ARTICLE_PAGE.format(title=f"Story {rest}", number=rest).encode(), "text/html; charset=utf-8"
                )
            elif name == "paced":
                self._paced(int(rest.removesuffix(".xml")))
            elif name == "slow":
                self._slow()
            elif name == "redirect-loop":
                hop = int(query.get("hop", ["0"])[0]) + 1
                self.send_response(302)
                self.send_header("Location", f"/redirect-loop?hop={hop}")
                self.end_headers()
            elif name == "moved":
                # /moved/301/feeds/x.xml answers with a redirect of that status to /feeds/x.xml
                status, _, target = rest.partition("/")
                self.send_response(int(status))
                self.send_header("Location", f"/{target}")
                self.end_headers()
            elif name == "status":
                self._status(int(rest), query)
            elif name == "once-429":
                self._once_429()
            elif name == "huge":
                self._huge()
            elif name == "bomb":
                self._bomb()
            elif name == "deflate":
                self._deflate(raw=rest == "raw")
            elif name == "laughs":
                self._send(200, BILLION_LAUGHS, "application/rss+xml")
            else:
                self._send(404, b"not found", "text/plain")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up, as it should on the hostile endpoints

    def _send(self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _document(self, body: bytes, content_type: str) -> None:
        """A document with validators: 304 when the client already has it, gzip when accepted."""
        etag = f'"{hashlib.sha1(body).hexdigest()}"'
        if (
            self.headers.get("If-None-Match") == etag
            if "If-None-Match" in self.headers
            else self.headers.get("If-Modified-Since") == LAST_MODIFIED
        ):
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        headers = {"ETag": etag, "Last-Modified": LAST_MODIFIED}
        if "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body)
            headers["Content-Encoding"] = "gzip"
        self._send(200, body, content_type, headers)

    def _file(self, path: Path) -> None:
        resolved = path.resolve()
        if not resolved.is_file() or self.server.feeds.resolve() not in resolved.parents:
            self._send(404, b"not found", "text/plain")
            return
        content_type = "application/feed+json" if resolved.suffix == ".json" else "application/xml"
        self._document(resolved.read_bytes(), content_type)

    def _deflate(self, *, raw: bool) -> None:
        """A feed with Content-Encoding: deflate, zlib-wrapped as the standard says or raw as many servers send it."""
        compressor = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS if raw else zlib.MAX_WBITS)
        body = compressor.compress(generated_feed(5)) + compressor.flush()
        self._send(200, body, "application/rss+xml", {"Content-Encoding": "deflate"})

    def _slow(self) -> None:
        deadline = time.monotonic() + self.server.slow_seconds
        while time.monotonic() < deadline and not self.server.stopping.is_set():
            time.sleep(0.05)
        self._send(200, generated_feed(0, items=1), "application/rss+xml")

    def _paced(self, number: int) -> None:
        """A feed that takes a moment to answer, counting how many such requests overlap."""
        with self.server.lock:
            self.server.active += 1
            self.server.max_active = max(self.server.max_active, self.server.active)
        try:
            time.sleep(0.05)
            self._document(generated_feed(number, items=1), "application/rss+xml")
        finally:
            with self.server.lock:
                self.server.active -= 1

    def _status(self, status: int, query: dict[str, list[str]]) -> None:
        self.send_response(status, query.get("reason", [None])[0])
        self.send_header("Content-Type", "text/plain")
        if "retry_after" in query:
            self.send_header("Retry-After", query["retry_after"][0])
        self.end_headers()
        self.wfile.write(f"status {status}".encode())

    def _once_429(self) -> None:
        """429 with a zero Retry-After the first time, the feed the second."""
        if self.server.hits["/once-429"] == 1:
            self._send(429, b"slow down", "text/plain", {"Retry-After": "0"})
        else:
            self._document(generated_feed(429), "application/rss+xml")

    def _huge(self) -> None:
        """100 MB of feed, written as it is made (no Content-Length: the client must count)."""
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.end_headers()
        self.wfile.write(b'<?xml version="1.0"?><rss version="2.0"><channel><title>Huge</title>')
        item = b"<item><title>again</title><description>" + b"x" * 4000 + b"</description></item>"
        chunk = item * (CHUNK // len(item) + 1)
        for _ in range(100 * 1024 * 1024 // len(chunk)):
            if self.server.stopping.is_set():
                return
            self.wfile.write(chunk)

    def _bomb(self) -> None:
        """A gzip stream that inflates to 10 GB of zeros, compressed as it is sent."""
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
        zeros = bytes(1024 * 1024)
        for _ in range(10 * 1024):
            if self.server.stopping.is_set():
                return
            self.wfile.write(compressor.compress(zeros))
        self.wfile.write(compressor.flush())


class FeedServer(ThreadingHTTPServer):
    """The server, run in a daemon thread: ``with FeedServer() as server: server.url("/feeds/...")``."""

    daemon_threads = True

    def __init__(self, *, slow_seconds: float = 3.0, items_per_feed: int = 20, feeds: Path = FIXTURE_FEEDS) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.feeds = feeds  # served at /feeds/...
        self.slow_seconds = slow_seconds
        self.items_per_feed = items_per_feed  # in each /generated/N.xml feed
        self.hits: Counter[str] = Counter()
        self.headers: dict[str, dict[str, str]] = {}  # the last request's headers, by path
        self.documents: dict[str, bytes] = {}  # served at /doc/NAME; tests change them between fetches
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.active = self.max_active = 0  # overlapping /paced requests, now and at most
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT``."""
        return f"http://127.0.0.1:{self.server_address[1]}"

    def url(self, path: str) -> str:
        """The full URL of a path on this server."""
        return self.base_url + path

    def __enter__(self) -> FeedServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stopping.set()
        self.shutdown()
        self.server_close()
