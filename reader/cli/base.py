"""The ``reader`` command group and what its commands share."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from reader import __version__
from reader.paths import DB_ENV_VAR, resolve_db_path

if TYPE_CHECKING:
    from reader.store import Library


class LibraryContext:
    """What every command needs: where the library is."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path

    def open_library(self, *, for_writing: bool = False) -> Library:
        """Open the library, or stop the command with a one-line reason.

        :param for_writing: for a command that imports or refreshes: the work the
            library asks for (reader.operations.repair) is done first.
        """
        from reader.operations import open_for_writing
        from reader.store import Library, LibraryBusy

        try:
            return open_for_writing(self.db_path) if for_writing else Library(self.db_path)
        except LibraryBusy:
            raise
        except Exception as error:  # a corrupt or unreadable file, a read-only folder...
            raise click.ClickException(f"cannot open the library {self.db_path}: {error}") from error


class ReaderGroup(click.Group):
    """The command group: a library kept busy by another program stops any command with one line."""

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; :class:`reader.store.LibraryBusy` becomes its one-line error."""
        from reader.store import LibraryBusy

        try:
            return super().invoke(ctx)
        except LibraryBusy as error:
            raise click.ClickException(str(error)) from error


pass_context = click.make_pass_decorator(LibraryContext)


def library_context(ctx: click.Context) -> LibraryContext:
    """The :class:`LibraryContext` of the command line, for a command that takes ``ctx`` itself."""
    context = ctx.find_object(LibraryContext)
    if context is None:
        raise RuntimeError("no LibraryContext: the command did not run under the reader group")
    return context


def print_json(data: Any) -> None:
    """Print data as indented JSON, keeping non-ASCII text readable."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.group(cls=ReaderGroup, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
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
    ctx.obj = LibraryContext(resolve_db_path(db))
    if ctx.invoked_subcommand is None:
        from reader.tui.app import ReaderApp

        ReaderApp(ctx.obj.db_path).run()
