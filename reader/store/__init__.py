"""The SQLite library."""
