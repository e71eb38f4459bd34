"""Commands on articles: add, list, show, remove."""

from __future__ import annotations

import sys

import click

from reader.cli.base import LibraryContext, cli, echo_error, echo_line, pass_context, print_json
from reader.cli.figures import describe_figure
from reader.cli.targets import COUNT, ID
from reader.text.plural import counted


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--quiet", "-q", is_flag=True, help="Print only failures and the summary.")
@pass_context
def add(context: LibraryContext, inputs: tuple[str, ...], quiet: bool) -> None:
    """Import articles from files and folders, and subscribe to feeds.

    INPUTS are files or folders (searched recursively) of .txt, .md, .html or
    .htm files, gzipped or not; feed URLs (http:// or https://), or the
    address of a site that announces its feed, subscribed to and fetched at once; and subscription lists: .opml files (folders become
    tags) and newsboat "urls" files, whose feeds `reader refresh` then fetches.
    The same content is never stored twice; a file that changed since it was
    imported updates its article. Exits with 1 when any input failed (the
    others are stored all the same).
    """
    from reader.cli.progress import import_progress
    from reader.operations import Status, add_inputs

    with context.open_library(for_writing=True) as library, import_progress(enabled=not quiet) as on_progress:
        report = add_inputs(library, inputs, on_progress=on_progress)
    for listed in report.lists:
        if listed.error:
            echo_error(listed.describe())
        else:
            echo_line(f"{listed.describe()} (run `reader refresh`)")
    for outcome in report.feeds.outcomes:
        if outcome.error:
            echo_error(f"{outcome.describe()} (not subscribed)")
        elif not quiet:
            echo_line(f"subscribed: {outcome.describe()}")
    for result in report.files.results:
        if result.status is Status.FAILED:
            echo_error(result.describe())
        elif result.status is Status.SKIPPED and not quiet:
            echo_line(f"skipped: {result.describe()}", err=True)
    if report.files.results:
        click.echo(report.files.summary())
    if report.failed:
        sys.exit(1)


@cli.command(name="list")
@click.option("--limit", "-n", type=COUNT, help="Show at most N articles.")
@click.option("--source", help="Only articles from this source.")
@click.option(
    "--tag", help="Only articles with this tag or a tag under it (eco finds eco/energie), theirs or their story's."
)
@click.option("--unread", is_flag=True, help="Only unread articles.")
@click.option("--starred", is_flag=True, help="Only starred articles.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (a list of articles).")
@pass_context
def list_(
    context: LibraryContext,
    limit: int | None,
    source: str | None,
    tag: str | None,
    unread: bool,
    starred: bool,
    as_json: bool,
) -> None:
    """List articles, newest first; the filters given all apply (--unread --starred: starred and unread)."""
    with context.open_library() as library:
        articles = library.list_articles(limit=limit, source=source, tag=tag, unread=unread, starred=starred)
    if as_json:
        print_json([article.to_json() for article in articles])
        return
    for article in articles:
        published = (article.published or "")[:10]
        echo_line(
            f"{article.id:>6}  {published:<10}  {article.lang:<3}  {(article.source or '')[:18]:<18}  {article.title}"
        )


@cli.command()
@click.argument("article_id", type=ID)
@click.option("--json", "as_json", is_flag=True, help="Print JSON (the article with its text).")
@pass_context
def show(context: LibraryContext, article_id: int, as_json: bool) -> None:
    """Show one article: its metadata and cleaned text."""
    with context.open_library() as library:
        article = library.get_article(article_id)
        figures = library.figures(article_id) if article is not None else []
    if article is None:
        raise click.ClickException(f"no article with id {article_id}")
    if as_json:
        from reader.export import article_json

        print_json(article_json(article, figures))
        return
    echo_line(article.title)
    details = [article.source, article.author, article.published, article.lang, article.url or article.path]
    echo_line(" · ".join(detail for detail in details if detail))
    click.echo()
    click.echo(article.text)
    key_figures = [figure for figure in figures if figure.kind not in ("date", "number")]
    if key_figures:
        click.echo()
        click.echo("Key figures:")
        for figure in key_figures:
            click.echo(f"  {describe_figure(figure)}")


@cli.command()
@click.argument("article_ids", nargs=-1, type=ID)
@click.option("--source", help="Remove every article of this source.")
@pass_context
def remove(context: LibraryContext, article_ids: tuple[int, ...], source: str | None) -> None:
    """Remove articles by id, or every article of a source."""
    if not article_ids and not source:
        raise click.UsageError("name article ids or a --source")
    from reader.operations import remove_articles, remove_source

    with context.open_library(for_writing=True) as library:
        removed = remove_articles(library, article_ids)
        if source:
            removed += remove_source(library, source)
    missing = len(article_ids) - removed if not source else 0
    click.echo(f"{counted(removed, 'article')} removed")
    if missing > 0:
        echo_error(f"{missing:,} of the ids named {'is' if missing == 1 else 'are'} not in the library")
        sys.exit(1)
