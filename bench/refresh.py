"""Refresh speed: N feeds served on 127.0.0.1, refreshed into a fresh library.

    python bench/refresh.py [--feeds N] [--items M]

The feeds come from the test server (``tests/feed_server.py``): each is a
different RSS 2.0 feed of M items, served gzipped with an ETag and a
Last-Modified date. Prints the time of a first full refresh (fetch, parse,
store every entry) and of a second one where every feed answers 304, with the
number of requests the server saw for each.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's reader and tests

from reader.ingest.fetch import FetchLimits
from reader.operations import refresh_feeds
from reader.store import Library
from reader.store.feeds import subscribe
from tests.feed_server import FeedServer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=200, help="how many feeds to serve and refresh")
    parser.add_argument("--items", type=int, default=20, help="items per feed")
    args = parser.parse_args()

    with (
        tempfile.TemporaryDirectory() as scratch,
        FeedServer(items_per_feed=args.items) as server,
        Library(Path(scratch) / "library.db") as library,
    ):
        for number in range(args.feeds):
            subscribe(library, server.url(f"/generated/{number}.xml"))
        for label in ("first refresh", "all 304"):
            requests_before = sum(server.hits.values())
            started = time.perf_counter()
            report = refresh_feeds(library, limits=FetchLimits())
            elapsed = time.perf_counter() - started
            requests = sum(server.hits.values()) - requests_before
            print(
                f"{label:>14}: {elapsed:6.2f} s  ({args.feeds / elapsed:7.1f} feeds/s, "
                f"{requests} requests)  {report.summary()}"
            )
        print(f"{'articles':>14}: {library.count_articles()}")


if __name__ == "__main__":
    main()
