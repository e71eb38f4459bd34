"""reader read, unread, star, unstar and the list filters on marks, through Click on a real library file."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.operations import Selection, SelectionError, mark_articles
from reader.store import Library
from tests.builders import JANUARY_SEEDS, JULY_SEED, cli_json, listed_id, run_cli, stories_by_seed


def _listed(db: Path, *filters: str) -> set[int]:
    return {article["id"] for article in cli_json("list", *filters, "--json", db=db)}


def _story_of(db: Path, article_id: int) -> int:
    story_id = cli_json("show", str(article_id), "--json", db=db)["story_id"]
    assert isinstance(story_id, int)
    return story_id


def test_read_and_unread_by_id_by_story_and_by_query(seeded: Path) -> None:
    january = [listed_id(seeded, prefix) for prefix in JANUARY_SEEDS]
    july = listed_id(seeded, JULY_SEED)
    everything = {*january, july}
    assert _listed(seeded, "--unread") == everything

    assert run_cli("read", str(july), db=seeded).output == "1 article marked read\n"
    assert _listed(seeded, "--unread") == set(january)

    story = _story_of(seeded, january[0])
    assert run_cli("read", f"story:{story}", db=seeded).output == "4 articles marked read\n"
    assert _listed(seeded, "--unread") == set()

    result = run_cli("unread", str(july), "--query", "zuckerberg", db=seeded)
    assert result.exit_code == 0
    matched = {hit["id"] for hit in cli_json("search", "zuckerberg", "--json", db=seeded)["hits"]}
    assert result.output == f"{len(matched | {july})} articles marked unread\n"
    assert _listed(seeded, "--unread") == matched | {july}

    again = run_cli("unread", str(july), str(january[0]), db=seeded)
    assert again.output == f"2 articles marked unread ({int(january[0] in matched) + 1} already were)\n"


def test_star_unstar_and_the_list_filters_combined(seeded: Path) -> None:
    first, second = listed_id(seeded, JANUARY_SEEDS[0]), listed_id(seeded, JANUARY_SEEDS[1])
    july = listed_id(seeded, JULY_SEED)
    assert run_cli("star", str(first), str(july), db=seeded).output == "2 articles starred\n"
    assert run_cli("star", str(first), db=seeded).output == "1 article starred (1 already was)\n"
    assert run_cli("read", str(july), db=seeded).exit_code == 0
    assert run_cli("tag", str(july), "energie", db=seeded).exit_code == 0
    assert run_cli("tag", str(second), "energie", db=seeded).exit_code == 0

    assert _listed(seeded, "--starred") == {first, july}
    assert _listed(seeded, "--starred", "--unread") == {first}
    assert _listed(seeded, "--tag", "energie", "--unread") == {second}
    assert _listed(seeded, "--tag", "energie", "--starred") == {july}
    assert _listed(seeded, "--tag", "energie", "--starred", "--unread") == set()

    assert run_cli("unstar", str(july), db=seeded).output == "1 article unstarred\n"
    assert _listed(seeded, "--starred") == {first}
    human = run_cli("list", "--starred", db=seeded).output.splitlines()
    assert len(human) == 1 and human[0].split()[0] == str(first)


def test_json_gives_the_articles_named_as_they_now_are(seeded: Path) -> None:
    first = listed_id(seeded, JANUARY_SEEDS[0])
    story = _story_of(seeded, first)
    marked = cli_json("star", f"story:{story}", "--json", db=seeded)
    assert len(marked) == 4 and {article["story_id"] for article in marked} == {story}
    assert all(article["starred"] and not article["read"] for article in marked)


def test_nothing_changes_when_anything_named_is_missing(seeded: Path) -> None:
    first = listed_id(seeded, JANUARY_SEEDS[0])
    result = run_cli("read", str(first), "999", db=seeded)
    assert result.exit_code == 1 and result.stderr == "error: no article with id 999\n" and result.stdout == ""
    result = run_cli("star", str(first), "story:999", db=seeded)
    assert result.exit_code == 1 and result.stderr == "error: no story with id 999\n"
    assert _listed(seeded, "--unread") == _listed(seeded) and _listed(seeded, "--starred") == set()


@pytest.mark.parametrize(
    "args, line",
    [
        (["read"], "error: name an article id or story:ID, or a --query"),
        (
            ["unread", "story:99999999999999999999999"],
            "error: story:99999999999999999999999: give an article id or story:ID",
        ),
        (["star", "feed:3"], "error: feed:3: give an article id or story:ID"),
        (["unstar", "--query", '"'], "error: nothing to search for: type some words or a filter such as is:unread"),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else "",
)
def test_what_cannot_be_marked_exits_2_with_one_line(seeded: Path, args: list[str], line: str) -> None:
    result = run_cli(*args, db=seeded)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.splitlines()[-1] == line


def test_a_mark_is_one_write_transaction_taken_up_front(seeded_library: Library) -> None:
    story = stories_by_seed(seeded_library)[JANUARY_SEEDS[0]]
    statements: list[str] = []
    seeded_library.db.conn.set_trace_callback(statements.append)
    marked = mark_articles(seeded_library, Selection(story_ids=(story,), query="is:unread"), read=True)
    seeded_library.db.conn.set_trace_callback(None)
    assert marked.changed == len(marked.article_ids) == 5
    writes = [statement for statement in statements if statement.split()[0] in ("BEGIN", "UPDATE", "COMMIT")]
    assert writes[0] == "BEGIN IMMEDIATE" and writes[-1] == "COMMIT"
    assert writes.count("BEGIN IMMEDIATE") == 1 and writes.count("COMMIT") == 1
    with pytest.raises(SelectionError, match="no story with id 77"):
        mark_articles(seeded_library, Selection(article_ids=(1,), story_ids=(77,)), read=False)
    assert seeded_library.list_articles(unread=True) == []
