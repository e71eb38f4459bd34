"""The library: schema, migrations, WAL, raw inputs, both indexes kept in step, write transactions."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from sqlite_utils import Database

from reader.models import RawInput
from reader.operations import open_for_writing, remove_articles
from reader.search import search
from reader.store import Library, LibraryBusy
from reader.store import connection as connection_module
from reader.store.migrations import migrations, schema_version
from reader.store.settings import set_setting
from reader.store.stories import key_number, stored_signature
from reader.stories import list_stories
from tests.builders import PROJECT_ROOT, add_article, article_content, cli_json, run_cli


def check_indexes(library: Library) -> None:
    """Both full-text indexes hold exactly what the articles table holds (else SQLite raises)."""
    library.db.execute("INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)")
    library.db.execute("INSERT INTO search_index (search_index, rank) VALUES ('integrity-check', 1)")


def stemmed_ids(library: Library, term: str) -> list[int]:
    return [row[0] for row in library.db.execute("SELECT rowid FROM search_index WHERE search_index MATCH ?", [term])]


def test_new_library_is_migrated_and_in_wal_mode(db_path: Path) -> None:
    with Library(db_path) as library:
        assert library.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert library.db.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
        applied = [migration.name for migration in migrations.applied(library.db)]
        assert applied == [migration.name for migration in migrations._migrations]
        assert {"articles", "raw_inputs", "tags", "article_tags", "articles_fts"} <= set(library.db.table_names())


def test_reopening_applies_nothing_twice_and_keeps_data(db_path: Path) -> None:
    with Library(db_path) as library:
        add_article(library, "Un titre", "Un texte", lang="fr")
    with Library(db_path) as library:
        assert library.count_articles() == 1
        assert len(migrations.applied(library.db)) == len(migrations._migrations)


def test_raw_input_is_kept_byte_for_byte_compressed_or_not(library: Library) -> None:
    short = RawInput(data=b"Caf\xe9 cr\xe8me\r\n\x00", format="text", encoding="windows-1252")
    page = RawInput(b"<html><body>" + b"<p>Le march\xe9 du jour.</p>" * 500 + b"</body></html>", "html", "latin-1")
    first = library.add_article(article_content("Café", "Café crème", raw=short, content_hash="a"))
    second = library.add_article(article_content("Marché", "Le marché du jour.", raw=page, content_hash="b"))
    assert library.raw_input(first) == short and library.raw_input(second) == page
    stored = dict(library.db.execute("SELECT article_id, length(data) FROM raw_inputs").fetchall())
    assert stored[first] == len(short.data) and stored[second] < len(page.data) / 10


def test_a_text_file_raw_input_costs_a_few_bytes_beside_its_text(library: Library) -> None:
    title, text = "Le marché de l'énergie", "Les prix de l'électricité ont baissé de 12 % en un an, selon la CRE."
    raw = RawInput(f"{title}\n2025-01-28\n\n{text}\n".encode(), "text", "utf-8")
    article_id = library.add_article(article_content(title, text, raw=raw))
    assert library.raw_input(article_id) == raw
    stored = library.db.execute("SELECT length(data), compression FROM raw_inputs").fetchone()
    assert stored[0] < len(raw.data) / 3 and stored[1] == "deflate+text"

    new_text = text.replace("12 %", "15 %") + " La baisse devrait se poursuivre en 2026."
    new_raw = RawInput(f"{title}\n2025-01-29\n\n{new_text}\n".encode(), "text", "utf-8")
    library.update_article(article_id, article_content(title, new_text, raw=new_raw))
    assert library.raw_input(article_id) == new_raw


def test_a_raw_input_deflated_by_an_older_reader_reads_back(library: Library) -> None:
    article_id = add_article(library, "Ancien", "Un texte stocké par une version précédente.")
    page = b"<p>" + "Le march\u00e9 du jour. ".encode() * 50 + b"</p>"
    library.db.execute(
        "UPDATE raw_inputs SET data = ?, compression = 'deflate' WHERE article_id = ?",
        [zlib.compress(page, 6, -zlib.MAX_WBITS), article_id],
    )
    assert library.raw_input(article_id).data == page


def test_markdown_the_same_as_the_text_is_stored_once(library: Library) -> None:
    plain = add_article(library, "Plain", "Just text.")
    styled = add_article(library, "Styled", "Some words.", markdown="Some *words*.")
    markdown = dict(library.db.execute("SELECT id, markdown FROM articles").fetchall())
    assert markdown == {plain: "", styled: "Some *words*."}
    assert library.get_article(plain).markdown == "Just text."
    assert library.get_article(styled).markdown == "Some *words*."


def test_both_indexes_follow_insert_update_and_delete(library: Library) -> None:
    article_id = add_article(library, "Données nucléaires", "Les États-Unis investissent", lang="fr")
    assert library.fts_rowids("donnees") == library.fts_rowids("etats") == [article_id]
    assert stemmed_ids(library, "nucleair") == [article_id]

    library.update_article(article_id, article_content("Autre titre", "Rien à voir", lang="fr"))
    assert library.fts_rowids("etats") == [] and library.fts_rowids("rien") == [article_id]
    assert stemmed_ids(library, "nucleair") == [] and stemmed_ids(library, "rien") == [article_id]
    check_indexes(library)

    library.set_flags(article_id, read=True, starred=True)
    assert library.fts_rowids("rien") == [article_id]
    article = library.get_article(article_id)
    assert article is not None and article.read and article.starred

    assert library.remove_articles([article_id]) == 1
    assert library.fts_rowids("rien") == [] and stemmed_ids(library, "rien") == []
    assert library.raw_input(article_id) is None
    check_indexes(library)


def test_the_stemmed_index_is_built_again_when_the_stemmers_change(db_path: Path) -> None:
    with Library(db_path) as library:
        article_id = add_article(library, "Les centrales", "Relancer les réacteurs nucléaires.", lang="fr")
        # As if the index had been built by stemmers that gave other stems.
        library.db.execute("INSERT INTO search_index (search_index) VALUES ('delete-all')")
        library.db.execute("INSERT INTO search_index (rowid, title, text) VALUES (?, 'other', 'stems')", [article_id])
        set_setting(library.db, "stemming", "an older stemmer")
    with Library(db_path) as library:
        assert stemmed_ids(library, "nucleair") == [article_id] and stemmed_ids(library, "other") == []
        check_indexes(library)
        library.remove_articles([article_id])
        check_indexes(library)


def test_list_is_newest_first_with_partial_dates_and_undated_last(library: Library) -> None:
    for index, published in enumerate([None, "2024-12-31", "2025-01", "2025-01-28T18:07:00"]):
        add_article(library, f"t{index}", "x", published=published)
    titles = [article.title for article in library.list_articles()]
    assert titles == ["t3", "t2", "t1", "t0"]
    assert [article.title for article in library.list_articles(limit=1, offset=1)] == ["t2"]


def test_the_articles_of_a_source(library: Library) -> None:
    first = add_article(library, "a", "x", source="one")
    add_article(library, "b", "y", source="two")
    assert library.articles_of_source("one") == [first]


def test_a_second_connection_reads_while_the_first_writes(db_path: Path) -> None:
    with Library(db_path) as writer:
        add_article(writer, "a", "x")
        with writer.transaction():
            writer.db.execute("UPDATE articles SET title = 'changing'")
            reader_connection = sqlite3.connect(db_path)
            # WAL: the reader sees the last committed state without waiting.
            assert reader_connection.execute("SELECT title FROM articles").fetchone() == ("a",)
        assert reader_connection.execute("SELECT title FROM articles").fetchone() == ("changing",)
        reader_connection.close()


def add_then_fail(library: Library, title: str) -> None:
    with library.transaction():
        add_article(library, title, "x")
        raise RuntimeError(title)


def test_a_failed_transaction_leaves_nothing_and_undoing_to_a_mark_only_what_came_after(library: Library) -> None:
    with pytest.raises(RuntimeError, match="gone"):
        add_then_fail(library, "gone")
    with library.transaction():
        add_article(library, "kept", "x")
        mark = library.undo_point()
        add_article(library, "undone", "x")
        library.undo_to(mark)
        add_article(library, "after", "x")
    assert [article.title for article in library.list_articles()] == ["after", "kept"]
    matching = "SELECT title FROM articles_fts WHERE articles_fts MATCH ?"
    assert library.db.execute(matching, ["undone"]).fetchall() == []
    assert library.db.execute(matching, ["after"]).fetchall() == [("after",)]
    assert not library.db.conn.in_transaction


# Holds the library's write lock until its standard input closes.
HOLD_THE_LOCK = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
sys.stdin.read()
"""


def test_a_writer_waits_for_another_and_gives_up_after_its_bound_with_one_line(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Library(db_path) as library:
        add_article(library, "first", "x")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_THE_LOCK, str(db_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=PROJECT_ROOT,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        # The bounds made short: what is checked is what happens when they run out.
        monkeypatch.setenv(connection_module.WRITE_WAIT_VARIABLE, "0")
        monkeypatch.setattr(connection_module, "BUSY_TIMEOUT_MS", 50)
        with Library(db_path) as library:
            # Reading never waits: WAL.
            assert library.count_articles() == 1
            with pytest.raises(LibraryBusy, match=f"the library {db_path} is busy"), library.transaction():
                pass
    finally:
        holder.communicate("")
    with Library(db_path) as library, library.transaction():
        add_article(library, "second", "y")
        assert library.count_articles() == 2


def test_a_library_from_before_the_compact_schema_is_upgraded_whole(db_path: Path) -> None:
    old = Database(db_path)
    migrations.apply(old, stop_before="store_content_once")
    digest = hashlib.sha256(b"raw").hexdigest()
    old.execute(
        "INSERT INTO articles (title, lang, text, markdown, content_hash, story_id, added_at, updated_at) "
        "VALUES ('Grève à la SNCF', 'fr', 'Les trains restent à quai.', 'Les trains restent à quai.', ?, 1, "
        "'2025-01-01T00:00:00+00:00', '2025-01-01T00:00:00+00:00')",
        [digest],
    )
    old.execute("INSERT INTO raw_inputs (article_id, format, encoding, data) VALUES (1, 'text', 'utf-8', x'726177')")
    old.execute("INSERT INTO stories (id, title, first_day) VALUES (1, 'Grève à la SNCF', 739000)")
    old.execute(
        "INSERT INTO story_signatures (article_id, title, lead, names, figures, first_day, last_day) "
        "VALUES (1, 'greve sncf', 'trains restent quai', 'sncf', '', 739000, 739000)"
    )
    old.execute("INSERT INTO story_keys (key, day, article_id) VALUES ('@sncf', 739000, 1), ('greve', 739000, 1)")
    old.execute("INSERT INTO search_index (rowid, title, text) VALUES (1, 'grev sncf', 'train rest quai')")
    old.conn.commit()
    old.close()

    with open_for_writing(db_path) as library:
        article = library.get_article(1)
        assert article.markdown == "Les trains restent à quai." and article.updated_at == article.added_at
        assert library.find_by_hash(digest).article_id == 1 and library.raw_input(1).data == b"raw"
        assert [story.title for story in list_stories(library)] == ["Grève à la SNCF"]
        assert [hit.article.id for hit in search(library, "greve trains").hits] == [1]
        # The signature is made again from the article, which keeps its story; its keys are its stems.
        assert library.db.execute("SELECT key FROM story_keys ORDER BY key").fetchall() == sorted(
            (key_number(stem),) for stem in ("grev", "sncf", "train", "restent", "quai")
        )
        assert stored_signature(library, 1).head == {"grev", "sncf"}
        check_indexes(library)
        remove_articles(library, [1])
        assert library.db.execute("SELECT count(*) FROM story_keys").fetchone()[0] == 0
        check_indexes(library)


def _library_with_an_article(db_path: Path, tmp_path: Path) -> Path:
    """A library holding one article (imported from the file returned), closed."""
    article = tmp_path / "first.txt"
    article.write_text("A first article\n\nWhose text is long enough to be stored on its own.\n", encoding="utf-8")
    assert run_cli("add", article, db=db_path).exit_code == 0
    return article


@pytest.mark.parametrize(
    "damage, reason",
    [
        ("PRAGMA user_version = 999", f"its schema version is 999, this reader's is {schema_version()}"),
        (
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('reader', 'm999_future', '')",
            f"its schema holds migration 'm999_future', unknown to this reader (version {schema_version()})",
        ),
    ],
    ids=["user_version", "unknown migration"],
)
def test_a_library_from_a_newer_reader_is_refused_and_left_untouched(
    db_path: Path, tmp_path: Path, damage: str, reason: str
) -> None:
    article = _library_with_an_article(db_path, tmp_path)
    with sqlite3.connect(db_path) as raw:
        raw.execute(damage)
    raw.close()
    before = db_path.read_bytes()
    for args in (["list"], ["search", "article"], ["add", article], ["tag", "1", "x"], ["stories"]):
        result = run_cli(*args, db=db_path)
        assert result.exit_code == 1, args
        assert result.stderr.splitlines() == [
            f"error: the library {db_path} was made by a newer reader: {reason}; it was left untouched"
        ]
        assert result.stdout == ""
    assert db_path.read_bytes() == before


def test_a_read_only_library_is_read_and_refuses_writes_in_one_line(db_path: Path, tmp_path: Path) -> None:
    article = _library_with_an_article(db_path, tmp_path)
    before = db_path.read_bytes()
    db_path.chmod(0o444)
    refused = [f"error: the library {db_path} is read-only (no write permission): nothing was changed"]
    for args in (["add", article], ["tag", "1", "x"], ["remove", "1"], ["refresh"]):
        result = run_cli(*args, db=db_path)
        assert (result.exit_code, result.stderr.splitlines()) == (1, refused), args
    assert [line.split()[-3:] for line in run_cli("list", db=db_path).stdout.splitlines()] == [
        ["A", "first", "article"]
    ]
    found = run_cli("search", "article", db=db_path)
    assert found.exit_code == 0 and "1 found" in found.stderr
    assert cli_json("show", "1", "--json", db=db_path)["tags"] == []
    assert db_path.read_bytes() == before


def test_a_library_with_a_column_this_reader_cannot_fill_is_read_but_never_written(
    db_path: Path, tmp_path: Path
) -> None:
    _library_with_an_article(db_path, tmp_path)
    second = tmp_path / "second.txt"
    second.write_text("A second article\n\nWith a text of its own, long enough to be stored.\n", encoding="utf-8")
    with sqlite3.connect(db_path) as raw:
        raw.executescript(
            "CREATE TABLE tags_new (id INTEGER PRIMARY KEY, name TEXT NOT NULL, key TEXT, folded TEXT, colour TEXT NOT NULL);"
            "INSERT INTO tags_new SELECT id, name, key, folded, 'red' FROM tags;"
            "DROP TABLE tags; ALTER TABLE tags_new RENAME TO tags;"
        )
    raw.close()
    before = db_path.read_bytes()
    refused = [
        f"error: the library {db_path} was made by a newer reader: it has columns this reader cannot fill "
        "(tags.colour); it was left untouched"
    ]
    for args in (["add", second], ["tag", "1", "x"], ["remove", "1"]):
        result = run_cli(*args, db=db_path)
        assert (result.exit_code, result.stderr.splitlines()) == (1, refused), args
    assert [item["title"] for item in cli_json("list", "--json", db=db_path)] == ["A first article"]
    assert db_path.read_bytes() == before


def test_the_reader_itself_refuses_a_library_from_a_newer_reader_in_one_line(db_path: Path, tmp_path: Path) -> None:
    _library_with_an_article(db_path, tmp_path)
    with sqlite3.connect(db_path) as raw:
        raw.execute("PRAGMA user_version = 999")
    raw.close()
    result = run_cli(db=db_path)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: the library {db_path} was made by a newer reader: its schema version is 999, "
        f"this reader's is {schema_version()}; it was left untouched"
    ]
