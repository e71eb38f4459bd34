"""Story ids that outlive a regrouping: ``story:12``, ``reader story 12`` and story tags keep pointing where they did.

After a regrouping each new story takes the id of the old story most of its
articles came from; an old id goes to one story only, the one that took most
of its articles (a split story keeps its id on its larger part). A story that
took no old id gets one above every id held before, so an id left by a story
that did not survive is not given to another.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from itertools import count

from reader.store import Library
from reader.store import stories as stored


def kept_ids(before: Mapping[int, int], after: Mapping[int, int]) -> dict[int, int]:
    """The id each story of ``after`` takes, given each article's story ``before`` and ``after`` a regrouping.

    Both map article id -> story id. Ties go to the older story (the smaller id).
    """
    came_from: dict[int, Counter[int]] = {}
    for article_id, story_id in after.items():
        sources = came_from.setdefault(story_id, Counter())
        if article_id in before:
            sources[before[article_id]] += 1
    # Each new story claims the old story most of its articles came from; the largest share wins a contested id.
    claims = []
    for story_id, sources in came_from.items():
        if sources:
            old_id, share = min(sources.items(), key=lambda item: (-item[1], item[0]))
            claims.append((share, old_id, story_id))
    taken: dict[int, int] = {}
    used: set[int] = set()
    for _, old_id, story_id in sorted(claims, key=lambda claim: (-claim[0], claim[1], claim[2])):
        if old_id not in used:
            taken[story_id] = old_id
            used.add(old_id)
    unused = count(max([*before.values(), 0]) + 1)
    return {story_id: taken[story_id] if story_id in taken else next(unused) for story_id in sorted(came_from)}


def keep_story_ids(library: Library, before: Mapping[int, int]) -> None:
    """Give the stories of a regrouped library the ids they had ``before`` (article id -> story id), where they survive."""
    new_ids = kept_ids(before, stored.story_of_each_article(library))
    stored.renumber_stories(library, {story_id: new for story_id, new in new_ids.items() if story_id != new})


def leave_story(library: Library, previous: int, story_id: int) -> int:
    """An article regrouped from story ``previous`` into ``story_id``: drop ``previous`` if left empty; the id it is in.

    An article that leaves a story of its own for a story it starts keeps its
    story's id: its one article came from there.
    """
    if stored.story_size(library, previous):
        return story_id
    stored.drop_if_empty(library, previous)
    if stored.story_size(library, story_id) == 1:
        stored.renumber_stories(library, {story_id: previous})
        return previous
    return story_id
