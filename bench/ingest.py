"""Import speed and size: N items of the French news corpus, as text files, next to a plain SQLite FTS5 build.

    python -m bench.ingest [--items 20000 100000] [--rule QUERY ...] [--whole-only]

Each corpus item (title, capture date, summary) is written as a .txt file in a
folder named after its outlet, the way a user's scraped articles look. Then, on
the same files, in one run:

- **reader**: the folder imported with the code behind ``reader add``, in a
  fresh library: wall time with its worker processes, this process's CPU time,
  and the CPU time of the same import done in one process (the whole cost).
- **plain FTS5**: the same titles and texts inserted into a plain table, then an
  external-content FTS5 index built over them: the floor any full-text library
  of these items costs.
- **stages**: each step of the import path timed on its own over the same items
  (CPU, one process), and its share.

Each ``--rule`` is saved as a rule first (``reader saved add ruleN QUERY --tag
ruleN``), so its cost at import shows. Needs ``../shared/data/corpus``.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import islice
from pathlib import Path

from bench.corpus import corpus_items, write_items
from reader.ingest.errors import IngestError
from reader.ingest.files import discover, read_input
from reader.ingest.inputs import folder_source, parse_input, repeated_lines_by_folder
from reader.operations import Status, import_paths
from reader.operations.prepare import Prepared, prepare
from reader.operations.writer import Writer
from reader.search.saved import save_search
from reader.store import Library
from reader.stories.signature import signature
from reader.text.figures import extract_figures
from reader.text.language import detect_language
from reader.text.normalize import index_text


def library_bytes(db_path: Path) -> int:
    """The size of a library file once its write-ahead log is folded in."""
    connection = sqlite3.connect(db_path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    return db_path.stat().st_size


def reader_import(inbox: Path, db_path: Path, rules: list[str], workers: int | None) -> dict[str, float]:
    """Import the folder into a new library as ``reader add`` does; its figures."""
    with Library(db_path) as library:
        for number, query in enumerate(rules, start=1):
            save_search(library, f"rule{number}", query, tag=f"rule{number}")
        started, cpu_started = time.perf_counter(), time.process_time()
        report = import_paths(library, [inbox], workers=workers)
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        stored = library.count_articles()
    return {
        "wall": wall,
        "cpu": cpu,
        "stored": stored,
        "added": report.count(Status.ADDED),
        "unchanged": report.count(Status.UNCHANGED),
        "failed": report.count(Status.FAILED),
        "bytes": library_bytes(db_path),
    }


def plain_fts5(inbox: Path, db_path: Path) -> dict[str, float]:
    """The same items' first line and the rest inserted into a table, then indexed by FTS5."""
    started, cpu_started = time.perf_counter(), time.process_time()
    connection = sqlite3.connect(db_path)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, title TEXT, text TEXT)")
    rows = []
    for path in sorted(inbox.rglob("*.txt")):
        title, _, text = path.read_text(encoding="utf-8").partition("\n")
        rows.append((title, text))
    with connection:
        connection.executemany("INSERT INTO items (title, text) VALUES (?, ?)", rows)
        connection.execute(
            "CREATE VIRTUAL TABLE items_fts USING fts5(title, text, content = 'items', content_rowid = 'id', "
            "tokenize = 'unicode61 remove_diacritics 2')"
        )
        connection.execute("INSERT INTO items_fts (items_fts) VALUES ('rebuild')")
    connection.close()
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    return {"wall": wall, "cpu": cpu, "stored": len(rows), "bytes": library_bytes(db_path)}


class Stopwatch:
    """CPU seconds spent in each named stage."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = time.process_time()
        yield
        self.seconds[name] += time.process_time() - started


def stage_costs(inbox: Path, db_path: Path) -> dict[str, float]:
    """CPU seconds of each step of the import path over the same files, one process."""
    clock = Stopwatch()
    candidates = list(discover([inbox]))
    with clock.stage("site chrome across files"):
        boilerplate = repeated_lines_by_folder(candidates)
    prepared: list[tuple[Prepared, str]] = []
    for candidate in candidates:
        path = candidate.path
        with clock.stage("reading"):
            data = read_input(path)
        try:
            with clock.stage("decoding, parsing, cleaning"):
                document, raw = parse_input(data, path, boilerplate.get(path.parent, frozenset()))
        except IngestError:
            continue
        with clock.stage("language"):
            lang = detect_language(f"{document.title}\n{document.text}")
        figure_lang = lang if lang in ("fr", "en") else "auto"
        with clock.stage("key figures"):
            figures = extract_figures(document.text, figure_lang)
        with clock.stage("stemmed index text"):
            index_text(document.title, lang), index_text(document.text, lang)
        with clock.stage("story signature"):
            signature(document.title, document.text, document.published, document.url, figure_lang, figures)
        prepared.append((prepare(document, raw, fallback_source=folder_source(path)), str(path)))
    with (
        Library(db_path) as library,
        clock.stage("storing: rows, figures, indexes, story, tags"),
        Writer(library) as writer,
    ):
        for item, stored_path in prepared:
            writer.store(item, path=stored_path)
    return clock.seconds


def run(items: int, rules: list[str], *, whole_only: bool = False) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        scratch_path = Path(scratch)
        inbox = scratch_path / "inbox"
        inbox.mkdir()
        input_bytes = write_items(inbox, islice(corpus_items(), items))
        os.sync()  # the files on disk before any clock starts, as a user's are: no write-back beside the import
        parallel = reader_import(inbox, scratch_path / "parallel.db", rules, workers=None)
        plain = plain_fts5(inbox, scratch_path / "plain.db")
        if whole_only:
            print(
                f"\n{items:,} items: reader add {parallel['wall']:.0f} s wall ({items / parallel['wall']:,.0f} items/s), "
                f"{parallel['cpu']:.0f} s CPU of its main process, {parallel['bytes'] / parallel['stored']:,.0f} bytes/item; "
                f"plain FTS5 {plain['wall']:.1f} s ({plain['wall'] / parallel['wall']:.2%} of reader's time)"
            )
            return
        serial = reader_import(inbox, scratch_path / "serial.db", rules, workers=1)
        stages = stage_costs(inbox, scratch_path / "stages.db")

    stored = parallel["stored"]
    print(f"\n{items:,} items ({input_bytes / items:,.0f} bytes each as text files)")
    print(
        f"  added {parallel['added']:,}, unchanged (duplicates) {parallel['unchanged']:,}, failed {parallel['failed']:,}"
    )
    print(f"  {'':38} {'items/s':>10} {'seconds':>9} {'bytes/item':>11}")
    print(
        f"  {'reader add, wall (worker processes)':38} {items / parallel['wall']:>10,.0f} {parallel['wall']:>9.1f} {parallel['bytes'] / stored:>11,.0f}"
    )
    print(f"  {'reader add, CPU of its main process':38} {items / parallel['cpu']:>10,.0f} {parallel['cpu']:>9.1f}")
    print(
        f"  {'reader add in one process, CPU':38} {items / serial['cpu']:>10,.0f} {serial['cpu']:>9.1f} {serial['bytes'] / serial['stored']:>11,.0f}"
    )
    print(
        f"  {'plain insert + FTS5 build, wall':38} {items / plain['wall']:>10,.0f} {plain['wall']:>9.1f} {plain['bytes'] / plain['stored']:>11,.0f}"
    )
    print(f"  {'plain insert + FTS5 build, CPU':38} {items / plain['cpu']:>10,.0f} {plain['cpu']:>9.1f}")
    print(
        f"  reader / plain, wall: {plain['wall'] / parallel['wall']:.2%}; CPU: {plain['cpu'] / serial['cpu']:.2%}; bytes: {parallel['bytes'] / stored / (plain['bytes'] / plain['stored']):.1f}x"
    )
    total = sum(stages.values())
    print("  where the CPU goes (each stage alone, one process):")
    for stage, seconds in sorted(stages.items(), key=lambda item: -item[1]):
        print(f"    {stage:46} {seconds / items * 1000:6.3f} ms/item  {seconds / total:6.1%}")
    for number, query in enumerate(rules, start=1):
        print(f"  rule{number}: {query}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, nargs="+", default=[20_000, 100_000], help="how many corpus items")
    parser.add_argument("--rule", action="append", default=[], help="a rule's query (repeatable)")
    parser.add_argument(
        "--whole-only",
        action="store_true",
        help="only the import with its workers and the plain build (for the whole corpus)",
    )
    args = parser.parse_args()
    for items in args.items:
        run(items, args.rule, whole_only=args.whole_only)


if __name__ == "__main__":
    main()
