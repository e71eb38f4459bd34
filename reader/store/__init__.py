"""The SQLite library: schema, migrations, every query, and the full-text indexes."""

from reader.store.connection import LibraryBusy
from reader.store.library import ArticleContent, Library, StoredInput

__all__ = ["ArticleContent", "Library", "LibraryBusy", "StoredInput"]
