"""The library's schema, created and upgraded one migration at a time.

Each migration runs in a transaction and is recorded by sqlite-utils in
``_sqlite_migrations``; a library made by an older reader is upgraded on open.
Never edit a migration that has shipped: add a new one.

Migrations are frozen: they run SQL and never today's code for figures, tags or
stems, so what an old migration does never changes with that code. Work that
needs such code (finding the figures of articles stored before figures existed)
is scheduled in ``backfills`` and done by the import path, when the library is
next opened for writing (reader.operations.repair); the stemmed index is filled
again whenever the stemmers change (reader.store.search_index).
"""

from __future__ import annotations

import unicodedata
import zlib
from functools import cache

from sqlite_utils import Database, Migrations

migrations = Migrations("reader")

# unicode61 folds case and, with remove_diacritics 2, accents ("données" = "donnees").
FTS_TOKENIZE = "unicode61 remove_diacritics 2"


@migrations()
def create_library(db: Database) -> None:
    """Articles, their raw inputs, tags, and the full-text index over title and text."""
    db.table("articles").create(
        {
            "id": int,
            "title": str,
            "source": str,
            "url": str,
            "path": str,
            "published": str,
            "lang": str,
            "author": str,
            "site_name": str,
            "text": str,
            "markdown": str,
            "content_hash": str,
            "story_id": int,
            "read": int,
            "starred": int,
            "added_at": str,
            "updated_at": str,
        },
        pk="id",
        not_null={"title", "lang", "text", "markdown", "content_hash", "read", "starred"},
        defaults={"read": 0, "starred": 0, "lang": "und"},
    )
    db.table("articles").create_index(["content_hash"], unique=True)
    db.table("articles").create_index(["path"])
    db.table("articles").create_index(["url"])
    db.table("articles").create_index(["source"])
    db.execute("CREATE INDEX idx_articles_newest ON articles (published IS NULL, published DESC, id DESC)")
    db.table("articles").create_index(["story_id"])

    # The input exactly as it arrived, apart from the article row so that
    # scanning articles never reads these blobs.
    db.table("raw_inputs").create(
        {"article_id": int, "format": str, "encoding": str, "data": bytes},
        pk="article_id",
        foreign_keys=[("article_id", "articles", "id")],
        not_null={"format", "encoding", "data"},
    )

    db.table("tags").create({"id": int, "name": str}, pk="id", not_null={"name"})
    db.execute("CREATE UNIQUE INDEX idx_tags_name ON tags(name COLLATE NOCASE)")
    db.table("article_tags").create(
        {"article_id": int, "tag_id": int},
        pk=("article_id", "tag_id"),
        foreign_keys=[("article_id", "articles", "id"), ("tag_id", "tags", "id")],
    )
    db.table("article_tags").create_index(["tag_id"])

    db.table("articles").enable_fts(["title", "text"], fts_version="FTS5", tokenize=FTS_TOKENIZE)
    # Our own triggers rather than sqlite-utils' so that marking an article read
    # or starred does not rewrite its index entry: only title and text are indexed.
    for statement in _FTS_TRIGGERS:
        db.execute(statement)


_FTS_TRIGGERS = (
    """CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
      INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
    END""",
    """CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
      INSERT INTO articles_fts (articles_fts, rowid, title, text)
      VALUES ('delete', old.id, old.title, old.text);
    END""",
    """CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
      INSERT INTO articles_fts (articles_fts, rowid, title, text)
      VALUES ('delete', old.id, old.title, old.text);
      INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
    END""",
)


@migrations()
def add_feeds(db: Database) -> None:
    """Subscribed feeds with their fetch state, and which feed entry each article came from.

    ``tags`` is a JSON list given to every article of the feed; ``retry_at``
    is when a server that answered 429 allows the next fetch; ``entry_key``
    (the entry's guid, else its link) lets a feed entry fetched again update
    its article instead of adding a second one.
    """
    db.table("feeds").create(
        {
            "id": int,
            "url": str,
            "title": str,
            "site_url": str,
            "tags": str,
            "full_text": int,
            "etag": str,
            "last_modified": str,
            "last_checked": str,
            "last_success": str,
            "last_error": str,
            "failures": int,
            "retry_at": str,
            "added_at": str,
        },
        pk="id",
        not_null={"url", "tags", "full_text", "failures"},
        defaults={"tags": "[]", "full_text": 0, "failures": 0},
    )
    db.table("feeds").create_index(["url"], unique=True)
    db.table("articles").add_column("feed_id", int)
    db.table("articles").add_column("entry_key", str)
    db.table("articles").create_index(["entry_key"])


@migrations()
def add_figures(db: Database) -> None:
    """The key figures of each article, with offsets into its cleaned text.

    Articles stored before this migration get their figures here, so an
    upgraded library shows them without re-importing anything.
    """
    db.table("figures").create(
        {
            "id": int,
            "article_id": int,
            "start": int,
            "end": int,
            "text": str,
            "kind": str,
            "value": float,
            "low": float,
            "high": float,
            "unit": str,
            "currency": str,
            "si_value": float,
            "si_unit": str,
            "approx": str,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id")],
        not_null={"article_id", "start", "end", "text", "kind"},
    )
    db.table("figures").create_index(["article_id", "start"])
    db.table("figures").create_index(["kind", "value"])
    if db.execute("SELECT 1 FROM articles LIMIT 1").fetchone():
        _schedule_backfill(db, "figures")


@migrations()
def add_search_index(db: Database) -> None:
    """The stemmed search index (French and English); it is filled when the library is opened."""
    db.execute("CREATE VIRTUAL TABLE search_index USING fts5(title, text, tokenize = 'unicode61')")
    db.execute("CREATE VIRTUAL TABLE search_index_vocab USING fts5vocab(search_index, 'row')")
    db.execute("CREATE VIRTUAL TABLE articles_fts_vocab USING fts5vocab(articles_fts, 'row')")
    db.execute("CREATE INDEX idx_articles_state ON articles (starred, read, lang, published)")
    db.execute(
        """CREATE TRIGGER search_index_delete AFTER DELETE ON articles BEGIN
          DELETE FROM search_index WHERE rowid = old.id;
        END"""
    )


@migrations()
def create_stories(db: Database) -> None:
    """Stories, what grouping knows of each article, its blocking keys, and the user's decisions."""
    # first_day: the day (ordinal) by which the story had surely begun, if known.
    db.execute("CREATE TABLE stories (id INTEGER PRIMARY KEY, title TEXT NOT NULL, first_day INTEGER)")
    # One row per grouped article: its signature (reader.stories.signature), stored
    # so candidates are compared without re-reading their text.
    db.execute(
        """CREATE TABLE story_signatures (
          article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
          title TEXT NOT NULL, lead TEXT NOT NULL, names TEXT NOT NULL, figures TEXT NOT NULL,
          first_day INTEGER, last_day INTEGER, url TEXT)"""
    )
    # Blocking: a few keys (title words, names, figures) per article, looked up by
    # key within a window of days, so finding candidates never scans the library.
    db.execute(
        """CREATE TABLE story_keys (
          key TEXT NOT NULL, day INTEGER,
          article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE)"""
    )
    db.execute("CREATE INDEX idx_story_keys ON story_keys (key, day, article_id)")
    db.execute("CREATE INDEX idx_story_keys_article ON story_keys (article_id)")
    # What a user decided: two articles belong together (same = 1) or apart (same = 0).
    db.execute(
        """CREATE TABLE story_decisions (
          article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
          other_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
          same INTEGER NOT NULL,
          PRIMARY KEY (article_id, other_id))"""
    )
    db.execute("CREATE INDEX idx_story_decisions_other ON story_decisions (other_id)")


@migrations()
def add_tag_keys_story_tags_and_saved_searches(db: Database) -> None:
    """Tags known by a case-folded key, tags of stories, saved searches and rules.

    The first index on tag names folded ASCII only ("ÉCONOMIE" and "économie"
    were two tags): tags whose keys now agree are merged into the first one.
    ``story_tags`` holds, for each article, the tags it has through its story,
    so they outlive story ids. A saved search with a ``tag_id`` is a rule: it
    tags the new articles it matches.
    """
    db.execute(
        """CREATE TABLE story_tags (
          article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
          tag_id INTEGER NOT NULL REFERENCES tags(id),
          PRIMARY KEY (article_id, tag_id))"""
    )
    db.execute("CREATE INDEX idx_story_tags_tag ON story_tags (tag_id)")
    db.execute(
        """CREATE TABLE saved_searches (
          id INTEGER PRIMARY KEY, name TEXT NOT NULL, key TEXT NOT NULL UNIQUE, query TEXT NOT NULL,
          tag_id INTEGER REFERENCES tags(id) ON DELETE SET NULL, added_at TEXT)"""
    )
    db.execute("DROP INDEX idx_tags_name")
    db.table("tags").add_column("key", str)
    db.table("tags").add_column("folded", str)
    first_of_key: dict[str, int] = {}
    for tag_id, name in db.execute("SELECT id, name FROM tags ORDER BY id").fetchall():
        tidied = _tidy_tag_name(name) or name
        key = unicodedata.normalize("NFC", tidied.casefold())
        if key in first_of_key:
            db.execute(
                "INSERT OR IGNORE INTO article_tags (article_id, tag_id) SELECT article_id, ? FROM article_tags WHERE tag_id = ?",
                [first_of_key[key], tag_id],
            )
            db.execute("DELETE FROM article_tags WHERE tag_id = ?", [tag_id])
            db.execute("DELETE FROM tags WHERE id = ?", [tag_id])
            continue
        first_of_key[key] = tag_id
        db.execute(
            "UPDATE tags SET name = ?, key = ?, folded = ? WHERE id = ?", [tidied, key, _fold_tag_name(tidied), tag_id]
        )
    db.execute("CREATE UNIQUE INDEX idx_tags_key ON tags (key)")
    db.execute("CREATE INDEX idx_tags_folded ON tags (folded)")


@migrations()
def add_story_list_indexes(db: Database) -> None:
    """Indexes in the story list's date order (undated last), one per way of filtering it.

    The list reads pages of stories with keyset paging (reader.stories.browse),
    which seeks straight to a page's first row in these indexes; the per-story
    one finds whether an article is its story's newest.
    """
    recency = "coalesce(published, ''), id"
    db.execute(f"CREATE INDEX idx_articles_recency ON articles ({recency})")
    db.execute(f"CREATE INDEX idx_articles_unread_recency ON articles ({recency}) WHERE read = 0")
    db.execute(f"CREATE INDEX idx_articles_starred_recency ON articles ({recency}) WHERE starred = 1")
    db.execute(f"CREATE INDEX idx_articles_source_recency ON articles (source, {recency})")
    db.execute(f"CREATE INDEX idx_articles_story_recency ON articles (story_id, {recency})")


def _tidy_tag_name(name: str) -> str:
    """A tag name as add_tag_keys_story_tags_and_saved_searches tidied it (frozen)."""
    levels = (" ".join(level.split()) for level in unicodedata.normalize("NFC", name).split("/"))
    return "/".join(level for level in levels if level)


def _fold_tag_name(name: str) -> str:
    """A tag name folded as add_tag_keys_story_tags_and_saved_searches folded it (frozen)."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("œ", "oe").replace("æ", "ae").replace("ß", "ss")


@migrations()
def store_content_once(db: Database) -> None:
    """A smaller library: nothing stored twice, no index that no query uses.

    - Markdown identical to the text is stored as "" (it is the text), and an
      article never updated has no ``updated_at`` (it is ``added_at``).
    - The stemmed index becomes contentless: it keeps no copy of the stems.
      Entries are taken out by triggers that stem the old title and text again
      (the ``reader_index_text`` function every library connection has); the
      index is filled again as the library opens, as its stemming fingerprint
      (``library_settings``) is not recorded yet.
    - The words-as-written index keeps no positions (``detail=none``): it only
      serves the vocabulary typo suggestions come from. A new article is put
      in it by whoever stores it, as in the stemmed index.
    - Story keys are a table without rowids, whose primary key is the lookup;
      a key is known by a 31-bit CRC-32 of its text, and an undated key has day
      0. An article's keys are found from its signature.
    - Indexes that another one's leading columns already give, or that no query
      uses, are dropped.
    - A story's title is the headline of one of its articles (``headline_id``),
      not a copy of it.
    - Content hashes are the 32 bytes of the SHA-256, not its 64 hex digits.
    - Raw inputs may be compressed (``compression``: "deflate").
    """
    db.execute("CREATE TABLE library_settings (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute("CREATE TABLE IF NOT EXISTS backfills (name TEXT PRIMARY KEY)")
    db.execute("UPDATE articles SET markdown = '' WHERE markdown = text")
    db.execute("UPDATE articles SET updated_at = NULL WHERE updated_at = added_at")
    db.execute("ALTER TABLE raw_inputs ADD COLUMN compression TEXT")

    db.execute("DROP TRIGGER search_index_delete")
    db.execute("DROP TABLE search_index_vocab")
    db.execute("DROP TABLE search_index")
    db.execute("CREATE VIRTUAL TABLE search_index USING fts5(title, text, tokenize = 'unicode61', content = '')")
    db.execute("CREATE VIRTUAL TABLE search_index_vocab USING fts5vocab(search_index, 'row')")
    old_entry = "'delete', old.id, reader_index_text(old.title, old.lang), reader_index_text(old.text, old.lang)"
    db.execute(
        f"""CREATE TRIGGER search_index_delete BEFORE DELETE ON articles BEGIN
          INSERT INTO search_index (search_index, rowid, title, text) VALUES ({old_entry});
        END"""
    )
    # An updated article's new entry is put in by whoever changes its content.
    db.execute(
        f"""CREATE TRIGGER search_index_update BEFORE UPDATE OF title, text, lang ON articles BEGIN
          INSERT INTO search_index (search_index, rowid, title, text) VALUES ({old_entry});
        END"""
    )

    db.execute("DROP TABLE articles_fts_vocab")
    db.execute("DROP TABLE articles_fts")
    db.execute(
        "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content = 'articles', content_rowid = 'id', "
        "tokenize = 'unicode61 remove_diacritics 2', detail = 'none')"
    )
    db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')")
    db.execute("CREATE VIRTUAL TABLE articles_fts_vocab USING fts5vocab(articles_fts, 'row')")
    # A new article's words go in with its other index entries (a trigger costs more than the insert).
    db.execute("DROP TRIGGER articles_fts_insert")

    db.execute(
        """CREATE TABLE story_keys_compact (
          key INTEGER NOT NULL, day INTEGER NOT NULL, article_id INTEGER NOT NULL,
          PRIMARY KEY (key, day, article_id)) WITHOUT ROWID"""
    )
    keys = db.execute("SELECT key, coalesce(day, 0), article_id FROM story_keys").fetchall()
    db.conn.executemany(
        "INSERT OR IGNORE INTO story_keys_compact VALUES (?, ?, ?)",
        [(zlib.crc32(key.encode()) & 0x7FFFFFFF, day, article_id) for key, day, article_id in keys],
    )
    db.execute("DROP TABLE story_keys")
    db.execute("ALTER TABLE story_keys_compact RENAME TO story_keys")

    for index in ("idx_articles_source", "idx_articles_story_id", "idx_articles_newest", "idx_figures_kind_value"):
        db.execute(f"DROP INDEX {index}")

    db.execute("ALTER TABLE stories ADD COLUMN headline_id INTEGER")
    db.execute(
        "UPDATE stories SET headline_id = coalesce("
        "(SELECT min(id) FROM articles WHERE story_id = stories.id AND title = stories.title), "
        "(SELECT min(id) FROM articles WHERE story_id = stories.id))"
    )
    db.execute("ALTER TABLE stories DROP COLUMN title")

    rows = db.execute("SELECT id, content_hash FROM articles WHERE typeof(content_hash) = 'text'").fetchall()
    digests = [(bytes.fromhex(digest), article_id) for article_id, digest in rows if _is_sha256_hex(digest)]
    db.conn.executemany("UPDATE articles SET content_hash = ? WHERE id = ?", digests)


@migrations()
def deflate_raw_inputs_against_their_text(db: Database) -> None:
    """Raw inputs may be deflated with their article's title and text as the preset dictionary.

    Their ``compression`` is then "deflate+text"; those stored before stay as
    they are. Nothing is rewritten: the schema version tells an older reader,
    which could not read them back, that the library is newer than itself. From
    here on, whatever changes an article's title or text stores its raw input again.
    """


@migrations()
def weigh_story_terms(db: Database) -> None:
    """Story signatures hold stems, which grouping weighs by how rare each is in the library.

    ``terms``: the stems of the title and the lead, the first ``heads`` the
    title's (the first ``prefix`` of them before a colon), names capitalised;
    ``link`` and ``shape`` (its source's headline shape, which a series
    repeats) as 63- and 31-bit hashes. The signatures and keys stored before
    are dropped; each article's signature is made again by a backfill
    ("story signatures"), its story kept.
    """
    db.execute("DELETE FROM story_keys")
    db.execute("DROP TABLE story_signatures")
    db.execute(
        """CREATE TABLE story_signatures (
          article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
          terms TEXT NOT NULL, heads INTEGER NOT NULL, prefix INTEGER NOT NULL, figures TEXT NOT NULL,
          first_day INTEGER, last_day INTEGER, link INTEGER, shape INTEGER)"""
    )
    _schedule_backfill(db, "story signatures")


def _is_sha256_hex(text: str) -> bool:
    return len(text) == 64 and all(char in "0123456789abcdef" for char in text)


def _schedule_backfill(db: Database, name: str) -> None:
    """Ask for work that today's code must do on the articles already stored (reader.operations.repair)."""
    db.execute("CREATE TABLE IF NOT EXISTS backfills (name TEXT PRIMARY KEY)")
    db.execute("INSERT OR IGNORE INTO backfills (name) VALUES (?)", [name])


def schema_version() -> int:
    """This reader's schema version: the number of its migrations, kept in the library's ``user_version``."""
    return len(_known_migrations())


@cache
def _known_migrations() -> frozenset[str]:
    return frozenset(migration.name for migration in migrations.pending(Database(memory=True)))


def newer_schema(db: Database) -> str | None:
    """How the library shows it was made by a newer reader (its version, or a migration unknown here), or None.

    Read only: nothing is written to the library.
    """
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > schema_version():
        return f"its schema version is {version}, this reader's is {schema_version()}"
    unknown = [item.name for item in migrations.applied(db) if item.name not in _known_migrations()]
    if unknown:
        return f"its schema holds migration {unknown[0]!r}, unknown to this reader (version {schema_version()})"
    return None


def record_schema_version(db: Database) -> None:
    """Write this reader's schema version into the library (inside the migrations' transaction)."""
    db.execute(f"PRAGMA user_version = {schema_version()}")


def unknown_required_columns(db: Database) -> list[str]:
    """The columns (``table.column``) of this library that this reader's schema lacks and that a write must fill.

    A column added NOT NULL without a default by a newer reader would make every
    write of this one fail; one that may stay empty does no harm.
    """
    known = _known_columns()
    unknown = []
    for table, columns in known.items():
        for column in db.execute(f"PRAGMA table_info([{table}])").fetchall():
            name, not_null, default = column[1], column[3], column[4]
            if name not in columns and not_null and default is None:
                unknown.append(f"{table}.{name}")
    return unknown


@cache
def _known_columns() -> dict[str, frozenset[str]]:
    """Each table of this reader's schema and its columns, from its migrations run on an empty database."""
    empty = Database(memory=True)
    migrations.apply(empty)
    return {table.name: frozenset(table.columns_dict) for table in empty.tables}
