"""Commands on stories: list, show, split, merge."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from reader.cli.base import LibraryContext, cli, pass_context, print_json
from reader.cli.targets import COUNT, ID
from reader.text.plural import counted
from reader.text.sanitize import strip_control

if TYPE_CHECKING:
    from reader.stories import Story
    from reader.stories.facts import Fact


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON (a list of stories with their articles).")
@click.option(
    "--min-size",
    type=COUNT,
    default=1,
    show_default=True,
    help="Only stories told by at least N articles.",
)
@click.option("--rebuild", is_flag=True, help="Regroup every article first (keeps your splits and merges).")
@pass_context
def stories(context: LibraryContext, as_json: bool, min_size: int, rebuild: bool) -> None:
    """List stories: the same news from many outlets, folded into one entry."""
    from reader import stories as grouping

    with context.open_library() as library:
        if rebuild:
            from reader.cli.progress import progress_bar

            with progress_bar("grouping", enabled=not as_json) as on_progress:
                count = grouping.rebuild(library, on_progress=on_progress)
            click.echo(counted(count, "story"), err=as_json)
        found = grouping.list_stories(library, min_size=min_size)
    if as_json:
        print_json([story.to_json() for story in found])
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
@click.argument("story_id", type=ID)
@click.option("--json", "as_json", is_flag=True, help="Print JSON (the story, its articles and figures).")
@pass_context
def story_show(context: LibraryContext, story_id: int, as_json: bool) -> None:
    """Show one story: its articles by date and the figures its sources give."""
    from reader.stories import get_story, story_figures

    with context.open_library() as library:
        found = get_story(library, story_id)
        if found is None:
            raise click.ClickException(f"no story with id {story_id}")
        figures = story_figures(library, found)
    if as_json:
        print_json(found.to_json() | {"figures": [fact.to_json() for fact in figures]})
        return
    lines = [found.title, f"{counted(found.size, 'article')}, {_span(found)}", ""]
    lines += [
        f"{article.id:>6}  {(article.published or '')[:10]:<10}  {(article.source or '')[:18]:<18}  {article.title}"
        for article in found.articles
    ]
    if figures:
        lines += ["", "Figures its sources give (! told differently; article ids in brackets):"]
    lines += [_fact_line(fact) for fact in figures]
    click.echo(strip_control("\n".join(lines)))  # titles and figures come from untrusted text


def _span(story: Story) -> str:
    """``2025-01-27 to 2025-01-28``, or ``undated`` for a story of undated articles."""
    if story.first_seen is None:
        return "undated"
    return f"{story.first_seen} to {story.last_seen}"


def _fact_line(fact: Fact) -> str:
    """ "! Stargate · spending: 500 bn EUR [5]; 500 bn USD [1, 2, 4] (given in different currencies)"."""
    values = "; ".join(f"{amount} [{', '.join(map(str, ids))}]" for amount, ids in fact.values_given())
    flags = fact.flags
    mark = "!" if flags else " "
    return f"  {mark} {fact.label}: {values}" + (f" ({'; '.join(flags)})" if flags else "")


@story.command()
@click.argument("article_id", type=ID)
@pass_context
def split(context: LibraryContext, article_id: int) -> None:
    """Take an article out of its story; later grouping keeps it apart."""
    from reader.stories import split_article

    with context.open_library() as library:
        try:
            story_id = split_article(library, article_id)
        except KeyError:
            raise click.ClickException(f"no article with id {article_id}") from None
    click.echo(f"article {article_id} is now story {story_id}")


@story.command()
@click.argument("story_ids", nargs=2, type=ID)
@pass_context
def merge(context: LibraryContext, story_ids: tuple[int, int]) -> None:
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
