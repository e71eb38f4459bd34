"""Story ids through a regrouping: a story that survives keeps its id, so story:N, ``reader story N`` and tags hold."""

from __future__ import annotations

from pathlib import Path

from reader.operations import import_paths
from reader.store import Library
from reader.store import stories as stored
from reader.stories import rebuild
from reader.stories.story_ids import kept_ids
from tests.builders import cli_json, run_cli

# Two reports of one event in March, and an unrelated one from January: imported
# in this order (by name), the March story comes first; a regrouping, oldest
# first, starts the January one first.
BRIDGE = (
    "Lyon inaugure le pont Raymond-Barre sur le Rhône",
    "La maire de Lyon, Grégory Doucet, a inauguré lundi le pont Raymond-Barre, "
    "un ouvrage de 150 mètres sur le Rhône réservé au tramway T6, aux piétons et aux vélos.",
)
BRIDGE_AGAIN = (
    "Le pont Raymond-Barre inauguré à Lyon sur le Rhône",
    "Grégory Doucet, maire de Lyon, a inauguré lundi le pont Raymond-Barre, 150 mètres "
    "au-dessus du Rhône pour le tramway T6, les piétons et les vélos.",
)
RATES = (
    "La Banque centrale européenne relève ses taux",
    "Christine Lagarde a annoncé à Francfort une hausse de 0,25 point des taux directeurs de la BCE "
    "face à une inflation de 5,3 % en zone euro.",
)


def _write(folder: Path, name: str, article: tuple[str, str], day: str) -> None:
    folder.mkdir(exist_ok=True)
    title, text = article
    (folder / name).write_text(f"{title}\n{day}\n\n{text}\n", encoding="utf-8")


def _library_of_two_stories(library: Library, folder: Path) -> dict[str, int]:
    """Import the March bridge story (two articles) then the January rates story; each file's article id."""
    _write(folder, "a.txt", BRIDGE, "2025-03-10")
    _write(folder, "b.txt", BRIDGE_AGAIN, "2025-03-10")
    _write(folder, "c.txt", RATES, "2025-01-05")
    import_paths(library, [folder])
    return {Path(path).name: article_id for path, article_id in library.db.execute("SELECT path, id FROM articles")}


def _story_of(library: Library) -> dict[int, int]:
    return stored.story_of_each_article(library)


def test_rebuild_keeps_every_story_id_and_its_tags(db_path: Path, tmp_path: Path) -> None:
    with Library(db_path) as library:
        ids = _library_of_two_stories(library, tmp_path / "inbox")
        before = _story_of(library)
    bridge, rates = before[ids["a.txt"]], before[ids["c.txt"]]
    assert before[ids["b.txt"]] == bridge != rates
    run_cli("tag", f"story:{bridge}", "lyon", db=db_path)

    cli_json("stories", "--rebuild", "--json", db=db_path)

    with Library(db_path) as library:
        assert _story_of(library) == before
    story = cli_json("story", str(bridge), "--json", db=db_path)
    assert {article["id"] for article in story["articles"]} == {ids["a.txt"], ids["b.txt"]}
    assert story["tags"] == ["lyon"]
    found = cli_json("search", f"story:{rates}", "--json", db=db_path)
    assert [hit["id"] for hit in found["hits"]] == [ids["c.txt"]]


def test_a_story_split_by_a_regrouping_keeps_its_id_on_its_larger_part(library: Library, tmp_path: Path) -> None:
    ids = _library_of_two_stories(library, tmp_path / "inbox")
    bridge, rates = _story_of(library)[ids["a.txt"]], _story_of(library)[ids["c.txt"]]
    # The rates article filed with the bridge story, as an older grouping could have left it.
    with library.transaction():
        stored.put_in_story(library, ids["c.txt"], bridge)
        stored.drop_if_empty(library, rates)

    rebuild(library)

    after = _story_of(library)
    assert after[ids["a.txt"]] == after[ids["b.txt"]] == bridge
    assert after[ids["c.txt"]] > bridge
    assert {row[0] for row in library.db.execute("SELECT id FROM stories")} == {bridge, after[ids["c.txt"]]}


def test_each_old_id_goes_to_one_story_the_one_that_took_most_of_its_articles() -> None:
    # Old story 1 (articles 1-3) splits into {1, 2} and {3}; old 2 (4, 5) and old 3 (6) merge; 7 is new.
    before = {1: 1, 2: 1, 3: 1, 4: 2, 5: 2, 6: 3}
    after = {1: 20, 2: 20, 3: 21, 4: 22, 5: 22, 6: 22, 7: 23}
    assert kept_ids(before, after) == {20: 1, 21: 4, 22: 2, 23: 5}


def test_a_tie_keeps_the_older_story_id() -> None:
    assert kept_ids({1: 7, 2: 5}, {1: 1, 2: 1}) == {1: 5}


def test_an_article_changed_into_another_story_of_its_own_keeps_its_story_id(library: Library, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    ids = _library_of_two_stories(library, inbox)
    rates = _story_of(library)[ids["c.txt"]]
    _write(
        inbox,
        "c.txt",
        ("Tempête Ciaran sur le Finistère", "Des rafales de 180 km/h ont frappé Brest jeudi."),
        "2025-01-06",
    )

    import_paths(library, [inbox])

    assert library.get_article(ids["c.txt"], with_body=False).title == "Tempête Ciaran sur le Finistère"
    assert _story_of(library)[ids["c.txt"]] == rates
