"""Progress bars for long commands (imports, regrouping), shown only on a terminal."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from reader.operations import ImportResult, ProgressCallback

# Below this many items a bar would only flicker.
MIN_ITEMS_FOR_BAR = 20

CountCallback = Callable[[int, int], None]


@contextmanager
def progress_bar(label: str, *, enabled: bool = True) -> Iterator[CountCallback | None]:
    """Yield a callback taking (done, total) that draws a bar on stderr, or None off a terminal."""
    if not (enabled and sys.stderr.isatty()):
        yield None
        return
    console = Console(stderr=True)
    with Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = None

        def on_progress(done: int, total: int) -> None:
            nonlocal task
            if total < MIN_ITEMS_FOR_BAR:
                return
            if task is None:
                task = progress.add_task(label, total=total)
            progress.update(task, completed=done)

        yield on_progress


@contextmanager
def import_progress(*, enabled: bool = True) -> Iterator[ProgressCallback | None]:
    """Yield an import progress callback that draws a bar on stderr, or None off a terminal."""
    with progress_bar("importing", enabled=enabled) as on_count:
        if on_count is None:
            yield None
            return

        def on_progress(done: int, total: int, result: ImportResult) -> None:
            on_count(done, total)

        yield on_progress
