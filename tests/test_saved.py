"""Saved searches and rules: saving, counting, tagging at import (files and feeds) and over the library."""

from __future__ import annotations

import pytest

from reader.models import ParsedDocument, RawInput
from reader.operations import import_paths, refresh_feeds, store_document
from reader.search import QueryError, count, search
from reader.search.engine import matches
from reader.search.saved import (
    SavedSearch,
    SavedSearchError,
    apply_rule,
    get_saved_search,
    remove_saved_search,
    save_search,
    saved_searches,
)
from reader.store import Library
from reader.store.feeds import subscribe
from reader.store.tags import delete_tag, list_tags, tag_articles
from tests.builders import SEEDS, SMALL_ARTICLES, import_article
from tests.feed_server import TEST_LIMITS, FeedServer, changing_feed

# Queries of every shape: text alone, filters alone, both, under OR and NOT.
QUERIES = [
    "meta",
    "meta OR zuckerberg",
    '"centre de données"',
    "nucl*",
    "-stargate",
    "NOT meta",
    "meta -stargate",
    "source:lemonde",
    "source:lemonde OR gpu",
    "tag:energie OR title:nvidia",
    "is:unread lang:fr",
    "(grève OR centrales) -tag:energie",
    "after:2024 before:2024-12",
    "title:ia*",
]


@pytest.fixture
def articles(library: Library) -> dict[str, int]:
    import_paths(library, [SEEDS])
    ids = {name: import_article(library, *fields) for name, fields in SMALL_ARTICLES.items()}
    tag_articles(library, [ids["nuke"]], ["énergie"])
    library.set_flags(ids["gpu"], read=True)
    return ids


def ids(library: Library, query: str) -> set[int]:
    return {hit.article.id for hit in search(library, query, limit=1000).hits}


def tagged(library: Library, tag: str) -> set[int]:
    return {article.id for article in library.list_articles(tag=tag)}


def all_ids(library: Library) -> list[int]:
    return [row[0] for row in library.db.execute("SELECT id FROM articles")]


@pytest.mark.parametrize("query", QUERIES)
def test_one_article_matches_exactly_when_search_finds_it(
    library: Library, articles: dict[str, int], query: str
) -> None:
    assert {article_id for article_id in all_ids(library) if matches(library, query, article_id)} == ids(library, query)


@pytest.mark.parametrize("query", QUERIES)
def test_counts_agree_with_search(library: Library, articles: dict[str, int], query: str) -> None:
    assert count(library, query) == search(library, query).total
    assert count(library, query, unread_only=True) == search(library, f"({query}) is:unread").total


def test_saving_replacing_listing_and_removing(library: Library) -> None:
    assert save_search(library, "  Nucléaire  ", "nucléaire") == (SavedSearch("Nucléaire", "nucléaire"), True)
    assert save_search(library, "NUCLÉAIRE", "nucl* -iran", tag="énergie/nucléaire") == (
        SavedSearch("NUCLÉAIRE", "nucl* -iran", "énergie/nucléaire"),
        False,
    )
    save_search(library, "gpu", "gpu")
    assert [saved.name for saved in saved_searches(library)] == ["gpu", "NUCLÉAIRE"]
    assert saved_searches(library, rules_only=True) == [SavedSearch("NUCLÉAIRE", "nucl* -iran", "énergie/nucléaire")]
    assert get_saved_search(library, "nucléaire").query == "nucl* -iran"
    assert remove_saved_search(library, "Nucléaire") and not remove_saved_search(library, "nucléaire")
    assert get_saved_search(library, "nucléaire") is None


def test_a_search_that_cannot_mean_anything_or_a_bad_name_is_not_saved(library: Library) -> None:
    with pytest.raises(QueryError):
        save_search(library, "empty", "((")
    with pytest.raises(QueryError):
        save_search(library, "later", "after:soon")
    with pytest.raises(SavedSearchError):
        save_search(library, "  ", "meta")
    with pytest.raises(SavedSearchError):
        save_search(library, "bad\x1b[2J", "meta")
    assert saved_searches(library) == []


def test_rules_tag_new_articles_at_import(library: Library) -> None:
    save_search(library, "meta", "meta OR zuckerberg", tag="Meta")
    save_search(library, "not a rule", "stargate")
    import_paths(library, [SEEDS])
    assert tagged(library, "meta") == ids(library, "meta OR zuckerberg") != set()
    assert [count.name for count in list_tags(library)] == ["Meta"]


def test_rules_see_the_tags_a_feed_gives(library: Library) -> None:
    feed, _ = subscribe(library, "https://example.org/feed.xml", tags=["tech"])
    save_search(library, "tech gpus", "tag:tech gpu", tag="tech/gpu")
    save_search(library, "cheap", "source:example", tag="example")
    for number, title in enumerate(("A new GPU ships", "A quiet day")):
        document = ParsedDocument(
            title=title, text=f"{title}, and more to say about it.", markdown=title, url=f"https://example.org/{number}"
        )
        store_document(
            library,
            document,
            RawInput(title.encode(), "feed-entry", "utf-8"),
            entry_key=str(number),
            feed_id=feed.id,
            tags=feed.tags,
        )
    by_title = {article.title: article.tags for article in library.list_articles()}
    assert by_title == {"A new GPU ships": ["example", "tech", "tech/gpu"], "A quiet day": ["example", "tech"]}


def test_rules_tag_what_a_refresh_brings(library: Library) -> None:
    with FeedServer() as server:
        server.documents["ruled.xml"] = changing_feed("Un titre")
        subscribe(library, server.url("/doc/ruled.xml"), tags=["News"])
        save_search(library, "french news", "tag:news premier", tag="news/fr")
        assert not refresh_feeds(library, limits=TEST_LIMITS).failures
    by_title = {article.title: article.tags for article in library.list_articles()}
    assert by_title == {"Un titre": ["News", "news/fr"], "Second story": ["News"]}


def test_an_updated_article_is_checked_again_and_keeps_what_rules_gave(library: Library) -> None:
    save_search(library, "gpu", "gpu", tag="gpu")
    first = import_article(library, "Une journée", "Rien de spécial.", path="/inbox/a.txt")
    assert library.get_article(first).tags == []
    assert import_article(library, "Une journée", "On parle de GPU.", path="/inbox/a.txt") == first
    assert library.get_article(first).tags == ["gpu"]
    assert import_article(library, "Une journée", "Plus rien.", path="/inbox/a.txt") == first
    assert library.get_article(first).tags == ["gpu"]


def test_applying_a_rule_tags_the_library_once(library: Library, articles: dict[str, int]) -> None:
    rule, _ = save_search(library, "énergie", "nucl* OR centrales OR tag:énergie", tag="énergie/nucléaire")
    assert tagged(library, "énergie/nucléaire") == set()
    expected = ids(library, rule.query)
    assert apply_rule(library, rule) == len(expected)
    assert tagged(library, "énergie/nucléaire") == expected
    assert apply_rule(library, rule) == 0
    with pytest.raises(SavedSearchError):
        apply_rule(library, save_search(library, "plain", "meta")[0])


def test_deleting_a_rules_tag_makes_it_a_plain_saved_search(library: Library) -> None:
    save_search(library, "meta", "meta", tag="meta")
    delete_tag(library, "meta")
    assert get_saved_search(library, "meta") == SavedSearch("meta", "meta", None)
    import_paths(library, [SEEDS])
    assert list_tags(library) == []
