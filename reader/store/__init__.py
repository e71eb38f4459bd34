"""The SQLite library: schema, migrations, queries and the full-text index."""

from reader.store.library import Library, StoredInput

__all__ = ["Library", "StoredInput"]
