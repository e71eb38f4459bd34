"""How long the article view takes to lay out and show a long article.

    python bench/article_render.py [--chars 50000] [--runs 5]     # from the project root

Builds a long article from the corpus (one week of French news: each item's
title as a heading, its summary as a paragraph, until ``--chars`` characters),
stores it the way any import does (key figures extracted), then times, over
``--runs`` runs: the layout done in the article screen's worker (the body's
first part read, Markdown to blocks, figures and searched words placed), and the whole opening in the real
app under Pilot, from pushing the screen to the body shown.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from itertools import islice, pairwise
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's reader, not an installed one

from reader.models import Article, ParsedDocument, RawInput
from reader.operations import store_document
from reader.store import Library

WEEK = Path(__file__).resolve().parents[2] / "shared" / "data" / "corpus" / "sample_week_2024-12-01_07.jsonl"


def corpus_markdown(chars: int, corpus: Path = WEEK) -> str:
    """A long Markdown article made of the corpus' items, at least ``chars`` characters long."""
    parts: list[str] = []
    length = 0
    with corpus.open(encoding="utf-8") as lines:
        for line in islice(lines, 100_000):
            item = json.loads(line)
            if not item.get("summary"):
                continue
            part = f"## {item['title']}\n\n{item['summary']}"
            parts.append(part)
            length += len(part) + 2
            if length >= chars:
                break
    return "\n\n".join(parts)


def store_long_article(library: Library, chars: int) -> int:
    """Store a long corpus article in ``library``; return its id."""
    markdown = corpus_markdown(chars)
    text = markdown.replace("## ", "")
    document = ParsedDocument(title="Une semaine d'actualité", text=text, markdown=markdown, published="2024-12-07")
    raw = RawInput(data=markdown.encode(), format="markdown", encoding="utf-8")
    _, article_id = store_document(library, document, raw, fallback_source="corpus")
    return article_id


def stored_article(library: Library, article_id: int, *, with_body: bool = True) -> Article:
    """The article stored as ``article_id``; it must be there."""
    article = library.get_article(article_id, with_body=with_body)
    if article is None:
        raise LookupError(f"no article {article_id} in the library")
    return article


def time_layout(db_path: Path, article_id: int, runs: int) -> list[float]:
    from reader.tui.widgets import Reading

    times = []
    with Library(db_path) as library:
        article = stored_article(library, article_id, with_body=False)
        for _ in range(runs):
            start = time.perf_counter()
            Reading.first_part(library, article, "prix millions")
            times.append(time.perf_counter() - start)
    return times


async def time_opening(db_path: Path, article_id: int, runs: int) -> tuple[list[float], list[float]]:
    """How long each opening takes, and the longest the event loop went without a tick during it."""
    from reader.tui.app import ReaderApp
    from reader.tui.screens import ArticleScreen
    from reader.tui.widgets import ArticleBody

    times, stalls = [], []
    app = ReaderApp(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        ticks = [time.perf_counter()]
        app.set_interval(0.005, lambda: ticks.append(time.perf_counter()))
        with Library(db_path) as library:
            article = stored_article(library, article_id, with_body=False)
        for _ in range(runs):
            start = time.perf_counter()
            screen = ArticleScreen(db_path, article, query="prix millions")
            await app.push_screen(screen)
            body = screen.query_one(ArticleBody)
            while body.reading is None or len(body.children) < len(body.reading.body.blocks):
                await pilot.pause(0.005)
            await pilot.pause()
            times.append(time.perf_counter() - start)
            during = [tick for tick in ticks if tick >= start]
            stalls.append(max(later - earlier for earlier, later in pairwise(during)))
            screen.dismiss(None)
            await pilot.pause()
    return times, stalls


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--chars", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "library.db"
        with Library(db_path) as library:
            article_id = store_long_article(library, args.chars)
            article = stored_article(library, article_id)
            figures = len(library.figures(article_id))
        print(f"article: {len(article.markdown or ''):,} characters of Markdown, {figures} key figures")
        layout = time_layout(db_path, article_id, args.runs)
        print(
            f"layout in the worker: median {statistics.median(layout) * 1000:.0f} ms, max {max(layout) * 1000:.0f} ms"
        )
        opening, stalls = asyncio.run(time_opening(db_path, article_id, args.runs))
        print(
            f"screen opened to body shown: median {statistics.median(opening) * 1000:.0f} ms, max {max(opening) * 1000:.0f} ms"
        )
        print(
            f"longest the screen did not respond meanwhile: median {statistics.median(stalls) * 1000:.0f} ms, max {max(stalls) * 1000:.0f} ms"
        )


if __name__ == "__main__":
    main()
