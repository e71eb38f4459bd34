"""Calling back once a burst of events is over: the last call of the burst wins."""

from __future__ import annotations

from collections.abc import Callable

from textual.message_pump import MessagePump
from textual.timer import Timer


class Debounce:
    """Runs the callback of the last :meth:`call` once ``delay`` seconds pass without another call or a :meth:`cancel`.

    The callback runs on ``owner`` (a widget or a screen), between its
    messages. A delay of 0 means no pause: the callback runs once the owner
    has handled the messages already waiting, and a call or a cancel before
    then still stops it. (Textual's timers cannot count down 0 seconds:
    textual#6370.)
    """

    def __init__(self, owner: MessagePump) -> None:
        self._owner = owner
        self._timer: Timer | None = None
        self._calls = 0

    def call(self, delay: float, callback: Callable[[], object]) -> None:
        """Run ``callback`` after ``delay`` seconds, instead of what an earlier call asked for."""
        self.cancel()
        if delay > 0:
            self._timer = self._owner.set_timer(delay, callback)
            return
        self._owner.call_later(self._run, self._calls, callback)

    def cancel(self) -> None:
        """Forget the callback waiting, if any."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._calls += 1

    def _run(self, call: int, callback: Callable[[], object]) -> None:
        if call == self._calls:  # not called again or cancelled since
            callback()
