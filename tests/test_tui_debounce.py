"""Debounce: the last call of a burst wins, and a delay of 0 still runs between messages, never at once."""

from __future__ import annotations

import pytest
from textual.app import App

from reader.tui.debounce import Debounce

pytestmark = pytest.mark.asyncio


async def test_with_no_delay_the_last_call_runs_once_the_waiting_messages_are_handled() -> None:
    app: App[None] = App()
    calls: list[str] = []
    async with app.run_test() as pilot:
        debounce = Debounce(app)
        debounce.call(0, lambda: calls.append("first"))
        debounce.call(0, lambda: calls.append("second"))
        assert calls == []  # not from within the call
        await pilot.pause()
        assert calls == ["second"]


async def test_a_cancel_stops_the_call_waiting() -> None:
    app: App[None] = App()
    calls: list[str] = []
    async with app.run_test() as pilot:
        debounce = Debounce(app)
        debounce.call(0, lambda: calls.append("cancelled"))
        debounce.cancel()
        debounce.cancel()  # twice is no harm
        await pilot.pause()
        assert calls == []
        debounce.call(0, lambda: calls.append("after"))
        await pilot.pause()
        assert calls == ["after"]
