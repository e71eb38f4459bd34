"""The reader's start and key response, this checkout next to another one, each on a library of its own.

    python bench/tui_versions.py OTHER_CHECKOUT OTHER_LIBRARY LIBRARY [--runs 5] [--presses 40]

An older version cannot open a library a newer one has migrated, so each
checkout runs on its own library, built by its own code from the same items
(``python bench/search.py --items N`` in each checkout keeps one under /tmp).
Both are copied first, and each copy is opened once by its own code so that
no migration is timed; the originals are never touched. Then, the two
checkouts taking turns, ``python -m reader`` is spawned on a pseudo-terminal
(120x36), its own checkout first on ``PYTHONPATH``, and timed:

- **first screen**: from the spawn until the first unread mark of the story
  list is written to the terminal;
- **article count**: until the library's number of articles (``12,345``) is
  written (the sidebar's and the title's counts come from one count query);
- **j**: once the screen has settled, each press until the first bytes of its
  repaint arrive (the cursor moved; the preview follows after its pause). The
  libraries must list more stories than the presses of one start.

The same measure for both, from outside the app: ``bench/tui.py`` times more
keys, under Pilot, but only for this checkout's app.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # bench's own modules, when run as a script

from bench.terminal import Terminal  # noqa: E402

WORK = Path("/tmp/tui-versions-bench")
UNREAD_MARK = "●".encode()
START_TIMEOUT = 30.0
SETTLE_SECONDS = 2.0
REPAINT_TIMEOUT = 5.0


@dataclass
class Figures:
    """What one checkout measured, over every run."""

    first_screen: list[float] = field(default_factory=list)
    article_count: list[float] = field(default_factory=list)
    presses: list[float] = field(default_factory=list)


def article_count_text(db_path: Path) -> bytes:
    """The library's number of articles as the reader writes it."""
    connection = sqlite3.connect(db_path)
    try:
        (count,) = connection.execute("SELECT count(*) FROM articles").fetchone()
    finally:
        connection.close()
    return f"{count:,}".encode()


def measure_once(checkout: Path, db_path: Path, count_text: bytes, presses: int, figures: Figures) -> None:
    """Start the checkout's reader once: its first screen, its article count, then ``presses`` presses of j."""
    terminal = Terminal(checkout, db_path)
    try:
        first = counted = None
        while first is None or counted is None:
            if time.perf_counter() - terminal.started > START_TIMEOUT:
                raise TimeoutError(f"{checkout}: no story list and count after {START_TIMEOUT} s")
            terminal.read(0.01)
            elapsed = time.perf_counter() - terminal.started
            if first is None and UNREAD_MARK in terminal.written:
                first = elapsed
            if counted is None and count_text in terminal.written:
                counted = elapsed
        figures.first_screen.append(first)
        figures.article_count.append(counted)
        settle_until = time.perf_counter() + SETTLE_SECONDS
        while time.perf_counter() < settle_until:
            terminal.read(0.05)
        for _ in range(presses):
            pressed = time.perf_counter()
            os.write(terminal.master, b"j")
            while not terminal.read(0.5):
                if time.perf_counter() - pressed > REPAINT_TIMEOUT:
                    raise TimeoutError(f"{checkout}: no repaint after j (fewer than --presses stories listed?)")
            figures.presses.append(time.perf_counter() - pressed)
            terminal.until_quiet()
    finally:
        terminal.close()


def prepared(checkout: Path, library: Path, name: str) -> Path:
    """A copy of ``library`` to run on, opened once by the checkout's code so that no migration is timed."""
    WORK.mkdir(parents=True, exist_ok=True)
    copy = WORK / name
    shutil.copyfile(library, copy)
    opening = f"from reader.store import Library\nwith Library({str(copy)!r}):\n    pass"
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    subprocess.run([sys.executable, "-c", opening], cwd=checkout, env=env, check=True)
    return copy


def show(name: str, figures: Figures) -> None:
    presses = sorted(value * 1000 for value in figures.presses)
    p95 = presses[min(len(presses) - 1, int(0.95 * len(presses)))]
    print(
        f"  {name:<6} first screen {statistics.median(figures.first_screen):.2f} s "
        f"({min(figures.first_screen):.2f}-{max(figures.first_screen):.2f}), "
        f"article count {statistics.median(figures.article_count):.2f} s, "
        f"j p50 {statistics.median(presses):.1f} ms p95 {p95:.1f} ms (n={len(presses)})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("other_checkout", type=Path, help="the other version's checkout")
    parser.add_argument("other_library", type=Path, help="a library built by the other version")
    parser.add_argument("library", type=Path, help="a library built by this checkout, from the same items")
    parser.add_argument("--runs", type=int, default=5, help="how many times each reader is started")
    parser.add_argument("--presses", type=int, default=40, help="presses of j per start")
    args = parser.parse_args()
    other = args.other_checkout.resolve()
    checkouts = {
        "this": (ROOT, prepared(ROOT, args.library, "this.db")),
        "other": (other, prepared(other, args.other_library, "other.db")),
    }
    counts = {name: article_count_text(db_path) for name, (_, db_path) in checkouts.items()}
    results = {name: Figures() for name in checkouts}
    for run in range(1, args.runs + 1):
        for name, (checkout, db_path) in checkouts.items():
            measure_once(checkout, db_path, counts[name], args.presses, results[name])
        print(f"\r{run}/{args.runs} runs", end="", flush=True)
    print(f"\r{args.runs} runs each, taking turns; this checkout is {ROOT}, the other {args.other_checkout}")
    for name, figures in results.items():
        show(name, figures)


if __name__ == "__main__":
    main()
