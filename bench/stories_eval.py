"""Story grouping as a user meets it: every article of a set imported into one library, scored against labels.

    python -m bench.stories_eval [--old-tree PATH] [--corpus-items 10000 100000] [--whole-corpus]
                                 [--no-corpus] [--audit]

Each set is written as text files and imported into one fresh library with the
code behind ``reader add`` (reader.operations.import_paths); what grouping made
of it is read back from the library. Side by side, in one run:

- **current**: this tree's grouping;
- **old**: the same measures run in a subprocess whose ``reader`` is imported
  from ``--old-tree PATH`` (a checkout of an older commit, for instance
  ``git worktree add --detach ../stories-old main``);
- **baseline**: articles with exactly equal normalised titles form a story.

Sets (../shared/data; the bench says what is absent and exits non-zero):

- SemEval-2022 task 8, en-en and fr-fr pairs (Overall <= 1.5 same story, >= 3
  different): both articles of every pair in one library; a pair is "same" when
  both end in one story. Same-story recall, different-story specificity and
  their mean, the balanced accuracy.
- Google News FR clusters, one headline a file: B-cubed and pairwise P/R/F1,
  and how many headlines the import refused.
- The corpus: cost per article (CPU of the writing process, the one that
  groups, and the part of it spent grouping) over the 1,000 articles imported
  when the library reaches 10k, 100k (``--corpus-items``) and, with
  ``--whole-corpus``, all 464k items.
- A precision audit: the week of corpus/sample_week_2024-12-01_07.jsonl imported
  whole, and a fixed random sample of 40 of its stories with 2+ sources
  (``--audit`` prints their headlines and sources, for anyone to judge).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from itertools import islice
from pathlib import Path
from typing import Any

import reader
from bench.corpus import CORPUS, WEEK, corpus_items, item_text, write_items
from bench.story_scores import bcubed, exact_title, pair_decisions, pairwise
from bench.story_sets import (
    CLUSTERS,
    PAIR_LANGS,
    PAIRS,
    Imported,
    Pair,
    google_file,
    google_news_headlines,
    import_files,
    semeval_file,
    semeval_pairs,
    stories_of,
)
from reader.operations import import_paths, writer
from reader.store import Library

BENCH_ROOT = Path(__file__).resolve().parents[1]
COST_WINDOW = 1_000  # articles whose import is timed at each library size
AUDIT_SEED = 15
AUDIT_SIZE = 40
AUDIT_SHOWN = 12  # headlines printed per audited story


# Measuring one tree (in this process, or in the old tree's subprocess) ------


def measure(corpus_marks: Sequence[int]) -> dict[str, Any]:
    """What this process's ``reader`` makes of every set: each file's story, the week's stories, the corpus cost."""
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        return {
            "reader": str(Path(reader.__file__).parent),
            "semeval": _imported_semeval(folder / "semeval"),
            "google": _imported_google(folder / "google"),
            "week": _week_stories(folder / "week"),
            "corpus": _corpus_cost(folder / "corpus", corpus_marks),
        }


def _imported(folder: Path, files: list[tuple[str, str]]) -> dict[str, dict[str, Any]]:
    folder.mkdir()
    with Library(folder / "library.db") as library:
        imported = import_files(library, folder / "inbox", files)
    return {key: asdict(value) for key, value in imported.items()}


def _imported_semeval(folder: Path) -> dict[str, dict[str, Any]]:
    _, articles = semeval_pairs()
    return _imported(folder, [(semeval_file(lang, key), text) for key, (lang, text) in articles.items()])


def _imported_google(folder: Path) -> dict[str, dict[str, Any]]:
    headlines, _ = google_news_headlines()
    return _imported(folder, [(google_file(index), f"{title}\n") for index, title in enumerate(headlines)])


def _week_stories(folder: Path) -> dict[str, Any]:
    """The week's stories with articles from two sources or more, each as its articles (date, source, title),
    and how many items the import refused."""
    folder.mkdir()
    items = list(corpus_items(WEEK))
    files = [(f"{item['source'] or 'unknown'}/{index:05d}.txt", item_text(item)) for index, item in enumerate(items)]
    with Library(folder / "library.db") as library:
        imported = import_files(library, folder / "inbox", files)
        rows = library.db.execute(
            "SELECT story_id, published, source, title FROM articles WHERE story_id IN "
            "(SELECT story_id FROM articles GROUP BY story_id HAVING count(DISTINCT source) > 1) "
            "ORDER BY story_id, published, id"
        ).fetchall()
    stories: dict[int, list[dict[str, str]]] = {}
    for story_id, published, source, title in rows:
        stories.setdefault(story_id, []).append({"date": published or "", "source": source or "", "title": title})
    refused = sum(value.story is None for value in imported.values())
    return {"items": len(items), "refused": refused, "stories": list(stories.values())}


def _corpus_cost(folder: Path, marks: Sequence[int]) -> list[dict[str, float]]:
    """Import the corpus in order into one library, timing the last COST_WINDOW articles before each mark.

    Each mark's figures: milliseconds per article over that window (CPU of this,
    the writing process, and wall), and the seconds of the whole import so far.
    """
    costs: list[dict[str, float]] = []
    if not marks:
        return costs
    items = corpus_items()
    folder.mkdir()
    done, total_cpu, total_wall = 0, 0.0, 0.0
    with Library(folder / "library.db") as library:
        for mark in sorted(marks):
            if mark - COST_WINDOW > done:
                count, cpu, wall, _ = _import_chunk(library, folder, islice(items, mark - COST_WINDOW - done), done)
                done, total_cpu, total_wall = done + count, total_cpu + cpu, total_wall + wall
            count, cpu, wall, grouping = _import_chunk(library, folder, islice(items, COST_WINDOW), done)
            done, total_cpu, total_wall = done + count, total_cpu + cpu, total_wall + wall
            costs.append(
                {
                    "items": done,
                    "stored": library.count_articles(),
                    "cpu_ms": cpu / count * 1000,
                    "grouping_ms": grouping / count * 1000,
                    "wall_ms": wall / count * 1000,
                    "total_cpu_s": total_cpu,
                    "total_wall_s": total_wall,
                }
            )
    return costs


def _import_chunk(
    library: Library, folder: Path, items: Iterator[dict[str, Any]], start: int
) -> tuple[int, float, float, float]:
    """Write these items as files, import them, remove the files; the count and the seconds taken:
    CPU of this process, wall, and CPU spent grouping."""
    inbox = folder / f"inbox-{start}"
    chunk = list(items)
    write_items(inbox, chunk, start)
    with _grouping_timed() as grouping:
        cpu_started, started = time.process_time(), time.perf_counter()
        import_paths(library, [inbox])
        cpu, wall = time.process_time() - cpu_started, time.perf_counter() - started
    shutil.rmtree(inbox)
    return len(chunk), cpu, wall, grouping[0]


@contextmanager
def _grouping_timed() -> Iterator[list[float]]:
    """Time the writer's calls to group an article (CPU of this process): the total is the list's one item."""
    assign_story = writer.assign_story
    spent = [0.0]

    def timed(*args: Any, **kwargs: Any) -> int:
        started = time.process_time()
        try:
            return assign_story(*args, **kwargs)
        finally:
            spent[0] += time.process_time() - started

    writer.assign_story = timed
    try:
        yield spent
    finally:
        writer.assign_story = assign_story


def measure_old(tree: Path, corpus_marks: Sequence[int]) -> dict[str, Any]:
    """:func:`measure` run in a subprocess whose ``reader`` comes from ``tree`` (PYTHONPATH), this bench from here.

    The bench package is loaded by path rather than through sys.path, so the
    worker processes the import starts find ``reader`` in ``tree`` alone.
    """
    code = (
        "import sys, types; import reader; "
        f"bench = types.ModuleType('bench'); bench.__path__ = [{str(BENCH_ROOT / 'bench')!r}]; "
        "sys.modules['bench'] = bench; from bench.stories_eval import main; main()"
    )
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "old.json"
        marks = [str(mark) for mark in corpus_marks]
        command = [sys.executable, "-c", code, "--measure-to", str(out), "--corpus-items", *marks]
        subprocess.run(command, env={**os.environ, "PYTHONPATH": str(tree)}, cwd=tree, check=True)
        run = json.loads(out.read_text(encoding="utf-8"))
    if not Path(run["reader"]).is_relative_to(tree):
        sys.exit(f"error: the old run imported reader from {run['reader']}, not from {tree}")
    return run


# Scoring and printing -------------------------------------------------------


def print_semeval(runs: dict[str, dict[str, Any]]) -> None:
    pairs, _ = semeval_pairs()
    print("SemEval-2022 task 8 pairs, both articles of every pair in one library (en-en, fr-fr)")
    counts = (
        f"{lang}: {sum(p.lang == lang for p in pairs)} pairs, {sum(p.lang == lang and p.same for p in pairs)} same"
        for lang in PAIR_LANGS
    )
    print("  " + ", ".join(counts))
    print(f"  {'method':<10} {'lang':<5} {'refused':>7} {'same recall':>12} {'diff spec':>10} {'balanced':>9}")
    for name, run in runs.items():
        imported = {key: Imported(**value) for key, value in run["semeval"].items()}
        # A pair is together when both articles share a story (the baseline: a non-empty normalised title).
        label = {
            key: (exact_title(value.title) or None) if name == "baseline" else value.story
            for key, value in imported.items()
        }
        together = [
            label[first] is not None and label[first] == label[second] for first, second in map(_pair_keys, pairs)
        ]
        refused = "-" if name == "baseline" else str(sum(value.story is None for value in imported.values()))
        for lang in (*PAIR_LANGS, "all"):
            chosen = [index for index, pair in enumerate(pairs) if lang in ("all", pair.lang)]
            recall, specificity, balanced = pair_decisions(
                [pairs[i].same for i in chosen], [together[i] for i in chosen]
            )
            print(f"  {name:<10} {lang:<5} {refused:>7} {recall:>12.3f} {specificity:>10.3f} {balanced:>9.3f}")


def _pair_keys(pair: Pair) -> tuple[str, str]:
    return semeval_file(pair.lang, pair.first), semeval_file(pair.lang, pair.second)


def print_google(runs: dict[str, dict[str, Any]]) -> None:
    headlines, gold = google_news_headlines()
    keys = [google_file(index) for index in range(len(headlines))]
    print(f"Google News FR clusters: {len(headlines):,} headlines, one a file, {len(set(gold))} stories")
    print(
        f"  {'method':<10} {'refused':>7} {'pair P':>7} {'pair R':>7} {'pair F1':>8} {'B3 P':>7} {'B3 R':>7} {'B3 F1':>7}"
    )
    for name, run in runs.items():
        imported = {key: Imported(**value) for key, value in run["google"].items()}
        predicted: list[object]
        if name == "baseline":
            predicted, refused = [exact_title(title) for title in headlines], []
        else:
            predicted, refused = stories_of(imported, keys), [i for i, key in enumerate(keys) if imported[key].reason]
        scores = (*pairwise(gold, predicted), *bcubed(gold, predicted))
        count = "-" if name == "baseline" else str(len(refused))
        print(f"  {name:<10} {count:>7} " + " ".join(f"{score:7.3f}" for score in scores))
        for index in refused:
            print(f"    refused: {headlines[index]!r}: {imported[keys[index]].reason}")


def print_corpus(runs: dict[str, dict[str, Any]]) -> None:
    print(f"Corpus, imported in order: cost per article over the {COST_WINDOW:,} items before each size")
    print(
        f"  {'method':<10} {'items':>8} {'stored':>8} {'CPU ms':>7} {'grouping':>9} {'wall ms':>8}"
        f" {'CPU s so far':>13} {'wall s so far':>14}"
    )
    for name, run in runs.items():
        for cost in run["corpus"]:
            print(
                f"  {name:<10} {cost['items']:>8,} {cost['stored']:>8,} {cost['cpu_ms']:>7.2f}"
                f" {cost['grouping_ms']:>9.2f} {cost['wall_ms']:>8.2f}"
                f" {cost['total_cpu_s']:>13.0f} {cost['total_wall_s']:>14.0f}"
            )


def print_audit(runs: dict[str, dict[str, Any]], show: bool) -> None:
    print(f"Audit: {AUDIT_SIZE} stories with 2+ sources drawn (seed {AUDIT_SEED}) from the week of {WEEK.name}")
    for name, run in runs.items():
        week = run["week"]
        stories = week["stories"]
        sample = random.Random(AUDIT_SEED).sample(range(len(stories)), min(AUDIT_SIZE, len(stories)))
        sizes = sorted((len(story) for story in stories), reverse=True)
        print(
            f"  {name}: {week['items']:,} items, {week['refused']:,} refused; "
            f"{len(stories):,} multi-source stories, the largest of {', '.join(map(str, sizes[:5]))} articles"
        )
        if not show:
            continue
        for number, index in enumerate(sample, start=1):
            story = stories[index]
            print(f"  [{name} {number:>2}] {len(story)} articles, {len({a['source'] for a in story})} sources")
            for article in story[:AUDIT_SHOWN]:
                print(f"      {article['date'][:10]}  {article['source'][:22]:<22}  {article['title'][:100]}")
            if len(story) > AUDIT_SHOWN:
                print(f"      ... and {len(story) - AUDIT_SHOWN} more")


def missing_data() -> list[Path]:
    """The data files this bench reads that are absent."""
    return [path for path in (PAIRS, CLUSTERS, CORPUS, WEEK) if not path.exists()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old-tree", type=Path, help="a checkout whose reader is measured as 'old'")
    parser.add_argument("--corpus-items", type=int, nargs="*", default=[10_000, 100_000], help="library sizes timed")
    parser.add_argument("--whole-corpus", action="store_true", help="also time the last articles of the whole corpus")
    parser.add_argument("--no-corpus", action="store_true", help="leave out the corpus timing")
    parser.add_argument("--audit", action="store_true", help="print the audited stories' headlines and sources")
    parser.add_argument("--measure-to", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if missing := missing_data():
        sys.exit("error: the data sets beside the project are absent: " + ", ".join(map(str, missing)))
    marks = [] if args.no_corpus else list(args.corpus_items)
    if args.whole_corpus:
        marks.append(sum(1 for _ in corpus_items()))
    if args.measure_to:
        args.measure_to.write_text(json.dumps(measure(marks)), encoding="utf-8")
        return
    runs = {}
    if args.old_tree:
        runs["old"] = measure_old(args.old_tree.resolve(), marks)
    runs["current"] = measure(marks)
    runs["baseline"] = runs["current"]
    for name, run in runs.items():
        if name != "baseline":
            print(f"{name}: reader from {run['reader']}")
    print()
    print_semeval(runs)
    print()
    print_google(runs)
    print()
    scored = {name: run for name, run in runs.items() if name != "baseline"}
    print_corpus(scored)
    print()
    print_audit(scored, args.audit)


if __name__ == "__main__":
    main()
