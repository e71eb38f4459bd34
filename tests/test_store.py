"""The library: schema, migrations, WAL, raw inputs and the FTS index kept in sync."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reader.models import ParsedDocument, RawInput
from reader.store import Library
from reader.store.migrations import migrations
from tests.builders import add_article


def test_new_library_is_migrated_and_in_wal_mode(db_path: Path) -> None:
    with Library(db_path) as library:
        assert library.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert library.db.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
        applied = [migration.name for migration in migrations.applied(library.db)]
        assert applied == [migration.name for migration in migrations._migrations]
        assert {"articles", "raw_inputs", "tags", "article_tags", "articles_fts"} <= set(library.db.table_names())


def test_reopening_applies_nothing_twice_and_keeps_data(db_path: Path) -> None:
    with Library(db_path) as library:
        add_article(library, "Un titre", "Un texte", content_hash="h1", lang="fr", source="test")
    with Library(db_path) as library:
        assert library.count_articles() == 1
        assert len(migrations.applied(library.db)) == len(migrations._migrations)


def test_raw_input_is_kept_byte_for_byte(library: Library) -> None:
    raw = RawInput(data=b"Caf\xe9 cr\xe8me\r\n\x00", format="text", encoding="windows-1252")
    article_id = library.add_article(
        ParsedDocument(title="Café", text="Café crème", markdown="Café crème"),
        raw,
        content_hash="h",
        lang="fr",
        source="s",
    )
    assert library.raw_input(article_id) == raw


def test_fts_follows_insert_update_and_delete(library: Library) -> None:
    article_id = add_article(
        library, "Données nucléaires", "Les États-Unis investissent", content_hash="h1", lang="fr", source="test"
    )
    assert library.fts_rowids("donnees") == [article_id]
    assert library.fts_rowids("etats") == [article_id]

    library.update_article(
        article_id,
        ParsedDocument(title="Autre titre", text="Rien à voir", markdown="Rien à voir"),
        RawInput(data=b"new", format="text", encoding="utf-8"),
        content_hash="h2",
        lang="fr",
        source="test",
    )
    assert library.fts_rowids("etats") == []
    assert library.fts_rowids("rien") == [article_id]

    library.set_flags(article_id, read=True, starred=True)
    assert library.fts_rowids("rien") == [article_id]
    article = library.get_article(article_id)
    assert article is not None and article.read and article.starred

    assert library.remove_articles([article_id]) == 1
    assert library.fts_rowids("rien") == []
    assert library.raw_input(article_id) is None
    # The index holds exactly what the table holds.
    integrity = "INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)"
    library.db.execute(integrity)


def test_list_is_newest_first_with_partial_dates_and_undated_last(library: Library) -> None:
    for index, published in enumerate([None, "2024-12-31", "2025-01", "2025-01-28T18:07:00"]):
        library.add_article(
            ParsedDocument(title=f"t{index}", text="x", markdown="x", published=published),
            RawInput(data=str(index).encode(), format="text", encoding="utf-8"),
            content_hash=str(index),
            lang="fr",
            source="s",
        )
    titles = [article.title for article in library.list_articles()]
    assert titles == ["t3", "t2", "t1", "t0"]
    assert [article.title for article in library.list_articles(limit=1, offset=1)] == ["t2"]


def test_remove_source_removes_only_that_source(library: Library) -> None:
    add_article(library, "a", "x", content_hash="1", lang="fr", source="one")
    add_article(library, "b", "y", content_hash="2", lang="fr", source="two")
    assert library.remove_source("one") == 1
    assert [article.title for article in library.list_articles()] == ["b"]


def test_a_second_connection_reads_while_the_first_writes(db_path: Path) -> None:
    with Library(db_path) as writer:
        add_article(writer, "a", "x", content_hash="1", lang="fr", source="test")
        writer.db.begin()
        writer.db.execute("UPDATE articles SET title = 'changing'")
        reader_connection = sqlite3.connect(db_path)
        # WAL: the reader sees the last committed state without waiting.
        assert reader_connection.execute("SELECT title FROM articles").fetchone() == ("a",)
        writer.db.commit()
        assert reader_connection.execute("SELECT title FROM articles").fetchone() == ("changing",)
        reader_connection.close()
