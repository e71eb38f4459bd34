"""Stories in the library: what grouping stores of each article, its keys, stories, the user's decisions.

The SQL that story grouping (reader.stories.grouping) runs lives here; the
decisions it takes do not. ``story_keys`` files each article under a few keys
(its most salient terms, its figures, its headline's shape) and the day it was
published (0 when undated), so the candidates an article is compared with are
found by index seeks, never by a scan.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import cast

from reader.store.connection import Connection

UNDATED = 0  # the day of a key whose article has no (exact) date


def key_number(key: str) -> int:
    """What a key is stored as: a 31-bit CRC-32 of it (4 bytes; two keys that share one only add a candidate)."""
    return zlib.crc32(key.encode()) & 0x7FFFFFFF


def link_key(url: str) -> int:
    """What a link is stored as: 63 bits of its BLAKE2 digest (grouping only asks whether two are the same)."""
    return int.from_bytes(hashlib.blake2b(url.encode(), digest_size=8).digest()) >> 1


@dataclass(frozen=True)
class Signature:
    """The parts of an article that grouping compares (built by reader.stories.signature).

    ``terms`` are the distinct stems of the title and the lead, the title's
    first, in its order, and the names read further in the text last, at
    most a few dozen; the first ``heads`` are the title's, of which the first
    ``prefix`` come before a colon ("Essonne : ..."); ``names`` are those
    that are proper nouns. ``figures`` are normalised figures such as
    ``"65e9"``; ``days`` the first and last day (proleptic ordinals) the
    article's date may stand for, or None; ``link`` the :func:`link_key` of
    its address; ``shape`` the :func:`key_number` of its source and the
    shape of its headline, which a series repeats ("journal #h").
    """

    terms: tuple[str, ...]
    heads: int
    prefix: int
    names: frozenset[str]
    figures: frozenset[str]
    days: tuple[int, int] | None
    link: int | None = None
    shape: int | None = None

    @cached_property
    def head(self) -> frozenset[str]:
        """The stems of the title."""
        return frozenset(self.terms[: self.heads])

    @cached_property
    def before_colon(self) -> frozenset[str]:
        """The stems of the title before a colon, if any."""
        return frozenset(self.terms[: self.prefix])


@dataclass(frozen=True)
class Candidate:
    """An article filed under some of another's keys: its story, and the day that story had surely begun by."""

    article_id: int
    story_id: int | None
    story_first_day: int | None


def candidates(
    library: Connection,
    keys: Mapping[str, float],
    *,
    days: tuple[int, int] | None,
    rows_per_key: int,
    limit: int,
    excluding: int,
) -> list[Candidate]:
    """The articles filed under ``keys`` (but ``excluding``), most voted first, each key voting its weight.

    One query. At most ``rows_per_key`` articles a key are read, the latest
    first; dated keys are looked up within ``days`` when given (every dated
    key otherwise), and undated ones always.
    """
    if not keys:
        return []
    dated = "day BETWEEN ? AND ?" if days is not None else f"day > {UNDATED}"
    lookup = (
        f"SELECT ? AS weight, article_id FROM (SELECT article_id FROM story_keys WHERE key = ? AND {dated} "
        "ORDER BY day DESC, article_id DESC LIMIT ?) "
        f"UNION ALL SELECT ?, article_id FROM (SELECT article_id FROM story_keys WHERE key = ? AND day = {UNDATED} "
        "ORDER BY article_id DESC LIMIT ?)"
    )
    params: list[object] = []
    for key, weight in keys.items():
        number = key_number(key)
        params += [weight, number, *(days or ()), rows_per_key, weight, number, rows_per_key]
    query = (
        "SELECT voted.article_id, a.story_id, stories.first_day FROM ("
        "SELECT article_id, sum(weight) AS votes FROM (" + " UNION ALL ".join([lookup] * len(keys)) + ") "
        "WHERE article_id != ? GROUP BY article_id ORDER BY votes DESC, article_id DESC LIMIT ?"
        ") AS voted JOIN articles a ON a.id = voted.article_id LEFT JOIN stories ON stories.id = a.story_id "
        "ORDER BY voted.votes DESC, voted.article_id DESC"
    )
    return [Candidate(*row) for row in library.db.execute(query, [*params, excluding, limit])]


def days_filed(library: Connection, key: str, days: tuple[int, int]) -> int:
    """On how many distinct days within ``days`` some article was filed under ``key``."""
    return library.db.execute(
        "SELECT count(DISTINCT day) FROM story_keys WHERE key = ? AND day BETWEEN ? AND ?", [key_number(key), *days]
    ).fetchone()[0]


def term_frequencies(library: Connection, *, at_least: int) -> tuple[int, dict[str, int]]:
    """How many articles the library has, and how many hold each stem of the stemmed index held by ``at_least``."""
    count = article_count(library)
    frequencies = dict(library.db.execute("SELECT term, doc FROM search_index_vocab WHERE doc >= ?", [at_least]))
    return count, frequencies


def article_count(library: Connection) -> int:
    """How many articles the library has (from its largest id: an upper bound, read without a scan)."""
    return library.db.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0]


def signatures(library: Connection, article_ids: Sequence[int]) -> dict[int, Signature]:
    """The signatures stored for these articles (those that have one)."""
    if not article_ids:
        return {}
    placeholders = ",".join("?" * len(article_ids))
    return {
        row[0]: _signature(row[1:])
        for row in library.db.execute(
            "SELECT article_id, terms, heads, prefix, figures, first_day, last_day, link, shape FROM story_signatures "
            f"WHERE article_id IN ({placeholders})",
            list(article_ids),
        )
    }


def stored_signature(library: Connection, article_id: int) -> Signature | None:
    """The signature stored for an article, if it was grouped."""
    return signatures(library, [article_id]).get(article_id)


def _signature(row: Sequence[object]) -> Signature:
    terms, heads, prefix, figures, first_day, last_day, link, shape = row
    days = (cast(int, first_day), cast(int, last_day)) if first_day is not None else None
    stems = cast(str, terms).split()
    return Signature(
        tuple(stem.lower() for stem in stems),
        cast(int, heads),
        cast(int, prefix),
        frozenset(stem.lower() for stem in stems if stem[0].isupper()),
        frozenset(cast(str, figures).split()),
        days,
        cast("int | None", link),
        cast("int | None", shape),
    )


def remember(library: Connection, article_id: int, signature: Signature, keys: Iterable[str], day: int | None) -> None:
    """Store an article's signature and file it under ``keys`` on ``day`` (None: undated)."""
    first_day, last_day = signature.days or (None, None)
    # A name is stored capitalised: stems are lower-case.
    terms = " ".join(stem.capitalize() if stem in signature.names else stem for stem in signature.terms)
    library.db.execute(
        "INSERT INTO story_signatures (article_id, terms, heads, prefix, figures, first_day, last_day, link, shape) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            article_id,
            terms,
            signature.heads,
            signature.prefix,
            " ".join(sorted(signature.figures)),
            first_day,
            last_day,
            signature.link,
            signature.shape,
        ],
    )
    filed_day = UNDATED if day is None else day
    library.db.conn.executemany(
        "INSERT OR IGNORE INTO story_keys (key, day, article_id) VALUES (?, ?, ?)",
        [(key_number(key), filed_day, article_id) for key in keys],
    )


def forget(library: Connection, article_id: int, keys: Iterable[str], day: int | None) -> None:
    """Take an article's signature and its keys (as it was filed) out."""
    filed_day = UNDATED if day is None else day
    library.db.conn.executemany(
        "DELETE FROM story_keys WHERE key = ? AND day = ? AND article_id = ?",
        [(key_number(key), filed_day, article_id) for key in keys],
    )
    library.db.execute("DELETE FROM story_signatures WHERE article_id = ?", [article_id])


def forget_all(library: Connection) -> None:
    """Take every article out of its story, and every story and signature out (the user's decisions stay)."""
    library.db.execute("UPDATE articles SET story_id = NULL")
    for table in ("story_keys", "story_signatures", "stories"):
        library.db.execute(f"DELETE FROM {table}")


def new_story(library: Connection, headline_id: int, first_day: int | None = None) -> int:
    """Start a story titled with the headline of the article ``headline_id``; return its id."""
    story_id = library.db.execute(
        "INSERT INTO stories (headline_id, first_day) VALUES (?, ?)", [headline_id, first_day]
    ).lastrowid
    assert story_id is not None  # an INSERT always sets it
    return story_id


def put_in_story(library: Connection, article_id: int, story_id: int) -> None:
    """Make ``story_id`` the article's story."""
    library.db.execute("UPDATE articles SET story_id = ? WHERE id = ?", [story_id, article_id])


def story_begun_by(library: Connection, story_id: int, day: int) -> None:
    """Note that a story had surely begun by ``day``."""
    library.db.execute(
        "UPDATE stories SET first_day = min(coalesce(first_day, ?), ?) WHERE id = ?", [day, day, story_id]
    )


def story_of(library: Connection, article_id: int) -> int | None:
    """The story an article is in, if any."""
    row = library.db.execute("SELECT story_id FROM articles WHERE id = ?", [article_id]).fetchone()
    return row[0] if row else None


def story_size(library: Connection, story_id: int) -> int:
    """How many articles a story has."""
    return library.db.execute("SELECT count(*) FROM articles WHERE story_id = ?", [story_id]).fetchone()[0]


def members(library: Connection, story_id: int, *, excluding: int | None = None) -> list[int]:
    """The articles of a story, by id."""
    return [
        row[0]
        for row in library.db.execute(
            "SELECT id FROM articles WHERE story_id = ? AND id IS NOT ? ORDER BY id", [story_id, excluding]
        )
    ]


def sample_members(library: Connection, story_id: int, limit: int) -> list[int]:
    """Up to ``limit`` articles of a story: its first ones and its latest ones, by id."""
    half = max(limit // 2, 1)
    return [
        row[0]
        for row in library.db.execute(
            "SELECT id FROM (SELECT id FROM articles WHERE story_id = ? ORDER BY id LIMIT ?) "
            "UNION SELECT id FROM (SELECT id FROM articles WHERE story_id = ? ORDER BY id DESC LIMIT ?)",
            [story_id, half, story_id, limit - half],
        )
    ]


def first_headlines(library: Connection, story_id: int, limit: int) -> list[tuple[int, str]]:
    """The (article id, headline) of a story's first articles."""
    return [
        (row[0], row[1])
        for row in library.db.execute(
            "SELECT id, title FROM articles WHERE story_id = ? ORDER BY id LIMIT ?", [story_id, limit]
        )
    ]


def set_headline(library: Connection, story_id: int, article_id: int) -> None:
    """Title a story with the headline of one of its articles."""
    library.db.execute("UPDATE stories SET headline_id = ? WHERE id = ?", [article_id, story_id])


def story_titles(library: Connection, story_ids: Sequence[int]) -> dict[int, str]:
    """The title of each of these stories: the headline of the article chosen for it."""
    placeholders = ",".join("?" * len(story_ids))
    return dict(
        library.db.execute(
            f"SELECT s.id, a.title FROM stories s JOIN articles a ON a.id = s.headline_id WHERE s.id IN ({placeholders})",
            list(story_ids),
        ).fetchall()
    )


def drop_if_empty(library: Connection, story_id: int) -> None:
    """Drop a story that no article belongs to any more."""
    library.db.execute(
        "DELETE FROM stories WHERE id = ? AND NOT EXISTS (SELECT 1 FROM articles WHERE story_id = ?)",
        [story_id, story_id],
    )


def merge_into(library: Connection, story_id: int, other_id: int) -> None:
    """Move every article of ``other_id`` into ``story_id`` (which begins when the earlier began) and drop it."""
    library.db.execute("UPDATE articles SET story_id = ? WHERE story_id = ?", [story_id, other_id])
    library.db.execute(
        "UPDATE stories SET first_day = (SELECT min(first_day) FROM stories WHERE id IN (?, ?)) WHERE id = ?",
        [story_id, other_id, story_id],
    )
    library.db.execute("DELETE FROM stories WHERE id = ?", [other_id])


def ungrouped(library: Connection) -> list[int]:
    """The articles that are in no story, oldest first (left so by a crash or an older reader)."""
    return [
        row[0]
        for row in library.db.execute(
            "SELECT id FROM articles WHERE story_id IS NULL ORDER BY coalesce(published, ''), id"
        )
    ]


def unsigned(library: Connection) -> list[int]:
    """The articles in a story that have no signature stored, oldest first."""
    return [
        row[0]
        for row in library.db.execute(
            "SELECT id FROM articles WHERE story_id IS NOT NULL "
            "AND NOT EXISTS (SELECT 1 FROM story_signatures WHERE article_id = articles.id) "
            "ORDER BY published IS NULL, published, id"
        )
    ]


def all_articles_oldest_first(library: Connection) -> list[int]:
    """Every article, oldest first, undated last: the order a regrouping takes them in."""
    return [row[0] for row in library.db.execute("SELECT id FROM articles ORDER BY published IS NULL, published, id")]


def story_count(library: Connection) -> int:
    """How many stories the library has."""
    return library.db.execute("SELECT count(*) FROM stories").fetchone()[0]


# The user's decisions ---------------------------------------------------------


def has_decisions(library: Connection, article_id: int) -> bool:
    """Whether the user split or merged this article with another."""
    return (
        library.db.execute(
            "SELECT 1 FROM story_decisions WHERE article_id = ? OR other_id = ? LIMIT 1", [article_id, article_id]
        ).fetchone()
        is not None
    )


def merged_story(library: Connection, article_id: int) -> int | None:
    """The story of an article the user merged this one with, if that one is grouped."""
    row = library.db.execute(
        "SELECT a.story_id FROM story_decisions d JOIN articles a "
        "ON a.id = CASE WHEN d.article_id = ? THEN d.other_id ELSE d.article_id END "
        "WHERE d.same = 1 AND (d.article_id = ? OR d.other_id = ?) AND a.story_id IS NOT NULL "
        "ORDER BY a.id LIMIT 1",
        [article_id, article_id, article_id],
    ).fetchone()
    return row[0] if row else None


def split_stories(library: Connection, article_id: int) -> set[int]:
    """The stories holding an article the user split this one from."""
    return {
        row[0]
        for row in library.db.execute(
            "SELECT a.story_id FROM story_decisions d JOIN articles a "
            "ON a.id = CASE WHEN d.article_id = ? THEN d.other_id ELSE d.article_id END "
            "WHERE d.same = 0 AND (d.article_id = ? OR d.other_id = ?) AND a.story_id IS NOT NULL",
            [article_id, article_id, article_id],
        )
    }


def decide(library: Connection, article_id: int, others: Iterable[int], *, same: bool) -> None:
    """Record that the user wants ``article_id`` with (``same``) or apart from each of ``others``."""
    pairs = [(*sorted((article_id, other)), int(same)) for other in others]
    library.db.conn.executemany(
        "INSERT INTO story_decisions (article_id, other_id, same) VALUES (?, ?, ?) "
        "ON CONFLICT (article_id, other_id) DO UPDATE SET same = excluded.same",
        pairs,
    )


def forget_decisions(library: Connection, article_id: int, *, same: bool) -> None:
    """Forget the user's "together" (``same``) or "apart" decisions about one article."""
    library.db.execute(
        "DELETE FROM story_decisions WHERE same = ? AND (article_id = ? OR other_id = ?)",
        [int(same), article_id, article_id],
    )


def forget_splits_among(library: Connection, article_ids: Sequence[int]) -> None:
    """Forget the user's "apart" decisions between any two of these articles."""
    placeholders = ",".join("?" * len(article_ids))
    library.db.execute(
        f"DELETE FROM story_decisions WHERE same = 0 AND article_id IN ({placeholders}) "
        f"AND other_id IN ({placeholders})",
        [*article_ids, *article_ids],
    )


# Story ids ----------------------------------------------------------------------


def story_of_each_article(library: Connection) -> dict[int, int]:
    """Every grouped article's story: article id -> story id."""
    return dict(library.db.execute("SELECT id, story_id FROM articles WHERE story_id IS NOT NULL").fetchall())


def renumber_stories(library: Connection, new_ids: Mapping[int, int]) -> None:
    """Give stories other ids (story id -> its new id, all distinct and free once the renumbering is done).

    The stories move to negative ids first, so that no id is held by two stories
    on the way; their articles follow.
    """
    if not new_ids:
        return
    library.db.execute("CREATE TEMP TABLE story_renumbering (old INTEGER PRIMARY KEY, new INTEGER NOT NULL)")
    library.db.conn.executemany("INSERT INTO story_renumbering (old, new) VALUES (?, ?)", list(new_ids.items()))
    renumbered = (
        "(SELECT new FROM story_renumbering WHERE old = {column}) WHERE {column} IN (SELECT old FROM story_renumbering)"
    )
    library.db.execute("UPDATE stories SET id = -" + renumbered.format(column="stories.id"))
    library.db.execute("UPDATE stories SET id = -id WHERE id < 0")
    library.db.execute("UPDATE articles SET story_id = " + renumbered.format(column="articles.story_id"))
    library.db.execute("DROP TABLE story_renumbering")
