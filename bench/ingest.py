"""Import speed: N items of the French news corpus, as text files, into a fresh library.

    python bench/ingest.py [--items N] [--rule QUERY ...]

Each corpus item (title, capture date, summary) is written as a .txt file in a
folder named after its outlet, the way a user's scraped articles look; then the
folder is imported with the same code as ``reader add``. Prints items/s and the
library's size per item. Each ``--rule`` is saved as a rule first (as
``reader saved add ruleN QUERY --tag ruleN``), so its cost at import shows.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sqlite3
import tempfile
import time
from itertools import islice
from pathlib import Path

from reader.ingest.pipeline import Status, import_paths
from reader.search.saved import save_search
from reader.store import Library
from reader.store.tags import list_tags

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "corpus" / "fr_news_items_2023-2026.jsonl.gz"


def write_items(folder: Path, count: int) -> int:
    """Write ``count`` corpus items as text files; return their total size in bytes."""
    total = 0
    with gzip.open(CORPUS, "rt", encoding="utf-8") as lines:
        for index, line in enumerate(islice(lines, count)):
            item = json.loads(line)
            outlet = folder / (item["source"] or "unknown")
            outlet.mkdir(exist_ok=True)
            body = f"{item['title']}\n{item['date']}\n\n{item['summary'] or ''}\n"
            data = body.encode("utf-8")
            (outlet / f"{index:07d}.txt").write_bytes(data)
            total += len(data)
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=20_000, help="how many corpus items to import")
    parser.add_argument("--rule", action="append", default=[], help="a rule's query (repeatable)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        scratch_path = Path(scratch)
        inbox = scratch_path / "inbox"
        inbox.mkdir()
        input_bytes = write_items(inbox, args.items)
        db_path = scratch_path / "library.db"

        with Library(db_path) as library:
            for number, query in enumerate(args.rule, start=1):
                save_search(library, f"rule{number}", query, tag=f"rule{number}")
            started, cpu_started = time.perf_counter(), time.process_time()
            report = import_paths(library, [inbox])
            elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
            stored = library.count_articles()
            tagged = {count.name: count.total for count in list_tags(library)}
        connection = sqlite3.connect(db_path)
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.close()
        db_bytes = db_path.stat().st_size

    print(f"items            {args.items:>10,}")
    print(f"added            {report.count(Status.ADDED):>10,}")
    print(f"unchanged (dups) {report.count(Status.UNCHANGED):>10,}")
    print(f"failed           {report.count(Status.FAILED):>10,}")
    print(f"stored articles  {stored:>10,}")
    print(f"time             {elapsed:>10.1f} s")
    print(f"items/s          {args.items / elapsed:>10,.0f}")
    print(f"cpu time         {cpu:>10.1f} s  (this process; the figure to trust on a busy machine)")
    print(f"input bytes/item {input_bytes / args.items:>10,.0f}")
    print(f"library bytes/item {db_bytes / max(stored, 1):>8,.0f}  (raw input, cleaned text, Markdown, FTS index)")
    for number, query in enumerate(args.rule, start=1):
        print(f"rule{number} tagged  {tagged.get(f'rule{number}', 0):>10,}  ({query})")


if __name__ == "__main__":
    main()
