"""Marking articles: read, unread, star, unstar."""

from __future__ import annotations

import sys
from collections.abc import Callable

import click

from reader.cli.base import LibraryContext, cli, echo_error, echo_line, pass_context, print_json
from reader.cli.targets import TARGET_FORMS, parse_target
from reader.text.plural import counted

_MARK_HELP = f"""TARGET is {TARGET_FORMS} (every article of the story); --query
adds every article a search query matches (written as for `reader search`).
Everything named is changed together or not at all: an id that is not in the
library changes nothing. Exits with 2 for a query that cannot mean anything."""


def _mark_command(name: str, summary: str, done: str, **flags: bool) -> Callable[..., None]:
    """A command setting ``flags`` (read=..., starred=...) on the articles it names, saying ``N articles {done}``."""

    @cli.command(name=name, help=f"{summary}\n\n{_MARK_HELP}")
    @click.argument("targets", metavar="[TARGET]...", nargs=-1)
    @click.option("--query", help="Every article this search query matches, too.")
    @click.option("--json", "as_json", is_flag=True, help="Print JSON: the articles named, as they now are.")
    @pass_context
    def command(context: LibraryContext, targets: tuple[str, ...], query: str | None, as_json: bool) -> None:
        from reader.operations import Selection, SelectionError, mark_articles
        from reader.search import QueryError

        if not targets and query is None:
            raise click.UsageError(f"name {TARGET_FORMS}, or a --query")
        parsed = [parse_target(target) for target in targets]
        selection = Selection(
            article_ids=tuple(number for kind, number in parsed if kind == "article"),
            story_ids=tuple(number for kind, number in parsed if kind == "story"),
            query=query,
        )
        with context.open_library() as library:
            try:
                marked = mark_articles(library, selection, **flags)
            except SelectionError as error:
                raise click.ClickException(str(error)) from None
            except QueryError as error:
                echo_error(str(error))
                sys.exit(2)
            articles = [library.get_article(article_id, with_body=False) for article_id in marked.article_ids]
        if marked.notice:
            echo_line(marked.notice, err=True)
        if as_json:
            print_json([article.to_json() for article in articles if article is not None])
            return
        unchanged = len(marked.article_ids) - marked.changed
        already = f" ({unchanged:,} already {'was' if unchanged == 1 else 'were'})" if unchanged else ""
        click.echo(f"{counted(len(marked.article_ids), 'article')} {done}{already}")

    return command


read = _mark_command("read", "Mark articles read.", "marked read", read=True)
unread = _mark_command("unread", "Mark articles unread.", "marked unread", read=False)
star = _mark_command("star", "Star articles.", "starred", starred=True)
unstar = _mark_command("unstar", "Take the star off articles.", "unstarred", starred=False)
