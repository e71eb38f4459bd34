"""The search index: each article's title and text as stems, in an FTS5 table of their own.

SQLite's own tokenizers know no French or English stemming and Python cannot
register an FTS5 tokenizer through the standard ``sqlite3`` module, so the
stemming happens here: ``search_index(title, text)`` holds, under the article's
id, the folded and stemmed words (reader.text.normalize) that the query is
stemmed into as well. ``articles_fts`` keeps the words as written (folded by
unicode61) and serves as the vocabulary for typo suggestions.

Any change to how reader.text.normalize folds or stems words must ship with a
migration that calls ``rebuild_search_index``, or old libraries stop matching.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlite_utils import Database

from reader.text.normalize import index_text

SEARCH_TABLE = "search_index"
# Every term of the stemmed index with the number of articles holding it.
SEARCH_VOCAB = "search_index_vocab"
# Every word as written (folded) with its number of articles: what suggestions come from.
WORDS_VOCAB = "articles_fts_vocab"

_REBUILD_BATCH = 2_000


def create_search_index(db: Database) -> None:
    """Create the stemmed index, its vocabulary tables, the filters' index and the trigger that drops removed articles."""
    db.execute(f"CREATE VIRTUAL TABLE {SEARCH_TABLE} USING fts5(title, text, tokenize = 'unicode61')")
    db.execute(f"CREATE VIRTUAL TABLE {SEARCH_VOCAB} USING fts5vocab({SEARCH_TABLE}, 'row')")
    db.execute(f"CREATE VIRTUAL TABLE {WORDS_VOCAB} USING fts5vocab(articles_fts, 'row')")
    # What search filters test, so counting filtered articles reads this index, not
    # the articles; starred first, as the few starred articles are best found through it.
    db.execute("CREATE INDEX idx_articles_state ON articles (starred, read, lang, published)")
    db.execute(
        f"""CREATE TRIGGER {SEARCH_TABLE}_delete AFTER DELETE ON articles BEGIN
          DELETE FROM {SEARCH_TABLE} WHERE rowid = old.id;
        END"""
    )


def index_article(db: Database, article_id: int, title: str, text: str, lang: str) -> None:
    """Put (or put again) one article in the stemmed index."""
    index_articles(db, [(article_id, title, text, lang)])


def index_articles(db: Database, rows: Iterable[tuple[int, str, str, str]]) -> None:
    """Put (or put again) many ``(id, title, text, lang)`` articles in the stemmed index."""
    entries = [(article_id, index_text(title, lang), index_text(text, lang)) for article_id, title, text, lang in rows]
    db.conn.executemany(f"DELETE FROM {SEARCH_TABLE} WHERE rowid = ?", [(entry[0],) for entry in entries])
    db.conn.executemany(f"INSERT INTO {SEARCH_TABLE} (rowid, title, text) VALUES (?, ?, ?)", entries)


def rebuild_search_index(db: Database) -> int:
    """Index every article again from its stored title and text; return how many."""
    db.execute(f"DELETE FROM {SEARCH_TABLE}")
    cursor = db.execute("SELECT id, title, text, lang FROM articles ORDER BY id")
    count = 0
    while batch := cursor.fetchmany(_REBUILD_BATCH):
        index_articles(db, batch)
        count += len(batch)
    db.execute(f"INSERT INTO {SEARCH_TABLE} ({SEARCH_TABLE}) VALUES ('optimize')")
    return count
