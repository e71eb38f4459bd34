"""``reader search`` and ``reader reindex``."""

from __future__ import annotations

import sys

import click

from reader.cli.base import LibraryContext, cli, echo_error, echo_line, pass_context, print_json
from reader.cli.targets import COUNT
from reader.text.plural import counted

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
  tag:NAME           tagged NAME or a tag under it (NAME/...), itself or its story
  lang:fr, lang:en   in that language
  story:N            in story N
  is:unread, is:read, is:starred
  after:DATE, before:DATE   DATE is YYYY, YYYY-MM or YYYY-MM-DD (inclusive)

Case, accents, plurals and French elisions do not matter: "donnees" finds
"données", "l'IA" finds "l’IA". A query is read up to 1,000 characters, 64
terms and 16 words a phrase; what lies beyond is left out, and stderr says so.
Exits with 2 for a query that cannot mean anything (a story number or a date
out of range too).
"""


@cli.command(help=_SEARCH_HELP)
@click.argument("query")
@click.option("--limit", "-n", type=COUNT, default=20, show_default=True, help="Show at most N hits.")
@click.option("--stories", is_flag=True, help="One line per story, with its number of sources.")
@click.option("--json", "as_json", is_flag=True, help='Print JSON: {"hits": [...], "total": N, "suggestions": [...]}.')
@pass_context
def search(context: LibraryContext, query: str, limit: int, stories: bool, as_json: bool) -> None:
    from reader.search import QueryError
    from reader.search import search as run_search

    with context.open_library() as library:
        try:
            result = run_search(library, query, limit=limit, stories=stories)
        except QueryError as error:
            echo_error(str(error))
            sys.exit(2)
    if result.notice:
        echo_line(result.notice, err=True)
    if as_json:
        print_json(result.to_json())
        return
    for hit in result.hits:
        published = (hit.article.published or "")[:10]
        sources = f"  [{counted(hit.sources, 'source')}]" if hit.sources is not None else ""
        echo_line(
            f"{hit.article.id:>6}  {published:<10}  {(hit.article.source or '')[:18]:<18}  {hit.article.title}{sources}"
        )
        click.echo(
            f"        {hit.snippet.marked(click.style('', bold=True, reset=False), click.style('', reset=True))}"
        )
    click.echo(f"{result.total} found", err=True)
    if result.suggestions:
        click.echo(f"did you mean: {', '.join(result.suggestions)}?", err=True)


@cli.command()
@pass_context
def reindex(context: LibraryContext) -> None:
    """Rebuild the search index from every article's stored text."""
    with context.open_library() as library:
        count = library.reindex()
    click.echo(f"{counted(count, 'article')} indexed")
