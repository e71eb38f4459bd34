"""Tags: names and keys, hierarchy, renaming and deleting, story tags through regrouping, the upgrade."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlite_utils import Database

from reader.operations import Status, import_paths
from reader.search import search
from reader.store import Library
from reader.store.migrations import migrations
from reader.store.tags import (
    TagCount,
    TagError,
    canonical_name,
    delete_tag,
    list_tags,
    rename_tag,
    tag_articles,
    tag_ids,
    tag_key,
    tag_story,
    untag_articles,
    untag_story,
)
from reader.stories import merge_stories, rebuild, split_article
from tests.builders import JANUARY_SEEDS, JULY_SEED, SEEDS, seed, seed_article_id, stories_by_seed


def tags_of(library: Library, article_id: int) -> list[str]:
    return library.get_article(article_id, with_body=False).tags


def test_names_are_tidied_and_one_tag_whatever_the_case() -> None:
    assert canonical_name("  eco /  énergie   verte/ ") == "eco/énergie verte"
    assert tag_key("ÉCONOMIE") == tag_key("économie") == tag_key(" Économie ")
    assert tag_key("Straße") == tag_key("STRASSE")
    assert tag_key("economie") != tag_key("économie")


NAME_PIECES = [*"aZéÉ/ ßΣς\t\n\x1b\u0301\u202e", "eco", "Œ", "e\u0301"]


@given(st.lists(st.sampled_from(NAME_PIECES), max_size=12).map("".join))
def test_any_name_is_refused_or_gives_a_stable_form_and_key(name: str) -> None:
    try:
        canonical = canonical_name(name)
    except TagError as error:
        assert str(error).startswith("tag ")
        return
    assert canonical == canonical_name(canonical) and canonical.strip("/ ") == canonical
    assert tag_key(canonical) == tag_key(name) == tag_key(canonical.casefold()) == tag_key(canonical.upper())


@pytest.mark.parametrize("name", ["", "   ", "/", "a\x1b[31mb", "line\nbreak", "tab\there", "bidi\u202ex", "x" * 201])
def test_unusable_names_are_refused_with_the_name(library: Library, name: str) -> None:
    with pytest.raises(TagError, match="tag "):
        tag_ids(library, [name])
    assert list_tags(library) == []


def test_the_first_form_is_shown_and_later_forms_join_it(library: Library) -> None:
    import_paths(library, [SEEDS])
    first, second = seed_article_id(library, "000_"), seed_article_id(library, JULY_SEED)
    tag_articles(library, [first], ["ÉCONOMIE"])
    assert tag_articles(library, [first, second], ["économie", "Économie"]) == 1
    assert tags_of(library, first) == tags_of(library, second) == ["ÉCONOMIE"]
    assert list_tags(library) == [TagCount("ÉCONOMIE", 2, 2)]
    library.set_flags(second, read=True)
    assert list_tags(library) == [TagCount("ÉCONOMIE", 2, 1)]


def test_tag_filters_take_children_and_ignore_case_and_accents(library: Library) -> None:
    import_paths(library, [SEEDS])
    energy, economy = seed_article_id(library, "000_"), seed_article_id(library, JULY_SEED)
    tag_articles(library, [energy], ["eco/Énergie"])
    tag_articles(library, [economy], ["eco"])
    listed = {
        name: {article.id for article in library.list_articles(tag=name)}
        for name in ("eco", "ECO/energie", "ec", "énergie")
    }
    assert listed == {"eco": {energy, economy}, "ECO/energie": {energy}, "ec": set(), "énergie": set()}
    assert {hit.article.id for hit in search(library, "tag:eco").hits} == {energy, economy}
    assert {hit.article.id for hit in search(library, "tag:eco -tag:eco/energie").hits} == {economy}


def test_untagging_the_last_article_forgets_the_tag(library: Library) -> None:
    import_paths(library, [SEEDS])
    article_id = seed_article_id(library, "000_")
    tag_articles(library, [article_id], ["IA", "capex"])
    assert untag_articles(library, [article_id], ["ia", "unknown"]) == 1
    assert tags_of(library, article_id) == ["capex"]
    assert [count.name for count in list_tags(library)] == ["capex"]


def test_renaming_takes_children_along_and_merges_onto_an_existing_tag(library: Library) -> None:
    import_paths(library, [SEEDS])
    first, second = seed_article_id(library, "000_"), seed_article_id(library, JULY_SEED)
    tag_articles(library, [first], ["eco", "eco/energie"])
    tag_articles(library, [second], ["Économie"])
    assert rename_tag(library, "ECO", "économie") == [("eco", "économie"), ("eco/energie", "économie/energie")]
    assert tags_of(library, first) == ["économie", "économie/energie"]
    assert tags_of(library, second) == ["économie"]
    assert [count.name for count in list_tags(library)] == ["économie", "économie/energie"]
    rename_tag(library, "économie", "Économie")
    assert tags_of(library, first) == ["Économie", "Économie/energie"]
    with pytest.raises(TagError, match="no tag named 'sport'"):
        rename_tag(library, "sport", "foot")
    with pytest.raises(TagError, match="under itself"):
        rename_tag(library, "économie", "économie/x")


def test_deleting_a_tag_takes_its_children_and_only_them(library: Library) -> None:
    import_paths(library, [SEEDS])
    article_id = seed_article_id(library, "000_")
    tag_articles(library, [article_id], ["eco", "eco/energie", "ecology"])
    tag_story(library, library.get_article(article_id).story_id, ["eco/story"])
    assert delete_tag(library, "Eco") == ["eco", "eco/story", "eco/energie"]
    assert tags_of(library, article_id) == ["ecology"]
    with pytest.raises(TagError):
        delete_tag(library, "eco")


def test_a_story_tag_reaches_articles_that_join_later(library: Library, tmp_path: Path) -> None:
    first, later = tmp_path / "first", tmp_path / "later"
    first.mkdir()
    later.mkdir()
    for prefix in ("000_", "001_", JULY_SEED):
        shutil.copy(seed(prefix), first)
    shutil.copy(seed("004_"), later)
    import_paths(library, [first])
    story_id = stories_by_seed(library)["000_"]
    assert tag_story(library, story_id, ["Meta"]) == 2
    import_paths(library, [later])
    assert tags_of(library, seed_article_id(library, "004_")) == ["Meta"]
    assert tags_of(library, seed_article_id(library, JULY_SEED)) == []
    assert list_tags(library) == [TagCount("Meta", 3, 3)]


def test_story_tags_survive_a_rebuild_a_split_and_a_merge(library: Library) -> None:
    import_paths(library, [SEEDS])
    tag_story(library, stories_by_seed(library)["000_"], ["meta"])
    rebuild(library)
    assert all(tags_of(library, seed_article_id(library, prefix)) == ["meta"] for prefix in JANUARY_SEEDS)

    # An article split out keeps the story's tags it had (and its new story has them).
    split_off = seed_article_id(library, "003_")
    split_article(library, split_off)
    assert tags_of(library, split_off) == ["meta"]

    # A story merged in gets the tags of the story it joins.
    stories = stories_by_seed(library)
    merge_stories(library, stories["000_"], stories[JULY_SEED])
    assert tags_of(library, seed_article_id(library, JULY_SEED)) == ["meta"]

    assert untag_story(library, stories_by_seed(library)["000_"], ["META"]) == 4
    assert tags_of(library, seed_article_id(library, JULY_SEED)) == []
    assert tags_of(library, split_off) == ["meta"]


def test_own_and_story_tags_are_one_list_and_untagging_an_article_leaves_its_story(library: Library) -> None:
    import_paths(library, [SEEDS])
    article_id = seed_article_id(library, "000_")
    tag_articles(library, [article_id], ["meta", "ia"])
    tag_story(library, library.get_article(article_id).story_id, ["META", "stargate"])
    assert tags_of(library, article_id) == ["ia", "meta", "stargate"]
    untag_articles(library, [article_id], ["meta"])
    assert tags_of(library, article_id) == ["ia", "meta", "stargate"]


def test_no_story_no_tag(library: Library) -> None:
    with pytest.raises(TagError, match="no story with id 99"):
        tag_story(library, 99, ["x"])


def test_importing_the_same_article_again_keeps_its_tags_and_state(library: Library, tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    path = folder / "article.txt"
    shutil.copy(seed("000_"), path)
    article_id = import_paths(library, [folder]).results[0].article_id
    tag_articles(library, [article_id], ["ia"])
    tag_story(library, library.get_article(article_id).story_id, ["meta"])
    library.set_flags(article_id, read=True, starred=True)

    copy = tmp_path / "elsewhere"
    copy.mkdir()
    shutil.copy(path, copy / "same.txt")
    assert import_paths(library, [copy]).results[0].status is Status.UNCHANGED

    path.write_text(path.read_text(encoding="utf-8") + "\nUne ligne ajoutée à la fin de l'article.\n", encoding="utf-8")
    result = import_paths(library, [folder]).results[0]
    assert (result.status, result.article_id) == (Status.UPDATED, article_id)
    article = library.get_article(article_id)
    assert article.tags == ["ia", "meta"] and article.read and article.starred
    assert library.count_articles() == 1


def test_an_older_library_is_upgraded_merging_tags_that_differ_by_case(db_path: Path) -> None:
    db = Database(db_path)
    migrations.apply(db, stop_before="add_tag_keys_story_tags_and_saved_searches")
    article = {"title": "Un titre", "text": "Un texte.", "markdown": "Un texte.", "content_hash": "h", "lang": "fr"}
    article_id = db.table("articles").insert(article).last_pk
    for name in ("ÉCONOMIE", "économie", " eco /  energie "):
        tag_id = db.table("tags").insert({"name": name}).last_pk
        db.table("article_tags").insert({"article_id": article_id, "tag_id": tag_id})
    db.close()

    with Library(db_path) as library:
        assert tags_of(library, article_id) == ["eco/energie", "ÉCONOMIE"]
        assert list_tags(library) == [TagCount("eco/energie", 1, 1), TagCount("ÉCONOMIE", 1, 1)]
        assert [article.id for article in library.list_articles(tag="economie")] == [article_id]
        tag_articles(library, [article_id], ["Économie"])
        assert tags_of(library, article_id) == ["eco/energie", "ÉCONOMIE"]
