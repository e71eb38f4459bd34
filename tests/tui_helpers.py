"""What the TUI tests share: the app without its pauses for people, waits on events, and reading the screen.

Tests never wait on the clock. :func:`without_human_delays` (applied to every
test by ``tests/conftest.py``) sets the pauses the UI makes for people to
zero; :func:`settle` then lets the app run until it has nothing left to do,
and :func:`until` until a given condition holds. Both count turns of the
app (``pilot.pause()``), not seconds, so a loaded machine makes them slower,
never wrong.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any
from weakref import WeakKeyDictionary

import pytest
from textual.app import App
from textual.message_pump import MessagePump
from textual.pilot import Pilot
from textual.widget import Widget
from textual.worker import WorkerCancelled, WorkerFailed

from reader.tui.widgets import Preview, SearchBar
from reader.tui.work import WorkFailed

SIZE = (120, 40)
"""The terminal size of the Pilot tests."""

ROUNDS = 200
"""How many turns of the app :func:`settle` and :func:`until` allow before failing."""

_raised: WeakKeyDictionary[App[Any], list[str]] = WeakKeyDictionary()


def without_human_delays(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run the UI without the pauses it makes for people, and keep every notification it raises.

    The preview's delay and the search's debounce become 0: their work runs
    as soon as the messages already waiting are handled. A notification goes
    from the app after a few seconds of wall-clock time, so
    :func:`notifications` reads them as they were raised instead.
    """
    monkeypatch.setattr(Preview, "DELAY", 0.0)
    monkeypatch.setattr(SearchBar, "DELAY", 0.0)

    notify = App.notify

    def recording_notify(app: App[Any], message: str, *, title: str = "", **options: Any) -> None:
        _raised.setdefault(app, []).append(f"{title} {message}")
        notify(app, message, title=title, **options)

    monkeypatch.setattr(App, "notify", recording_notify)


def notifications(app: App[Any]) -> list[str]:
    """Every notification ``app`` raised so far, oldest first, as ``"title message"``."""
    return list(_raised.get(app, []))


async def settle(pilot: Pilot[Any], *, rounds: int = ROUNDS) -> None:
    """Let the app run until it is quiet: no worker running, no message or callback waiting anywhere.

    A worker's result comes as a message, whose handler may start more work
    (a page read starts a count, a highlighted row a preview): each turn waits
    for the workers running, then lets the messages be handled, until a turn
    ends with nothing left.
    """
    app = pilot.app
    for _ in range(rounds):
        await _finish_workers(app)
        await pilot.pause()
        if not _waiting(app):
            return
    pytest.fail(f"The app is still busy after {rounds} rounds: {', '.join(_waiting(app))}")


async def until(pilot: Pilot[Any], condition: Callable[[], object], *, what: str = "", rounds: int = ROUNDS) -> None:
    """Let the app run, a turn at a time, until ``condition()`` holds; fail (saying ``what`` was awaited) after ``rounds`` turns."""
    for _ in range(rounds):
        if condition():
            return
        await pilot.pause()
    if not condition():
        pytest.fail(f"Still not so after {rounds} rounds: {what or condition}")


async def _finish_workers(app: App[Any]) -> None:
    """Wait for the workers running now.

    One cancelled meanwhile is no failure, nor one that ended with a
    :class:`WorkFailed` (shown to the user as a notice); one that raised anything else is.
    """
    running = [worker for worker in app.workers if worker.is_running]
    outcomes = await asyncio.gather(*(worker.wait() for worker in running), return_exceptions=True)
    for outcome in outcomes:
        if isinstance(outcome, WorkerFailed) and isinstance(outcome.error, WorkFailed):
            continue
        if isinstance(outcome, BaseException) and not isinstance(outcome, WorkerCancelled):
            raise outcome


def _waiting(app: App[Any]) -> list[str]:
    """What the app still has to do: workers running, and nodes holding messages or callbacks not yet handled."""
    waiting = [f"worker {worker.name!r}" for worker in app.workers if worker.is_running]
    pumps: list[MessagePump] = [app]
    for screen in app.screen_stack:
        pumps += [screen, *screen.walk_children(with_self=False)]
        if screen._callbacks:  # call_after_refresh, run once the screen is drawn
            waiting.append(f"{screen!r} callbacks")
    waiting += [f"{pump!r} messages" for pump in pumps if pump._message_queue.qsize() or pump._next_callbacks]
    return waiting


def rendered(widget: Widget) -> str:
    """What ``widget`` and everything inside it show on screen, as plain text."""
    lines: list[str] = []
    for node in [widget, *widget.query("*")]:
        if node.outer_size.area:
            lines += [strip.text for strip in node.render_lines(node.outer_size.region)]
    return "\n".join(lines)
