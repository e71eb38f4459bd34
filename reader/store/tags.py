"""Tags on articles and on stories: names, hierarchy, counts, renaming and deleting.

A tag is known by its key (its name case-folded, whitespace collapsed, NFC) and
shown in its canonical form: the form it was first given in, or the one it was
renamed to. "/" makes a hierarchy: "eco/energie" is under "eco", and filtering
on "eco" finds both. Filters also ignore accents, as search does ("tag:economie"
finds "Économie"), through the ``folded`` column; a change to
:func:`reader.text.normalize.fold` needs a migration refilling it.

A story's tags are carried by each of its articles (``story_tags``), so they
are kept when story ids change (``reader stories --rebuild``) and are spread to
every article that joins the story. An article keeps the story tags it had when
it leaves its story (a split): they then belong to its new story.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from reader.models import Article
from reader.store.connection import Connection
from reader.text.normalize import fold
from reader.text.sanitize import strip_control

MAX_NAME_LENGTH = 200

# An article's tags: its own and those it carries for its story.
ALL_TAGGINGS = "SELECT article_id, tag_id FROM article_tags UNION SELECT article_id, tag_id FROM story_tags"


class TagError(ValueError):
    """A tag name that cannot be used, or a tag that does not exist; the message names it."""


@dataclass(frozen=True)
class TagCount:
    """A tag with how many articles have it, and how many of those are unread."""

    name: str
    total: int
    unread: int

    def to_json(self) -> dict[str, Any]:
        """``{"name": ..., "total": N, "unread": N}``."""
        return {"name": self.name, "total": self.total, "unread": self.unread}


def tidy_name(name: str) -> str:
    """``name`` with whitespace collapsed and empty hierarchy levels dropped (" eco / énergie " -> "eco/énergie")."""
    levels = (" ".join(level.split()) for level in unicodedata.normalize("NFC", name).split("/"))
    return "/".join(level for level in levels if level)


def canonical_name(name: str) -> str:
    """The form a tag name is stored in.

    :raises TagError: for an empty name, a control character or a name too long.
    """
    if strip_control(name) != name or "\n" in name or "\t" in name:
        raise TagError(f"tag {name!r}: control characters are not allowed")
    tidied = tidy_name(name)
    if not tidied:
        raise TagError(f"tag {name!r}: a tag needs a name")
    if len(tidied) > MAX_NAME_LENGTH:
        raise TagError(f"tag {tidied[:40]!r}...: longer than {MAX_NAME_LENGTH} characters")
    return tidied


def usable_names(names: Iterable[str]) -> list[str]:
    """The names that can be tags, in canonical form, each key once (for tags read from outside, such as OPML)."""
    usable: dict[str, str] = {}
    for name in names:
        try:
            usable.setdefault(tag_key(name), canonical_name(name))
        except TagError:
            continue
    return list(usable.values())


def tag_key(name: str) -> str:
    """What identifies a tag: its canonical name case-folded ("ÉCONOMIE" and "économie" are one tag).

    :raises TagError: as :func:`canonical_name`.
    """
    return key_of(canonical_name(name))


def key_of(tidied: str) -> str:
    """The key of a name already tidied (see :func:`tidy_name`)."""
    return unicodedata.normalize("NFC", tidied.casefold())


def tag_ids(library: Connection, names: Iterable[str]) -> list[int]:
    """The ids of these tags, each created (in the form given) when new.

    :raises TagError: for a name that cannot be a tag (before anything is written).
    """
    names = [canonical_name(name) for name in names]
    ids = []
    with library.transaction():
        for name in names:
            key = tag_key(name)
            library.db.execute(
                "INSERT INTO tags (name, key, folded) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                [name, key, fold(name)],
            )
            ids.append(library.db.execute("SELECT id FROM tags WHERE key = ?", [key]).fetchone()[0])
    return list(dict.fromkeys(ids))


def tag_articles(library: Connection, article_ids: Iterable[int], names: Iterable[str]) -> int:
    """Give articles these tags; return how many taggings are new."""
    return _tag(library, "article_tags", list(article_ids), names)


def untag_articles(library: Connection, article_ids: Iterable[int], names: Iterable[str]) -> int:
    """Take these tags off articles (not those they have through their story); return how many went."""
    return _untag(library, "article_tags", list(article_ids), names)


def story_members(library: Connection, story_id: int) -> list[int]:
    """The ids of a story's articles.

    :raises TagError: when there is no such story.
    """
    members = [row[0] for row in library.db.execute("SELECT id FROM articles WHERE story_id = ?", [story_id])]
    if not members:
        raise TagError(f"no story with id {story_id}")
    return members


def tag_story(library: Connection, story_id: int, names: Iterable[str]) -> int:
    """Give a story these tags: its articles, present and future, have them; return how many taggings are new."""
    return carry_story_tags(library, story_members(library, story_id), names)


def carry_story_tags(library: Connection, article_ids: Iterable[int], names: Iterable[str]) -> int:
    """Give articles these tags as their story's (:func:`spread_story_tags` gives them to the rest of it)."""
    return _tag(library, "story_tags", list(article_ids), names)


def untag_story(library: Connection, story_id: int, names: Iterable[str]) -> int:
    """Take these tags off a story and every article of it that has them through the story."""
    return _untag(library, "story_tags", story_members(library, story_id), names)


def _tag(library: Connection, table: str, article_ids: list[int], names: Iterable[str]) -> int:
    with library.transaction():
        ids = tag_ids(library, names)
        return sum(
            library.db.execute(
                f"INSERT OR IGNORE INTO {table} (article_id, tag_id) VALUES (?, ?)", [article_id, tag_id]
            ).rowcount
            for article_id in article_ids
            for tag_id in ids
        )


def _untag(library: Connection, table: str, article_ids: list[int], names: Iterable[str]) -> int:
    keys = [tag_key(name) for name in names]
    removed = 0
    with library.transaction():
        for key in keys:
            row = library.db.execute("SELECT id FROM tags WHERE key = ?", [key]).fetchone()
            if row is None:
                continue
            removed += sum(
                library.db.execute(
                    f"DELETE FROM {table} WHERE article_id = ? AND tag_id = ?", [article_id, row[0]]
                ).rowcount
                for article_id in article_ids
            )
            _drop_if_unused(library, row[0])
    return removed


def _drop_if_unused(library: Connection, tag_id: int) -> None:
    """Forget a tag no article, story or rule has any more."""
    library.db.execute(
        "DELETE FROM tags WHERE id = ? AND NOT EXISTS (SELECT 1 FROM article_tags WHERE tag_id = ?) "
        "AND NOT EXISTS (SELECT 1 FROM story_tags WHERE tag_id = ?) "
        "AND NOT EXISTS (SELECT 1 FROM saved_searches WHERE tag_id = ?)",
        [tag_id, tag_id, tag_id, tag_id],
    )


def has_story_tags(library: Connection) -> bool:
    """Whether any story has tags (which its new articles must then be given)."""
    return library.db.execute("SELECT 1 FROM story_tags LIMIT 1").fetchone() is not None


def spread_story_tags(library: Connection, story_id: int | None = None) -> None:
    """Give every article of a story (of every story when None) the story tags any of its articles carries.

    Called after an article joins a story, after stories merge and after a regroup.
    """
    where, params = ("WHERE carrier.story_id = ?", [story_id]) if story_id is not None else ("", [])
    library.db.execute(
        "INSERT OR IGNORE INTO story_tags (article_id, tag_id) "
        "SELECT member.id, st.tag_id FROM story_tags st "
        "JOIN articles carrier ON carrier.id = st.article_id "
        f"JOIN articles member ON member.story_id = carrier.story_id {where}",
        params,
    )


def fill_tags(library: Connection, articles: Sequence[Article]) -> None:
    """Fill in each article's tags, its own and its story's, in one query per 500 articles."""
    for start in range(0, len(articles), 500):
        _fill_tags(library, articles[start : start + 500])


def _fill_tags(library: Connection, articles: Sequence[Article]) -> None:
    by_id = {article.id: article for article in articles}
    placeholders = ",".join("?" * len(by_id))
    for article_id, name in library.db.execute(
        "SELECT DISTINCT tagged.article_id, tags.name FROM "
        f"(SELECT article_id, tag_id FROM article_tags WHERE article_id IN ({placeholders}) "
        f"UNION SELECT article_id, tag_id FROM story_tags WHERE article_id IN ({placeholders})) tagged "
        "JOIN tags ON tags.id = tagged.tag_id ORDER BY tags.key",
        [*by_id, *by_id],
    ):
        by_id[article_id].tags.append(name)


def own_and_story_tags(library: Connection, article_id: int) -> tuple[list[str], list[str]]:
    """An article's own tags and those it has through its story, apart."""
    return _names_in(library, "article_tags", article_id), _names_in(library, "story_tags", article_id)


def _names_in(library: Connection, table: str, article_id: int) -> list[str]:
    return [
        row[0]
        for row in library.db.execute(
            f"SELECT tags.name FROM {table} JOIN tags ON tags.id = {table}.tag_id "
            f"WHERE {table}.article_id = ? ORDER BY tags.key",
            [article_id],
        )
    ]


def list_tags(library: Connection) -> list[TagCount]:
    """Every tag with its number of articles (own or through their story) and of unread ones, by name."""
    return [
        TagCount(name, total, unread or 0)
        for name, total, unread in library.db.execute(
            f"SELECT tags.name, count(a.id), sum(a.read = 0) FROM tags "
            f"LEFT JOIN ({ALL_TAGGINGS}) tagged ON tagged.tag_id = tags.id "
            "LEFT JOIN articles a ON a.id = tagged.article_id GROUP BY tags.id ORDER BY tags.key"
        )
    ]


def tag_filter(name: str, column: str = "a.id", *, per_row: bool = False) -> tuple[str, list[object]]:
    """A SQL condition: ``column`` is an article tagged ``name`` or a tag under it, accents and case aside.

    :param per_row: look each row's tags up apart (for a condition tested on one
        article); by default the tagged articles are listed once.
    """
    folded = fold(tidy_name(name))
    chosen = "SELECT id FROM tags WHERE folded = ? OR substr(folded, 1, ?) = ?"
    params = [folded, len(folded) + 1, f"{folded}/"]
    if per_row:
        return (
            f"(EXISTS (SELECT 1 FROM article_tags WHERE article_id = {column} AND tag_id IN ({chosen})) "
            f"OR EXISTS (SELECT 1 FROM story_tags WHERE article_id = {column} AND tag_id IN ({chosen})))",
            params * 2,
        )
    return (
        f"{column} IN (SELECT article_id FROM article_tags WHERE tag_id IN ({chosen}) "
        f"UNION SELECT article_id FROM story_tags WHERE tag_id IN ({chosen}))",
        params * 2,
    )


def _family(library: Connection, name: str) -> list[tuple[int, str]]:
    """The tag ``name`` and the tags under it: (id, name), the tag itself first."""
    key = tag_key(name)
    return library.db.execute(
        "SELECT id, name FROM tags WHERE key = ? OR substr(key, 1, ?) = ? ORDER BY length(key), key",
        [key, len(key) + 1, f"{key}/"],
    ).fetchall()


def rename_tag(library: Connection, old: str, new: str) -> list[tuple[str, str]]:
    """Rename a tag and the tags under it ("eco" -> "economie" makes "eco/energie" "economie/energie").

    Renaming onto an existing tag merges the two (the new name's form is kept).
    Returns the (old, new) names changed.

    :raises TagError: when no tag is named ``old``, or ``new`` cannot be a tag.
    """
    target = canonical_name(new)
    if tag_key(target).startswith(f"{tag_key(old)}/"):
        raise TagError(f"tag {old!r} cannot be renamed to {target!r}, under itself")
    family = _family(library, old)
    if not family:
        raise TagError(f"no tag named {old!r}")
    depth = len(tidy_name(old).split("/"))
    renamed = []
    with library.transaction():
        for tag_id, name in family:
            new_name = "/".join([target, *name.split("/")[depth:]])
            new_key = tag_key(new_name)
            existing = library.db.execute("SELECT id FROM tags WHERE key = ? AND id != ?", [new_key, tag_id]).fetchone()
            if existing is not None:
                _move_taggings(library, tag_id, existing[0])
                library.db.execute("DELETE FROM tags WHERE id = ?", [tag_id])
                tag_id = existing[0]
            library.db.execute(
                "UPDATE tags SET name = ?, key = ?, folded = ? WHERE id = ?",
                [new_name, new_key, fold(new_name), tag_id],
            )
            renamed.append((name, new_name))
    return renamed


def _move_taggings(library: Connection, from_id: int, to_id: int) -> None:
    for table in ("article_tags", "story_tags"):
        library.db.execute(
            f"INSERT OR IGNORE INTO {table} (article_id, tag_id) SELECT article_id, ? FROM {table} WHERE tag_id = ?",
            [to_id, from_id],
        )
        library.db.execute(f"DELETE FROM {table} WHERE tag_id = ?", [from_id])
    library.db.execute("UPDATE saved_searches SET tag_id = ? WHERE tag_id = ?", [to_id, from_id])


def delete_tag(library: Connection, name: str) -> list[str]:
    """Delete a tag and the tags under it from every article and story; return the names deleted.

    Rules that gave the tag become plain saved searches.

    :raises TagError: when no tag is named ``name``.
    """
    family = _family(library, name)
    if not family:
        raise TagError(f"no tag named {name!r}")
    with library.transaction():
        for tag_id, _ in family:
            for table in ("article_tags", "story_tags"):
                library.db.execute(f"DELETE FROM {table} WHERE tag_id = ?", [tag_id])
            library.db.execute("UPDATE saved_searches SET tag_id = NULL WHERE tag_id = ?", [tag_id])
            library.db.execute("DELETE FROM tags WHERE id = ?", [tag_id])
    return [name for _, name in family]
