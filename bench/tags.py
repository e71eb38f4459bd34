"""Tags, rules and saved searches on a library of the French news corpus.

    python -m bench.tags [--items N]

Builds a library of N corpus items (as ``bench/ingest.py`` does; kept under
/tmp so later runs start at once), then prints how long each step takes:
applying each rule to the whole library (one statement each), checking one
article against each rule (what import does for every new article), counting
a saved search's articles and unread ones (what the reader's sidebar shows),
listing tags with their counts, a ``tag:`` search, and tagging the 500
largest stories then spreading their tags to every article again (what a
regroup does).
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Any

from bench.corpus import corpus_items, write_items
from reader.operations import import_paths
from reader.search import count, search
from reader.search.engine import matches
from reader.search.saved import apply_rule, save_search
from reader.store import Library
from reader.store.tags import list_tags, spread_story_tags, tag_story

CACHE = Path("/tmp/reader-bench-tags")
RULES = {
    "meta": "meta OR zuckerberg",
    "lemonde": "source:lemonde -sport",
    "ia": '"intelligence artificielle" OR title:ia*',
    "energie": "(nucléaire OR énergie*) lang:fr -tag:meta",
}
CHECKED_ARTICLES = 2_000


def library_path(items: int) -> Path:
    """The cached library of ``items`` corpus items, built on first use."""
    path = CACHE / f"library-{items}.db"
    if not path.exists():
        CACHE.mkdir(exist_ok=True)
        building = path.with_suffix(".building")
        with tempfile.TemporaryDirectory() as scratch, Library(building) as library:
            write_items(Path(scratch), islice(corpus_items(), items))
            import_paths(library, [scratch])
        building.rename(path)  # only a finished library is kept
    return path


def timed(step: Callable[..., Any], *args: Any) -> tuple[Any, float]:
    """What ``step(*args)`` returns, and the seconds it took."""
    started = time.perf_counter()
    result = step(*args)
    return result, time.perf_counter() - started


def check_each(library: Library, query: str, article_ids: list[int]) -> list[bool]:
    """Whether each article matches ``query``, one article at a time (as import checks rules)."""
    return [matches(library, query, article_id) for article_id in article_ids]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=20_000, help="how many corpus items the library holds")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "library.db"
        path.write_bytes(library_path(args.items).read_bytes())
        with Library(path) as library:
            articles = library.count_articles()
            print(f"library          {articles:>10,} articles")
            ids = random.Random(0).sample(
                [row[0] for row in library.db.execute("SELECT id FROM articles")], CHECKED_ARTICLES
            )
            for name, query in RULES.items():
                rule, _ = save_search(library, name, query, tag=name)
                tagged, seconds = timed(apply_rule, library, rule)
                _, checking = timed(check_each, library, query, ids)
                print(
                    f"rule {name:<8} applied to the library: {tagged:>7,} tagged in {seconds * 1000:>7.0f} ms; "
                    f"one article checked in {checking / len(ids) * 1e6:>4.0f} µs  ({query})"
                )
            for name, query in RULES.items():
                samples = [timed(partial(count, library, query, unread_only=True))[1] for _ in range(5)]
                print(f"count unread {name:<8} {statistics.median(samples) * 1000:>7.1f} ms (median of 5)")
            tags, seconds = timed(list_tags, library)
            print(f"list_tags        {seconds * 1000:>7.1f} ms ({len(tags)} tags)")
            _, seconds = timed(partial(search, library, "tag:meta OR tag:ia", limit=50))
            print(f"search tag:      {seconds * 1000:>7.1f} ms (tag:meta OR tag:ia, top 50)")
            largest = [
                row[0]
                for row in library.db.execute(
                    "SELECT story_id FROM articles WHERE story_id IS NOT NULL GROUP BY story_id ORDER BY count(*) DESC LIMIT 500"
                )
            ]
            _, seconds = timed(lambda: [tag_story(library, story_id, ["une"]) for story_id in largest])
            print(f"tag 500 stories  {seconds * 1000:>7.0f} ms")
            _, seconds = timed(spread_story_tags, library)
            print(
                f"spread all       {seconds * 1000:>7.0f} ms (every story's tags to all its articles, as after a regroup)"
            )


if __name__ == "__main__":
    main()
