"""Put each article into a story as it arrives, and let the user split and merge.

An article is compared only with candidates found through ``story_keys`` (a few
words, names and figures per article, looked up within a window of days, each
lookup capped), so the cost of adding one article does not grow with the
library. It joins the story of its most similar candidate when that similarity
reaches :data:`JOIN_THRESHOLD`, or starts a story of its own. What a user split
apart or merged (``story_decisions``) always wins over the similarity.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import cast

from rapidfuzz import fuzz

from reader.store import Library
from reader.store.tags import spread_story_tags
from reader.stories.signature import Signature, days_apart, signature, similarity

# Chosen on ../shared/data/stories with bench/stories_eval.py (see its docstring).
JOIN_THRESHOLD = 0.5
# Articles further apart than this many days never join, whatever their wording;
# and a story takes no article from more than STORY_DAYS after it began, so a
# daily programme or a months-long topic does not chain into one endless story.
WINDOW_DAYS = 3
STORY_DAYS = 7
# Blocking: keys per article, rows read per key, candidates verified per article.
MAX_KEYS = 12
ROWS_PER_KEY = 40
MAX_CANDIDATES = 30
# The story title is the most representative headline among its first articles.
TITLE_SAMPLE = 20

ProgressCallback = Callable[[int, int], None]


def assign_story(library: Library, article_id: int, *, threshold: float = JOIN_THRESHOLD) -> int:
    """Group one stored article: join the best matching story or start one; return the story id.

    :param threshold: the similarity a candidate needs for the article to join its story.
    """
    row = library.db.execute(
        "SELECT title, text, published, url, lang, story_id FROM articles WHERE id = ?", [article_id]
    ).fetchone()
    if row is None:
        raise KeyError(article_id)
    title, text, published, url, lang, previous = row
    lang = lang if lang in ("fr", "en") else "auto"
    sig = signature(title, text, published, url, lang, text_figures=library.figures(article_id))
    with library.transaction():
        _forget(library, article_id)
        story_id = _user_story(library, article_id) or _best_story(library, article_id, sig, threshold)
        if story_id is None:
            story_id = cast(int, library.db.execute("INSERT INTO stories (title) VALUES (?)", [title]).lastrowid)
        if sig.days is not None:
            library.db.execute(
                "UPDATE stories SET first_day = min(coalesce(first_day, ?), ?) WHERE id = ?",
                [sig.days[1], sig.days[1], story_id],
            )
        _remember(library, article_id, sig)
        library.db.execute("UPDATE articles SET story_id = ? WHERE id = ?", [story_id, article_id])
        _retitle(library, story_id)
        if previous is not None and previous != story_id:
            _tidy(library, previous)
    return story_id


def rebuild(
    library: Library,
    *,
    threshold: float = JOIN_THRESHOLD,
    on_progress: ProgressCallback | None = None,
    batch: int = 1000,
) -> int:
    """Regroup every article from scratch, oldest first, as if each had just arrived.

    The user's split and merge decisions are kept and respected, and so are
    story tags (each story gets those its articles carry). Returns the number
    of stories.

    :param threshold: as for :func:`assign_story`.
    :param on_progress: called after each article with (done, total).
    """
    with library.transaction():
        library.db.execute("UPDATE articles SET story_id = NULL")
        for table in ("story_keys", "story_signatures", "stories"):
            library.db.execute(f"DELETE FROM {table}")
    ids = [row[0] for row in library.db.execute("SELECT id FROM articles ORDER BY published IS NULL, published, id")]
    for start in range(0, len(ids), batch):
        with library.transaction():
            for done, article_id in enumerate(ids[start : start + batch], start=start + 1):
                assign_story(library, article_id, threshold=threshold)
                if on_progress is not None:
                    on_progress(done, len(ids))
    with library.transaction():
        spread_story_tags(library)
    return library.db.execute("SELECT count(*) FROM stories").fetchone()[0]


def split_article(library: Library, article_id: int) -> int:
    """Take an article out of its story into a story of its own, for good; return the new story id.

    The article keeps the story tags it had, which its new story then has.
    """
    row = library.db.execute("SELECT title, story_id FROM articles WHERE id = ?", [article_id]).fetchone()
    if row is None:
        raise KeyError(article_id)
    title, old_story = row
    with library.transaction():
        others = _members(library, old_story, excluding=article_id) if old_story else []
        library.db.execute(
            "DELETE FROM story_decisions WHERE same = 1 AND (article_id = ? OR other_id = ?)",
            [article_id, article_id],
        )
        _decide(library, article_id, others, same=False)
        cursor = library.db.execute(
            "INSERT INTO stories (title, first_day) "
            "SELECT ?, last_day FROM story_signatures WHERE article_id = ? UNION ALL SELECT ?, NULL LIMIT 1",
            [title, article_id, title],
        )
        story_id = cast(int, cursor.lastrowid)
        library.db.execute("UPDATE articles SET story_id = ? WHERE id = ?", [story_id, article_id])
        if old_story is not None:
            _retitle(library, old_story)
            _tidy(library, old_story)
    return story_id


def merge_stories(library: Library, story_id: int, other_id: int) -> int:
    """Fold ``other_id`` into ``story_id`` for good, with both stories' tags; return ``story_id``.

    :raises KeyError: naming a story that does not exist.
    :raises ValueError: when both ids name the same story.
    """
    if story_id == other_id:
        raise ValueError("a story cannot be merged with itself")
    keep = _members(library, story_id)
    fold_in = _members(library, other_id)
    if not keep or not fold_in:
        raise KeyError(other_id if keep else story_id)
    anchor = keep[0]
    with library.transaction():
        # A merge overrides earlier splits between these articles, and only those.
        merged = ",".join(str(member) for member in keep + fold_in)
        library.db.execute(
            f"DELETE FROM story_decisions WHERE same = 0 AND article_id IN ({merged}) AND other_id IN ({merged})"
        )
        _decide(library, anchor, [member for member in keep + fold_in if member != anchor], same=True)
        library.db.execute("UPDATE articles SET story_id = ? WHERE story_id = ?", [story_id, other_id])
        library.db.execute(
            "UPDATE stories SET first_day = (SELECT min(first_day) FROM stories WHERE id IN (?, ?)) WHERE id = ?",
            [story_id, other_id, story_id],
        )
        library.db.execute("DELETE FROM stories WHERE id = ?", [other_id])
        _retitle(library, story_id)
        spread_story_tags(library, story_id)
    return story_id


# Candidates and verification ------------------------------------------------


def blocking_keys(sig: Signature) -> list[str]:
    """The keys an article is filed under: figures and names first, then its longest title words."""
    keys = [f"#{figure}" for figure in sorted(sig.figures)]
    keys += [f"@{name}" for name in sorted(sig.names, key=lambda name: (-len(name), name))]
    title_words = sorted({word for word in sig.title.split() if len(word) > 2}, key=lambda w: (-len(w), w))
    keys += [word for word in title_words if f"@{word}" not in keys]
    return keys[:MAX_KEYS]


def _exact_day(sig: Signature) -> int | None:
    return sig.days[0] if sig.days and sig.days[0] == sig.days[1] else None


def _candidate_ids(library: Library, sig: Signature, article_id: int) -> list[int]:
    votes: Counter[int] = Counter()
    for key in blocking_keys(sig):
        if sig.days is not None:
            rows = library.db.execute(
                "SELECT article_id FROM story_keys WHERE key = ? AND day BETWEEN ? AND ? "
                "ORDER BY day DESC, article_id DESC LIMIT ?",
                [key, sig.days[0] - WINDOW_DAYS, sig.days[1] + WINDOW_DAYS, ROWS_PER_KEY],
            )
        else:
            rows = library.db.execute(
                "SELECT article_id FROM story_keys WHERE key = ? AND day IS NOT NULL "
                "ORDER BY day DESC, article_id DESC LIMIT ?",
                [key, ROWS_PER_KEY],
            )
        undated = library.db.execute(
            "SELECT article_id FROM story_keys WHERE key = ? AND day IS NULL ORDER BY article_id DESC LIMIT ?",
            [key, ROWS_PER_KEY],
        )
        votes.update(row[0] for row in (*rows, *undated))
    votes.pop(article_id, None)
    ranked = sorted(votes.items(), key=lambda item: (-item[1], -item[0]))
    return [candidate for candidate, _ in ranked[:MAX_CANDIDATES]]


def _best_story(library: Library, article_id: int, sig: Signature, threshold: float) -> int | None:
    candidates = _candidate_ids(library, sig, article_id)
    if not candidates:
        return None
    apart = _apart_stories(library, article_id)
    best_score, best_story = threshold, None
    for other, story_id, first_day in _signatures(library, candidates):
        if story_id is None or story_id in apart:
            continue
        if sig.days is not None and first_day is not None and sig.days[0] - first_day > STORY_DAYS:
            continue
        gap = days_apart(sig, other)
        if gap is not None and gap > WINDOW_DAYS:
            continue
        score = similarity(sig, other)
        if score >= best_score:
            best_score, best_story = score, story_id
    return best_story


def _signatures(library: Library, article_ids: Sequence[int]) -> Iterable[tuple[Signature, int | None, int | None]]:
    """Each candidate's signature, story and the day its story had surely begun by."""
    placeholders = ",".join("?" * len(article_ids))
    for row in library.db.execute(
        "SELECT s.title, s.lead, s.names, s.figures, s.first_day, s.last_day, s.url, a.story_id, "
        "stories.first_day FROM story_signatures s JOIN articles a ON a.id = s.article_id "
        f"LEFT JOIN stories ON stories.id = a.story_id WHERE s.article_id IN ({placeholders})",
        list(article_ids),
    ):
        days = (row[4], row[5]) if row[4] is not None else None
        sig = Signature(row[0], row[1], frozenset(row[2].split()), frozenset(row[3].split()), days, row[6])
        yield sig, row[7], row[8]


# User decisions -------------------------------------------------------------


def _user_story(library: Library, article_id: int) -> int | None:
    """The story of an article the user merged this one with, if it is already grouped."""
    row = library.db.execute(
        "SELECT a.story_id FROM story_decisions d JOIN articles a "
        "ON a.id = CASE WHEN d.article_id = ? THEN d.other_id ELSE d.article_id END "
        "WHERE d.same = 1 AND (d.article_id = ? OR d.other_id = ?) AND a.story_id IS NOT NULL "
        "ORDER BY a.id LIMIT 1",
        [article_id, article_id, article_id],
    ).fetchone()
    return row[0] if row else None


def _apart_stories(library: Library, article_id: int) -> set[int]:
    """Stories holding an article the user split this one from."""
    return {
        row[0]
        for row in library.db.execute(
            "SELECT a.story_id FROM story_decisions d JOIN articles a "
            "ON a.id = CASE WHEN d.article_id = ? THEN d.other_id ELSE d.article_id END "
            "WHERE d.same = 0 AND (d.article_id = ? OR d.other_id = ?) AND a.story_id IS NOT NULL",
            [article_id, article_id, article_id],
        )
    }


def _decide(library: Library, article_id: int, others: Iterable[int], *, same: bool) -> None:
    for other in others:
        first, second = sorted((article_id, other))
        library.db.execute(
            "INSERT INTO story_decisions (article_id, other_id, same) VALUES (?, ?, ?) "
            "ON CONFLICT (article_id, other_id) DO UPDATE SET same = excluded.same",
            [first, second, int(same)],
        )


# Bookkeeping ----------------------------------------------------------------


def _remember(library: Library, article_id: int, sig: Signature) -> None:
    first_day, last_day = sig.days or (None, None)
    library.db.execute(
        "INSERT INTO story_signatures (article_id, title, lead, names, figures, first_day, last_day, url) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            article_id,
            sig.title,
            sig.lead,
            " ".join(sorted(sig.names)),
            " ".join(sorted(sig.figures)),
            first_day,
            last_day,
            sig.url,
        ],
    )
    day = _exact_day(sig)
    library.db.conn.executemany(
        "INSERT INTO story_keys (key, day, article_id) VALUES (?, ?, ?)",
        [(key, day, article_id) for key in blocking_keys(sig)],
    )


def _forget(library: Library, article_id: int) -> None:
    library.db.execute("DELETE FROM story_keys WHERE article_id = ?", [article_id])
    library.db.execute("DELETE FROM story_signatures WHERE article_id = ?", [article_id])


def _members(library: Library, story_id: int, *, excluding: int | None = None) -> list[int]:
    return [
        row[0]
        for row in library.db.execute(
            "SELECT id FROM articles WHERE story_id = ? AND id IS NOT ? ORDER BY id", [story_id, excluding]
        )
    ]


def _retitle(library: Library, story_id: int) -> None:
    """Title a story with the headline closest to all the others among its first articles."""
    rows = library.db.execute(
        "SELECT a.title, coalesce(s.title, '') FROM articles a "
        "LEFT JOIN story_signatures s ON s.article_id = a.id "
        "WHERE a.story_id = ? ORDER BY a.id LIMIT ?",
        [story_id, TITLE_SAMPLE],
    ).fetchall()
    if not rows:
        return
    title = representative_title([(original, normalised) for original, normalised in rows])
    library.db.execute("UPDATE stories SET title = ? WHERE id = ?", [title, story_id])


def representative_title(titles: Sequence[tuple[str, str]]) -> str:
    """The headline most similar to the others: pairs of (original, normalised) titles."""

    def centrality(index: int) -> float:
        normalised = titles[index][1]
        return sum(fuzz.token_set_ratio(normalised, other[1]) for other in titles)

    best = max(range(len(titles)), key=lambda index: (centrality(index), -index))
    return titles[best][0]


def _tidy(library: Library, story_id: int) -> None:
    """Drop a story that no article belongs to any more."""
    library.db.execute(
        "DELETE FROM stories WHERE id = ? AND NOT EXISTS (SELECT 1 FROM articles WHERE story_id = ?)",
        [story_id, story_id],
    )
