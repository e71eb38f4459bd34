"""The command line, driven through Click against a real library file."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from reader.cli import cli
from tests.builders import ARTICLE_KEYS, SEEDS, run_cli


def _all_commands(group: click.Group, prefix: tuple[str, ...] = ()):
    for name, command in group.commands.items():
        yield (*prefix, name), command
        if isinstance(command, click.Group):
            yield from _all_commands(command, (*prefix, name))


@pytest.mark.parametrize(
    "path, command", list(_all_commands(cli)), ids=lambda value: " ".join(value) if isinstance(value, tuple) else ""
)
def test_every_command_has_useful_help(path: tuple[str, ...], command: click.Command) -> None:
    assert command.help and len(command.help.split()) >= 4, f"reader {' '.join(path)} needs a help text"
    for parameter in command.params:
        if isinstance(parameter, click.Option):
            assert parameter.help, f"reader {' '.join(path)} {parameter.opts[0]} needs a help text"
    result = run_cli(*path, "--help")
    assert result.exit_code == 0 and "Usage:" in result.output


def test_version() -> None:
    result = run_cli("--version")
    assert result.exit_code == 0 and result.output.startswith("reader, version ")


def test_add_list_show_remove(db_path: Path) -> None:
    result = run_cli("add", str(SEEDS), db=db_path)
    assert result.exit_code == 0, result.output
    assert "5 added" in result.output

    again = run_cli("add", str(SEEDS), db=db_path)
    assert again.exit_code == 0 and "0 added, 5 unchanged" in again.output

    listed = json.loads(run_cli("list", "--json", db=db_path).output)
    assert len(listed) == 5
    assert all(set(article) == ARTICLE_KEYS for article in listed)
    assert listed[0]["published"] == "2025-01-28T18:07:00"

    first_id = listed[0]["id"]
    shown = json.loads(run_cli("show", str(first_id), "--json", db=db_path).output)
    assert set(shown) == ARTICLE_KEYS | {"text", "figures"}
    assert "62 milliards d'euros" in shown["text"]

    human = run_cli("show", str(first_id), db=db_path).output
    assert human.startswith("Incroyable ! Mark Zuckerberg")

    assert run_cli("remove", str(first_id), db=db_path).output.strip() == "1 article removed"
    assert len(json.loads(run_cli("list", "--json", db=db_path).output)) == 4
    assert run_cli("show", str(first_id), db=db_path).exit_code == 1

    missing = run_cli("remove", "9999", db=db_path)
    assert missing.exit_code == 1 and "not in the library" in missing.output


def test_remove_by_source(db_path: Path, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere"
    other.mkdir()
    (other / "note.txt").write_text("Un titre\n\nUn texte bien à lui, assez long pour compter.\n", encoding="utf-8")
    run_cli("add", str(SEEDS), str(other), db=db_path)
    result = run_cli("remove", "--source", "elsewhere", db=db_path)
    assert result.output.strip() == "1 article removed"
    assert {article["source"] for article in json.loads(run_cli("list", "--json", db=db_path).output)} == {"seeds"}


def test_failures_exit_1_and_name_the_file(db_path: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = CliRunner().invoke(cli, ["--db", str(db_path), "add", str(empty), str(SEEDS / "000_e3d4b392c949e465.txt")])
    assert result.exit_code == 1
    assert f"error: {empty}: empty file" in result.stderr
    assert "1 added, 1 failed" in result.stdout


def test_json_output_is_only_json(db_path: Path) -> None:
    run_cli("add", str(SEEDS), db=db_path)
    result = CliRunner().invoke(cli, ["--db", str(db_path), "list", "--json"])
    json.loads(result.stdout)


def test_db_comes_from_env_then_default(tmp_path: Path, isolated_home: Path) -> None:
    env_db = tmp_path / "from-env.db"
    run_cli("add", str(SEEDS / "003_f4e52bb3d930e5e2.txt"), env={"READER_DB": str(env_db)})
    assert env_db.exists()
    run_cli("add", str(SEEDS / "003_f4e52bb3d930e5e2.txt"))
    assert (isolated_home / "data" / "reader" / "library.db").exists()


@pytest.mark.parametrize(
    "args, code, line",
    [
        (["--bogus"], 2, "error: No such option '--bogus'."),
        (["no-such-command"], 2, "error: No such command 'no-such-command'."),
        (["show", "abc"], 2, "error: Invalid value for 'ARTICLE_ID': 'abc' is not a valid integer range."),
        (["tag"], 2, "error: Missing argument 'TARGET'."),
        (["remove"], 2, "error: name article ids or a --source"),
        (["show", "999"], 1, "error: no article with id 999"),
        (["story", "split", "7"], 1, "error: no article with id 7"),
        (["story", "999"], 1, "error: no story with id 999"),
        (
            ["list", "--limit", "99999999999999999999"],
            2,
            "error: Invalid value for '--limit' / '-n': 99999999999999999999 is not in the range 1<=x<=1000000000.",
        ),
        (
            ["show", "99999999999999999999"],
            2,
            "error: Invalid value for 'ARTICLE_ID': 99999999999999999999 is not in the range 0<=x<=9223372036854775807.",
        ),
        (
            ["story", "merge", "1", "99999999999999999999"],
            2,
            "error: Invalid value for 'STORY_IDS...': 99999999999999999999 is not in the range 0<=x<=9223372036854775807.",
        ),
        (["stories", "--min-size", "x"], 2, "error: Invalid value for '--min-size': 'x' is not a valid integer range."),
        (["read", "999"], 1, "error: no article with id 999"),
        (["star"], 2, "error: name an article id or story:ID, or a --query"),
        (["untag", "7", "x"], 1, "error: no article with id 7"),
        (["tags", "delete", "nope"], 1, "error: no tag named 'nope'"),
        (["rules", "apply", "nope"], 1, "error: no rule named 'nope'"),
        (["saved", "add", "x"], 2, "error: Missing argument 'QUERY'."),
        (["search", '"'], 2, "error: nothing to search for: type some words or a filter such as is:unread"),
        (
            ["feeds", "set", "https://nowhere.example/f", "--full-text"],
            1,
            "error: not subscribed to https://nowhere.example/f",
        ),
        (["serve", "--port", "70000"], 2, "error: Invalid value for '--port': 70000 is not in the range 0<=x<=65535."),
        (["refresh", "--timeout", "x"], 2, "error: Invalid value for '--timeout': 'x' is not a valid float range."),
        (["figures", "/nonexistent/a.txt"], 1, "error: /nonexistent/a.txt: no such file"),
        (
            ["export", "--format", "csv"],
            2,
            "error: Invalid value for '--format': 'csv' is not one of 'opml', 'json', 'jsonl'.",
        ),
        (
            ["import-state", "/nonexistent/s.json"],
            2,
            "error: Invalid value for 'FILE': File '/nonexistent/s.json' does not exist.",
        ),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else str(value),
)
def test_every_error_line_has_one_form(db_path: Path, args: list[str], code: int, line: str) -> None:
    result = run_cli(*args, db=db_path)
    assert result.exit_code == code
    assert result.stderr.splitlines()[-1] == line
    assert "Error:" not in result.stderr and result.stdout == ""


def test_error_lines_strip_control_characters(db_path: Path, tmp_path: Path) -> None:
    hostile = tmp_path / "state\x1b]52;c;cm0gLXJmIH4=\x07\x1b[2J\nnext.json"
    hostile.write_text("{not json", encoding="utf-8")
    result = run_cli("import-state", hostile, db=db_path)
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith(f"error: {tmp_path}/state next.json: not a JSON state file (")
    assert not any(ord(char) < 32 or 0x7F <= ord(char) < 0xA0 for char in result.stderr.replace("\n", ""))


def test_a_group_named_alone_shows_its_help_not_an_error(db_path: Path) -> None:
    result = run_cli("saved", db=db_path)
    assert "Commands:" in result.output and "add" in result.output and "error:" not in result.output
