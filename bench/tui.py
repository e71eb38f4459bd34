"""TUI speed on a library of the whole French news corpus (464k articles), next to a library of five.

    python bench/tui.py [--source /tmp/reader-stories-bench/corpus-all.db] [--runs 5]

Copies the corpus library (built by ``bench/stories_eval.py --corpus``: every
item imported, grouped into stories, with figures and the search index) into
/tmp/tuimain-bench once, never touching the original, and opens it once so
pending migrations are applied before anything is timed. Then:

* **first screen**: spawns ``python -m reader --db LIBRARY`` on a pseudo-terminal
  (120x36) and times from the spawn to the moment the first story's headline
  is written to the terminal (the page cache is warm after the first run);
* **latencies**, with the app headless under Pilot: each key press (posted
  to the app as the terminal driver does) until the screen has repainted with its effect (``j``/``k`` over the first pages, which
  load more stories as they go; expanding a story; opening an article until
  its body is shown; typing a search until its results are on screen, which
  includes the 200 ms typing pause before a search starts).
"""

from __future__ import annotations

import argparse
import asyncio
import re
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this checkout's reader, not an installed one

from bench.terminal import SIZE, Terminal  # noqa: E402
from reader.operations import import_paths  # noqa: E402
from reader.store import Library  # noqa: E402
from reader.stories.browse import story_page  # noqa: E402

SOURCE = Path("/tmp/reader-stories-bench/corpus-all.db")
WORK = Path("/tmp/tuimain-bench")
START_TIMEOUT = 30.0


def prepare(source: Path) -> tuple[Path, Path]:
    """The corpus library (copied once) and a library of the five samples, both migrated."""
    WORK.mkdir(parents=True, exist_ok=True)
    big = WORK / source.name
    if not big.exists():
        print(f"copying {source} to {big} …", flush=True)
        shutil.copyfile(source, big)
    small = WORK / "five.db"
    with Library(big):
        pass
    with Library(small) as library:
        if library.count_articles() == 0:
            import_paths(library, [ROOT / "seeds"])
    return big, small


def headline_fragment(db_path: Path) -> bytes:
    """A run of plain words from the first story's headline, as the terminal will receive them."""
    with Library(db_path) as library:
        title = story_page(library, limit=1)[0].title
    runs = re.findall(r"[A-Za-z][A-Za-z ]{8,}[A-Za-z]", title[:45])
    return max(runs, key=len).encode()


def time_first_screen(db_path: Path, fragment: bytes) -> float:
    """Seconds from spawning the reader to the headline appearing on its terminal."""
    terminal = Terminal(ROOT, db_path)
    try:
        while fragment not in terminal.written:
            if time.perf_counter() - terminal.started > START_TIMEOUT:
                raise TimeoutError(f"no {fragment!r} on screen after {START_TIMEOUT} s")
            terminal.read(0.05)
        return time.perf_counter() - terminal.started
    finally:
        terminal.close()


async def latencies(db_path: Path) -> dict[str, list[float]]:
    """Key press to repaint, in seconds, for each kind of key."""
    from textual import events

    from reader.tui.app import ReaderApp
    from reader.tui.screens import ArticleScreen, MainScreen
    from reader.tui.widgets import ArticleBody, SearchBar, StoryTree
    from reader.tui.widgets.story_tree import HitEntry, StoryEntry

    app = ReaderApp(db_path)
    figures: dict[str, list[float]] = {}

    async with app.run_test(size=SIZE) as pilot:

        async def repainted() -> None:
            done = asyncio.get_running_loop().create_future()

            def finish() -> None:
                if not done.done():
                    done.set_result(None)

            app.screen.call_after_refresh(finish)
            await done

        async def until(condition, step: float = 0.001) -> None:
            while not condition():
                await asyncio.sleep(step)
            await repainted()

        async def timed(name: str, key: str, condition=None) -> None:
            # The key goes straight to the app: Pilot's press would also wait for the process to idle.
            started = time.perf_counter()
            app.post_message(events.Key(key, key if len(key) == 1 else " " if key == "space" else None))
            if condition is not None:
                await until(condition)
            else:
                await repainted()
            figures.setdefault(name, []).append(time.perf_counter() - started)

        await until(lambda: app.screen.query(StoryTree) and app.screen.query_one(StoryTree).story_count > 0)
        tree = app.screen.query_one(StoryTree)
        counted = time.perf_counter()
        await until(lambda: isinstance(app.screen, MainScreen) and app.screen.counts is not None)
        figures["sidebar counts after the list"] = [time.perf_counter() - counted]

        for _ in range(300):  # through three pages: later ones load as the cursor nears the end
            line = tree.cursor_line
            if line >= tree.last_line:
                break
            await timed("j (next row)", "j", condition=lambda line=line: tree.cursor_line == line + 1)
        for _ in range(100):
            line = tree.cursor_line
            if line == 0:
                break
            await timed("k (previous row)", "k", condition=lambda line=line: tree.cursor_line == line - 1)
        figures["stories loaded"] = [float(tree.story_count)]

        await pilot.press("g")
        for node in list(tree.root.children)[:200]:
            entry = node.data
            if isinstance(entry, StoryEntry) and entry.row.size > 1:
                tree.move_cursor(node)
                await repainted()
                await timed("space (expand a story)", "space", condition=lambda node=node: node.is_expanded)
                await pilot.press("space")
        for node in list(tree.root.children)[:10]:
            tree.move_cursor(node)
            await repainted()
            if node.is_expanded or (isinstance(node.data, StoryEntry) and node.data.row.size > 1):
                continue

            def body_shown() -> bool:
                screen = app.screen
                bodies = screen.query(ArticleBody)
                return isinstance(screen, ArticleScreen) and bool(bodies) and bool(bodies.first().children)

            await timed("enter (open an article, body shown)", "enter", condition=body_shown)
            await timed("escape (back to the list)", "escape", condition=lambda: isinstance(app.screen, MainScreen))

        for query in ("macron", "intelligence artificielle", "zuckerburg", "nucl*"):
            await pilot.press("slash")
            await until(lambda: isinstance(app.screen, MainScreen) and app.screen.searching)
            *head, last = list(query.replace(" ", "\0"))
            await pilot.press(*["space" if key == "\0" else key for key in head])
            await timed(
                "typing a search (last key to results shown)",
                "space" if last == "\0" else last,
                condition=lambda: (
                    not tree.story_count
                    or isinstance(tree.root.children[0].data, HitEntry)
                    or app.screen.query_one(SearchBar).has_class("-error")
                ),
            )
            await pilot.press("escape")
            await until(
                lambda: (
                    isinstance(app.screen, MainScreen)
                    and not app.screen.searching
                    and tree.story_count
                    and isinstance(tree.root.children[0].data, StoryEntry)
                )
            )
    return figures


def show(name: str, values: list[float]) -> None:
    if name == "stories loaded":
        print(f"  {name:<46} {int(values[0]):>8}")
        return
    ms = sorted(value * 1000 for value in values)
    p95 = ms[min(len(ms) - 1, int(0.95 * len(ms)))]
    print(f"  {name:<46} n={len(ms):<4} p50 {statistics.median(ms):7.1f} ms   p95 {p95:7.1f} ms   max {ms[-1]:7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE, help="the corpus library to copy (never modified)")
    parser.add_argument("--runs", type=int, default=5, help="how many times the app is started per library")
    args = parser.parse_args()
    big, small = prepare(args.source)
    with Library(big) as library:
        articles = library.count_articles()
    for label, db_path in ((f"{articles:,} articles", big), ("5 articles", small)):
        fragment = headline_fragment(db_path)
        times = [time_first_screen(db_path, fragment) for _ in range(args.runs)]
        print(
            f"first screen, {label}: "
            + ", ".join(f"{value:.2f}" for value in times)
            + f" s (median {statistics.median(times):.2f} s)"
        )
    for label, db_path in ((f"{articles:,} articles", big), ("5 articles", small)):
        print(f"latencies, {label}:")
        for name, values in asyncio.run(latencies(db_path)).items():
            show(name, values)


if __name__ == "__main__":
    main()
