"""The story list's pages and counts, on real library files."""

from __future__ import annotations

import pytest

from reader.store import Library
from reader.store.tags import tag_articles
from reader.stories.browse import StoryFilter, library_counts, story_lead, story_page
from tests.builders import add_article


def add(library: Library, title: str, *, published: str | None, source: str = "example.org") -> int:
    """An article of no story, with a title and a one-line text."""
    return add_article(library, title, f"{title}.\n\nMore.", markdown=title, published=published, source=source)


def all_pages(library: Library, story_filter: StoryFilter, size: int) -> list[list[str]]:
    pages, after = [], None
    while page := story_page(library, story_filter, after=after, limit=size):
        pages.append([row.title for row in page])
        after = page[-1].position
    return pages


def test_a_story_is_listed_once_where_its_newest_article_stands(seeded_library: Library) -> None:
    rows = story_page(seeded_library)
    assert [row.size for row in rows] == [4, 1]
    meta = rows[0]
    assert meta.title.startswith("Zuckerberg dévoile un plan")
    assert meta.newest.published == "2025-01-28T18:07:00"
    assert meta.unread == 4 and meta.sources == 1 and not meta.starred
    assert rows[1].newest.published is None  # undated last


def test_keyset_pages_walk_the_whole_list_in_order(seeded_library: Library) -> None:
    for number in range(7):
        add(seeded_library, f"Day {number}", published=f"2025-02-0{number + 1}")
    add(seeded_library, "Undated too", published=None)
    whole = [row.title for row in story_page(seeded_library, limit=100)]
    assert whole[:3] == ["Day 6", "Day 5", "Day 4"]
    assert len(whole) == 10 and whole[-2:] == ["Undated too", whole[-1]]
    for size in (1, 2, 3):
        pages = all_pages(seeded_library, StoryFilter(), size)
        assert [title for page in pages for title in page] == whole
        assert all(len(page) <= size for page in pages)


def test_filters_keep_the_stories_with_a_matching_article(seeded_library: Library) -> None:
    story = story_page(seeded_library)[0]
    first, *_ = [article.id for article in seeded_library.articles_of_stories([story.story_id])]
    other = add(seeded_library, "Elsewhere", published="2025-03-01", source="other.org")
    seeded_library.set_flags(first, starred=True)
    seeded_library.set_flags(other, read=True)
    tag_articles(seeded_library, [first], ["ia"])

    starred = story_page(seeded_library, StoryFilter("starred"))
    assert [(row.story_id, row.newest.id) for row in starred] == [(story.story_id, first)]
    assert starred[0].starred and starred[0].tags == ["ia"]
    assert [row.title for row in story_page(seeded_library, StoryFilter("tag", "IA"))] == [story.title]
    assert [row.title for row in story_page(seeded_library, StoryFilter("source", "other.org"))] == ["Elsewhere"]
    assert "Elsewhere" not in [row.title for row in story_page(seeded_library, StoryFilter("unread"))]
    assert story_page(seeded_library, StoryFilter("tag", "nothing")) == []
    # User text is a parameter, never SQL.
    assert story_page(seeded_library, StoryFilter("source", "x' OR 1=1 --")) == []


def test_counts_for_the_sidebar(seeded_library: Library) -> None:
    tag_articles(seeded_library, [1], ["ia", "meta"])
    tag_articles(seeded_library, [2], ["ia"])
    seeded_library.set_flags(3, read=True, starred=True)
    counts = library_counts(seeded_library)
    assert (counts.total, counts.unread, counts.starred) == (5, 4, 1)
    assert counts.tags == [("ia", 2), ("meta", 1)]
    assert counts.sources == [("seeds", 5)]


def test_counts_of_an_empty_library(library: Library) -> None:
    counts = library_counts(library)
    assert (counts.total, counts.unread, counts.starred, counts.tags, counts.sources) == (0, 0, 0, [], [])


def test_lead_is_the_first_paragraph_cut_at_a_word() -> None:
    assert story_lead("\n\nFirst one.\n\nSecond.") == "First one."
    assert story_lead(None) == ""
    cut = story_lead("word " * 200, max_chars=50)
    assert cut.endswith("word…") and len(cut) <= 51


def test_a_query_filter_keeps_the_stories_it_finds(seeded_library: Library) -> None:
    add(seeded_library, "Nothing about it", published="2025-03-01")
    stargate = story_page(seeded_library, StoryFilter("query", "title:stargate"))
    assert [row.size for row in stargate] == [4]
    assert "Stargate" in stargate[0].newest.title  # placed by its newest article that matches
    assert [row.title for row in story_page(seeded_library, StoryFilter("query", "source:example.org"))] == [
        "Nothing about it"
    ]
    assert story_page(seeded_library, StoryFilter("query", '"AND (')) == []


def test_a_query_that_means_nothing_raises_query_error(seeded_library: Library) -> None:
    from reader.search import QueryError

    with pytest.raises(QueryError):
        story_page(seeded_library, StoryFilter("query", "(("))


def test_everything_a_filter_keeps_is_marked_read_in_one_go_and_back(seeded_library: Library) -> None:
    from reader.stories.browse import unread_ids

    library = seeded_library
    everything = unread_ids(library, StoryFilter())
    assert len(everything) == 5
    one_source = unread_ids(library, StoryFilter("query", "stargate"))
    assert 0 < len(one_source) < 5
    assert library.set_read(one_source, True) == len(one_source)
    assert library.set_read(one_source, True) == 0  # already read: nothing changes
    assert sorted(unread_ids(library, StoryFilter())) == sorted(set(everything) - set(one_source))
    assert unread_ids(library, StoryFilter("query", "stargate")) == []
    hidden = story_page(library, StoryFilter(unread_only=True))
    assert all(row.newest.id not in one_source for row in hidden)
    assert library.set_read(one_source, False) == len(one_source)
    assert len(unread_ids(library, StoryFilter())) == 5
