"""``reader serve``: a real server process, driven over HTTP and websockets, and in headless Chromium.

Every server here is ``python -m reader serve --port 0`` started from the
project's folder, so it serves this checkout's code on a free port and says
which in the address it prints; requests only ever go to 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import http.client
import os
import queue
import shlex
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import aiohttp
import pytest

from reader.cli.serve import session_command
from reader.store import Library
from reader.stories.browse import story_page
from reader.tui.web import is_loopback, page_urls
from tests.builders import CHROMIUM, PROJECT_ROOT, add_article, requires_browser, run_cli

if TYPE_CHECKING:  # Playwright is imported only where a browser test runs
    from playwright.sync_api import BrowserContext, Page, ViewportSize

# Bounds, not pauses: each wait polls for its condition and gives up after this long.
STARTUP_TIMEOUT = 60.0
SCREEN_TIMEOUT = 60.0
STOP_TIMEOUT = 30.0
# Chromium as the project runs it: headless, offline, nothing started in the background.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT: ViewportSize = {"width": 1280, "height": 800}
# textual-serve keeps xterm.js's Terminal inside its bundle; the tests (only they) expose it on the page,
# to read what the terminal shows from its buffer rather than from pixels.
TERMINAL_OPENED = "this.terminal.open(e)"
READ_SCREEN = """() => {
    const terminal = window.readerTerminal;
    if (!terminal) return [];
    const buffer = terminal.buffer.active, lines = [];
    for (let row = 0; row < terminal.rows; row++) lines.push(buffer.getLine(buffer.viewportY + row).translateToString(true));
    return lines;
}"""


@dataclass
class Served:
    """A running ``reader serve`` and what it printed on its way up."""

    process: subprocess.Popen[str]
    printed: list[str]
    stderr: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        """The first address it says to open (with its token, if any)."""
        return next(line.split()[0] for line in self.printed if line.strip().startswith("http://"))

    @property
    def origin(self) -> str:
        parts = urlsplit(self.url)
        return f"{parts.scheme}://{parts.netloc}"

    @property
    def port(self) -> int:
        port = urlsplit(self.url).port
        assert port is not None
        return port

    @property
    def token(self) -> str:
        return urlsplit(self.url).query.removeprefix("token=")


def _pump(stream: Iterable[str], lines: queue.Queue[str | None]) -> None:
    for line in stream:
        lines.put(line.rstrip("\n"))
    lines.put(None)


@contextmanager
def serving(db: Path, *options: str, env: dict[str, str] | None = None) -> Iterator[Served]:
    """Start ``reader --db DB serve --port 0 OPTIONS`` in its own process group, and stop it with SIGINT."""
    process = subprocess.Popen(
        [sys.executable, "-m", "reader", "--db", str(db), "serve", "--port", "0", *options],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
        start_new_session=True,
    )
    printed: queue.Queue[str | None] = queue.Queue()
    errors: queue.Queue[str | None] = queue.Queue()
    threading.Thread(target=_pump, args=(process.stdout, printed), daemon=True).start()
    threading.Thread(target=_pump, args=(process.stderr, errors), daemon=True).start()
    served = Served(process, [])
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while not served.printed or "Ctrl+C" not in served.printed[-1]:
            line = printed.get(timeout=max(0.0, deadline - time.monotonic()))
            assert line is not None, f"reader serve ended before serving: {_drain(errors)}"
            served.printed.append(line)
        yield served
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=STOP_TIMEOUT)
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
        served.stderr = _drain(errors)


def _drain(lines: queue.Queue[str | None]) -> list[str]:
    drained: list[str] = []
    while True:
        try:
            line = lines.get(timeout=STOP_TIMEOUT)
        except queue.Empty:
            return drained
        if line is None:
            return drained
        drained.append(line)


def request(
    served: Served, path: str, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], str, list[str]]:
    """GET ``path`` from the server (redirects are not followed): status, headers, body, Set-Cookie lines."""
    connection = http.client.HTTPConnection("127.0.0.1", served.port, timeout=STARTUP_TIMEOUT)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        body = response.read().decode("utf-8", "replace")
        return response.status, dict(response.getheaders()), body, response.headers.get_all("Set-Cookie") or []
    finally:
        connection.close()


def headlines(db: Path) -> list[str]:
    """The titles of the story list, top first, as the reader shows them."""
    with Library(db) as library:
        return [row.title for row in story_page(library)]


def first_story_id(db: Path) -> int:
    with Library(db) as library:
        story_id = story_page(library)[0].story_id
    assert story_id is not None
    return story_id


def wait_until(condition: Callable[[], bool], what: str, timeout: float = SCREEN_TIMEOUT) -> None:
    """Poll ``condition`` until it holds, failing with ``what`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def group_is_gone(process: subprocess.Popen[str]) -> bool:
    """Whether no process is left in the server's process group (the server and its sessions)."""
    try:
        os.killpg(process.pid, 0)
    except ProcessLookupError:
        return True
    return False


# Without a browser ------------------------------------------------------------------------------


def test_serve_help_says_how_it_is_kept_safe() -> None:
    result = run_cli("serve", "--help")
    assert result.exit_code == 0
    for words in ("--host", "127.0.0.1", "--port", "--token", "READER_TOKEN", "--allow-import", "401"):
        assert words in result.output


def test_a_port_in_use_is_one_line_and_exit_1(db_path: Path) -> None:
    taken = socket.create_server(("127.0.0.1", 0))
    try:
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "reader", "--db", str(db_path), "serve", "--port", str(port)],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            timeout=STARTUP_TIMEOUT,
            check=False,
        )
    finally:
        taken.close()
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"error: cannot listen on 127.0.0.1:{port}: Address already in use"]
    assert result.stdout == ""


def test_a_non_loopback_host_gets_a_printed_token_and_refuses_requests_without_it(seeded: Path) -> None:
    with serving(seeded, "--host", "0.0.0.0") as served:
        assert served.url.startswith("http://127.0.0.1:") and len(served.token) >= 32
        assert any("from another machine" in line and f"?token={served.token}" in line for line in served.printed)
        assert any("(a) is off" in line for line in served.printed)
        first = headlines(seeded)[0]
        for path in ("/", "/static/js/textual.js", "/ws?width=80&height=24", "/?token=wrong"):
            status, _, body, cookies = request(served, path)
            assert status == 401 and not cookies, path
            assert "token" in body and first not in body and "Zuckerberg" not in body
        status, headers, _, cookies = request(served, f"/?token={served.token}&fontsize=14")
        assert status == 303 and headers["Location"] == "/?fontsize=14"  # the token leaves the address bar
        (cookie,) = cookies
        assert cookie.startswith(f"reader_token_{served.port}={served.token};")
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
        status, headers, body, _ = request(served, "/?fontsize=14", {"Cookie": cookie.split(";")[0]})
        assert status == 200 and "textual.js" in body and 'data-font-size="14"' in body
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        # Nothing on the page comes from elsewhere: its fonts, script and styles are served here.
        assert "https://" not in body and "fonts/RobotoMono" in body


def test_a_token_from_the_environment_guards_a_loopback_bind_too(seeded: Path) -> None:
    with serving(seeded, env={"READER_TOKEN": "a-token-of-my-own"}) as served:
        assert served.url.endswith("/?token=a-token-of-my-own")
        assert request(served, "/")[0] == 401
        assert request(served, "/?token=a-token-of-my-own")[0] == 303


def test_without_a_token_only_loopback_names_and_same_site_websockets_are_answered(seeded: Path) -> None:
    with serving(seeded) as served:
        assert "token" not in served.url
        assert request(served, "/")[0] == 200
        assert request(served, "/", {"Host": f"localhost:{served.port}"})[0] == 200
        # A page of another site reaching this one through DNS rebinding names its own host.
        status, _, body, _ = request(served, "/", {"Host": f"rebound.example:{served.port}"})
        assert status == 403 and "loopback" in body
        status, _, _, _ = request(served, "/ws", {"Origin": "http://elsewhere.example"})
        assert status == 403


@pytest.mark.parametrize("to_group", [False, True], ids=["to the server", "to its process group"])
def test_each_websocket_is_a_session_of_its_own_and_ctrl_c_ends_them_all(seeded: Path, to_group: bool) -> None:
    async def open_sessions(url: str, count: int) -> list[bytes]:
        async with aiohttp.ClientSession() as client:
            sockets = [await client.ws_connect(url, origin=served.origin) for _ in range(count)]
            screens = []
            for websocket in sockets:
                screen = b""
                while b"Zuckerberg" not in screen:  # the app drew its first screen
                    message = await websocket.receive(timeout=SCREEN_TIMEOUT)
                    assert message.type == aiohttp.WSMsgType.BINARY, message
                    screen += message.data
                screens.append(screen)
            children = _children(served.process.pid)
            assert len(children) == count, children
            if to_group:  # Ctrl-C in the server's terminal
                os.killpg(served.process.pid, signal.SIGINT)
            else:  # kill -INT of the server alone
                served.process.send_signal(signal.SIGINT)
            for websocket in sockets:
                while not websocket.closed:
                    await websocket.receive(timeout=STOP_TIMEOUT)
            return screens

    with serving(seeded) as served:
        screens = asyncio.run(open_sessions(f"{served.origin.replace('http', 'ws')}/ws?width=100&height=30", 2))
        assert len(screens) == 2
        assert served.process.wait(timeout=STOP_TIMEOUT) == 0
        wait_until(lambda: group_is_gone(served.process), "the sessions to end", timeout=STOP_TIMEOUT)
    assert served.stderr == []


def _children(pid: int) -> list[int]:
    return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def test_the_session_command_runs_this_reader_on_the_same_library(tmp_path: Path) -> None:
    library = tmp_path / "my library" / "it's here.db"
    command = session_command(library, allow_import=False)
    assert command.startswith("exec ")
    assert shlex.split(command)[1:] == [
        sys.executable,
        "-m",
        "reader",
        "--db",
        str(library),
        "serve",
        "--session",
        "--no-import",
    ]
    assert shlex.split(session_command(library, allow_import=True))[-1] == "--allow-import"


def test_loopback_hosts_and_the_addresses_printed_for_them() -> None:
    assert all(is_loopback(host) for host in ("127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]"))
    assert not any(is_loopback(host) for host in ("0.0.0.0", "::", "192.168.1.10", "example.org", ""))
    assert page_urls("127.0.0.1", 8765, None) == ["http://127.0.0.1:8765/"]
    assert page_urls("::1", 8765, "t") == ["http://[::1]:8765/?token=t"]
    here, elsewhere = page_urls("0.0.0.0", 8765, "t")
    assert here == "http://127.0.0.1:8765/?token=t"
    assert elsewhere.endswith(":8765/?token=t") and "0.0.0.0" not in elsewhere
    assert page_urls("::", 8765, "t")[0] == "http://[::1]:8765/?token=t"


# In headless Chromium ---------------------------------------------------------------------------


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[BrowserContext]:
    """A headless Chromium with a fresh profile, whose pages expose their terminal to :func:`screen`."""
    from playwright.sync_api import Route, sync_playwright

    def expose_terminal(route: Route) -> None:
        response = route.fetch()
        script = response.text()
        assert TERMINAL_OPENED in script, "textual-serve's script changed: update TERMINAL_OPENED"
        exposed = script.replace(TERMINAL_OPENED, f"{TERMINAL_OPENED},window.readerTerminal=this.terminal")
        route.fulfill(response=response, body=exposed)

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            tmp_path / "chromium-profile",
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_FLAGS,
            viewport=VIEWPORT,
        )
        context.route("**/static/js/textual.js", expose_terminal)
        try:
            yield context
        finally:
            context.close()


def screen(page: Page) -> list[str]:
    """The lines the page's terminal shows."""
    return page.evaluate(READ_SCREEN)


def wait_for_screen(page: Page, condition: Callable[[list[str]], bool], what: str) -> list[str]:
    """Poll the terminal until ``condition`` holds for its lines; fail showing the screen after a bound."""
    deadline = time.monotonic() + SCREEN_TIMEOUT
    while not condition(lines := screen(page)):
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}; the terminal shows:\n" + "\n".join(lines))
        page.wait_for_timeout(50)
    return lines


def sidebar_count(lines: list[str], name: str) -> int | None:
    """The count the sidebar gives beside ``name`` (All, Unread, Starred...), if it shows one."""
    for line in lines:
        words = line.split("▎")[0].split()
        if words[:-1] == [name] and words[-1].isdigit():
            return int(words[-1])
    return None


def preview_heading(lines: list[str]) -> str:
    """The first line of the preview pane (the highlighted story's title), under the list's bottom edge."""
    edge = next(index for index, line in enumerate(lines) if "▔▔▔▔" in line)
    return lines[edge + 1].replace("▎", "").strip()


def open_reader(browser: BrowserContext, url: str) -> Page:
    """A new tab on ``url``, once the story list has the keyboard, with the keyboard in its terminal.

    A key typed before the list has the focus would go nowhere: the footer offers
    the list's own keys (enter: Open) once it has it.
    """
    page = browser.new_page()
    page.goto(url)
    wait_for_screen(page, lambda lines: any("▔▔▔▔" in line for line in lines), "the reader to be drawn")
    page.focus(".xterm-helper-textarea")
    wait_for_screen(page, lambda lines: "⏎ Open" in lines[-1], "the story list to take the keyboard")
    return page


@requires_browser()
def test_the_page_shows_the_first_headline_and_j_moves_the_cursor(seeded: Path, browser: BrowserContext) -> None:
    first, second = headlines(seeded)[:2]
    with serving(seeded) as served:
        page = open_reader(browser, served.url)
        lines = wait_for_screen(page, lambda lines: preview_heading(lines) != "", "the preview")
        assert any(first[:60] in line for line in lines[:5]), "the first headline tops the list"
        assert first.startswith(preview_heading(lines))
        page.keyboard.press("j")
        wait_for_screen(
            page, lambda lines: second.startswith(preview_heading(lines)), "the cursor to reach the second story"
        )
        # The page's terminal may show a frame whose last row is not drawn yet (seen once under load): wait for it.
        wait_for_screen(
            page,
            lambda lines: "Quit" in lines[-1] and "Add" in lines[-1],
            "the footer to show the keys, importing included on 127.0.0.1",
        )


@requires_browser()
def test_with_a_token_the_page_needs_it_and_opens_with_it(seeded: Path, browser: BrowserContext) -> None:
    first = headlines(seeded)[0]
    with serving(seeded, "--token", "open-sesame") as served:
        page = browser.new_page()
        refused = page.goto(served.origin + "/")
        assert refused is not None and refused.status == 401
        assert first not in page.content() and "token" in page.content()
        page = open_reader(browser, served.url)
        assert "token" not in page.url  # the cookie carries it from here
        wait_for_screen(page, lambda lines: any(first[:60] in line for line in lines), "the first headline")


@requires_browser()
def test_tabs_have_sessions_of_their_own_that_see_each_others_changes(seeded: Path, browser: BrowserContext) -> None:
    first, second = headlines(seeded)[:2]
    with serving(seeded) as served:
        one, other = open_reader(browser, served.url), open_reader(browser, served.url)
        one.keyboard.press("j")
        wait_for_screen(one, lambda lines: second.startswith(preview_heading(lines)), "tab one's cursor to move")
        wait_for_screen(
            other,
            lambda lines: first.startswith(preview_heading(lines)) and sidebar_count(lines, "Starred") == 0,
            "tab two to show its first story and its counts, its cursor where it was",
        )
        one.keyboard.press("s")  # star the second story's article
        wait_for_screen(one, lambda lines: sidebar_count(lines, "Starred") == 1, "the star to be counted")
        other.keyboard.press("Control+l")  # read the list again
        wait_for_screen(other, lambda lines: sidebar_count(lines, "Starred") == 1, "tab two to see the star")
        # The command line writes to the library meanwhile, and the tabs read what it wrote.
        assert run_cli("tag", f"story:{first_story_id(seeded)}", "beside", db=seeded).exit_code == 0
        one.keyboard.press("Control+l")
        wait_for_screen(one, lambda lines: sidebar_count(lines, "#beside") == 4, "the tag given from the command line")


@requires_browser()
def test_o_opens_the_link_in_the_readers_own_browser(db_path: Path, browser: BrowserContext) -> None:
    with Library(db_path) as library:
        add_article(library, "A linked article", "Its text.", published="2025-03-01", url="https://news.example/a")
    browser.route("https://news.example/**", lambda route: route.fulfill(body="the article's page"))
    with serving(db_path, "--host", "0.0.0.0") as served:
        page = open_reader(browser, served.url)
        lines = wait_for_screen(page, lambda lines: preview_heading(lines) == "A linked article", "the article")
        assert "Add" not in lines[-1], "served to another host, the footer offers no import"
        with browser.expect_page(timeout=SCREEN_TIMEOUT * 1000) as opened:
            page.keyboard.press("o")
        assert opened.value.url == "https://news.example/a"
