"""Story grouping through the real import path, on a real SQLite file."""

from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from reader.cli import cli
from reader.cli.progress import MIN_ITEMS_FOR_BAR
from reader.operations import import_paths, remove_articles
from reader.store import Library
from reader.stories import get_story, list_stories, merge_stories, rebuild, split_article, story_figures
from reader.stories.facts import Fact, compare_figures, format_amount, rounding
from reader.stories.figures import figure_keys
from reader.stories.mentions import CitedArticle, company_heads
from reader.stories.signature import content_words, day_range
from reader.text.figures import extract_figures
from reader.text.plural import counted
from tests.builders import (
    ARTICLE_KEYS,
    JANUARY_SEEDS,
    JULY_SEED,
    PROJECT_ROOT,
    SEEDS,
    seed,
    seed_article_id,
    stories_by_seed,
)

STORY_KEYS = {"id", "title", "size", "tags", "articles", "first_seen", "last_seen"}
FACT_KEYS = {"label", "kind", "unit", "values", "disputed", "currencies_differ"}
VALUE_KEYS = {"article_id", "source", "text", "value", "low", "high", "unit", "approx"}


def test_january_seeds_form_one_story_and_july_stays_apart(library: Library) -> None:
    import_paths(library, [SEEDS])
    stories = stories_by_seed(library)
    assert len({stories[prefix] for prefix in JANUARY_SEEDS}) == 1
    assert stories[JULY_SEED] != stories[JANUARY_SEEDS[0]]


def test_an_article_imported_later_joins_its_story(library: Library, tmp_path: Path) -> None:
    first, later = tmp_path / "first", tmp_path / "later"
    first.mkdir()
    later.mkdir()
    for prefix in ("000_", "001_", JULY_SEED):
        shutil.copy(seed(prefix), first)
    shutil.copy(seed("004_"), later)
    import_paths(library, [first])
    import_paths(library, [later])
    stories = stories_by_seed(library)
    assert stories["004_"] == stories["000_"] == stories["001_"] != stories[JULY_SEED]


def test_rebuild_gives_the_same_stories(library: Library) -> None:
    import_paths(library, [SEEDS])
    before = set(_groups(library))
    assert rebuild(library) == 2
    assert set(_groups(library)) == before


def _groups(library: Library) -> list[frozenset[str]]:
    by_story: dict[int, set[str]] = {}
    for prefix, story_id in stories_by_seed(library).items():
        by_story.setdefault(story_id, set()).add(prefix)
    return [frozenset(members) for members in by_story.values()]


def test_split_and_merge_hold_after_regrouping(library: Library) -> None:
    import_paths(library, [SEEDS])
    split_off = seed_article_id(library, "003_")
    split_article(library, split_off)
    july = stories_by_seed(library)[JULY_SEED]
    merge_stories(library, stories_by_seed(library)["000_"], july)
    rebuild(library)
    stories = stories_by_seed(library)
    assert stories["003_"] not in {stories[prefix] for prefix in ("000_", "001_", "004_", JULY_SEED)}
    assert stories[JULY_SEED] == stories["000_"] == stories["001_"] == stories["004_"]


def test_a_later_merge_undoes_a_split(library: Library) -> None:
    import_paths(library, [SEEDS])
    article_id = seed_article_id(library, "001_")
    story_id = split_article(library, article_id)
    merge_stories(library, stories_by_seed(library)["000_"], story_id)
    rebuild(library)
    stories = stories_by_seed(library)
    assert stories["001_"] == stories["000_"]


def test_a_story_has_its_articles_by_date_and_a_representative_title(library: Library) -> None:
    import_paths(library, [SEEDS])
    story = get_story(library, stories_by_seed(library)["000_"])
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
    assert all(set(fact) == FACT_KEYS for fact in shown["figures"])
    assert all(set(value) == VALUE_KEYS for fact in shown["figures"] for value in fact["values"])
    stargate = [fact for fact in shown["figures"] if any(v["value"] == 5e11 for v in fact["values"])]
    assert len(stargate) == 1 and "Stargate" in stargate[0]["label"]
    assert stargate[0]["currencies_differ"] and not stargate[0]["disputed"]
    assert {value["unit"] for value in stargate[0]["values"]} == {"USD", "EUR"}
    assert {value["text"] for value in stargate[0]["values"]} == {"500 milliards de dollars", "500 milliards d'euros"}

    text = runner.invoke(cli, ["--db", str(db_path), "story", str(big[0]["id"])]).output
    assert "! Stargate · spending: 500 bn EUR [" in text and "(given in different currencies)" in text
    assert "38–40 bn USD" in text and "values differ; given in different currencies" in text

    rebuilt = runner.invoke(cli, ["--db", str(db_path), "stories", "--rebuild", "--json"])
    assert rebuilt.exit_code == 0 and len(json.loads(rebuilt.stdout)) == 2


def test_cli_split_merge_and_errors(db_path: Path) -> None:
    runner = CliRunner()
    runner.invoke(cli, ["--db", str(db_path), "add", "-q", str(SEEDS)], catch_exceptions=False)
    with Library(db_path) as library:
        article_id = seed_article_id(library, "004_")
    split = runner.invoke(cli, ["--db", str(db_path), "story", "split", str(article_id)])
    assert split.exit_code == 0
    new_story = int(split.output.split()[-1])
    with Library(db_path) as library:
        old_story = stories_by_seed(library)["000_"]
    merged = runner.invoke(cli, ["--db", str(db_path), "story", "merge", str(old_story), str(new_story)])
    assert merged.exit_code == 0
    assert runner.invoke(cli, ["--db", str(db_path), "story", "9999"]).exit_code == 1
    assert runner.invoke(cli, ["--db", str(db_path), "story", "split", "9999"]).exit_code == 1
    assert runner.invoke(cli, ["--db", str(db_path), "story", "merge", "9999", str(old_story)]).exit_code == 1
    itself = runner.invoke(cli, ["--db", str(db_path), "story", "merge", str(old_story), str(old_story)])
    assert itself.exit_code == 1 and "itself" in itself.stderr


def test_removing_articles_keeps_stories_consistent(library: Library) -> None:
    import_paths(library, [SEEDS])
    remove_articles(library, [seed_article_id(library, "000_")])
    sizes = sorted(story.size for story in list_stories(library))
    assert sizes == [1, 3]
    assert (
        library.db.execute(
            "SELECT count(*) FROM story_keys WHERE article_id NOT IN (SELECT id FROM articles)"
        ).fetchone()[0]
        == 0
    )


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


def _seed_facts(library: Library) -> list[Fact]:
    import_paths(library, [SEEDS])
    story = get_story(library, stories_by_seed(library)["000_"])
    assert story is not None
    return story_figures(library, story)


def _fact_with(facts: list[Fact], value: float) -> Fact:
    return next(fact for fact in facts if any(value in (m.figure.value, m.figure.high) for m in fact.mentions))


def _given(fact: Fact) -> set[tuple[float | None, float | None, str | None]]:
    return {(mention.figure.value, mention.figure.high, mention.unit) for mention in fact.mentions}


def test_the_seeds_stargate_amount_is_one_fact_given_in_two_currencies(library: Library) -> None:
    stargate = _fact_with(_seed_facts(library), 500e9)
    assert stargate.label.startswith("Stargate")
    assert _given(stargate) == {(500e9, None, "USD"), (500e9, None, "EUR")}
    assert len(stargate.article_ids) == 4
    assert stargate.currencies_differ and not stargate.disputed


def test_the_seeds_spending_of_last_year_is_one_fact_with_its_values_and_sources(library: Library) -> None:
    facts = _seed_facts(library)
    last_year = _fact_with(facts, 35e9)
    assert _given(last_year) == {(35e9, None, "EUR"), (38e9, None, "USD"), (38e9, 40e9, "USD"), (40e9, None, "USD")}
    assert len(last_year.article_ids) == 4 and last_year.label == "Meta · spending · 2024"
    assert last_year.disputed and last_year.currencies_differ
    assert facts[0] is last_year  # disputed facts first


def test_the_seeds_plan_of_60_to_65_billion_agrees(library: Library) -> None:
    plan = _fact_with(_seed_facts(library), 62e9)
    assert _given(plan) == {(60e9, 65e9, "USD"), (65e9, None, "USD"), (62e9, None, "EUR")}
    assert not plan.disputed and plan.currencies_differ
    assert plan.to_json()["values"][0] == {
        "article_id": plan.mentions[0].article.id,
        "source": "seeds",
        "text": "60 à 65 milliards de dollars",
        "value": 60e9,
        "low": 60e9,
        "high": 65e9,
        "unit": "USD",
        "approx": None,
    }


def test_the_seeds_companies_and_shares_are_not_one_fact(library: Library) -> None:
    facts = _seed_facts(library)
    microsoft, amazon = _fact_with(facts, 80e9), _fact_with(facts, 75e9)
    assert microsoft is not amazon
    assert microsoft.label.startswith("Microsoft") and amazon.label.startswith("Amazon")
    assert not microsoft.disputed and not amazon.disputed
    assert not any(fact.kind == "percent" for fact in facts)  # a fall of 1.4 % is not a rise of 1.6 %
    gpus = _fact_with(facts, 1.3e6)
    assert gpus.measure == "GPU" and len(gpus.article_ids) == 4 and not gpus.disputed


def _facts(*texts: tuple[str, str]) -> list[Fact]:
    """The facts of a story made of these (language, text) articles, all published on one day."""
    return compare_figures(
        CitedArticle(number, f"outlet {number}", text, extract_figures(text, lang), "2025-01-24")
        for number, (lang, text) in enumerate(texts, start=1)
    )


def _values(fact: Fact) -> set[tuple[int, float, str | None]]:
    return {(mention.article.id, mention.low, mention.unit) for mention in fact.mentions}


def test_two_companies_amounts_stay_apart_and_each_is_one_fact_in_french_and_english() -> None:
    facts = _facts(
        ("fr", "Microsoft investira 80 milliards de dollars, tandis qu'Amazon dépensera 75 milliards de dollars."),
        ("en", "Amazon will spend $75 billion, while Microsoft plans to invest $80 billion in data centers."),
    )
    assert [_values(fact) for fact in facts] == [
        {(1, 75e9, "USD"), (2, 75e9, "USD")},
        {(1, 80e9, "USD"), (2, 80e9, "USD")},
    ]
    assert [fact.label for fact in facts] == ["Amazon · spending", "Microsoft · spending"]
    assert not any(fact.disputed or fact.currencies_differ for fact in facts)


def test_close_amounts_of_two_companies_are_not_one_fact_told_differently() -> None:
    assert (
        _facts(
            ("fr", "Microsoft prévoit d'investir 80 milliards de dollars en 2025."),
            ("en", "Amazon will spend $85 billion in 2025."),
        )
        == []
    )


def test_the_same_figures_in_french_and_english_line_up_by_year() -> None:
    facts = _facts(
        (
            "fr",
            "Selon Reuters, Meta a dépensé 38 milliards de dollars l'an dernier. "
            + "Le groupe investira entre 60 et 65 milliards d'euros cette année.",
        ),
        (
            "en",
            "Meta Platforms CEO Mark Zuckerberg said the company spent $40 billion last year, "
            + "and it will spend $65 billion this year.",
        ),
    )
    last_year, this_year = facts
    assert _values(last_year) == {(1, 38e9, "USD"), (2, 40e9, "USD")}
    assert last_year.disputed and not last_year.currencies_differ
    assert last_year.label == "Meta · spending · 2024"
    assert _values(this_year) == {(1, 60e9, "EUR"), (2, 65e9, "USD")}
    assert this_year.currencies_differ and not this_year.disputed


def test_a_year_apart_is_another_fact_however_close_the_amounts() -> None:
    assert (
        _facts(
            ("fr", "Meta a dépensé 58 milliards de dollars l'an dernier."),
            ("en", "Meta will spend $65 billion this year."),
        )
        == []
    )


def test_a_person_heading_a_company_stands_for_it() -> None:
    facts = _facts(
        (
            "en",
            "Zuckerberg said on Friday the company will spend up to $65 billion. Mark Zuckerberg, the CEO of Meta, wrote it.",
        ),
        (
            "fr",
            "Selon Reuters, Meta dépensera 65 milliards de dollars, plus que Microsoft, qui dépensera 64 milliards de dollars.",
        ),
    )
    assert [_values(fact) for fact in facts] == [{(1, 65e9, "USD"), (2, 65e9, "USD")}]


def test_a_rise_and_a_fall_are_not_one_fact() -> None:
    assert (
        _facts(("fr", "L'action Meta a reculé de 1,4 % à l'ouverture."), ("en", "Meta shares rose 1.5% on Friday."))
        == []
    )
    rise = _facts(("fr", "L'action Meta a progressé de 1,4 % vendredi."), ("en", "Meta shares rose 1.6% on Friday."))
    assert [fact.label for fact in rise] == ["Meta · shares · up"] and rise[0].disputed


@pytest.mark.parametrize(
    "text",
    [
        "Mark Zuckerberg, le PDG de Meta, a écrit sur Facebook.",
        "Selon le patron de Meta, Mark Zuckerberg, l'IA va tout changer.",
        "Meta Platforms CEO Mark Zuckerberg said on Friday.",
        "Mark Zuckerberg, the chief executive of Meta, said.",
    ],
)
def test_a_person_named_as_head_of_a_company_stands_for_it(text: str) -> None:
    assert company_heads([text]) == {"mark": "meta", "zuckerberg": "meta"}


def test_a_title_alone_makes_no_head_of_company() -> None:
    assert company_heads(["Le président américain Donald Trump a annoncé mardi Stargate."]) == {}


def test_amounts_read_as_ranges_and_rounded_values() -> None:
    assert format_amount(38e9, 40e9, "USD") == "38–40 bn USD"
    assert format_amount(65e9, None, "USD") == "65 bn USD"
    assert format_amount(1.4, None, "%") == "1.4 %"
    assert rounding(38e9) == 0.5e9 and rounding(1.3e6) == 0.05e6 and rounding(1.4) == pytest.approx(0.05)


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
    for day, name in (
        ("2025-01-24", "a.txt"),
        ("2025-01-27", "b.txt"),
        ("2025-01-30", "c.txt"),
        ("2025-02-02", "d.txt"),
    ):
        _dated(tmp_path / name[0], name, day)
        import_paths(library, [tmp_path / name[0]])
    published = dict(library.db.execute("SELECT published, story_id FROM articles").fetchall())
    assert published["2025-01-24"] == published["2025-01-27"] == published["2025-01-30"]
    assert published["2025-02-02"] != published["2025-01-24"]


def _run_on_a_terminal(args: list[str]) -> tuple[str, str]:
    """Run ``python -m reader ARGS`` with stderr on a pseudo-terminal; return (stdout, what the terminal got)."""
    controller, terminal = pty.openpty()
    env = os.environ | {"TERM": "xterm", "COLUMNS": "100"}
    with subprocess.Popen(
        [sys.executable, "-m", "reader", *args],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=terminal,
        env=env,
    ) as process:
        os.close(terminal)
        shown = b""
        while True:
            try:
                chunk = os.read(controller, 4096)
            except OSError:  # the terminal closed: the command is done
                break
            if not chunk:
                break
            shown += chunk
        stdout = process.stdout.read() if process.stdout else b""
    os.close(controller)
    return stdout.decode(), shown.decode(errors="replace")


def test_rebuild_shows_a_progress_bar_on_a_terminal_only(db_path: Path, tmp_path: Path) -> None:
    many = tmp_path / "many"
    many.mkdir()
    for number in range(MIN_ITEMS_FOR_BAR + 5):
        (many / f"{number}.txt").write_text(f"Headline number {number}\n\nStory {number} about topic {number}.\n")
    runner = CliRunner()
    runner.invoke(cli, ["--db", str(db_path), "add", "-q", str(many)], catch_exceptions=False)

    stdout, terminal = _run_on_a_terminal(["--db", str(db_path), "stories", "--rebuild"])
    assert "grouping" in terminal and f"/{MIN_ITEMS_FOR_BAR + 5}" in terminal
    assert "Headline number" in stdout

    stdout, terminal = _run_on_a_terminal(["--db", str(db_path), "stories", "--rebuild", "--json"])
    count = len(json.loads(stdout))
    assert terminal.strip() == counted(count, "story")

    piped = runner.invoke(cli, ["--db", str(db_path), "stories", "--rebuild"])
    assert piped.stderr == "" and piped.stdout.startswith(f"{counted(count, 'story')}\n")
