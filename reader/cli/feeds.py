"""Commands on feeds: refresh, feeds (list, set, remove)."""

from __future__ import annotations

import sys

import click

from reader.cli.base import LibraryContext, cli, echo_error, echo_line, library_context, pass_context, print_json


@cli.command()
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=30.0,
    show_default=True,
    help="Seconds allowed for each feed's request.",
)
@click.option("--quiet", "-q", is_flag=True, help="Print only failures.")
@pass_context
def refresh(context: LibraryContext, timeout: float, quiet: bool) -> None:
    """Fetch every subscribed feed, concurrently, and store new entries.

    Needs no terminal, so it runs from cron; an open reader keeps working
    meanwhile. Each feed that fails is named on stderr with the reason. Exits
    with 0 when every feed was refreshed, 1 when some failed.
    """
    from reader.ingest.fetch import FetchLimits
    from reader.operations import refresh_feeds

    with context.open_library(for_writing=True) as library:
        report = refresh_feeds(library, limits=FetchLimits(timeout=timeout))
    for outcome in report.failures:
        echo_error(outcome.describe())
    if not quiet:
        click.echo(report.summary())
    if report.failures:
        sys.exit(1)


@cli.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON (a list of feeds).")
@click.pass_context
def feeds(ctx: click.Context, as_json: bool) -> None:
    """List subscribed feeds with how their last refresh went.

    Each line gives the feed's title and URL, when it last worked, and its
    last error with the number of failures in a row.
    """
    if ctx.invoked_subcommand is not None:
        return
    from reader.store.feeds import list_feeds

    with library_context(ctx).open_library() as library:
        subscribed = list_feeds(library)
    if as_json:
        print_json([feed.to_json() for feed in subscribed])
        return
    for feed in subscribed:
        flags = " [full text]" if feed.full_text else ""
        tags = f"  #{' #'.join(feed.tags)}" if feed.tags else ""
        echo_line(f"{feed.title or '(not fetched yet)'}{flags}{tags}")
        echo_line(f"  {feed.url}")
        state = f"  last success: {feed.last_success or 'never'}"
        if feed.last_error:
            state += f"; failing ({feed.failures} in a row): {feed.last_error}"
        if feed.retry_at:
            state += f"; not fetched before {feed.retry_at}, as the server asked"
        echo_line(state)


@feeds.command(name="set")
@click.argument("url")
@click.option(
    "--full-text/--summary",
    default=None,
    help="Fetch each new entry's linked page for its full text, or keep the feed's own text.",
)
@pass_context
def feeds_set(context: LibraryContext, url: str, full_text: bool | None) -> None:
    """Change how one subscribed feed is fetched."""
    from reader.store.feeds import set_full_text

    if full_text is None:
        raise click.UsageError("say what to change: --full-text or --summary")
    with context.open_library() as library:
        if not set_full_text(library, url, full_text):
            raise click.ClickException(f"not subscribed to {url}")
    echo_line(f"{url}: {'full text' if full_text else 'summary'}")


@feeds.command(name="remove")
@click.argument("url")
@pass_context
def feeds_remove(context: LibraryContext, url: str) -> None:
    """Unsubscribe from a feed; its articles stay in the library."""
    from reader.store.feeds import unsubscribe

    with context.open_library() as library:
        if not unsubscribe(library, url):
            raise click.ClickException(f"not subscribed to {url}")
    echo_line(f"{url}: unsubscribed")
