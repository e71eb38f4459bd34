"""The ``reader`` command line: the only module that wires the core and the TUI together."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from reader import __version__
from reader.paths import DB_ENV_VAR, resolve_db_path
from reader.text.sanitize import strip_control

if TYPE_CHECKING:
    from reader.store import Library


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
@click.argument("inputs", nargs=-1, required=True)
@click.option("--quiet", "-q", is_flag=True, help="Print only failures and the summary.")
@pass_context
def add(context: _Context, inputs: tuple[str, ...], quiet: bool) -> None:
    """Import articles from files and folders, and subscribe to feeds.

    INPUTS are files or folders (searched recursively) of .txt, .md, .html or
    .htm files, gzipped or not; feed URLs (http:// or https://), subscribed to
    and fetched at once; and subscription lists: .opml files (folders become
    tags) and newsboat "urls" files, whose feeds `reader refresh` then fetches.
    The same content is never stored twice; a file that changed since it was
    imported updates its article. Exits with 1 when any input failed (the
    others are stored all the same).
    """
    from reader.ingest.opml import is_subscription_list

    urls = [item for item in inputs if item.startswith(("http://", "https://"))]
    lists = [Path(item) for item in inputs if item not in urls and is_subscription_list(Path(item))]
    paths = [Path(item) for item in inputs if item not in urls and Path(item) not in lists]
    failed = False
    with context.open_library() as library:
        if lists:
            failed |= _import_subscription_lists(library, lists)
        if urls:
            failed |= _subscribe(library, urls, quiet)
        if paths:
            failed |= _import_files(library, paths, quiet)
    if failed:
        sys.exit(1)


def _import_files(library: Library, paths: list[Path], quiet: bool) -> bool:
    """Import files and folders; return whether any failed."""
    from reader.ingest.pipeline import Status, import_paths
    from reader.progress import import_progress

    with import_progress(enabled=not quiet) as on_progress:
        report = import_paths(library, paths, on_progress=on_progress)
    for result in report.results:
        if result.status is Status.FAILED:
            click.echo(f"error: {result.describe()}", err=True)
        elif result.status is Status.SKIPPED and not quiet:
            click.echo(f"skipped: {result.describe()}", err=True)
    click.echo(report.summary())
    return bool(report.failures)


def _subscribe(library: Library, urls: list[str], quiet: bool) -> bool:
    """Subscribe to feed URLs and fetch them; return whether any failed."""
    from reader.refresh import subscribe_and_refresh

    report = subscribe_and_refresh(library, urls)
    for outcome in report.outcomes:
        if outcome.error:
            click.echo(f"error: {outcome.describe()} (not subscribed)", err=True)
        elif not quiet:
            click.echo(f"subscribed: {outcome.describe()}")
    return bool(report.failures)


def _import_subscription_lists(library: Library, lists: list[Path]) -> bool:
    """Subscribe to the feeds of OPML and newsboat files; return whether any file failed."""
    from reader.ingest.errors import IngestError
    from reader.ingest.opml import read_subscription_list
    from reader.store.feeds import subscribe

    failed = False
    for path in lists:
        try:
            subscriptions = read_subscription_list(path)
        except IngestError as error:
            click.echo(f"error: {path}: {error}", err=True)
            failed = True
            continue
        with library.transaction():
            new = sum(
                subscribe(library, item.url, title=item.title, tags=list(item.tags))[1] for item in subscriptions
            )
        click.echo(f"{path}: {new} feeds subscribed, {len(subscriptions) - new} already (run `reader refresh`)")
    return failed


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
        figures = library.figures(article_id) if article is not None else []
    if article is None:
        raise click.ClickException(f"no article with id {article_id}")
    if as_json:
        _print_json({**article.to_json(with_text=True), "figures": [figure.to_json() for figure in figures]})
        return
    click.echo(article.title)
    details = [article.source, article.author, article.published, article.lang, article.url or article.path]
    # A file path is the one field not cleaned at import: it names the user's own file.
    click.echo(strip_control(" · ".join(detail for detail in details if detail)))
    click.echo()
    click.echo(article.text)
    key_figures = [figure for figure in figures if figure.kind not in ("date", "number")]
    if key_figures:
        click.echo()
        click.echo("Key figures:")
        for figure in key_figures:
            click.echo(f"  {_describe_figure(figure)}")


def _describe_figure(figure) -> str:
    """One line for a person: the figure as written, then what it means."""
    if figure.low is not None and figure.high is not None:
        meaning = f"{figure.kind} {figure.low:g}..{figure.high:g}"
    elif figure.value is not None and figure.kind != "date":
        meaning = f"{figure.kind} {figure.value:g}"
    else:
        meaning = figure.kind
    details = [figure.currency or figure.unit, figure.approx]
    if figure.si_unit and figure.si_unit != figure.unit:
        details.append(f"= {figure.si_value:g} {figure.si_unit}")
    from reader.text.sanitize import strip_control

    written = strip_control(figure.text).replace("\n", " ")  # the input is untrusted
    return f"{written}  ({' '.join([meaning, *(d for d in details if d)])})"


@cli.command()
@click.argument("file", type=click.File("r", encoding="utf-8", errors="replace"), default="-")
@click.option(
    "--lang",
    type=click.Choice(["auto", "fr", "en"]),
    default="auto",
    show_default=True,
    help="Language of the text: decides ambiguous notation such as 1,300 and billion.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON (a list of figures).")
def figures(file, lang: str, as_json: bool) -> None:
    """Print the key figures of a text file (or of standard input with -).

    Works on any text, without a library: amounts of money, percentages,
    quantities, multipliers, ranges and dates, with their values normalised.
    """
    from reader.text.figures import extract_figures

    found = extract_figures(file.read(), lang)
    if as_json:
        _print_json([figure.to_json() for figure in found])
        return
    for figure in found:
        click.echo(f"{figure.start:>7}  {_describe_figure(figure)}")


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


@cli.command()
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True, help="Seconds allowed for each feed's request.")
@click.option("--quiet", "-q", is_flag=True, help="Print only failures.")
@pass_context
def refresh(context: _Context, timeout: float, quiet: bool) -> None:
    """Fetch every subscribed feed, concurrently, and store new entries.

    Needs no terminal, so it runs from cron; an open reader keeps working
    meanwhile. Each feed that fails is named on stderr with the reason. Exits
    with 0 when every feed was refreshed, 1 when some failed.
    """
    from reader.ingest.fetch import FetchLimits
    from reader.refresh import refresh_feeds

    with context.open_library() as library:
        report = refresh_feeds(library, limits=FetchLimits(timeout=timeout))
    for outcome in report.failures:
        click.echo(f"error: {outcome.describe()}", err=True)
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

    with ctx.find_object(_Context).open_library() as library:
        subscribed = list_feeds(library)
    if as_json:
        _print_json([feed.to_json() for feed in subscribed])
        return
    for feed in subscribed:
        flags = " [full text]" if feed.full_text else ""
        tags = f"  #{' #'.join(feed.tags)}" if feed.tags else ""
        click.echo(f"{feed.title or '(not fetched yet)'}{flags}{tags}\n  {feed.url}")
        state = f"  last success: {feed.last_success or 'never'}"
        if feed.last_error:
            state += f"; failing ({feed.failures} in a row): {feed.last_error}"
        if feed.retry_at:
            state += f"; not fetched before {feed.retry_at}, as the server asked"
        click.echo(state)


@feeds.command(name="set")
@click.argument("url")
@click.option("--full-text/--summary", default=None, help="Fetch each new entry's linked page for its full text, or keep the feed's own text.")
@pass_context
def feeds_set(context: _Context, url: str, full_text: bool | None) -> None:
    """Change how one subscribed feed is fetched."""
    from reader.store.feeds import set_full_text

    if full_text is None:
        raise click.UsageError("say what to change: --full-text or --summary")
    with context.open_library() as library:
        if not set_full_text(library, url, full_text):
            raise click.ClickException(f"not subscribed to {url}")
    click.echo(f"{url}: {'full text' if full_text else 'summary'}")


@feeds.command(name="remove")
@click.argument("url")
@pass_context
def feeds_remove(context: _Context, url: str) -> None:
    """Unsubscribe from a feed; its articles stay in the library."""
    from reader.store.feeds import unsubscribe

    with context.open_library() as library:
        if not unsubscribe(library, url):
            raise click.ClickException(f"not subscribed to {url}")
    click.echo(f"{url}: unsubscribed")


@cli.command()
@click.option("--format", "format_", type=click.Choice(["opml"]), required=True, help="What to export: opml (the subscribed feeds, with their tags).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file instead of stdout.")
@pass_context
def export(context: _Context, format_: str, output: Path | None) -> None:
    """Export the library: the feed subscriptions as OPML, for another reader."""
    from reader.ingest.opml import write_opml
    from reader.store.feeds import list_feeds

    with context.open_library() as library:
        document = write_opml((feed.url, feed.title, feed.tags) for feed in list_feeds(library))
    if output is None:
        click.echo(document, nl=False)
    else:
        output.write_text(document, encoding="utf-8")


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
