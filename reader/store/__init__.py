"""The SQLite library: schema, migrations, every query, and the full-text indexes."""

from reader.store.connection import LibraryBusy, LibraryReadOnly, LibraryRefused
from reader.store.library import ArticleContent, Library, StoredInput, pack_raw

__all__ = ["ArticleContent", "Library", "LibraryBusy", "LibraryReadOnly", "LibraryRefused", "StoredInput", "pack_raw"]
