"""Saved searches and rules: saved (add, list, rm), rules (list, apply)."""

from __future__ import annotations

import click

from reader.cli.base import LibraryContext, cli, library_context, pass_context, print_json
from reader.text.plural import counted


@cli.group()
def saved() -> None:
    """Keep searches under a name; with --tag, a saved search is a rule."""


@saved.command(name="add")
@click.argument("name")
@click.argument("query")
@click.option("--tag", "tag_name", metavar="TAG", help="Make it a rule: tag each new article it matches with TAG.")
@pass_context
def saved_add(context: LibraryContext, name: str, query: str, tag_name: str | None) -> None:
    """Save QUERY (as `reader search` reads it) under NAME, replacing a saved search of that name.

    With --tag it is a rule: every article imported from then on (files and
    feeds) that QUERY matches gets TAG. `reader rules apply NAME` tags the
    articles already in the library.
    """
    from reader.search import QueryError
    from reader.search.saved import SavedSearchError, save_search
    from reader.store.tags import TagError

    with context.open_library() as library:
        try:
            search, is_new = save_search(library, name, query, tag=tag_name)
        except (QueryError, SavedSearchError, TagError) as error:
            raise click.ClickException(str(error)) from None
    rule = f" (a rule: new matches get {search.tag})" if search.tag else ""
    click.echo(f"{'saved' if is_new else 'replaced'}: {search.name}{rule}")


@saved.command(name="list")
@click.option("--json", "as_json", is_flag=True, help='Print JSON: [{"name", "query", "tag", "total", "unread"}].')
@pass_context
def saved_list(context: LibraryContext, as_json: bool) -> None:
    """List saved searches with how many articles they match now, and how many are unread."""
    from reader.search import count
    from reader.search.saved import saved_searches

    with context.open_library() as library:
        rows = [
            search.to_json()
            | {"total": count(library, search.query), "unread": count(library, search.query, unread_only=True)}
            for search in saved_searches(library)
        ]
    if as_json:
        print_json(rows)
        return
    for row in rows:
        rule = f"  -> #{row['tag']}" if row["tag"] else ""
        click.echo(f"{row['total']:>7}  {row['unread']:>7} unread  {row['name']}: {row['query']}{rule}")


@saved.command(name="rm")
@click.argument("name")
@pass_context
def saved_rm(context: LibraryContext, name: str) -> None:
    """Forget a saved search or rule; the tags a rule gave stay."""
    from reader.search.saved import remove_saved_search

    with context.open_library() as library:
        if not remove_saved_search(library, name):
            raise click.ClickException(f"no saved search named {name!r}")
    click.echo(f"removed: {name}")


@cli.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help='Print JSON: [{"name", "query", "tag"}].')
@click.pass_context
def rules(ctx: click.Context, as_json: bool) -> None:
    """List rules: saved searches that tag each new article they match.

    Make one with `reader saved add NAME QUERY --tag TAG`.
    """
    if ctx.invoked_subcommand is not None:
        return
    from reader.search.saved import saved_searches

    with library_context(ctx).open_library() as library:
        found = saved_searches(library, rules_only=True)
    if as_json:
        print_json([rule.to_json() for rule in found])
        return
    for rule in found:
        click.echo(f"{rule.name}: {rule.query}  -> #{rule.tag}")


@rules.command(name="apply")
@click.argument("name", required=False)
@pass_context
def rules_apply(context: LibraryContext, name: str | None) -> None:
    """Apply a rule (every rule without NAME) to the articles already in the library."""
    from reader.search.saved import apply_rule, get_saved_search, saved_searches

    with context.open_library() as library:
        if name is None:
            chosen = saved_searches(library, rules_only=True)
        else:
            found = get_saved_search(library, name)
            if found is None or found.tag is None:
                raise click.ClickException(f"no rule named {name!r}")
            chosen = [found]
        for rule in chosen:
            click.echo(f"{rule.name}: {counted(apply_rule(library, rule), 'article')} tagged {rule.tag}")
