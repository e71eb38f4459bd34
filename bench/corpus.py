"""The French news corpus of ../shared/data, read item by item and written as the text files a user would import."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
CORPUS = DATA / "corpus" / "fr_news_items_2023-2026.jsonl.gz"
WEEK = DATA / "corpus" / "sample_week_2024-12-01_07.jsonl"


def corpus_items(path: Path = CORPUS) -> Iterator[dict[str, Any]]:
    """The items of the corpus (or of a week of it: a plain .jsonl), in their order."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            yield json.loads(line)


def item_text(item: dict[str, Any]) -> str:
    """An item as a text file: its title, its capture date, a blank line, its summary."""
    return f"{item['title']}\n{item['date']}\n\n{item['summary'] or ''}\n"


def write_items(folder: Path, items: Iterable[dict[str, Any]], start: int = 0) -> int:
    """Write items as text files in a folder per outlet, numbered from ``start``; return their total size in bytes."""
    total = 0
    for index, item in enumerate(items, start=start):
        outlet = folder / (item["source"] or "unknown")
        outlet.mkdir(parents=True, exist_ok=True)
        data = item_text(item).encode("utf-8")
        (outlet / f"{index:07d}.txt").write_bytes(data)
        total += len(data)
    return total
