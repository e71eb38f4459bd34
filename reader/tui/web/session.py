"""One browser tab's app process (textual-serve's AppService), which is gone once the session ends."""

from __future__ import annotations

import asyncio

from textual_serve.app_service import AppService

EXIT_TIMEOUT = 5.0
"""Seconds a session's app gets to quit before it is killed."""


class Session(AppService):
    """Starts the session command for a tab and relays it; :meth:`stop` returns once its process has exited."""

    async def stop(self) -> None:
        """Ask the app to quit and wait for its process, killing it if it does not go in time."""
        await super().stop()
        process = self._process
        if process is None or process.returncode is not None:
            return
        try:
            await asyncio.wait_for(process.wait(), EXIT_TIMEOUT)
        except TimeoutError:
            process.kill()
            await process.wait()
