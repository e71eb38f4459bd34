"""Put each article into a story as it arrives, and let the user split and merge.

An article is compared only with candidates filed under its keys (a few words,
names and figures per article, looked up within a window of days, each lookup
capped; reader.store.stories), so the cost of adding one article does not grow
with the library. It joins the story of its most similar candidate when that
similarity reaches :data:`JOIN_THRESHOLD` and most of the story's members agree,
or starts a story of its own. What a user split apart or merged always wins over
the similarity.

The SQL is the store's; this module decides.
"""

from __future__ import annotations

import math
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Sequence

from rapidfuzz import fuzz

from reader.store import Library
from reader.store import stories as stored
from reader.store.stories import Signature
from reader.store.tags import spread_story_tags
from reader.stories.signature import (
    Weights,
    content_words,
    cosine,
    days_apart,
    headline_likeness,
    signature,
    weigh,
)
from reader.stories.story_ids import keep_story_ids, leave_story

# The evidence two articles need to be told as one story, on a scale where 1 is
# the bar: articles with a lead are judged on their weighted terms, headlines
# alone on their terms and their wording (see :func:`evidence`).
JOIN_THRESHOLD = 1.0
LEAD_BAR = 0.19
HEADLINE_BAR = 0.33
# Two headlines alone with the same prefix before a colon ("Essonne : ...")
# sharing fewer terms than this after it (figures included) are never one story.
AFTER_PREFIX_SHARED = 2
# An article has a lead, for grouping, when it has this many stems beyond its title's.
LEAD_TERMS = 12
# A story takes an article only when more than this share of its sampled members
# (up to STORY_SAMPLE) give at least AGREEMENT of the bar, not just its closest
# one: a story of two takes a third only if both agree.
AGREEMENT = 0.8
AGREEING_SHARE = 0.5
STORY_SAMPLE = 6
STORIES_TRIED = 3
# Each day between two articles raises the bar by this share of it: an article
# of a later day on the same names is as often a new event as a follow-up.
LATER_DAY_BAR = 0.4
# Articles further apart than this many days never join, whatever their wording;
# and a story takes no article from more than STORY_DAYS after it began, so a
# daily programme or a months-long topic does not chain into one endless story.
WINDOW_DAYS = 3
STORY_DAYS = 7
# Two headlines of one source with the same shape on different days belong to a
# series ("Le journal de 20h", "Essonne : ..."): only their leads count. So do
# two of the same day when the source used that shape on SERIES_MIN_DAYS other
# days of the last SERIES_DAYS.
SERIES_DAYS = 30
SERIES_MIN_DAYS = 3
# Candidates: keys per article (its most salient terms and figures), rows read
# per key, candidates verified per article.
MAX_KEYS = 12
ROWS_PER_KEY = 20
MAX_CANDIDATES = 10
# The rarity of the library's stems is read again when it has grown by this
# factor (and at least RARITY_STEP articles) since the last reading.
RARITY_GROWTH = 1.25
RARITY_STEP = 1
# The story title is the most representative headline among its first articles;
# it is chosen again as the story grows to each of these sizes, then settled.
TITLE_SAMPLE = 20
RETITLE_AT = frozenset({2, 3, 4, 6, 9, 13, TITLE_SAMPLE})

ProgressCallback = Callable[[int, int], None]


class Rarity:
    """How rare each stem is in the library (its inverse document frequency), from the stemmed index.

    Read from the index's vocabulary once, then again only as the library
    grows (by :data:`RARITY_GROWTH`): never a query per article. A stem held by
    one article only is not kept.
    """

    def __init__(self) -> None:
        self.articles = 0
        self.reading = 0  # bumped at each reading: weights made before are stale
        self._frequencies: dict[str, int] = {}
        self._weights: dict[str, float] = {}  # the weights asked for since the last reading

    def refresh(self, library: Library) -> None:
        """Read the frequencies again if the library grew enough since they were read."""
        if self.reading and stored.article_count(library) < self.articles * RARITY_GROWTH + RARITY_STEP:
            return
        self.articles, self._frequencies = stored.term_frequencies(library, at_least=2)
        self._weights = {}
        self.reading += 1

    def __call__(self, term: str) -> float:
        """The weight of a stem: log(1 + articles / articles holding it)."""
        weight = self._weights.get(term)
        if weight is None:
            weight = self._weights[term] = math.log(1 + max(self.articles, 1) / self._frequencies.get(term, 1))
        return weight


class SignatureCache:
    """What grouping keeps from one article to the next: recent signatures, their weights, the stems' rarity.

    An import keeps one for its duration: a signature read from the library
    once is not read and parsed again for each later article it is a candidate of.
    Call :meth:`follow` as each write transaction begins, so that what other
    programs changed in between is read again.
    """

    def __init__(self, size: int = 50_000) -> None:
        self.size = size
        self.rarity = Rarity()
        self._signatures: OrderedDict[int, Signature] = OrderedDict()
        self._weights: dict[int, Weights] = {}
        self._weights_reading = 0
        self._seen: tuple[int, int] | None = None  # (connection, data version) the signatures were read through

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

    def weights(self, article_id: int, sig: Signature) -> Weights:
        """An article's weighted terms, as the rarity last read says."""
        if self._weights_reading != self.rarity.reading or len(self._weights) > self.size:
            self._weights.clear()
            self._weights_reading = self.rarity.reading
        found = self._weights.get(article_id)
        if found is None:
            found = self._weights[article_id] = weigh(sig, self.rarity)
        return found

    def follow(self, library: Library) -> None:
        """Forget the signatures kept if another connection has written to the library since they were read:
        it may have removed an article and given its id to a new one."""
        seen = (id(library.db.conn), library.data_version())
        if seen != self._seen:
            self.clear()
            self._seen = seen

    def clear(self) -> None:
        """Forget every article's signature and weights (they may have been undone); the stems' rarity stays."""
        self._signatures.clear()
        self._weights.clear()

    def put(self, article_id: int, sig: Signature) -> None:
        """Keep an article's signature (the oldest kept is let go when full)."""
        self._signatures[article_id] = sig
        self._signatures.move_to_end(article_id)
        if len(self._signatures) > self.size:
            self._signatures.popitem(last=False)

    def drop(self, article_id: int) -> None:
        """Forget an article's signature (it is about to change)."""
        self._signatures.pop(article_id, None)
        self._weights.pop(article_id, None)


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
    :param threshold: the evidence the article needs to join a story (1 is the bar of :func:`evidence`).
    :param cache: what is kept from one article to the next (a new one for each call when None).
    """
    cache = cache or SignatureCache()
    with library.transaction():
        cache.rarity.refresh(library)
        previous = None if new else stored.story_of(library, article_id)
        decided = not new and stored.has_decisions(library, article_id)
        if not new:
            _forget(library, article_id)
            cache.drop(article_id)
        apart = stored.split_stories(library, article_id) if decided else set()
        day = sig.days[1] if sig.days else None
        merged = stored.merged_story(library, article_id) if decided else None
        weights = cache.weights(article_id, sig)
        keys = salient_keys(weights)
        # The story to join and the day it had surely begun by (None: not known, or a story to start).
        story_id, begun_by = (
            (merged, None)
            if merged
            else _best_story(library, Arrival(article_id, sig, weights, keys), threshold, apart, cache)
        )
        if story_id is None:
            story_id, begun_by = stored.new_story(library, article_id, day), day
        stored.remember(library, article_id, sig, [*keys, *_shape_key(sig)], _exact_day(sig))
        cache.put(article_id, sig)
        stored.put_in_story(library, article_id, story_id)
        if day is not None and (begun_by is None or day < begun_by):
            stored.story_begun_by(library, story_id, day)
        if stored.story_size(library, story_id) in RETITLE_AT:
            _retitle(library, story_id)
        if previous is not None and previous != story_id:
            story_id = leave_story(library, previous, story_id)
    return story_id


def stored_article_signature(library: Library, article_id: int) -> Signature:
    """The signature of an article already stored, built from what the library holds."""
    article = library.get_article(article_id)
    if article is None:
        raise KeyError(article_id)
    assert article.text is not None  # get_article reads the body
    lang = article.lang if article.lang in ("fr", "en") else "auto"
    return signature(
        article.title,
        article.text,
        article.published,
        article.url,
        lang,
        text_figures=library.figures(article_id),
        source=article.source,
    )


def regroup_stored(
    library: Library, article_id: int, *, threshold: float = JOIN_THRESHOLD, cache: SignatureCache | None = None
) -> int:
    """Group an article already stored, building its signature from what the library holds; return its story.

    :param cache: as for :func:`assign_story`; give one when regrouping many articles.
    """
    sig = stored_article_signature(library, article_id)
    return assign_story(library, article_id, sig, new=False, threshold=threshold, cache=cache)


def remember_signature(library: Library, article_id: int, cache: SignatureCache) -> None:
    """Store the signature and keys of a grouped article that has none, leaving it in its story."""
    cache.rarity.refresh(library)
    sig = stored_article_signature(library, article_id)
    stored.remember(
        library, article_id, sig, [*salient_keys(cache.weights(article_id, sig)), *_shape_key(sig)], _exact_day(sig)
    )


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
    cache = SignatureCache()
    for start in range(0, len(ids), batch):
        with library.transaction():
            for done, article_id in enumerate(ids[start : start + batch], start=start + 1):
                regroup_stored(library, article_id, threshold=threshold, cache=cache)
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


class Arrival:
    """The article being grouped: its id, signature, weighted terms and keys."""

    def __init__(self, article_id: int, sig: Signature, weights: Weights, keys: list[str]) -> None:
        self.article_id = article_id
        self.sig = sig
        self.weights = weights
        self.keys = keys
        self.series = False  # whether its source used its headline's shape on enough other days lately


def salient_keys(weights: Weights) -> list[str]:
    """The keys an article is filed and looked up under: its heaviest terms and figures."""
    return sorted(weights, key=lambda term: (-weights[term], term))[:MAX_KEYS]


def _shape_key(sig: Signature) -> list[str]:
    return [f"^{sig.shape}"] if sig.shape and sig.days else []


def _exact_day(sig: Signature) -> int | None:
    return sig.days[0] if sig.days and sig.days[0] == sig.days[1] else None


def _is_series(library: Library, sig: Signature) -> bool:
    """Whether the article's source used its headline's shape on enough other days lately."""
    if not sig.shape or not sig.days:
        return False
    day = sig.days[0]
    return stored.days_filed(library, f"^{sig.shape}", (day - SERIES_DAYS, day - 1)) >= SERIES_MIN_DAYS


def _candidates(library: Library, arrival: Arrival) -> list[stored.Candidate]:
    """The articles filed under the arrival's keys, most voted first (each key votes its weight)."""
    sig = arrival.sig
    return stored.candidates(
        library,
        {key: arrival.weights[key] for key in arrival.keys},
        days=(sig.days[0] - WINDOW_DAYS, sig.days[1] + WINDOW_DAYS) if sig.days is not None else None,
        rows_per_key=ROWS_PER_KEY,
        limit=MAX_CANDIDATES,
        excluding=arrival.article_id,
    )


def evidence(a: Signature, a_weights: Weights, b: Signature, b_weights: Weights, *, series: bool = False) -> float:
    """How strongly two articles tell one story: 1 is the bar to join.

    The same link is the same story. Otherwise the cosine of their weighted
    terms (figures and names count in any language) is measured against
    :data:`LEAD_BAR` when both have a lead; headlines alone also count their
    wording (rapidfuzz), against :data:`HEADLINE_BAR`. Two articles of one
    source whose headlines have the same shape belong to a series when they
    are of different days, or when ``series`` says the shape is one of that
    source's: they count their leads only. Each day between the two raises
    the bar by :data:`LATER_DAY_BAR`.
    """
    if a.link is not None and a.link == b.link:
        return 2.0
    return _wording_evidence(a, a_weights, b, b_weights, series=series) / (1 + LATER_DAY_BAR * (days_apart(a, b) or 0))


def _wording_evidence(a: Signature, a_weights: Weights, b: Signature, b_weights: Weights, *, series: bool) -> float:
    series = a.shape is not None and a.shape == b.shape and (series or bool(days_apart(a, b)))
    if series:
        a_weights, b_weights = a_weights.without(a.head), b_weights.without(b.head)
    if _has_lead(a) and _has_lead(b):
        return cosine(a_weights, b_weights) / LEAD_BAR
    if series:
        return 0.0
    if a.prefix and a.before_colon == b.before_colon:
        # "Essonne : ..." says where, not what: what follows must agree.
        a_weights, b_weights = a_weights.without(a.before_colon), b_weights.without(b.before_colon)
        if sum(term in b_weights for term in a_weights) < AFTER_PREFIX_SHARED:
            return 0.0
    score = cosine(a_weights, b_weights)
    return (0.6 * score + 0.4 * headline_likeness(a, b)) / HEADLINE_BAR


def _has_lead(sig: Signature) -> bool:
    return len(sig.terms) - sig.heads >= LEAD_TERMS


def _best_story(
    library: Library, arrival: Arrival, threshold: float, apart: set[int], cache: SignatureCache
) -> tuple[int | None, int | None]:
    """The story the article should join, if any, and the day that story had surely begun by.

    Each candidate's story is scored by its closest member; the best stories
    are then asked as a whole: enough of their members must agree.
    """
    sig = arrival.sig
    arrival.series = _is_series(library, sig)
    candidates = _candidates(library, arrival)
    signatures = cache.get(library, [candidate.article_id for candidate in candidates])
    best: dict[int, float] = {}
    scores: dict[int, dict[int, float]] = defaultdict(dict)
    first_days: dict[int, int | None] = {}
    for candidate in candidates:
        candidate_id, story_id, first_day = candidate.article_id, candidate.story_id, candidate.story_first_day
        if story_id is None or story_id in apart or candidate_id not in signatures:
            continue
        if sig.days is not None and first_day is not None and sig.days[0] - first_day > STORY_DAYS:
            continue
        other = signatures[candidate_id]
        gap = days_apart(sig, other)
        if gap is not None and gap > WINDOW_DAYS:
            continue
        score = _evidence(arrival, candidate_id, other, cache)
        scores[story_id][candidate_id] = score
        first_days[story_id] = first_day
        best[story_id] = max(best.get(story_id, 0.0), score)
    ranked = sorted((story for story in best if best[story] >= threshold), key=lambda story: (-best[story], story))
    for story_id in ranked[:STORIES_TRIED]:
        if _story_agrees(library, arrival, story_id, scores[story_id], threshold, cache):
            return story_id, first_days[story_id]
    return None, None


def _evidence(arrival: Arrival, candidate_id: int, other: Signature, cache: SignatureCache) -> float:
    return evidence(arrival.sig, arrival.weights, other, cache.weights(candidate_id, other), series=arrival.series)


def _story_agrees(
    library: Library, arrival: Arrival, story_id: int, known: dict[int, float], threshold: float, cache: SignatureCache
) -> bool:
    """Whether enough of a story's members, not only its closest one, agree to take the article."""
    members = stored.sample_members(library, story_id, STORY_SAMPLE)
    if len(members) <= 1:
        return True
    signatures = cache.get(library, [member for member in members if member not in known])
    scores = [
        known[member] if member in known else _evidence(arrival, member, signatures[member], cache)
        for member in members
        if member in known or member in signatures
    ]
    agreeing = sum(score >= AGREEMENT * threshold for score in scores)
    return agreeing > AGREEING_SHARE * len(scores)


# Bookkeeping ----------------------------------------------------------------


def _forget(library: Library, article_id: int) -> None:
    old = stored.stored_signature(library, article_id)
    if old is not None:
        # Whichever of its terms it was filed under then: each is tried.
        keys = [*old.terms, *(f"#{figure}" for figure in old.figures), *_shape_key(old)]
        stored.forget(library, article_id, keys, _exact_day(old))


def _retitle(library: Library, story_id: int) -> None:
    """Title a story with the headline closest to all the others among its first articles."""
    headlines = stored.first_headlines(library, story_id, TITLE_SAMPLE)
    if headlines:
        normalised = [(article_id, " ".join(content_words(title))) for article_id, title in headlines]
        stored.set_headline(library, story_id, representative_headline(normalised))


def representative_headline(headlines: Sequence[tuple[int, str]]) -> int:
    """The article whose headline is most similar to the others', of (article id, normalised headline) pairs."""

    def centrality(index: int) -> float:
        normalised = headlines[index][1]
        return sum(fuzz.token_set_ratio(normalised, other[1]) for other in headlines)

    best = max(range(len(headlines)), key=lambda index: (centrality(index), -index))
    return headlines[best][0]
