"""The reader in a browser: textual-serve's server, guarded and needing nothing from the internet.

Each browser tab gets its own session: textual-serve starts the session
command (the reader's app, on the same library) as a subprocess and relays
its screen and keys over a websocket.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import sys
from typing import Any

import aiohttp_jinja2
from aiohttp import WSCloseCode, web
from textual_serve.server import Server, to_int

from reader.paths import assets_dir
from reader.tui.web.access import access_middleware, is_unspecified
from reader.tui.web.session import EXIT_TIMEOUT, Session

log = logging.getLogger(__name__)

SECURITY_HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
}


def bind(host: str, port: int) -> socket.socket:
    """A socket listening on ``host:port`` (port 0: a free one).

    :raises OSError: when that cannot be, its ``strerror`` saying why in a few words.
    """
    family, _, _, _, address = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)[0]
    try:
        return socket.create_server(address, family=family)
    except OSError as error:  # create_server adds the address to the reason; the caller names it already
        if error.errno is None:
            raise
        raise OSError(error.errno, os.strerror(error.errno)) from None


def page_urls(host: str, port: int, token: str | None) -> list[str]:
    """The addresses to open the served reader at: here first, then from another machine when listening wide.

    ``0.0.0.0`` and ``::`` are no address a browser can open: this machine's
    loopback and its host name stand for them.
    """
    query = f"?token={token}" if token else ""
    if is_unspecified(host):
        here = "[::1]" if ":" in host else "127.0.0.1"
        return [f"http://{here}:{port}/{query}", f"http://{socket.gethostname()}:{port}/{query}"]
    shown = f"[{host.strip('[]')}]" if ":" in host else host
    return [f"http://{shown}:{port}/{query}"]


class ReaderServer(Server):
    """Serves ``command`` (one reader session per browser tab) on an already bound socket.

    Every route asks for ``token`` when one is given (see
    :func:`reader.tui.web.access.access_middleware`); the page links only to this
    server, whatever address the browser used to reach it.
    """

    def __init__(self, command: str, sock: socket.socket, *, token: str | None, title: str = "reader") -> None:
        host, port = sock.getsockname()[:2]
        super().__init__(command, host=host, port=port, title=title, templates_path=assets_dir() / "serve")
        self.sock = sock
        self.token = token
        self.sessions: set[web.WebSocketResponse] = set()
        """The open tabs' websockets, each relaying its own app process."""

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(access_middleware(self.token, self.port))
        return app

    def initialize_logging(self) -> None:
        """Only problems reach the console (the sessions' own errors included), never the requests."""
        logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s", stream=sys.stderr)

    async def on_startup(self, app: web.Application) -> None:
        """Say nothing: the command printed where to open the reader."""

    async def on_shutdown(self, app: web.Application) -> None:
        """End every session: closing its websocket tells its app to quit (the server waits for them)."""
        await asyncio.gather(
            *(
                websocket.close(code=WSCloseCode.GOING_AWAY, message=b"reader serve stopped")
                for websocket in self.sessions
            )
        )

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One tab's session: its own app process, relayed over the websocket until either side ends it."""
        websocket = web.WebSocketResponse(heartbeat=15)
        await websocket.prepare(request)

        async def close() -> None:
            await websocket.close()

        session = Session(
            self.command,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=close,
            download_manager=self.download_manager,
            debug=self.debug,
        )
        self.sessions.add(websocket)
        try:
            width = to_int(request.query.get("width", "80"), 80)
            height = to_int(request.query.get("height", "24"), 24)
            await session.start(width, height)
            await self._process_messages(websocket, session)
        except Exception:
            log.exception("a browser session failed")
        finally:
            self.sessions.discard(websocket)
            await session.stop()
        return websocket

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        """The page: a terminal whose websocket and files are on the host the browser asked for."""
        scheme = "wss" if request.secure else "ws"
        websocket_url = f"{scheme}://{request.host}/ws"
        context: dict[str, Any] = {
            "title": self.title,
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "static_url": "/static/",
            "websocket_url": websocket_url,
        }
        response = aiohttp_jinja2.render_template("index.html", request, context)
        response.headers.update(SECURITY_HEADERS)
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            f"img-src 'self' data:; connect-src 'self' {websocket_url}; frame-ancestors 'none'"
        )
        return response

    def run(self) -> None:
        """Serve until Ctrl-C or SIGTERM; each session's app is asked to quit on the way out."""
        self.initialize_logging()
        web.run_app(self._make_app(), sock=self.sock, print=None, access_log=None, shutdown_timeout=EXIT_TIMEOUT + 1)
