"""Facts the library records about itself (``library_settings``): name -> value."""

from __future__ import annotations

from sqlite_utils import Database

SETTINGS_TABLE = "library_settings"


def get_setting(db: Database, name: str) -> str | None:
    """The value recorded under ``name``, or None."""
    row = db.execute(f"SELECT value FROM {SETTINGS_TABLE} WHERE name = ?", [name]).fetchone()
    return row[0] if row else None


def set_setting(db: Database, name: str, value: str) -> None:
    """Record ``value`` under ``name``."""
    db.execute(
        f"INSERT INTO {SETTINGS_TABLE} (name, value) VALUES (?, ?) "
        "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        [name, value],
    )
