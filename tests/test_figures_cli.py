"""Figures through the real command line: `reader figures`, and figures stored at import."""

from __future__ import annotations

import json
from pathlib import Path

from sqlite_utils import Database

from reader.operations import open_for_writing
from reader.search import search
from reader.store import Library
from reader.store.migrations import migrations
from tests.builders import SEEDS, run_cli


def test_figures_of_standard_input_as_json() -> None:
    result = run_cli(
        "figures", "--lang", "fr", "--json", "-", stdin="Meta investira entre 51 et 53 milliards de dollars."
    )
    assert result.exit_code == 0, result.output
    (figure,) = json.loads(result.output)
    assert figure["text"] == "51 et 53 milliards de dollars"
    assert (figure["low"], figure["high"], figure["currency"]) == (51e9, 53e9, "USD")


def test_figures_of_a_file_for_a_person(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("Revenue rose 12 percent to $4.2bn.", encoding="utf-8")
    result = run_cli("figures", str(path))
    assert result.exit_code == 0
    assert "12 percent" in result.output and "$4.2bn" in result.output


def test_figures_for_a_person_carry_no_control_characters() -> None:
    result = run_cli("figures", "--lang", "en", "-", stdin="It rose two\x0bmillion\x1b[31m people.")
    assert result.exit_code == 0 and "\x1b" not in result.output and "\x0b" not in result.output


def test_figures_are_stored_at_import_and_shown(db_path: Path) -> None:
    assert run_cli("add", str(SEEDS), db=db_path).exit_code == 0
    articles = json.loads(run_cli("list", "--json", db=db_path).output)
    shown = [json.loads(run_cli("show", str(article["id"]), "--json", db=db_path).output) for article in articles]
    for article in shown:
        for figure in article["figures"]:
            assert article["text"][figure["start"] : figure["end"]] == figure["text"]
    money = {
        (figure["text"], figure["value"])
        for article in shown
        for figure in article["figures"]
        if figure["kind"] == "money"
    }
    assert ("62 milliards d'euros", 62e9) in money
    assert any(figure["text"] == "1, 3 million de GPU" for article in shown for figure in article["figures"])
    human = run_cli("show", str(articles[0]["id"]), db=db_path).output
    assert "Key figures:" in human and "62 milliards d'euros" in human


def test_removing_an_article_removes_its_figures(db_path: Path) -> None:
    run_cli("add", str(SEEDS), db=db_path)
    first = json.loads(run_cli("list", "--json", db=db_path).output)[0]["id"]
    run_cli("remove", str(first), db=db_path)
    with Library(db_path) as library:
        assert library.figures(first) == []
        assert library.db.execute("SELECT count(*) FROM figures WHERE article_id = ?", [first]).fetchone()[0] == 0


def test_upgrading_a_library_gives_its_articles_their_figures_a_story_and_search(db_path: Path) -> None:
    old = Database(db_path)
    migrations.apply(old, stop_before="add_figures")
    old.execute(
        "INSERT INTO articles (title, lang, text, markdown, content_hash) VALUES (?, ?, ?, ?, ?)",
        ["Meta", "fr", "Meta dépensera 62 milliards d'euros.", "Meta", "hash"],
    )
    old.conn.commit()
    old.close()
    with open_for_writing(db_path) as library:
        (figure,) = library.figures(1)
        assert library.get_article(1).story_id is not None
        assert [hit.article.id for hit in search(library, "depenser milliard").hits] == [1]
    assert (figure.text, figure.value, figure.currency) == ("62 milliards d'euros", 62e9, "EUR")
    with Library(db_path) as library:
        assert library.db.execute("SELECT count(*) FROM backfills").fetchone()[0] == 0
