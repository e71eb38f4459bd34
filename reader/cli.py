"""The ``reader`` command line: the only module that wires the core and the TUI together."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from reader import __version__
from reader.paths import DB_ENV_VAR, resolve_db_path
from reader.text.sanitize import strip_control


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
    # A file path is the one field not cleaned at import: it names the user's own file.
    click.echo(strip_control(" · ".join(detail for detail in details if detail)))
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


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON (a list of stories with their articles).")
@click.option("--min-size", type=click.IntRange(min=1), default=1, show_default=True,
              help="Only stories told by at least N articles.")
@click.option("--rebuild", is_flag=True, help="Regroup every article first (keeps your splits and merges).")
@pass_context
def stories(context: _Context, as_json: bool, min_size: int, rebuild: bool) -> None:
    """List stories: the same news from many outlets, folded into one entry."""
    from reader import stories as grouping

    with context.open_library() as library:
        if rebuild:
            count = grouping.rebuild(library)
            click.echo(f"{count} stories", err=as_json)
        found = grouping.list_stories(library, min_size=min_size)
    if as_json:
        _print_json([story.to_json() for story in found])
        return
    for story in found:
        click.echo(f"{story.id:>6}  {(story.last_seen or '')[:10]:<10}  {story.size:>3}  {story.title}")


class _StoryGroup(click.Group):
    """``reader story ID`` shows a story; ``reader story split|merge ...`` changes one."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = ["show", *args]
        return super().parse_args(ctx, args)


@cli.group(cls=_StoryGroup)
def story() -> None:
    """Show one story (reader story ID), split an article out of it, or merge two stories."""


@story.command(name="show")
@click.argument("story_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print JSON (the story, its articles and figures).")
@pass_context
def story_show(context: _Context, story_id: int, as_json: bool) -> None:
    """Show one story: its articles by date and the figures its sources give."""
    from reader.stories import get_story, story_figures

    with context.open_library() as library:
        found = get_story(library, story_id)
        if found is None:
            raise click.ClickException(f"no story with id {story_id}")
        figures = story_figures(library, found)
    if as_json:
        _print_json(found.to_json() | {"figures": figures})
        return
    click.echo(found.title)
    click.echo(f"{found.size} articles, {found.first_seen or '?'} to {found.last_seen or '?'}")
    click.echo()
    for article in found.articles:
        click.echo(f"{article.id:>6}  {(article.published or '')[:10]:<10}  {(article.source or '')[:18]:<18}  {article.title}")
    for fact in figures:
        if fact["disputed"]:
            given = ", ".join(_amount(value["value"], value["unit"]) for value in fact["values"])
            click.echo(f"figures differ: {given}")


def _amount(value: float, unit: str | None) -> str:
    """65e9, "USD" -> "65 bn USD"."""
    for scale, word in ((1e12, "tn"), (1e9, "bn"), (1e6, "M")):
        if abs(value) >= scale:
            return f"{value / scale:g} {word} {unit or ''}".strip()
    return f"{value:g} {unit or ''}".strip()


@story.command()
@click.argument("article_id", type=int)
@pass_context
def split(context: _Context, article_id: int) -> None:
    """Take an article out of its story; later grouping keeps it apart."""
    from reader.stories import split_article

    with context.open_library() as library:
        try:
            story_id = split_article(library, article_id)
        except KeyError:
            raise click.ClickException(f"no article with id {article_id}") from None
    click.echo(f"article {article_id} is now story {story_id}")


@story.command()
@click.argument("story_ids", nargs=2, type=int)
@pass_context
def merge(context: _Context, story_ids: tuple[int, int]) -> None:
    """Fold the second story into the first; later grouping keeps them together."""
    from reader.stories import merge_stories

    with context.open_library() as library:
        try:
            merge_stories(library, *story_ids)
        except KeyError as error:
            raise click.ClickException(f"no story with id {error.args[0]}") from None
        except ValueError as error:
            raise click.ClickException(str(error)) from None
    click.echo(f"story {story_ids[1]} merged into story {story_ids[0]}")


def main() -> None:
    """Entry point of the ``reader`` console script."""
    cli(prog_name="reader")
