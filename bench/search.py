"""Search speed on the whole French news corpus, next to the ``LIKE '%q%'`` scan of other readers.

    python bench/search.py [--items N] [--rebuild] [--hostile]     # from the project root

Builds a library from the corpus (464k items; each item becomes an article
through the writer every import uses) and keeps it under /tmp so
later runs start at once. Then runs a fixed set of queries (words, pairs,
phrases, prefixes, filters, typos) through ``reader.search.search`` for the top
50 with snippets, and the same words through the substring scan newsboat,
newsraft and nom use, and prints p50/p95/max latency for both. With
``--hostile``, also the queries a fault-finding run pasted in (thousands of
terms, a huge phrase, a thousand filters, a story number past any id), each
with its time and what the user is told.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from itertools import islice
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's reader, not an installed one

from reader.models import ParsedDocument, RawInput
from reader.operations.prepare import prepare
from reader.operations.writer import Writer
from reader.search import search
from reader.store import Library

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "corpus" / "fr_news_items_2023-2026.jsonl.gz"
CACHE = Path("/tmp/reader-bench-search")
_PROGRESS_EVERY = 5_000  # items between two progress lines

# (query, the words the LIKE scan looks for)
QUERIES: list[tuple[str, str]] = [
    ("macron", "macron"),
    ("ukraine", "ukraine"),
    ("nucléaire", "nucléaire"),
    ("inflation", "inflation"),
    ("retraites", "retraites"),
    ("climat", "climat"),
    ("football", "football"),
    ("élections", "élections"),
    ("intelligence artificielle", "intelligence artificielle"),
    ("gaza israël", "gaza"),
    ("prix essence", "essence"),
    ("taux immobilier", "immobilier"),
    ("bitcoin crypto", "bitcoin"),
    ('"réforme des retraites"', "réforme des retraites"),
    ('"coupe du monde"', "coupe du monde"),
    ('"premier ministre"', "premier ministre"),
    ('"intelligence artificielle"', "intelligence artificielle"),
    ("nucl*", "nucl"),
    ("cyber*", "cyber"),
    ("élect*", "élect"),
    ("macron OR barnier", "barnier"),
    ("ukraine -russie", "ukraine"),
    ("(grève OR manifestation) sncf", "sncf"),
    ("title:tesla", "tesla"),
    ("inflation after:2025", "inflation"),
    ("incendie before:2023-06", "incendie"),
    ("météo source:lemonde.fr", "météo"),
    ("lang:fr budget", "budget"),
    ("zelensky after:2024-01 before:2024-06-30", "zelensky"),
    ("Zuckerburg", "Zuckerburg"),
    ("chomage inflasion", "inflasion"),
    ("Macrom", "Macrom"),
    ("etats-unis", "états-unis"),
    ("l'IA", "l'IA"),
    ("is:unread", ""),
    ("source:lemonde.fr", ""),
]
# Each query is timed this many times; the figures are over every run.
REPEATS = 3
# Pasted runaways: each must cost about what an ordinary query costs, or be refused.
HOSTILE_QUERIES: list[tuple[str, str]] = [
    ("'A:' x3770 (7.5 KB)", "A:" * 3770),
    ("'a ' x3770", "a " * 3770),
    ("10-word phrase x500", '"le la les de des du un une et en" ' * 500),
    ("64 prefixes e* OR'd", " OR ".join(["e*"] * 64)),
    ("'tag:x ' x1000", "tag:x " * 1000),
    ("story:10^23", "story:99999999999999999999999"),
]


def corpus_items(count: int | None) -> Iterator[dict]:
    """The corpus items, in file order."""
    with gzip.open(CORPUS, "rt", encoding="utf-8") as lines:
        for line in islice(lines, count):
            yield json.loads(line)


def as_document(item: dict) -> tuple[ParsedDocument, RawInput]:
    """One corpus item as an import would parse it: title, summary as text, capture day, outlet."""
    text = item["summary"] or item["title"]
    document = ParsedDocument(
        title=item["title"] or text[:80],
        text=text,
        markdown=text,
        published=item["date"],
        site_name=item["source"],
        url=item["link"],
    )
    data = json.dumps(item, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return document, RawInput(data=data, format="text", encoding="utf-8")


def build(path: Path, count: int | None) -> None:
    """Store ``count`` corpus items (all when None) in a new library at ``path``."""
    started = time.perf_counter()
    with Library(path) as library:
        with Writer(library) as writer:
            for number, item in enumerate(corpus_items(count), start=1):
                writer.store(prepare(*as_document(item)))
                if number % _PROGRESS_EVERY == 0:
                    print(f"\r{number:,} items", end="", flush=True)
        library.db.execute("INSERT INTO search_index (search_index) VALUES ('optimize')")
        library.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    print(f"\nbuilt in {time.perf_counter() - started:.0f} s")


def like_scan(library: Library, words: str) -> list:
    """The substring scan of newsboat/newsraft/nom: no ranking, ASCII-only case folding.

    Filters alone (``words`` empty) list the newest articles, as those readers do.
    """
    pattern = f"%{words}%"
    return library.db.execute(
        "SELECT id, title FROM articles WHERE title LIKE ? OR text LIKE ? ORDER BY published DESC LIMIT 50",
        [pattern, pattern],
    ).fetchall()


T = TypeVar("T")


def timed(function: Callable[..., T], *args: object, **options: object) -> tuple[float, T]:
    """Milliseconds one call takes, and its result."""
    started = time.perf_counter()
    result = function(*args, **options)
    return (time.perf_counter() - started) * 1000, result


def summary(label: str, times: list[float]) -> str:
    """p50/p95/max of a list of milliseconds."""
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"{label:<14} p50 {statistics.median(ordered):7.1f} ms   p95 {p95:7.1f} ms   max {ordered[-1]:7.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=None, help="corpus items to use (default: all)")
    parser.add_argument("--rebuild", action="store_true", help="build the library again")
    parser.add_argument("--hostile", action="store_true", help="also time the hostile queries")
    args = parser.parse_args()

    path = CACHE / f"library-{args.items or 'all'}.db"
    if args.rebuild or not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        for stale in path.parent.glob(path.name + "*"):
            stale.unlink()
        build(path, args.items)

    with Library(path) as library:
        print(f"{library.count_articles():,} articles in {path}")
        ours, theirs = [], []
        for query, words in QUERIES:
            search(library, query, limit=50)  # warm the page cache for both
            like_scan(library, words)
            runs = [timed(search, library, query, limit=50) for _ in range(REPEATS)]
            like_runs = [timed(like_scan, library, words) for _ in range(REPEATS)]
            ours += [ms for ms, _ in runs]
            theirs += [ms for ms, _ in like_runs]
            ms, result = min(runs, key=lambda run: run[0])
            like_ms, like_rows = min(like_runs, key=lambda run: run[0])
            hint = f"  suggests {', '.join(result.suggestions)}" if result.suggestions else ""
            print(
                f"{ms:7.1f} ms {result.total:>7,} hits | LIKE {like_ms:7.1f} ms {len(like_rows):>3} rows | {query}{hint}"
            )
    print(f"{len(QUERIES)} queries x {REPEATS} runs, top 50 with snippets (per query: best run shown)")
    print(summary("reader search", ours))
    print(summary("LIKE '%q%'", theirs))
    if args.hostile:
        with Library(path) as library:
            hostile(library)


def hostile(library: Library) -> None:
    """Time each hostile query once: its cost, and what the user is told."""
    from reader.search import QueryError

    for label, query in HOSTILE_QUERIES:
        started = time.perf_counter()
        try:
            result = search(library, query, limit=50)
            told = f"{result.total:,} hits" + (f"; {result.notice}" if result.notice else "")
        except QueryError as error:
            told = f"exit 2: {error}"
        print(f"{(time.perf_counter() - started) * 1000:9.1f} ms  {label:<22} {told}")


if __name__ == "__main__":
    main()
