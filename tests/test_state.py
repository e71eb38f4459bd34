"""The user's state out to JSON and back onto a library rebuilt from the same sources."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from reader.cli import cli
from reader.state import export_state
from reader.store import Library
from tests.builders import JULY_SEED, SEEDS, listed_id, run_cli, seed


def _build(db: Path, sources: Path) -> None:
    assert run_cli("add", "-q", str(sources), db=db).exit_code == 0


def _state_without_date(db: Path) -> dict:
    with Library(db) as library:
        state = export_state(library)
    del state["exported_at"]
    return state


def _make_state(db: Path, sources: Path) -> None:
    """Tags, a story tag, read and starred marks, a saved search, a rule and a feed."""
    _build(db, sources)
    january, july = listed_id(db, "000_"), listed_id(db, JULY_SEED)
    story_id = json.loads(run_cli("show", str(january), "--json", db=db).output)["story_id"]
    assert run_cli("tag", str(january), "IA", "eco/énergie", db=db).exit_code == 0
    assert run_cli("tag", f"story:{story_id}", "Meta", db=db).exit_code == 0
    assert run_cli("saved", "add", "Nucléaire", "nucléaire -iran", db=db).exit_code == 0
    assert run_cli("saved", "add", "Zuck", "zuckerberg", "--tag", "people/zuck", db=db).exit_code == 0
    with Library(db) as library:
        library.set_flags(july, read=True, starred=True)
        library.set_flags(january, read=True)
        library.db.execute(
            "INSERT INTO feeds (url, title, tags, full_text) VALUES ('https://example.org/feed.xml', 'Example', '[\"news\"]', 1)"
        )


def test_a_rebuilt_library_gets_the_state_back(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    shutil.copytree(SEEDS, sources)
    old_db, new_db, state_file = tmp_path / "old.db", tmp_path / "new.db", tmp_path / "state.json"
    _make_state(old_db, sources)
    assert run_cli("export", "--format", "json", "-o", str(state_file), db=old_db).exit_code == 0
    exported = json.loads(state_file.read_text(encoding="utf-8"))
    assert len(exported["articles"]) == 5  # the rule tagged more than the two marked by hand
    assert exported["saved_searches"] == [
        {"name": "Nucléaire", "query": "nucléaire -iran", "tag": None},
        {"name": "Zuck", "query": "zuckerberg", "tag": "people/zuck"},
    ]

    _build(new_db, sources)
    restored = CliRunner().invoke(cli, ["--db", str(new_db), "import-state", str(state_file)])
    assert restored.exit_code == 0, restored.output
    assert restored.stdout.strip() == "5 articles matched, 0 not found; 2 saved searches; 1 feed (1 new)"
    assert _state_without_date(new_db) == _state_without_date(old_db)
    assert json.loads(run_cli("tags", "--json", db=new_db).output) == json.loads(
        run_cli("tags", "--json", db=old_db).output
    )

    again = run_cli("import-state", str(state_file), db=new_db)
    assert again.exit_code == 0 and "5 articles matched" in again.output
    assert _state_without_date(new_db) == _state_without_date(old_db)


def test_a_story_tag_restored_reaches_the_whole_story_and_later_articles(tmp_path: Path) -> None:
    sources, later = tmp_path / "sources", tmp_path / "later"
    sources.mkdir()
    later.mkdir()
    shutil.copy(seed("000_"), sources)
    shutil.copy(SEEDS / "001_05e58e2dd3bddb76.txt", later)
    old_db, new_db, state_file = tmp_path / "old.db", tmp_path / "new.db", tmp_path / "state.json"
    _build(old_db, sources)
    run_cli("tag", f"story:{json.loads(run_cli('list', '--json', db=old_db).output)[0]['story_id']}", "meta", db=old_db)
    state_file.write_text(run_cli("export", "--format", "json", db=old_db).output, encoding="utf-8")

    _build(new_db, sources)
    run_cli("import-state", str(state_file), db=new_db)
    _build(new_db, later)
    assert [article["tags"] for article in json.loads(run_cli("list", "--json", db=new_db).output)] == [
        ["meta"],
        ["meta"],
    ]


def test_articles_not_found_are_named_and_the_rest_restored(tmp_path: Path) -> None:
    db, state_file = tmp_path / "library.db", tmp_path / "state.json"
    _build(db, SEEDS)
    january = listed_id(db, "000_")
    state = {
        "format": "reader-state",
        "version": 1,
        "articles": [
            {
                "url": None,
                "content_hash": "0" * 64,
                "title": "Gone \x1b[31mred",
                "tags": ["x"],
                "story_tags": [],
                "read": True,
                "starred": False,
            },
            {
                "url": None,
                "content_hash": _hash(db, january),
                "title": "kept",
                "tags": ["kept"],
                "read": False,
                "starred": True,
            },
        ],
    }
    state_file.write_text(json.dumps(state), encoding="utf-8")
    result = CliRunner().invoke(cli, ["--db", str(db), "import-state", str(state_file)])
    assert result.exit_code == 0
    assert result.stderr == "not found: Gone red\n"
    assert result.stdout.strip() == "1 article matched, 1 not found; 0 saved searches; 0 feeds (0 new)"
    shown = json.loads(run_cli("show", str(january), "--json", db=db).output)
    assert shown["tags"] == ["kept"] and shown["starred"] and not shown["read"]


def _hash(db: Path, article_id: int) -> str:
    with Library(db) as library:
        return (
            library.db.execute("SELECT hex(content_hash) FROM articles WHERE id = ?", [article_id])
            .fetchone()[0]
            .lower()
        )


def test_articles_are_found_by_url_when_their_content_changed(tmp_path: Path) -> None:
    db, state_file = tmp_path / "library.db", tmp_path / "state.json"
    page = tmp_path / "page.html"
    page.write_text(
        '<html><head><title>Un titre</title><link rel="canonical" href="https://example.org/a"></head>'
        "<body><article><h1>Un titre</h1><p>"
        + "Un long paragraphe sur les centrales nucléaires. " * 8
        + "</p></article></body></html>",
        encoding="utf-8",
    )
    _build(db, page)
    article = json.loads(run_cli("list", "--json", db=db).output)[0]
    assert article["url"] == "https://example.org/a"
    state = {
        "format": "reader-state",
        "version": 1,
        "articles": [{"url": article["url"], "content_hash": "changed", "tags": ["nucléaire"]}],
    }
    state_file.write_text(json.dumps(state), encoding="utf-8")
    assert "1 article matched" in run_cli("import-state", str(state_file), db=db).output
    assert json.loads(run_cli("list", "--json", db=db).output)[0]["tags"] == ["nucléaire"]


def test_a_bad_state_file_changes_nothing_and_says_why(tmp_path: Path) -> None:
    db = tmp_path / "library.db"
    _build(db, SEEDS)
    january_hash = _hash(db, listed_id(db, "000_"))
    cases: dict[str, tuple[str | bytes, str]] = {
        "not-json.json": ("{ nope", "not a JSON state file"),
        "binary.json": (b"\xff\xfe\x00garbage", "not a JSON state file"),
        "other.json": ('{"format": "something else"}', "not a reader state"),
        "future.json": ('{"format": "reader-state", "version": 99}', "state version 99"),
        "bad-list.json": (
            '{"format": "reader-state", "version": 1, "articles": {"a": 1}}',
            '"articles" must be a list',
        ),
        "bad-tag.json": (
            json.dumps(
                {
                    "format": "reader-state",
                    "version": 1,
                    "articles": [
                        {"content_hash": january_hash, "tags": ["fine"]},
                        {"content_hash": january_hash, "tags": ["  "]},
                    ],
                }
            ),
            "a tag needs a name",
        ),
        "bad-query.json": (
            json.dumps({"format": "reader-state", "version": 1, "saved_searches": [{"name": "x", "query": "(("}]}),
            "nothing to search for",
        ),
    }
    for name, (content, reason) in cases.items():
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        result = CliRunner().invoke(cli, ["--db", str(db), "import-state", str(path)])
        assert result.exit_code == 1, name
        assert result.stderr.startswith(f"error: {path}") and reason in result.stderr, result.stderr
    assert json.loads(run_cli("tags", "--json", db=db).output) == []
    assert run_cli("saved", "list", "--json", db=db).output.strip() == "[]"


def test_export_writes_json_to_stdout_or_a_file_and_opml_still(tmp_path: Path) -> None:
    db = tmp_path / "library.db"
    _build(db, SEEDS)
    printed = json.loads(run_cli("export", "--format", "json", db=db).output)
    assert printed["format"] == "reader-state" and printed["articles"] == [] and printed["feeds"] == []
    assert run_cli("export", "--format", "opml", db=db).output.startswith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<opml'
    )
    assert run_cli("export", "--format", "csv", db=db).exit_code == 2
