"""``reader serve``: the reader in a browser, on the same library as the terminal."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import click

from reader.cli.base import LibraryContext, cli, pass_context

TOKEN_ENV_VAR = "READER_TOKEN"


def session_command(db_path: Path, *, allow_import: bool) -> str:
    """The shell command run for each browser tab: this reader's app, on the same library."""
    import_flag = "--allow-import" if allow_import else "--no-import"
    command = [sys.executable, "-m", "reader", "--db", str(db_path.absolute()), "serve", "--session", import_flag]
    return f"exec {shlex.join(command)}"  # the app is the process itself, not a shell's child


def _host_port(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on; 0.0.0.0 for every one.")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8765,
    show_default=True,
    help="Port to listen on (0: any free one).",
)
@click.option(
    "--token",
    envvar=TOKEN_ENV_VAR,
    help=f"Access token every browser must bring (or set ${TOKEN_ENV_VAR}); made up at start for a non-loopback host.",
)
@click.option(
    "--allow-import/--no-import",
    "allow_import",
    default=None,
    help="Let the browser add files, folders and feeds with `a` (default: only when serving on a loopback address).",
)
@click.option(
    "--session",
    is_flag=True,
    hidden=True,
    help="Run one browser tab's app over stdin and stdout (the server starts these).",
)
@pass_context
def serve(
    context: LibraryContext, host: str, port: int, token: str | None, allow_import: bool | None, session: bool
) -> None:
    """Serve the reader to a web browser: every screen, key and mouse action.

    Each tab gets its own session on the same library, which the terminal
    reader and `reader refresh` keep using meanwhile; a change made in one
    shows in the others when they next read the list (ctrl+l).

    Safe by default: it listens on 127.0.0.1. Any other host needs an access
    token, made up and printed in the address to open (`?token=...`) unless
    given; after the first page a cookie carries it, and a request without it
    gets a 401. On another host, `a` cannot name files on this machine unless
    --allow-import; `o` opens links in the reader's own browser.
    """
    if session:
        from reader.tui.app import ReaderApp

        ReaderApp(context.db_path, allow_import=bool(allow_import)).run()
        return

    from reader.tui.web import ReaderServer, bind, is_loopback, new_token, page_urls

    if token is not None and not token.strip():
        raise click.BadParameter("cannot be empty", param_hint="--token")
    local = is_loopback(host)
    if token is None and not local:
        token = new_token()
    if allow_import is None:
        allow_import = local
    context.open_library().close()  # a library that cannot be opened stops here, not in every tab
    try:
        sock = bind(host, port)
    except OSError as error:
        raise click.ClickException(f"cannot listen on {_host_port(host, port)}: {error.strerror or error}") from None
    port = sock.getsockname()[1]
    urls = page_urls(host, port, token)
    click.echo(f"Serving the library {context.db_path} at")
    click.echo(f"  {urls[0]}")
    for url in urls[1:]:
        click.echo(f"  {url}   (from another machine)")
    if token:
        click.echo("The address holds the access token: give it only to those who may read this library.")
    if allow_import:
        click.echo("Adding files and feeds from the browser (a) is on.")
    else:
        click.echo("Adding files and feeds from the browser (a) is off; --allow-import turns it on.")
    click.echo("Press Ctrl+C to stop.")
    ReaderServer(session_command(context.db_path, allow_import=allow_import), sock, token=token).run()
