"""What the user made of a library, out and back in: export (OPML or JSON) and import-state."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from reader.cli.base import LibraryContext, cli, echo_error, echo_line, pass_context


@cli.command()
@click.option(
    "--format",
    "format_",
    type=click.Choice(["opml", "json", "jsonl"]),
    required=True,
    help="opml: the subscribed feeds with their tags, for another reader; json: your state, for `reader import-state`; "
    "jsonl: the articles matching QUERY (all without one), one JSON object per line.",
)
@click.argument("query", required=False)
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file instead of stdout."
)
@pass_context
def export(context: LibraryContext, format_: str, query: str | None, output: Path | None) -> None:
    """Export the feed subscriptions as OPML, everything you made of the library as JSON, or articles as JSON Lines.

    The JSON holds the articles you tagged (or whose story you tagged), read or
    starred, each with its URL, content hash and title; your saved searches and
    rules; your feeds. `reader import-state` puts it back onto a library.

    JSON Lines gives each article matching QUERY (written as for `reader
    search`), newest first, as `reader show ID --json` prints it: with its
    text and key figures. Exits with 2 for a query that cannot mean anything.
    """
    if query is not None and format_ != "jsonl":
        raise click.UsageError("a QUERY only selects articles for --format jsonl")
    if format_ == "jsonl":
        _export_articles(context, query, output)
        return
    with context.open_library() as library:
        if format_ == "opml":
            from reader.ingest.opml import write_opml
            from reader.store.feeds import list_feeds

            document = write_opml((feed.url, feed.title, feed.tags) for feed in list_feeds(library))
        else:
            from reader.state import export_state

            document = json.dumps(export_state(library), ensure_ascii=False, indent=2) + "\n"
    if output is None:
        click.echo(document, nl=False)
    else:
        output.write_text(document, encoding="utf-8")


def _export_articles(context: LibraryContext, query: str | None, output: Path | None) -> None:
    """Write the articles matching ``query`` as JSON Lines, one at a time."""
    from reader.export import article_records
    from reader.search import QueryError

    with context.open_library() as library, click.open_file(str(output or "-"), "w", encoding="utf-8") as stream:
        try:
            for record in article_records(library, query):
                stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        except QueryError as error:
            echo_error(str(error))
            sys.exit(2)


@cli.command(name="import-state")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@pass_context
def import_state(context: LibraryContext, file: Path) -> None:
    """Restore the state exported with `reader export --format json` onto this library.

    Articles are found by content hash, else by URL (import the same sources
    first); their tags are added and read/starred set, never taken away.
    Saved searches, rules and feeds come back too. Running it twice changes
    nothing more. Articles not found are named on stderr.
    """
    from reader.ingest.errors import IngestError
    from reader.ingest.files import read_input
    from reader.state import StateError, restore_state

    try:
        state = json.loads(read_input(file).decode("utf-8"))  # through the import's cap, a pipe too
    except IngestError as error:
        raise click.ClickException(f"{file}: {error}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise click.ClickException(f"{file}: not a JSON state file ({error})") from None
    with context.open_library() as library:
        try:
            report = restore_state(library, state)
        except StateError as error:
            raise click.ClickException(f"{file}: {error}") from None
    for article in report.unmatched:
        url = f" <{article['url']}>" if article.get("url") else ""
        echo_line(f"not found: {article.get('title') or article.get('content_hash')}{url}", err=True)
    click.echo(report.summary())
