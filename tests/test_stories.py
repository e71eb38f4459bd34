"""Story grouping through the real import path, on a real SQLite file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from reader.cli import cli
from reader.ingest.pipeline import import_paths
from reader.store import Library
from reader.stories import get_story, list_stories, merge_stories, rebuild, split_article, story_figures
from reader.stories.figures import figure_keys
from reader.text.figures import extract_figures
from reader.stories.signature import content_words, day_range
from tests.conftest import SEEDS
from tests.test_cli import ARTICLE_KEYS

JANUARY = ("000_", "001_", "003_", "004_")
JULY = "002_"
STORY_KEYS = {"id", "title", "size", "articles", "first_seen", "last_seen"}


def _seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}*.txt"))


def _story_by_seed(library: Library) -> dict[str, int]:
    return {
        Path(path).name[:4]: story_id
        for path, story_id in library.db.execute("SELECT path, story_id FROM articles")
    }


def _article_id(library: Library, prefix: str) -> int:
    return next(
        article_id
        for article_id, path in library.db.execute("SELECT id, path FROM articles")
        if Path(path).name.startswith(prefix)
    )


def test_january_seeds_form_one_story_and_july_stays_apart(library: Library) -> None:
    import_paths(library, [SEEDS])
    stories = _story_by_seed(library)
    assert len({stories[prefix] for prefix in JANUARY}) == 1
    assert stories[JULY] != stories[JANUARY[0]]


def test_an_article_imported_later_joins_its_story(library: Library, tmp_path: Path) -> None:
    first, later = tmp_path / "first", tmp_path / "later"
    first.mkdir()
    later.mkdir()
    for prefix in ("000_", "001_", JULY):
        shutil.copy(_seed(prefix), first)
    shutil.copy(_seed("004_"), later)
    import_paths(library, [first])
    import_paths(library, [later])
    stories = _story_by_seed(library)
    assert stories["004_"] == stories["000_"] == stories["001_"] != stories[JULY]


def test_rebuild_gives_the_same_stories(library: Library) -> None:
    import_paths(library, [SEEDS])
    before = set(_groups(library))
    assert rebuild(library) == 2
    assert set(_groups(library)) == before


def _groups(library: Library) -> list[frozenset[str]]:
    by_story: dict[int, set[str]] = {}
    for prefix, story_id in _story_by_seed(library).items():
        by_story.setdefault(story_id, set()).add(prefix)
    return [frozenset(members) for members in by_story.values()]


def test_split_and_merge_hold_after_regrouping(library: Library) -> None:
    import_paths(library, [SEEDS])
    split_off = _article_id(library, "003_")
    split_article(library, split_off)
    july = _story_by_seed(library)[JULY]
    merge_stories(library, _story_by_seed(library)["000_"], july)
    rebuild(library)
    stories = _story_by_seed(library)
    assert stories["003_"] not in {stories[prefix] for prefix in ("000_", "001_", "004_", JULY)}
    assert stories[JULY] == stories["000_"] == stories["001_"] == stories["004_"]


def test_a_later_merge_undoes_a_split(library: Library) -> None:
    import_paths(library, [SEEDS])
    article_id = _article_id(library, "001_")
    story_id = split_article(library, article_id)
    merge_stories(library, _story_by_seed(library)["000_"], story_id)
    rebuild(library)
    stories = _story_by_seed(library)
    assert stories["001_"] == stories["000_"]


def test_a_story_has_its_articles_by_date_and_a_representative_title(library: Library) -> None:
    import_paths(library, [SEEDS])
    story = get_story(library, _story_by_seed(library)["000_"])
    assert story is not None and story.size == 4
    dated = [article.published for article in story.articles if article.published]
    assert dated == sorted(dated) and story.articles[-1].published is None
    assert story.title in {article.title for article in story.articles}
    assert story.first_seen == "2025-01" and story.last_seen == "2025-01-28T18:07:00"
    assert [s.size for s in list_stories(library, min_size=2)] == [4]


def test_cli_stories_and_story_json(db_path: Path) -> None:
    runner = CliRunner()
    runner.invoke(cli, ["--db", str(db_path), "add", "-q", str(SEEDS)], catch_exceptions=False)
    listed = json.loads(runner.invoke(cli, ["--db", str(db_path), "stories", "--json"]).stdout)
    assert len(listed) == 2 and all(set(story) == STORY_KEYS for story in listed)
    assert all(set(article) == ARTICLE_KEYS for story in listed for article in story["articles"])
    big = json.loads(runner.invoke(cli, ["--db", str(db_path), "stories", "--json", "--min-size", "2"]).stdout)
    assert [story["size"] for story in big] == [4]
    assert all(article["story_id"] == big[0]["id"] for article in big[0]["articles"])

    shown = json.loads(runner.invoke(cli, ["--db", str(db_path), "story", str(big[0]["id"]), "--json"]).stdout)
    assert set(shown) == STORY_KEYS | {"figures"}
    stargate = [fact for fact in shown["figures"] if any(v["value"] == 5e11 for v in fact["values"])]
    assert stargate and stargate[0]["disputed"]
    assert {value["unit"] for value in stargate[0]["values"]} == {"USD", "EUR"}

    rebuilt = runner.invoke(cli, ["--db", str(db_path), "stories", "--rebuild", "--json"])
    assert rebuilt.exit_code == 0 and len(json.loads(rebuilt.stdout)) == 2


def test_cli_split_merge_and_errors(db_path: Path) -> None:
    runner = CliRunner()
    runner.invoke(cli, ["--db", str(db_path), "add", "-q", str(SEEDS)], catch_exceptions=False)
    with Library(db_path) as library:
        article_id = _article_id(library, "004_")
    split = runner.invoke(cli, ["--db", str(db_path), "story", "split", str(article_id)])
    assert split.exit_code == 0
    new_story = int(split.output.split()[-1])
    with Library(db_path) as library:
        old_story = _story_by_seed(library)["000_"]
    merged = runner.invoke(cli, ["--db", str(db_path), "story", "merge", str(old_story), str(new_story)])
    assert merged.exit_code == 0
    assert runner.invoke(cli, ["--db", str(db_path), "story", "9999"]).exit_code == 1
    assert runner.invoke(cli, ["--db", str(db_path), "story", "split", "9999"]).exit_code == 1
    assert runner.invoke(cli, ["--db", str(db_path), "story", "merge", "9999", str(old_story)]).exit_code == 1
    itself = runner.invoke(cli, ["--db", str(db_path), "story", "merge", str(old_story), str(old_story)])
    assert itself.exit_code == 1 and "itself" in itself.stderr


def test_removing_articles_keeps_stories_consistent(library: Library) -> None:
    import_paths(library, [SEEDS])
    library.remove_articles([_article_id(library, "000_")])
    sizes = sorted(story.size for story in list_stories(library))
    assert sizes == [1, 3]
    assert library.db.execute("SELECT count(*) FROM story_keys WHERE article_id NOT IN (SELECT id FROM articles)").fetchone()[0] == 0


def _keys(text: str, lang: str) -> frozenset[str]:
    return figure_keys(extract_figures(text, lang))


def test_figures_are_the_same_key_in_french_and_english() -> None:
    assert _keys("65 milliards de dollars", "fr") == _keys("$65 billion", "en") == {"6.5e10"}
    assert _keys("65 milliards d'euros", "fr") == {"6.5e10"}
    assert _keys("un centre de 2 gigawatts", "fr") == _keys("a 2 GW data centre", "en")
    assert _keys("en 2025, Llama 4 et le G7", "fr") == frozenset()


def test_normalisation_and_dates() -> None:
    assert content_words("Les Données de l'IA, à Paris") == ["donnees", "ia", "paris"]
    assert day_range("2025-01") == (day_range("2025-01-01")[0], day_range("2025-01-31")[1])
    assert day_range("not a date") is None


def test_the_story_flags_figures_its_sources_give_differently(library: Library) -> None:
    import_paths(library, [SEEDS])
    story = get_story(library, _story_by_seed(library)["000_"])
    facts = story_figures(library, story)
    last_year = next(fact for fact in facts if any(v["value"] == 35e9 for v in fact["values"]))
    assert last_year["disputed"]
    assert {(v["value"], v["unit"]) for v in last_year["values"]} >= {(35e9, "EUR"), (38e9, "USD"), (40e9, "USD")}
    capex = next(fact for fact in facts if any(v["value"] == 65e9 for v in fact["values"]))
    assert (62e9, "EUR") in {(v["value"], v["unit"]) for v in capex["values"]}


# Written for this test: the same announcement, told in French and in English.
FRENCH = """Meta va dépenser jusqu'à 65 milliards de dollars dans l'IA en 2025, annonce Mark Zuckerberg

Mark Zuckerberg a annoncé vendredi sur Facebook que Meta investira entre 60 et 65 milliards de dollars cette année, notamment dans un centre de données de plus de 2 gigawatts. Meta disposera de 1,3 million de GPU d'ici la fin de l'année, a précisé le PDG.
"""
ENGLISH = """Meta to spend up to $65 billion on AI in 2025, Zuckerberg says

Meta Platforms CEO Mark Zuckerberg said on Friday the company will spend between $60 billion and $65 billion this year, including on a data center of more than 2 gigawatts. Meta will have 1.3 million GPUs by the end of the year, Zuckerberg said in a Facebook post.
"""
UNRELATED = """Apple to open its first store in Mumbai next week

Apple said on Monday it would open its first retail store in India next week in Mumbai, followed by a second one in New Delhi, as the iPhone maker expands in the world's second-largest smartphone market.
"""


def test_a_french_and_an_english_article_land_in_one_story(library: Library, tmp_path: Path) -> None:
    for name, text in (("fr.txt", FRENCH), ("en.txt", ENGLISH), ("other.txt", UNRELATED)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    import_paths(library, [tmp_path])
    story_of = {Path(path).name: story for path, story in library.db.execute("SELECT path, story_id FROM articles")}
    assert story_of["fr.txt"] == story_of["en.txt"] != story_of["other.txt"]


def _dated(folder: Path, name: str, day: str) -> None:
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(f"{FRENCH.splitlines()[0]}\n{day}\n\n{FRENCH.splitlines()[2]}\n", encoding="utf-8")


def test_a_story_takes_no_article_long_after_it_began(library: Library, tmp_path: Path) -> None:
    # Each article is 3 days after the one before (within the window); the last is 9 days after the first.
    for day, name in (("2025-01-24", "a.txt"), ("2025-01-27", "b.txt"), ("2025-01-30", "c.txt"), ("2025-02-02", "d.txt")):
        _dated(tmp_path / name[0], name, day)
        import_paths(library, [tmp_path / name[0]])
    published = dict(library.db.execute("SELECT published, story_id FROM articles").fetchall())
    assert published["2025-01-24"] == published["2025-01-27"] == published["2025-01-30"]
    assert published["2025-02-02"] != published["2025-01-24"]
