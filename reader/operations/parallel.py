"""Run the import path's pure work in worker processes while this process writes.

Parsing, cleaning, language detection, key figures and stemming hold the GIL,
so a large batch is spread over the machine's cores in processes (a
``forkserver`` pool: safe beside the threads of the TUI); results come back in
order. A small batch stays in this process: starting workers costs more than it
saves. The workers run at a lower priority than this process: on a machine
with fewer spare cores than workers, the one process everything waits on (it
writes, or it draws the TUI) gets the CPU first.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# Below this many items the work is done in this process.
PARALLEL_FROM_ITEMS = 400
# Items sent to a worker at once, and chunks in flight per worker (memory stays bounded).
CHUNK_ITEMS = 50
IN_FLIGHT_PER_WORKER = 4
PARENT_CHECK_SECONDS = 0.5
WORKER_NICENESS = 10


def worker_count() -> int:
    """How many worker processes a large batch gets: one per core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class Preparer:
    """Maps a function over chunks of items, in worker processes once the work is large enough.

    Use it as a context manager: the workers, if any were started, stop at the end.
    """

    def __init__(self, *, workers: int | None = None) -> None:
        self.workers = worker_count() if workers is None else workers
        self._pool: ProcessPoolExecutor | None = None
        self._broken = False  # the workers died or could not start: the work is done in this process

    def __enter__(self) -> Preparer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)

    def map(
        self,
        function: Callable[[list[Item]], list[Result]],
        items: Iterable[Item],
        *,
        expected: int,
        chunk_items: int = CHUNK_ITEMS,
    ) -> Iterator[Result]:
        """``function`` over ``items`` in chunks, results in order.

        :param expected: about how much work there is, in items of the import (whether workers pay).
        :param chunk_items: how many items a worker is given at once.
        """
        chunks = _chunks(items, chunk_items)
        if self.workers < 2 or expected < PARALLEL_FROM_ITEMS or self._broken:
            for chunk in chunks:
                yield from function(chunk)
            return
        pool = self._start()
        pending: deque[tuple[list[Item], Future[list[Result]]]] = deque()
        for chunk in chunks:
            if not self._broken:
                try:
                    pending.append((chunk, pool.submit(function, chunk)))
                except BrokenProcessPool:
                    self._broken = True
            if self._broken:
                while pending:
                    yield from self._result(function, *pending.popleft())
                yield from function(chunk)
            elif len(pending) >= self.workers * IN_FLIGHT_PER_WORKER:
                yield from self._result(function, *pending.popleft())
        while pending:
            yield from self._result(function, *pending.popleft())

    def _result(
        self, function: Callable[[list[Item]], list[Result]], chunk: list[Item], future: Future[list[Result]]
    ) -> list[Result]:
        """A chunk's results; done here when the workers could not start or died (the rest is done here too)."""
        try:
            return future.result()
        except BrokenProcessPool:
            self._broken = True
            return function(chunk)

    def _start(self) -> ProcessPoolExecutor:
        if self._pool is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["reader.operations.prepare"])
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=context, initializer=_start_worker, initargs=(os.getpid(),)
            )
        return self._pool


def _start_worker(parent: int) -> None:
    """In a worker: yield the CPU to ``parent``, and end once it is gone (killed: nothing else would tell us)."""
    if hasattr(os, "nice"):
        os.nice(WORKER_NICENESS)

    def watch() -> None:
        while not _gone(parent):
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _gone(pid: int) -> bool:
    """Whether a process has ended (a zombie waiting to be reaped counts as ended)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rpartition(")")[2].split()[0] in ("Z", "X")
    except FileNotFoundError:
        return True
    except OSError:  # no /proc here: ask the process itself
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        return False


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    chunk: list[Item] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
