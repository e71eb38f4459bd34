"""Work a migration left for today's code to do on the articles already stored (see reader.store.migrations)."""

from __future__ import annotations

from reader.store.connection import Connection


def pending_backfills(library: Connection) -> set[str]:
    """The names of the backfills still to do ("figures"...)."""
    return {row[0] for row in library.db.execute("SELECT name FROM backfills")}


def done_backfill(library: Connection, name: str) -> None:
    """Note a backfill as done."""
    library.db.execute("DELETE FROM backfills WHERE name = ?", [name])
