"""The ``reader`` command group and what its commands share."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from reader import __version__
from reader.paths import DB_ENV_VAR, resolve_db_path
from reader.text.sanitize import escape_json_controls, one_line

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
        from reader.store import Library, LibraryBusy, LibraryRefused

        try:
            if for_writing:
                # The import machinery is loaded only by the commands that import (it takes a while).
                from reader.operations import open_for_writing

                return open_for_writing(self.db_path)
            return Library(self.db_path)
        except (LibraryBusy, LibraryRefused):
            raise
        except Exception as error:  # a corrupt or unreadable file, a read-only folder...
            raise click.ClickException(f"cannot open the library {self.db_path}: {error}") from error


def echo_line(text: str, *, err: bool = False) -> None:
    """Print one line that holds outside text (a path, a feed title, a URL, a reason), control characters removed."""
    click.echo(one_line(text), err=err)


def echo_error(message: str) -> None:
    """Print ``error: message`` on stderr: the one form of every command's error line."""
    echo_line(f"error: {message}", err=True)


# Click 8.2+ asks for a group's help, named without a command, through a usage error.
_HELP_ASKED = getattr(click.exceptions, "NoArgsIsHelpError", ())


def _show(error: click.ClickException) -> None:
    """Print a click exception as ``error: ...``; a usage error first shows the usage and where help is."""
    if isinstance(error, _HELP_ASKED):
        error.show()
        return
    if isinstance(error, click.UsageError) and error.ctx is not None:
        click.echo(error.ctx.get_usage(), err=True)
        if error.ctx.command.get_help_option(error.ctx) is not None:
            command = error.ctx.command_path
            option = error.ctx.help_option_names[0]
            click.echo(f"Try '{command} {option}' for help.\n", err=True)
    echo_error(error.format_message())


class ReaderGroup(click.Group):
    """The command group: every error, a library kept busy by another program included, is one ``error:`` line."""

    def make_context(
        self, info_name: str | None, args: list[str], parent: click.Context | None = None, **extra: Any
    ) -> click.Context:
        """Parse the global options; a usage error is shown as ``error:``."""
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.ClickException as error:
            _show(error)
            raise click.exceptions.Exit(error.exit_code) from error

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; :class:`reader.store.LibraryBusy` and click's errors become one ``error:`` line."""
        from reader.store import LibraryBusy, LibraryRefused
        from reader.store.connection import is_read_only, read_only_message

        try:
            return super().invoke(ctx)
        except (LibraryBusy, LibraryRefused) as error:
            echo_error(str(error))
            raise click.exceptions.Exit(1) from error
        except sqlite3.OperationalError as error:  # a write the library file refused
            if not is_read_only(error):
                raise
            echo_error(read_only_message(library_context(ctx).db_path))
            raise click.exceptions.Exit(1) from error
        except click.ClickException as error:
            _show(error)
            raise click.exceptions.Exit(error.exit_code) from error


pass_context = click.make_pass_decorator(LibraryContext)


def library_context(ctx: click.Context) -> LibraryContext:
    """The :class:`LibraryContext` of the command line, for a command that takes ``ctx`` itself."""
    context = ctx.find_object(LibraryContext)
    if context is None:
        raise RuntimeError("no LibraryContext: the command did not run under the reader group")
    return context


def print_json(data: Any) -> None:
    """Print data as indented JSON, keeping non-ASCII text readable and escaping what a terminal would obey."""
    click.echo(escape_json_controls(json.dumps(data, ensure_ascii=False, indent=2)))


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

        ctx.obj.open_library().close()  # a library the reader cannot open stops here, in one line
        ReaderApp(ctx.obj.db_path).run()
