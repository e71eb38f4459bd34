"""The ``reader`` command line: the only part that wires the core and the TUI together.

Each module registers its commands on the ``cli`` group.
"""

from reader.cli import articles, feeds, figures, marks, saved, search, serve, state, stories, tags  # noqa: F401 (they register their commands)
from reader.cli.base import cli

__all__ = ["cli", "main"]


def main() -> None:
    """Entry point of the ``reader`` console script."""
    cli(prog_name="reader")
