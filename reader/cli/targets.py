"""What commands on articles name: an article by its id, or a story as story:ID."""

from __future__ import annotations

import click

from reader.search.query import MAX_ID

TARGET_FORMS = "an article id or story:ID"


def parse_target(value: str) -> tuple[str, int]:
    """``"42"`` -> ("article", 42); ``"story:12"`` -> ("story", 12).

    :raises click.UsageError: for anything else, a number past any id too.
    """
    kind, _, number = value.rpartition(":")
    if kind in ("", "story") and number.isascii() and number.isdigit() and int(number) <= MAX_ID:
        return kind or "article", int(number)
    raise click.UsageError(f"{value}: give {TARGET_FORMS}")


# An id as a command argument: a number SQLite can hold (past it, a usage error rather than a crash).
ID = click.IntRange(min=0, max=MAX_ID)
# A number of articles or stories asked for (--limit, --min-size): more than any library holds, and SQLite can count to.
COUNT = click.IntRange(min=1, max=1_000_000_000)
