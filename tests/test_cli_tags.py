"""The tag, saved-search and rule commands, through Click on a real library file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from reader.cli import cli
from tests.builders import JULY_SEED, SEEDS, cli_json, listed_id, run_cli


@pytest.fixture
def db(db_path: Path) -> Path:
    assert run_cli("add", "-q", str(SEEDS), db=db_path).exit_code == 0
    return db_path


def test_tag_untag_and_list_tags(db: Path) -> None:
    january, july = listed_id(db, "000_"), listed_id(db, JULY_SEED)
    assert (
        run_cli("tag", str(january), "IA", "eco/Énergie", "ia", db=db).output.strip()
        == f"article {january}: 2 tags added"
    )
    assert run_cli("tag", str(july), "ECO/ÉNERGIE", db=db).exit_code == 0
    assert cli_json("show", str(july), "--json", db=db)["tags"] == ["eco/Énergie"]
    assert cli_json("tags", "--json", db=db) == [
        {"name": "eco/Énergie", "total": 2, "unread": 2},
        {"name": "IA", "total": 1, "unread": 1},
    ]
    assert run_cli("tags", db=db).output.splitlines() == [
        "      2        2 unread  eco/Énergie",
        "      1        1 unread  IA",
    ]
    assert {article["id"] for article in cli_json("list", "--tag", "eco", "--json", db=db)} == {january, july}
    assert {hit["id"] for hit in cli_json("search", "tag:eco/energie", "--json", db=db)["hits"]} == {january, july}
    assert run_cli("untag", str(july), "eco/énergie", db=db).output.strip() == f"article {july}: 1 tag removed"
    assert cli_json("list", "--tag", "eco", "--json", db=db)[0]["id"] == january


def test_a_story_tag_from_the_command_line(db: Path) -> None:
    january = listed_id(db, "000_")
    story_id = cli_json("show", str(january), "--json", db=db)["story_id"]
    assert (
        run_cli("tag", f"story:{story_id}", "Meta", db=db).output.strip()
        == f"story {story_id}: 1 tag added to 4 articles"
    )
    story = cli_json("story", str(story_id), "--json", db=db)
    assert all(article["tags"] == ["Meta"] for article in story["articles"])
    assert story["tags"] == ["Meta"]
    assert run_cli("tag", str(january), "ia", db=db).exit_code == 0
    assert [found["tags"] for found in cli_json("stories", "--json", db=db) if found["id"] == story_id] == [
        ["ia", "Meta"]
    ]
    result = CliRunner().invoke(cli, ["--db", str(db), "untag", str(january), "meta"])
    assert result.stdout.strip() == f"article {january}: 0 tags removed"
    assert f"keeps Meta through its story: reader untag story:{story_id} TAG" in result.stderr
    assert (
        run_cli("untag", f"story:{story_id}", "META", db=db).output.strip()
        == f"story {story_id}: 1 tag removed from 4 articles"
    )
    assert run_cli("untag", str(january), "ia", db=db).exit_code == 0
    assert cli_json("tags", "--json", db=db) == []


def test_rename_and_delete(db: Path) -> None:
    january = listed_id(db, "000_")
    run_cli("tag", str(january), "eco", "eco/energie", db=db)
    assert run_cli("tags", "rename", "eco", "Économie", db=db).output.splitlines() == [
        "eco -> Économie",
        "eco/energie -> Économie/energie",
    ]
    assert cli_json("show", str(january), "--json", db=db)["tags"] == ["Économie", "Économie/energie"]
    assert run_cli("tags", "delete", "économie/ENERGIE", db=db).output.strip() == "deleted: Économie/energie"
    assert cli_json("show", str(january), "--json", db=db)["tags"] == ["Économie"]


@pytest.mark.parametrize(
    "args, message",
    [
        (("tag", "x12", "ia"), "x12: give an article id or story:ID"),
        (("tag", "story:", "ia"), "story:: give an article id or story:ID"),
        (("tag", "9999", "ia"), "no article with id 9999"),
        (("tag", "story:9999", "ia"), "no story with id 9999"),
        (("tag", "1", "  "), "a tag needs a name"),
        (("tag", "1", "a\x1b[31m"), "control characters are not allowed"),
        (("untag", "story:9999", "ia"), "no story with id 9999"),
        (("tags", "rename", "nothing", "else"), "no tag named 'nothing'"),
        (("tags", "delete", "nothing"), "no tag named 'nothing'"),
        (("saved", "add", "bad", "(("), "nothing to search for"),
        (("saved", "add", "bad", "meta", "--tag", "/"), "a tag needs a name"),
        (("saved", "rm", "nothing"), "no saved search named 'nothing'"),
        (("rules", "apply", "nothing"), "no rule named 'nothing'"),
    ],
)
def test_bad_input_gets_one_line_naming_it(db: Path, args: tuple[str, ...], message: str) -> None:
    result = CliRunner().invoke(cli, ["--db", str(db), *args])
    assert result.exit_code in (1, 2)
    assert message in result.stderr.strip().splitlines()[-1]
    assert result.stdout == ""


def test_tag_needs_a_tag(db: Path) -> None:
    assert run_cli("tag", "1", db=db).exit_code == 2


def test_saved_searches_and_rules(db: Path, tmp_path: Path) -> None:
    assert run_cli("saved", "add", "Meta", "meta OR zuckerberg", db=db).output.strip() == "saved: Meta"
    assert run_cli("saved", "add", "stargate", "stargate", "--tag", "Stargate", db=db).output.strip() == (
        "saved: stargate (a rule: new matches get Stargate)"
    )
    total = cli_json("search", "meta OR zuckerberg", "--json", db=db)["total"]
    first = cli_json("search", "meta OR zuckerberg", "--json", db=db)["hits"][0]["id"]
    CliRunner().invoke(cli, ["--db", str(db), "tag", str(first), "lu"])
    listed = cli_json("saved", "list", "--json", db=db)
    assert listed[0] == {"name": "Meta", "query": "meta OR zuckerberg", "tag": None, "total": total, "unread": total}
    assert cli_json("rules", "--json", db=db) == [{"name": "stargate", "query": "stargate", "tag": "Stargate"}]
    assert run_cli("rules", db=db).output.strip() == "stargate: stargate  -> #Stargate"

    stargate = cli_json("search", "stargate", "--json", db=db)["total"]
    assert (
        run_cli("rules", "apply", "STARGATE", db=db).output.strip() == f"stargate: {stargate} articles tagged Stargate"
    )
    assert run_cli("rules", "apply", db=db).output.strip() == "stargate: 0 articles tagged Stargate"
    assert len(cli_json("list", "--tag", "stargate", "--json", db=db)) == stargate

    assert run_cli("saved", "rm", "meta", db=db).output.strip() == "removed: meta"
    assert [saved["name"] for saved in cli_json("saved", "list", "--json", db=db)] == ["stargate"]


def test_export_jsonl_gives_the_articles_a_query_selects_as_show_prints_them(db: Path, tmp_path: Path) -> None:
    january, july = listed_id(db, "000_"), listed_id(db, JULY_SEED)
    assert run_cli("tag", str(january), "ia", db=db).exit_code == run_cli("tag", str(july), "ia", db=db).exit_code == 0

    result = run_cli("export", "--format", "jsonl", "tag:ia", db=db)
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert {record["id"] for record in records} == {january, july}
    assert records[0] == cli_json("show", str(records[0]["id"]), "--json", db=db)
    assert all(record["tags"] == ["ia"] and record["text"] and record["figures"] for record in records)

    output = tmp_path / "all.jsonl"
    assert run_cli("export", "--format", "jsonl", "-o", str(output), db=db).exit_code == 0
    everything = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert len(everything) == len(cli_json("list", "--json", db=db)) == 5
    assert [record["id"] for record in everything] == [article["id"] for article in cli_json("list", "--json", db=db)]

    bad = run_cli("export", "--format", "jsonl", "after:tomorrow", db=db)
    assert bad.exit_code == 2 and bad.stdout == "" and "error:" in bad.stderr
    assert run_cli("export", "--format", "opml", "tag:ia", db=db).exit_code == 2
