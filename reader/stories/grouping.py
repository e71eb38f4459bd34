"""Put each article into a story as it arrives, and let the user split and merge.

An article is compared only with candidates filed under its keys (a few words,
names and figures per article, looked up within a window of days, each lookup
capped; reader.store.stories), so the cost of adding one article does not grow
with the library. It joins the story of its most similar candidate when that
similarity reaches :data:`JOIN_THRESHOLD`, or starts a story of its own. What a
user split apart or merged always wins over the similarity.

The SQL is the store's; this module decides.
"""

from __future__ import annotations

from collections import Counter, OrderedDict
from collections.abc import Callable, Sequence

from rapidfuzz import fuzz

from reader.store import Library
from reader.store import stories as stored
from reader.store.stories import Signature
from reader.store.tags import spread_story_tags
from reader.stories.signature import days_apart, signature, similarity
from reader.stories.story_ids import keep_story_ids, leave_story

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
# The story title is the most representative headline among its first articles;
# it is chosen again as the story grows to each of these sizes, then settled.
TITLE_SAMPLE = 20
RETITLE_AT = frozenset({1, 2, 3, 4, 6, 9, 13, TITLE_SAMPLE})

ProgressCallback = Callable[[int, int], None]


class SignatureCache:
    """The signatures of recently grouped articles, which the next articles are compared with again and again.

    An import keeps one for its duration: a signature read from the library
    once is not read and parsed again for each later article it is a candidate of.
    """

    def __init__(self, size: int = 50_000) -> None:
        self.size = size
        self._signatures: OrderedDict[int, Signature] = OrderedDict()

    def get(self, library: Library, article_ids: Sequence[int]) -> dict[int, Signature]:
        """The signatures of these articles (those that have one), read from the library when not kept."""
        found = {
            article_id: self._signatures[article_id] for article_id in article_ids if article_id in self._signatures
        }
        missing = [article_id for article_id in article_ids if article_id not in found]
        for article_id, sig in stored.signatures(library, missing).items():
            self.put(article_id, sig)
            found[article_id] = sig
        return found

    def put(self, article_id: int, sig: Signature) -> None:
        """Keep an article's signature (the oldest kept is let go when full)."""
        self._signatures[article_id] = sig
        self._signatures.move_to_end(article_id)
        if len(self._signatures) > self.size:
            self._signatures.popitem(last=False)

    def drop(self, article_id: int) -> None:
        """Forget an article's signature (it is about to change)."""
        self._signatures.pop(article_id, None)


def assign_story(
    library: Library,
    article_id: int,
    sig: Signature,
    *,
    new: bool,
    threshold: float = JOIN_THRESHOLD,
    cache: SignatureCache | None = None,
) -> int:
    """Group a stored article, given its signature: join the best matching story or start one; return the story id.

    Runs inside the caller's transaction, or in one of its own.

    :param new: the article was just stored (it has no story, no signature and no user decision yet).
    :param threshold: the similarity a candidate needs for the article to join its story.
    :param cache: signatures kept from one article to the next (a new one for each call when None).
    """
    cache = cache or SignatureCache()
    with library.transaction():
        previous = None if new else stored.story_of(library, article_id)
        decided = not new and stored.has_decisions(library, article_id)
        if not new:
            _forget(library, article_id)
            cache.drop(article_id)
        apart = stored.split_stories(library, article_id) if decided else set()
        day = sig.days[1] if sig.days else None
        merged = stored.merged_story(library, article_id) if decided else None
        # The story to join and the day it had surely begun by (None: not known, or a story to start).
        story_id, begun_by = (
            (merged, None) if merged else _best_story(library, article_id, sig, threshold, apart, cache)
        )
        if story_id is None:
            story_id, begun_by = stored.new_story(library, article_id, day), day
        stored.remember(library, article_id, sig, blocking_keys(sig), _exact_day(sig))
        cache.put(article_id, sig)
        stored.put_in_story(library, article_id, story_id)
        if day is not None and (begun_by is None or day < begun_by):
            stored.story_begun_by(library, story_id, day)
        if stored.story_size(library, story_id) in RETITLE_AT:
            _retitle(library, story_id)
        if previous is not None and previous != story_id:
            story_id = leave_story(library, previous, story_id)
    return story_id


def regroup_stored(library: Library, article_id: int, *, threshold: float = JOIN_THRESHOLD) -> int:
    """Group an article already stored, building its signature from what the library holds; return its story."""
    article = library.get_article(article_id)
    if article is None:
        raise KeyError(article_id)
    assert article.text is not None  # get_article reads the body
    lang = article.lang if article.lang in ("fr", "en") else "auto"
    sig = signature(
        article.title, article.text, article.published, article.url, lang, text_figures=library.figures(article_id)
    )
    return assign_story(library, article_id, sig, new=False, threshold=threshold)


def rebuild(
    library: Library,
    *,
    threshold: float = JOIN_THRESHOLD,
    on_progress: ProgressCallback | None = None,
    batch: int = 1000,
) -> int:
    """Regroup every article from scratch, oldest first, as if each had just arrived.

    The user's split and merge decisions are kept and respected, and so are
    story tags (each story gets those its articles carry) and story ids (a
    story that survives keeps its id: reader.stories.story_ids). Returns the
    number of stories.

    :param threshold: as for :func:`assign_story`.
    :param on_progress: called after each article with (done, total).
    """
    with library.transaction():
        before = stored.story_of_each_article(library)
        stored.forget_all(library)
    ids = stored.all_articles_oldest_first(library)
    for start in range(0, len(ids), batch):
        with library.transaction():
            for done, article_id in enumerate(ids[start : start + batch], start=start + 1):
                regroup_stored(library, article_id, threshold=threshold)
                if on_progress is not None:
                    on_progress(done, len(ids))
    with library.transaction():
        keep_story_ids(library, before)
        spread_story_tags(library)
    return stored.story_count(library)


def split_article(library: Library, article_id: int) -> int:
    """Take an article out of its story into a story of its own, for good; return the new story id.

    The article keeps the story tags it had, which its new story then has.
    """
    article = library.get_article(article_id, with_body=False)
    if article is None:
        raise KeyError(article_id)
    old_story = article.story_id
    sig = stored.stored_signature(library, article_id)
    with library.transaction():
        others = stored.members(library, old_story, excluding=article_id) if old_story else []
        stored.forget_decisions(library, article_id, same=True)
        stored.decide(library, article_id, others, same=False)
        story_id = stored.new_story(library, article_id, sig.days[1] if sig and sig.days else None)
        stored.put_in_story(library, article_id, story_id)
        if old_story is not None:
            _retitle(library, old_story)
            stored.drop_if_empty(library, old_story)
    return story_id


def merge_stories(library: Library, story_id: int, other_id: int) -> int:
    """Fold ``other_id`` into ``story_id`` for good, with both stories' tags; return ``story_id``.

    :raises KeyError: naming a story that does not exist.
    :raises ValueError: when both ids name the same story.
    """
    if story_id == other_id:
        raise ValueError("a story cannot be merged with itself")
    keep = stored.members(library, story_id)
    fold_in = stored.members(library, other_id)
    if not keep or not fold_in:
        raise KeyError(other_id if keep else story_id)
    anchor = keep[0]
    with library.transaction():
        # A merge overrides earlier splits between these articles, and only those.
        stored.forget_splits_among(library, keep + fold_in)
        stored.decide(library, anchor, [member for member in keep + fold_in if member != anchor], same=True)
        stored.merge_into(library, story_id, other_id)
        _retitle(library, story_id)
        spread_story_tags(library, story_id)
    return story_id


def ungroup(library: Library, article_ids: Sequence[int]) -> set[int]:
    """Take articles that are about to be removed out of their stories' keys; return those stories.

    Call :func:`tidy_stories` on them once the articles are gone.
    """
    stories = set()
    for article_id in article_ids:
        story_id = stored.story_of(library, article_id)
        if story_id is not None:
            stories.add(story_id)
        _forget(library, article_id)
    return stories


def tidy_stories(library: Library, story_ids: set[int]) -> None:
    """Drop the stories left without articles, and title the others again."""
    for story_id in story_ids:
        stored.drop_if_empty(library, story_id)
        _retitle(library, story_id)


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
    window = (sig.days[0] - WINDOW_DAYS, sig.days[1] + WINDOW_DAYS) if sig.days is not None else None
    votes = Counter(stored.candidate_ids(library, blocking_keys(sig), days=window, rows_per_key=ROWS_PER_KEY))
    votes.pop(article_id, None)
    ranked = sorted(votes.items(), key=lambda item: (-item[1], -item[0]))
    return [candidate for candidate, _ in ranked[:MAX_CANDIDATES]]


def _best_story(
    library: Library, article_id: int, sig: Signature, threshold: float, apart: set[int], cache: SignatureCache
) -> tuple[int | None, int | None]:
    """The story the article should join, if any, and the day that story had surely begun by."""
    best_score, best_story, best_begun = threshold, None, None
    candidate_ids = _candidate_ids(library, sig, article_id)
    signatures = cache.get(library, candidate_ids)
    for candidate_id, placement in stored.placements(library, list(signatures)).items():
        story_id, first_day = placement.story_id, placement.story_first_day
        if story_id is None or story_id in apart:
            continue
        if sig.days is not None and first_day is not None and sig.days[0] - first_day > STORY_DAYS:
            continue
        other = signatures[candidate_id]
        gap = days_apart(sig, other)
        if gap is not None and gap > WINDOW_DAYS:
            continue
        score = similarity(sig, other, floor=best_score)
        if score >= best_score:
            best_score, best_story, best_begun = score, story_id, first_day
    return best_story, best_begun


# Bookkeeping ----------------------------------------------------------------


def _forget(library: Library, article_id: int) -> None:
    old = stored.stored_signature(library, article_id)
    if old is not None:
        stored.forget(library, article_id, blocking_keys(old), _exact_day(old))


def _retitle(library: Library, story_id: int) -> None:
    """Title a story with the headline closest to all the others among its first articles."""
    headlines = stored.first_headlines(library, story_id, TITLE_SAMPLE)
    if headlines:
        stored.set_headline(library, story_id, representative_headline(headlines))


def representative_headline(headlines: Sequence[tuple[int, str]]) -> int:
    """The article whose headline is most similar to the others', of (article id, normalised headline) pairs."""

    def centrality(index: int) -> float:
        normalised = headlines[index][1]
        return sum(fuzz.token_set_ratio(normalised, other[1]) for other in headlines)

    best = max(range(len(headlines)), key=lambda index: (centrality(index), -index))
    return headlines[best][0]
