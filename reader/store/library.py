"""The library: one SQLite file holding articles, their raw inputs, tags and FTS indexes."""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from reader.models import Article, ParsedDocument, RawInput
from reader.store.connection import Connection, LibraryReadOnly, LibraryRefused
from reader.store.migrations import (
    migrations,
    newer_schema,
    record_schema_version,
    schema_version,
    unknown_required_columns,
)
from reader.store.search_index import (
    INDEX_FUNCTION,
    index_entries,
    index_text_or_empty,
    index_words,
    rebuild_search_index,
    stemming_fingerprint,
)
from reader.store.settings import get_setting, set_setting
from reader.store.tags import fill_tags, tag_filter
from reader.text.figures import Figure
from reader.text.normalize import fold

# The SQL function that folds case and accents like the search index (NULL -> "").
FOLD_FUNCTION = "reader_fold"
# A raw input is stored compressed (raw deflate) when that saves at least this share of it.
COMPRESSION_MIN_SAVING = 0.1
# Raw inputs deflated with their article's title and text as the preset dictionary:
# most of an input is the text stored beside it, so what is left costs a few bytes
# (a 215-byte text file takes about 25; a saved page, the markup around its text).
DEFLATE_WITH_TEXT = "deflate+text"
# Deflate looks back at most 32 KiB: more of a dictionary is never used.
_DICTIONARY_BYTES = 32 * 1024

# What the reader shows of an article: its Markdown, stored as "" when it is the text itself.
_BODY = "CASE WHEN markdown = '' THEN text ELSE markdown END"
ARTICLE_COLUMNS = (
    "id, title, source, url, path, published, lang, author, site_name, story_id, read, starred, added_at, updated_at"
)
# Newest first, undated articles last (most recently added first): the order of
# the idx_articles_recency index, read backwards.
NEWEST_FIRST = "coalesce(published, '') DESC, id DESC"
# Ids bound in one statement (SQLite allows 32,766 parameters).
_IDS_PER_STATEMENT = 10_000
_FIGURE_COLUMNS = (
    "text",
    "start",
    "end",
    "kind",
    "value",
    "low",
    "high",
    "unit",
    "currency",
    "si_value",
    "si_unit",
    "approx",
)


@dataclass(frozen=True)
class ArticleContent:
    """One version of an article's content, ready to store: what the import path made of an input.

    ``index_title`` and ``index_text`` are the stemmed forms of the title and
    text (reader.text.normalize.index_text), and ``packed_raw`` the raw data
    deflated against the document's title and text when that pays
    (:func:`pack_raw`), computed beforehand so that storing does neither.
    """

    document: ParsedDocument
    raw: RawInput
    content_hash: str
    lang: str
    source: str | None
    figures: tuple[Figure, ...]
    index_title: str
    index_text: str
    packed_raw: bytes | None = None


@dataclass(frozen=True)
class StoredInput:
    """What the library needs to know about an input to decide whether it is new."""

    article_id: int
    content_hash: str


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Library(Connection):
    """A reader library backed by the SQLite file at ``path``.

    Opening a library creates the file if needed, switches it to WAL mode (so
    readers and a writer in other processes never block each other), applies
    any pending schema migration, and rebuilds the search index if the stemmers
    changed since it was built. A ``Library`` belongs to the thread that opened
    it: workers open their own.

    A library made by a newer reader is refused before anything is written to it;
    a read-only file is read, and refuses every write.

    :raises LibraryRefused: for a library made by a newer reader, or a read-only
        one made by an older reader (which must be upgraded to be read).
    """

    def __init__(self, path: str | Path) -> None:
        super().__init__(path)
        try:
            self._check_schema()
        except BaseException:
            self.close()
            raise
        # Registered once: registering a function again expires every prepared statement.
        self.db.conn.create_function(FOLD_FUNCTION, 1, _fold_or_empty, deterministic=True)
        self.db.conn.create_function(INDEX_FUNCTION, 2, index_text_or_empty, deterministic=True)
        if not self.read_only:
            self._check_stemming()

    def check_writable(self) -> None:
        """As :meth:`Connection.check_writable`; and refuse a library with columns this reader cannot fill.

        :raises LibraryRefused: when a table has a column, added by a newer reader,
            that a write must fill and this reader does not know.
        """
        super().check_writable()
        if migrations.pending(self.db):
            return  # an older library being upgraded: its old columns are known to its migrations
        if unknown := unknown_required_columns(self.db):
            raise LibraryRefused(
                f"the library {self.path} was made by a newer reader: it has columns this reader cannot fill "
                f"({', '.join(unknown)}); it was left untouched"
            )

    def _check_schema(self) -> None:
        """Refuse a library from a newer reader; upgrade one from an older reader."""
        if newer := newer_schema(self.db):
            raise LibraryRefused(f"the library {self.path} was made by a newer reader: {newer}; it was left untouched")
        if migrations.pending(self.db):
            if self.read_only:
                raise LibraryReadOnly(
                    f"the library {self.path} was made by an older reader and is read-only: "
                    "it needs write permission to be upgraded"
                )
            with self.transaction():
                migrations.apply(self.db)
                record_schema_version(self.db)
            self._writable_checked = False  # checked again, on the schema now current, before the next write
        elif not self.read_only and self.db.execute("PRAGMA user_version").fetchone()[0] < schema_version():
            with self.transaction():
                record_schema_version(self.db)

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _check_stemming(self) -> None:
        """Index every article again when the stemmers give other stems than those the index holds.

        The stemmed index keeps no copy of its words: removing an article's entry
        stems its text again, which must give what was indexed.
        """
        fingerprint = stemming_fingerprint()
        if get_setting(self.db, "stemming") == fingerprint:
            return
        with self.transaction():
            if get_setting(self.db, "stemming") != fingerprint:
                rebuild_search_index(self.db)
                set_setting(self.db, "stemming", fingerprint)

    # Looking things up -----------------------------------------------------

    def count_articles(self) -> int:
        """The number of articles in the library."""
        return self.db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def find_by_path(self, path: str) -> StoredInput | None:
        """The article imported from the file at ``path``, if any."""
        return self._find("path = ?", path)

    def find_by_hash(self, content_hash: str) -> StoredInput | None:
        """The article whose raw input has this hash (hex SHA-256), if any."""
        try:
            digest = bytes.fromhex(content_hash)
        except ValueError:
            return None
        return self._find("content_hash = ?", digest)

    def find_by_url(self, url: str) -> StoredInput | None:
        """The first article stored with this URL, if any."""
        return self._find("url = ? ORDER BY id", url)

    def find_by_entry_key(self, entry_key: str) -> StoredInput | None:
        """The article made from the feed entry with this key (its guid, else its link), if any."""
        return self._find("entry_key = ?", entry_key)

    def _find(self, where: str, value: str | bytes) -> StoredInput | None:
        row = self.db.execute(f"SELECT id, content_hash FROM articles WHERE {where} LIMIT 1", [value]).fetchone()
        return StoredInput(row[0], content_hash_text(row[1])) if row else None

    def get_article(self, article_id: int, *, with_body: bool = True) -> Article | None:
        """One article with its tags (and its text and Markdown unless ``with_body`` is false)."""
        columns = ARTICLE_COLUMNS + (", text, markdown" if with_body else "")
        rows = list(self.db.query(f"SELECT {columns} FROM articles WHERE id = ?", [article_id]))
        if not rows:
            return None
        return self.with_tags([article_from_row(rows[0])])[0]

    def list_articles(
        self,
        *,
        limit: int | None = None,
        offset: int = 0,
        source: str | None = None,
        tag: str | None = None,
        unread: bool = False,
        starred: bool = False,
    ) -> list[Article]:
        """Articles newest first, without their bodies.

        :param source: only the articles of this source.
        :param tag: only those with this tag or a tag under it, theirs or their story's.
        :param unread: only the unread ones.
        :param starred: only the starred ones.
        """
        conditions = [condition for condition, wanted in (("read = 0", unread), ("starred = 1", starred)) if wanted]
        params: list[object] = []
        if source:
            conditions.append("source = ?")
            params.append(source)
        if tag:
            condition, tag_params = tag_filter(tag, column="id")
            conditions.append(condition)
            params += tag_params
        where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
        sql = f"SELECT {ARTICLE_COLUMNS} FROM articles {where} ORDER BY {NEWEST_FIRST}"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        return self.with_tags([article_from_row(row) for row in self.db.query(sql, params)])

    def articles_of_stories(self, story_ids: list[int]) -> list[Article]:
        """The articles of these stories, without bodies, each story's by date (undated last)."""
        articles: list[Article] = []
        for start in range(0, len(story_ids), 500):
            chunk = story_ids[start : start + 500]
            articles += [
                article_from_row(row)
                for row in self.db.query(
                    f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE story_id IN ({','.join('?' * len(chunk))}) "
                    "ORDER BY story_id, published IS NULL, published, id",
                    chunk,
                )
            ]
        return self.with_tags(articles)

    def raw_input(self, article_id: int) -> RawInput | None:
        """The input an article was made from, exactly as it arrived."""
        row = self.db.execute(
            "SELECT r.data, r.format, r.encoding, r.compression, a.title, a.text "
            "FROM raw_inputs r JOIN articles a ON a.id = r.article_id WHERE r.article_id = ?",
            [article_id],
        ).fetchone()
        if row is None:
            return None
        data, compression, title, text = row[0], row[3], row[4], row[5]
        if compression == DEFLATE_WITH_TEXT:
            data = zlib.decompressobj(-zlib.MAX_WBITS, zdict=_raw_dictionary(title, text)).decompress(data)
        elif compression == "deflate":
            data = zlib.decompress(data, -zlib.MAX_WBITS)
        return RawInput(data=data, format=row[1], encoding=row[2])

    def sources(self) -> list[tuple[str, int]]:
        """Every source with its number of articles, largest first."""
        return [
            (row[0], row[1])
            for row in self.db.execute(
                "SELECT source, count(*) FROM articles WHERE source IS NOT NULL "
                "GROUP BY source ORDER BY count(*) DESC, source"
            )
        ]

    def with_tags(self, articles: list[Article]) -> list[Article]:
        """Fill in the tags of ``articles`` (in place), their own and their story's; return them."""
        if articles:
            fill_tags(self, articles)
        return articles

    # Writing ---------------------------------------------------------------

    def add_article(
        self,
        content: ArticleContent,
        *,
        path: str | None = None,
        entry_key: str | None = None,
        feed_id: int | None = None,
    ) -> int:
        """Store a new article with its raw input, key figures and search index entry; return its id.

        :param entry_key: for a feed entry, its stable key (guid, else link).
        :param feed_id: for a feed entry, the feed it came from.
        """
        now = _now()
        columns = {
            **_content_columns(content),
            "path": path,
            "entry_key": entry_key,
            "feed_id": feed_id,
            "added_at": now,
        }
        with self.transaction():
            cursor = self.db.execute(
                f"INSERT INTO articles ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                list(columns.values()),
            )
            article_id = cursor.lastrowid
            assert article_id is not None  # an INSERT always sets it
            index_words(self.db, article_id, content.document.title, content.document.text)
            self._store_derived(article_id, content, new=True)
        return article_id

    def update_article(self, article_id: int, content: ArticleContent) -> None:
        """Replace an article's content, figures and index entry (its read/starred state and tags are kept)."""
        columns = {**_content_columns(content), "updated_at": _now()}
        with self.transaction():
            self.db.execute(
                f"UPDATE articles SET {', '.join(f'{column} = ?' for column in columns)} WHERE id = ?",
                [*columns.values(), article_id],
            )
            self._store_derived(article_id, content, new=False)

    def _store_derived(self, article_id: int, content: ArticleContent, *, new: bool) -> None:
        """What goes with an article's content: its raw input, key figures and search index entry."""
        self._store_raw(article_id, content.raw, content.packed_raw)
        self.store_figures(article_id, content.figures, replace=not new)
        index_entries(self.db, [(article_id, content.index_title, content.index_text)])

    def _store_raw(self, article_id: int, raw: RawInput, packed: bytes | None) -> None:
        data, compression = (raw.data, None) if packed is None else (packed, DEFLATE_WITH_TEXT)
        self.db.execute(
            "INSERT INTO raw_inputs (article_id, format, encoding, data, compression) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (article_id) DO UPDATE SET format = excluded.format, encoding = excluded.encoding, "
            "data = excluded.data, compression = excluded.compression",
            [article_id, raw.format, raw.encoding, data, compression],
        )

    def store_figures(self, article_id: int, figures: Iterable[Figure], *, replace: bool = True) -> None:
        """Store the key figures of an article (replacing those it had, unless it is new)."""
        if replace:
            self.db.execute("DELETE FROM figures WHERE article_id = ?", [article_id])
        columns = ", ".join(f'"{column}"' for column in _FIGURE_COLUMNS)
        placeholders = ", ".join("?" * (len(_FIGURE_COLUMNS) + 1))
        self.db.conn.executemany(
            f"INSERT INTO figures (article_id, {columns}) VALUES ({placeholders})",
            [[article_id, *(getattr(figure, column) for column in _FIGURE_COLUMNS)] for figure in figures],
        )

    def figures(self, article_id: int, *, start: int = 0, end: int | None = None) -> list[Figure]:
        """The key figures stored for an article, in text order; with ``start``/``end``, those that begin there."""
        columns = ", ".join(f'"{column}"' for column in _FIGURE_COLUMNS)
        rows = self.db.execute(
            f"SELECT {columns} FROM figures WHERE article_id = ? AND start >= ? AND (? IS NULL OR start < ?) "
            'ORDER BY start, "end"',
            [article_id, start, end, end],
        ).fetchall()
        return [Figure(*row) for row in rows]

    def body_lengths(self, article_id: int) -> tuple[int, int] | None:
        """How many characters an article's body (its Markdown, else its text) and its text have; None if it is gone."""
        row = self.db.execute(
            f"SELECT length({_BODY}), length(text) FROM articles WHERE id = ?", [article_id]
        ).fetchone()
        return (row[0], row[1]) if row else None

    def body_part(self, article_id: int, start: int, length: int, *, text: bool = False) -> str:
        """``length`` characters of an article's body (or of its ``text``) from ``start``, read without the rest."""
        row = self.db.execute(
            f"SELECT substr({'text' if text else _BODY}, ?, ?) FROM articles WHERE id = ?",
            [start + 1, length, article_id],
        ).fetchone()
        return row[0] if row else ""

    def set_flags(self, article_id: int, *, read: bool | None = None, starred: bool | None = None) -> None:
        """Mark an article read/unread and starred/unstarred."""
        self.set_flags_of([article_id], read=read, starred=starred)

    def set_flags_of(self, article_ids: Iterable[int], *, read: bool | None = None, starred: bool | None = None) -> int:
        """Mark articles read/unread and starred/unstarred, in one transaction; return how many changed."""
        ids = list(article_ids)
        changed: set[int] = set()
        with self.transaction():
            for column, value in (("read", read), ("starred", starred)):
                if value is None:
                    continue
                for start in range(0, len(ids), 500):
                    chunk = ids[start : start + 500]
                    changed.update(
                        row[0]
                        for row in self.db.execute(
                            f"UPDATE articles SET {column} = ? WHERE {column} != ? "
                            f"AND id IN ({','.join('?' * len(chunk))}) RETURNING id",
                            [int(value), int(value), *chunk],
                        )
                    )
        return len(changed)

    def set_read(self, article_ids: Iterable[int], read: bool) -> int:
        """Mark many articles read (or unread) in one transaction; return how many changed."""
        ids = list(article_ids)
        changed = 0
        with self.transaction():
            for start in range(0, len(ids), _IDS_PER_STATEMENT):
                chunk = ids[start : start + _IDS_PER_STATEMENT]
                cursor = self.db.execute(
                    f"UPDATE articles SET read = ? WHERE read != ? AND id IN ({','.join('?' * len(chunk))})",
                    [int(read), int(read), *chunk],
                )
                changed += cursor.rowcount
        return changed

    def remove_articles(self, article_ids: Iterable[int]) -> int:
        """Delete articles (with their raw input, figures, tags and index entries); return how many existed.

        Their stories are the import path's to tidy (reader.operations.remove_articles).
        """
        ids = list(article_ids)
        removed = 0
        with self.transaction():
            for article_id in ids:
                self.db.execute("DELETE FROM raw_inputs WHERE article_id = ?", [article_id])
                self.db.execute("DELETE FROM article_tags WHERE article_id = ?", [article_id])
                self.db.execute("DELETE FROM figures WHERE article_id = ?", [article_id])
                removed += self.db.execute("DELETE FROM articles WHERE id = ?", [article_id]).rowcount
        return removed

    def articles_of_source(self, source: str) -> list[int]:
        """The ids of every article of a source."""
        return [row[0] for row in self.db.execute("SELECT id FROM articles WHERE source = ?", [source])]

    def reindex(self) -> int:
        """Rebuild the search index from every article's stored text; return how many."""
        with self.transaction():
            return rebuild_search_index(self.db)

    def fts_rowids(self, match: str) -> list[int]:
        """Ids of the articles whose index entry matches an FTS5 expression (for checks)."""
        return [
            row[0]
            for row in self.db.execute(
                "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid", [match]
            )
        ]


def _fold_or_empty(value: str | None) -> str:
    return fold(value) if value else ""


def _content_columns(content: ArticleContent) -> dict[str, Any]:
    """The article columns a new version of its content replaces.

    Markdown identical to the text (most plain-text inputs) is stored as "", not twice.
    """
    document = content.document
    return {
        "title": document.title,
        "source": content.source,
        "url": document.url,
        "published": document.published,
        "lang": content.lang,
        "author": document.author,
        "site_name": document.site_name,
        "text": document.text,
        "markdown": "" if document.markdown == document.text else document.markdown,
        "content_hash": bytes.fromhex(content.content_hash),
    }


def pack_raw(data: bytes, title: str, text: str) -> bytes | None:
    """Raw data deflated against the title and text stored with it, when that saves enough to be worth it.

    No header nor checksum (6 bytes less); reading it back needs the same title
    and text, which is why an article's raw input is stored whenever its content is.
    """
    packer = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS, zdict=_raw_dictionary(title, text))
    packed = packer.compress(data) + packer.flush()
    return packed if len(packed) <= len(data) * (1 - COMPRESSION_MIN_SAVING) else None


def _raw_dictionary(title: str, text: str) -> bytes:
    return f"{title}\n{text}".encode()[-_DICTIONARY_BYTES:]


def content_hash_text(stored: bytes | str) -> str:
    """A content hash as stored (the SHA-256's bytes; text in a library that was never upgraded) in hex."""
    return stored.hex() if isinstance(stored, bytes) else stored


def article_from_row(row: dict[str, Any]) -> Article:
    """An :class:`Article` from a row of the articles table (text and Markdown when selected)."""
    return Article(
        id=row["id"],
        title=row["title"],
        source=row["source"],
        url=row["url"],
        path=row["path"],
        published=row["published"],
        lang=row["lang"],
        author=row["author"],
        site_name=row["site_name"],
        story_id=row["story_id"],
        read=bool(row["read"]),
        starred=bool(row["starred"]),
        added_at=row["added_at"],
        updated_at=row["updated_at"] or row["added_at"],
        text=row.get("text"),
        markdown=(row.get("markdown") or row.get("text")) if "markdown" in row else None,
    )
