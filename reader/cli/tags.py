"""Commands on tags: tag, untag, tags (list, rename, delete)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from reader.cli.base import LibraryContext, cli, library_context, pass_context, print_json
from reader.cli.targets import parse_target
from reader.text.plural import counted

if TYPE_CHECKING:
    from reader.store import Library

_TARGET_HELP = """TARGET is an article id, or story:ID for a story: a story's tags belong to
all its articles, present and future, and are kept through `reader stories
--rebuild` and merges; an article split out of a story keeps the story's tags
it had. Tag names ignore case ("IA" and "ia" are one tag, shown as first
written); "/" makes a hierarchy: eco/energie is under eco, and tag:eco finds it."""


def _check_article(library: Library, article_id: int) -> None:
    if library.get_article(article_id, with_body=False) is None:
        raise click.ClickException(f"no article with id {article_id}")


def _changed(kind: str, number: int, taggings: int, size: int, done: str) -> str:
    """ "article 3: 2 tags added"; for a story, each of whose ``size`` articles carries its tags:
    "story 12: 1 tag added to 4 articles"."""
    if kind == "article":
        return f"article {number}: {counted(taggings, 'tag')} {done.split()[0]}"
    tags = -(-taggings // size)
    return f"story {number}: {counted(tags, 'tag')} {done} {counted(size, 'article')}"


@cli.command(help=f"Tag an article or a story.\n\n{_TARGET_HELP}")
@click.argument("target")
@click.argument("names", metavar="TAG...", nargs=-1, required=True)
@pass_context
def tag(context: LibraryContext, target: str, names: tuple[str, ...]) -> None:
    from reader.store.stories import story_size
    from reader.store.tags import TagError, tag_articles, tag_story

    kind, number = parse_target(target)
    size = 1
    with context.open_library() as library:
        try:
            if kind == "story":
                added = tag_story(library, number, names)
                size = story_size(library, number)
            else:
                _check_article(library, number)
                added = tag_articles(library, [number], names)
        except TagError as error:
            raise click.ClickException(str(error)) from None
    click.echo(_changed(kind, number, added, size, "added to"))


@cli.command(help=f"Take tags off an article or a story.\n\n{_TARGET_HELP}")
@click.argument("target")
@click.argument("names", metavar="TAG...", nargs=-1, required=True)
@pass_context
def untag(context: LibraryContext, target: str, names: tuple[str, ...]) -> None:
    from reader.store.stories import story_size
    from reader.store.tags import TagError, own_and_story_tags, tag_key, untag_articles, untag_story

    kind, number = parse_target(target)
    size = 1
    with context.open_library() as library:
        try:
            if kind == "story":
                removed = untag_story(library, number, names)
                size = story_size(library, number)
            else:
                _check_article(library, number)
                removed = untag_articles(library, [number], names)
                keys = {tag_key(name) for name in names}
                kept = [name for name in own_and_story_tags(library, number)[1] if tag_key(name) in keys]
                article = library.get_article(number, with_body=False)
                story_id = article.story_id if article is not None else None
        except TagError as error:
            raise click.ClickException(str(error)) from None
    click.echo(_changed(kind, number, removed, size, "removed from"))
    if kind == "article" and kept:
        click.echo(
            f"article {number} keeps {', '.join(kept)} through its story: reader untag story:{story_id} TAG", err=True
        )


@cli.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help='Print JSON: [{"name": ..., "total": N, "unread": N}].')
@click.pass_context
def tags(ctx: click.Context, as_json: bool) -> None:
    """List tags with their number of articles and of unread ones; rename or delete a tag.

    An article counts for a tag it has itself or through its story.
    """
    if ctx.invoked_subcommand is not None:
        return
    from reader.store.tags import list_tags

    with library_context(ctx).open_library() as library:
        counts = list_tags(library)
    if as_json:
        print_json([count.to_json() for count in counts])
        return
    for count in counts:
        click.echo(f"{count.total:>7}  {count.unread:>7} unread  {count.name}")


@tags.command()
@click.argument("old")
@click.argument("new")
@pass_context
def rename(context: LibraryContext, old: str, new: str) -> None:
    """Rename a tag, and the tags under it (eco/energie follows eco).

    Renaming onto an existing tag merges the two. A new case counts as a
    rename: `reader tags rename ia IA` shows the tag as IA.
    """
    from reader.store.tags import TagError, rename_tag

    with context.open_library() as library:
        try:
            renamed = rename_tag(library, old, new)
        except TagError as error:
            raise click.ClickException(str(error)) from None
    for before, after in renamed:
        click.echo(f"{before} -> {after}")


@tags.command()
@click.argument("name")
@pass_context
def delete(context: LibraryContext, name: str) -> None:
    """Delete a tag, and the tags under it, from every article and story.

    Rules that gave it become plain saved searches.
    """
    from reader.store.tags import TagError, delete_tag

    with context.open_library() as library:
        try:
            deleted = delete_tag(library, name)
        except TagError as error:
            raise click.ClickException(str(error)) from None
    click.echo(f"deleted: {', '.join(deleted)}")
