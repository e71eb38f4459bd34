"""The library's schema, created and upgraded one migration at a time.

Each migration runs in its own transaction and is recorded by sqlite-utils in
``_sqlite_migrations``; a library made by an older reader is upgraded on open.
Never edit a migration that has shipped: add a new one.
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

from reader.store.search_index import create_search_index, rebuild_search_index
from reader.store.tags import key_of, tidy_name
from reader.text.figures import extract_figures
from reader.text.normalize import fold

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
    for article_id, text, lang in db.execute("SELECT id, text, lang FROM articles").fetchall():
        figures = extract_figures(text, lang if lang in ("fr", "en") else "auto")
        db.table("figures").insert_all({"article_id": article_id, **figure.to_json()} for figure in figures)


@migrations()
def add_search_index(db: Database) -> None:
    """The stemmed search index (French and English), filled from the articles already stored."""
    create_search_index(db)
    rebuild_search_index(db)


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
        tidied = tidy_name(name) or name
        key = key_of(tidied)
        if key in first_of_key:
            db.execute(
                "INSERT OR IGNORE INTO article_tags (article_id, tag_id) SELECT article_id, ? FROM article_tags WHERE tag_id = ?",
                [first_of_key[key], tag_id],
            )
            db.execute("DELETE FROM article_tags WHERE tag_id = ?", [tag_id])
            db.execute("DELETE FROM tags WHERE id = ?", [tag_id])
            continue
        first_of_key[key] = tag_id
        db.execute("UPDATE tags SET name = ?, key = ?, folded = ? WHERE id = ?", [tidied, key, fold(tidied), tag_id])
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
