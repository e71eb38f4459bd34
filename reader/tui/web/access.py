"""Who may use a served reader: loopback addresses, the access token, the cookie that carries it."""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from urllib.parse import urlsplit

from aiohttp import hdrs, web
from aiohttp.typedefs import Handler, Middleware

TOKEN_PARAMETER = "token"
REFUSED = "401: this reader needs its access token. Open the address `reader serve` printed, with its ?token=...\n"
WRONG_HOST = "403: this reader answers only at a loopback address (127.0.0.1, localhost, [::1]).\n"
CROSS_SITE = "403: this reader takes no connections from other sites.\n"


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or an address, IPv6 with or without brackets) is this machine only."""
    host = host.strip("[]")
    if host.casefold() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def is_unspecified(host: str) -> bool:
    """Whether ``host`` means every address of the machine (``0.0.0.0``, ``::``)."""
    try:
        return ipaddress.ip_address(host.strip("[]")).is_unspecified
    except ValueError:
        return False


def new_token() -> str:
    """A fresh, unguessable access token, fit for a URL."""
    return secrets.token_urlsafe(24)


def cookie_name(port: int) -> str:
    """The cookie holding the token; one per port, since browsers share cookies across a host's ports."""
    return f"reader_token_{port}"


def _host_name(netloc: str) -> str:
    """The host part of ``host[:port]`` or ``[v6]:port``."""
    return urlsplit(f"//{netloc}").hostname or ""


def _matches(given: str | None, token: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode(), token.encode())


def access_middleware(token: str | None, port: int) -> Middleware:
    """An aiohttp middleware guarding every route (page, static files, websocket, downloads).

    With a ``token``, a request is let in when its ``?token=`` or its cookie
    holds it; the page opened with ``?token=`` sets the cookie (HttpOnly,
    SameSite=Strict) and sends the browser on to the same address without the
    token. Anything else gets a 401 that says nothing of the library. Without
    one (a loopback bind), only requests naming a loopback host are answered,
    which keeps pages of other sites out through DNS rebinding. A websocket
    opened from another site's page is refused in both cases.
    """
    cookie = cookie_name(port)

    @web.middleware
    async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
        origin = request.headers.get(hdrs.ORIGIN)
        if origin is not None and urlsplit(origin).netloc != request.host:
            return web.Response(status=403, text=CROSS_SITE)
        if token is None:
            if not is_loopback(_host_name(request.host)):
                return web.Response(status=403, text=WRONG_HOST)
            return await handler(request)
        if _matches(request.query.get(TOKEN_PARAMETER), token):
            if request.method == hdrs.METH_GET and request.path == "/":
                query = {name: value for name, value in request.query.items() if name != TOKEN_PARAMETER}
                response = web.HTTPSeeOther(request.rel_url.with_query(query))
                response.set_cookie(cookie, token, httponly=True, samesite="Strict", path="/")
                return response
            return await handler(request)
        if _matches(request.cookies.get(cookie), token):
            return await handler(request)
        return web.Response(status=401, text=REFUSED)

    return guard
