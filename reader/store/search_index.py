"""The search index: each article's title and text as stems, in an FTS5 table of their own.

SQLite's own tokenizers know no French or English stemming and Python cannot
register an FTS5 tokenizer through the standard ``sqlite3`` module, so the
stemming happens here: ``search_index(title, text)`` holds, under the article's
id, the folded and stemmed words (reader.text.normalize) that the query is
stemmed into as well. ``articles_fts`` keeps the words as written (folded by
unicode61) and serves as the vocabulary for typo suggestions.

The index is contentless (it keeps no copy of the stems, only what finds them):
taking an article's entry out stems its title and text again, through the
``reader_index_text`` SQL function, in triggers on the articles table. That is
right only while the stemmers give what they gave when the entry went in, so a
library records the :func:`stemming_fingerprint` it was indexed with and is
indexed again when it changes (:class:`reader.store.library.Library`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from importlib.metadata import version

from sqlite_utils import Database

from reader.text.normalize import index_text

SEARCH_TABLE = "search_index"
WORDS_TABLE = "articles_fts"
# Every term of the stemmed index with the number of articles holding it.
SEARCH_VOCAB = "search_index_vocab"
# Every word as written (folded) with its number of articles: what suggestions come from.
WORDS_VOCAB = "articles_fts_vocab"
# The SQL function giving the index form of a text in a language: reader_index_text(text, lang).
INDEX_FUNCTION = "reader_index_text"

_REBUILD_BATCH = 2_000
# Words whose stems change when a stemmer or the folding does.
_PROBE = (
    "Les données nucléaires des États-Unis l'IA qu’il GPUs investissements générative centrales "
    "relancent gouvernements running studies happily nations' connection ŒUVRE Straße 2025 65e9"
)


def index_text_or_empty(text: str | None, lang: str | None) -> str:
    """The index form of ``text`` in ``lang`` ("" for no text): the SQL function's body."""
    return index_text(text, lang or "und") if text else ""


def stemming_fingerprint() -> str:
    """What the stems of this installation look like: it changes when any stem would."""
    probe = "|".join(index_text(_PROBE, lang) for lang in ("fr", "en", "und"))
    return hashlib.sha256(f"PyStemmer {version('PyStemmer')}|{probe}".encode()).hexdigest()[:16]


def index_entries(db: Database, entries: Iterable[tuple[int, str, str]]) -> None:
    """Put ``(article id, title stems, text stems)`` entries in the index (articles not in it yet)."""
    db.conn.executemany(f"INSERT INTO {SEARCH_TABLE} (rowid, title, text) VALUES (?, ?, ?)", entries)


def index_words(db: Database, article_id: int, title: str, text: str) -> None:
    """Put a new article's words as written in ``articles_fts`` (a changed one's are kept in step by triggers)."""
    db.execute(f"INSERT INTO {WORDS_TABLE} (rowid, title, text) VALUES (?, ?, ?)", [article_id, title, text])


def rebuild_search_index(db: Database) -> int:
    """Index every article again from its stored title and text; return how many."""
    db.execute(f"INSERT INTO {SEARCH_TABLE} ({SEARCH_TABLE}) VALUES ('delete-all')")
    cursor = db.execute("SELECT id, title, text, lang FROM articles ORDER BY id")
    count = 0
    while batch := cursor.fetchmany(_REBUILD_BATCH):
        index_entries(db, [(row[0], index_text(row[1], row[3]), index_text(row[2], row[3])) for row in batch])
        count += len(batch)
    db.execute(f"INSERT INTO {SEARCH_TABLE} ({SEARCH_TABLE}) VALUES ('optimize')")
    return count
