"""A progress bar for long imports, shown only on a terminal."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from reader.ingest.pipeline import ImportResult, ProgressCallback

# Below this many inputs a bar would only flicker.
MIN_ITEMS_FOR_BAR = 20


@contextmanager
def import_progress(*, enabled: bool = True) -> Iterator[ProgressCallback | None]:
    """Yield a progress callback that draws a bar on stderr, or None off a terminal."""
    if not (enabled and sys.stderr.isatty()):
        yield None
        return
    console = Console(stderr=True)
    with Progress(
        TextColumn("importing"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = None

        def on_progress(done: int, total: int, result: ImportResult) -> None:
            nonlocal task
            if total < MIN_ITEMS_FOR_BAR:
                return
            if task is None:
                task = progress.add_task("import", total=total)
            progress.update(task, completed=done)

        yield on_progress
