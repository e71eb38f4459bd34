"""The ``reader`` command line: the only module that wires the core and the TUI together."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from reader import __version__
from reader.paths import DB_ENV_VAR, resolve_db_path


class _Context:
    """What every command needs: where the library is."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path

    def open_library(self):
        from reader.store import Library

        try:
            return Library(self.db_path)
        except Exception as error:  # a corrupt or unreadable file, a read-only folder...
            raise click.ClickException(f"cannot open the library {self.db_path}: {error}") from error


pass_context = click.make_pass_decorator(_Context)


def _print_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    "db",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar=DB_ENV_VAR,
    help=f"Library file (default: your data folder; or set ${DB_ENV_VAR}).",
)
@click.version_option(__version__, "--version", prog_name="reader")
@click.pass_context
def cli(ctx: click.Context, db: Path | None) -> None:
    """A terminal news desk.

    With no command, opens the reader on your library. A new, empty library
    starts with the bundled sample articles.
    """
    ctx.obj = _Context(resolve_db_path(db))
    if ctx.invoked_subcommand is None:
        from reader.tui.app import ReaderApp

        ReaderApp(ctx.obj.db_path).run()


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--quiet", "-q", is_flag=True, help="Print only failures and the summary.")
@pass_context
def add(context: _Context, paths: tuple[Path, ...], quiet: bool) -> None:
    """Import articles from files and folders.

    PATHS are files or folders (searched recursively) of .txt, .md, .html or
    .htm files, gzipped or not. The same content is never stored twice; a file
    that changed since it was imported updates its article. Exits with 1 when
    any input failed (the others are stored all the same).
    """
    from reader.ingest.pipeline import Status, import_paths
    from reader.progress import import_progress

    with context.open_library() as library, import_progress(enabled=not quiet) as on_progress:
        report = import_paths(library, paths, on_progress=on_progress)
    for result in report.results:
        if result.status is Status.FAILED:
            click.echo(f"error: {result.describe()}", err=True)
        elif result.status is Status.SKIPPED and not quiet:
            click.echo(f"skipped: {result.describe()}", err=True)
    click.echo(report.summary())
    if report.failures:
        sys.exit(1)


@cli.command(name="list")
@click.option("--limit", "-n", type=click.IntRange(min=1), help="Show at most N articles.")
@click.option("--source", help="Only articles from this source.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (a list of articles).")
@pass_context
def list_(context: _Context, limit: int | None, source: str | None, as_json: bool) -> None:
    """List articles, newest first."""
    with context.open_library() as library:
        articles = library.list_articles(limit=limit, source=source)
    if as_json:
        _print_json([article.to_json() for article in articles])
        return
    for article in articles:
        published = (article.published or "")[:10]
        click.echo(
            f"{article.id:>6}  {published:<10}  {article.lang:<3}  "
            f"{(article.source or '')[:18]:<18}  {article.title}"
        )


@cli.command()
@click.argument("article_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print JSON (the article with its text).")
@pass_context
def show(context: _Context, article_id: int, as_json: bool) -> None:
    """Show one article: its metadata and cleaned text."""
    with context.open_library() as library:
        article = library.get_article(article_id)
    if article is None:
        raise click.ClickException(f"no article with id {article_id}")
    if as_json:
        _print_json(article.to_json(with_text=True))
        return
    click.echo(article.title)
    details = [article.source, article.author, article.published, article.lang, article.url or article.path]
    click.echo(" · ".join(detail for detail in details if detail))
    click.echo()
    click.echo(article.text)


@cli.command()
@click.argument("article_ids", nargs=-1, type=int)
@click.option("--source", help="Remove every article of this source.")
@pass_context
def remove(context: _Context, article_ids: tuple[int, ...], source: str | None) -> None:
    """Remove articles by id, or every article of a source."""
    if not article_ids and not source:
        raise click.UsageError("name article ids or a --source")
    with context.open_library() as library:
        removed = library.remove_articles(article_ids)
        if source:
            removed += library.remove_source(source)
    missing = len(article_ids) - removed if not source else 0
    click.echo(f"{removed} removed")
    if missing > 0:
        click.echo(f"error: {missing} of the ids named are not in the library", err=True)
        sys.exit(1)


_SEARCH_HELP = """Search the library, best matches first.

\b
QUERY is words (all must match) and any of:
  "exact phrase"     the words in this order
  prefix*            words starting with prefix
  a OR b             either (OR in capitals)
  -word, NOT word    leave out articles with it
  ( ... )            grouping
  title:WORD         in the title only (title:"a phrase" too)
  source:NAME        from a source whose name contains NAME
  tag:NAME           tagged NAME
  lang:fr, lang:en   in that language
  story:N            in story N
  is:unread, is:read, is:starred
  after:DATE, before:DATE   DATE is YYYY, YYYY-MM or YYYY-MM-DD (inclusive)

Case, accents, plurals and French elisions do not matter: "donnees" finds
"données", "l'IA" finds "l’IA". Exits with 2 for a query that cannot mean
anything.
"""


@cli.command(help=_SEARCH_HELP)
@click.argument("query")
@click.option("--limit", "-n", type=click.IntRange(min=1), default=20, show_default=True, help="Show at most N hits.")
@click.option("--stories", is_flag=True, help="One line per story, with its number of sources.")
@click.option("--json", "as_json", is_flag=True, help='Print JSON: {"hits": [...], "total": N, "suggestions": [...]}.')
@pass_context
def search(context: _Context, query: str, limit: int, stories: bool, as_json: bool) -> None:
    from reader.search import QueryError
    from reader.search import search as run_search

    with context.open_library() as library:
        try:
            result = run_search(library, query, limit=limit, stories=stories)
        except QueryError as error:
            click.echo(f"error: {error}", err=True)
            sys.exit(2)
    if as_json:
        _print_json(result.to_json())
        return
    for hit in result.hits:
        published = (hit.article.published or "")[:10]
        sources = f"  [{hit.sources} sources]" if hit.sources is not None else ""
        click.echo(f"{hit.article.id:>6}  {published:<10}  {(hit.article.source or '')[:18]:<18}  {hit.article.title}{sources}")
        click.echo(f"        {hit.snippet.marked(click.style('', bold=True, reset=False), click.style('', reset=True))}")
    click.echo(f"{result.total} found", err=True)
    if result.suggestions:
        click.echo(f"did you mean: {', '.join(result.suggestions)}?", err=True)


@cli.command()
@pass_context
def reindex(context: _Context) -> None:
    """Rebuild the search index from every article's stored text."""
    with context.open_library() as library:
        count = library.reindex()
    click.echo(f"{count} articles indexed")


def main() -> None:
    """Entry point of the ``reader`` console script."""
    cli(prog_name="reader")
