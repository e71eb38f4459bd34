"""The import path beside crashes and other writers: each article whole, each once, every writer done.

Real processes on one real library file: ``reader add`` killed with SIGKILL
part-way and run again; an import, a refresh of a large feed from the local
server and a tagging loop at once.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest

from reader.ingest.files import discover
from reader.models import ParsedDocument, RawInput
from reader.operations import Status, import_paths, open_for_writing, parallel
from reader.operations import writer as writer_module
from reader.operations.parallel import PARALLEL_FROM_ITEMS, Preparer
from reader.operations.prepare import Prepared, prepare, prepare_documents
from reader.operations.remove import remove_articles
from reader.operations.writer import Writer
from reader.store import Library
from reader.store.feeds import subscribe
from tests.builders import (
    BACKGROUND_NEWS,
    PROJECT_ROOT,
    article_content,
    break_grouping_for,
    import_seeds,
    parsed_article,
)
from tests.feed_server import FeedServer

pytestmark = pytest.mark.slow

WORDS = [
    "gouvernement",
    "budget",
    "motion",
    "censure",
    "grève",
    "énergie",
    "nucléaire",
    "hôpital",
    "école",
    "élection",
    "tempête",
    "inondation",
    "marché",
    "bourse",
    "entreprise",
    "usine",
    "emploi",
    "salaires",
    "retraite",
    "impôts",
    "climat",
    "sécheresse",
    "vendanges",
    "football",
    "tribunal",
    "enquête",
    "procès",
    "sénat",
    "député",
    "maire",
    "région",
    "transport",
    "train",
    "aéroport",
    "ukraine",
    "russie",
    "chine",
]
# Waits for conditions that depend on another process getting on; only a hung one reaches it.
PATIENCE_SECONDS = 120


def write_articles(folder: Path, count: int, *, seed: int = 7) -> None:
    """``count`` distinct short articles as text files, in a folder per outlet, as scraped news looks."""
    chance = random.Random(seed)
    for number in range(count):
        outlet = folder / f"outlet{number % 6}"
        outlet.mkdir(parents=True, exist_ok=True)
        topic = chance.sample(WORDS, 4)
        title = f"{' '.join(topic).capitalize()} : l'article numéro {number}"
        lead = " ".join(chance.choice(WORDS) for _ in range(40))
        day = 1 + number % 28
        (outlet / f"{number:05d}.txt").write_text(f"{title}\n2024-11-{day:02d}\n\n{lead}.\n", encoding="utf-8")


def reader(*args: str | Path, db: Path) -> subprocess.Popen[str]:
    """``reader --db DB ARGS...`` started as its own process."""
    return subprocess.Popen(
        [sys.executable, "-m", "reader", "--db", str(db), *map(str, args)],
        cwd=PROJECT_ROOT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def articles_in(db: Path) -> int:
    """How many articles another process has committed so far (0 before the library exists)."""
    if not db.exists():
        return 0
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return connection.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0
    finally:
        connection.close()


def more_articles_than(db: Path, count: int) -> bool:
    return articles_in(db) > count


def wait_until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + PATIENCE_SECONDS
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting: {what}"
        time.sleep(0.02)


def assert_whole(db: Path) -> None:
    """The file is sound, both indexes match the articles, and every article is in a story."""
    with Library(db) as library:
        assert library.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        library.db.execute("INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)")
        library.db.execute("INSERT INTO search_index (search_index, rank) VALUES ('integrity-check', 1)")
        assert library.db.execute("SELECT count(*) FROM articles WHERE story_id IS NULL").fetchone()[0] == 0
        orphans = "SELECT count(*) FROM articles WHERE story_id NOT IN (SELECT id FROM stories)"
        assert library.db.execute(orphans).fetchone()[0] == 0
        empty = "SELECT count(*) FROM stories WHERE id NOT IN (SELECT story_id FROM articles)"
        assert library.db.execute(empty).fetchone()[0] == 0
        unkept = "SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM raw_inputs WHERE article_id = a.id)"
        assert library.db.execute(unkept).fetchone()[0] == 0


def test_an_import_killed_at_any_moment_and_run_again_stores_every_article_once(tmp_path: Path) -> None:
    folder, db = tmp_path / "inbox", tmp_path / "library.db"
    total = 4 * writer_module.BATCH_ITEMS
    write_articles(folder, total)
    chance = random.Random(3)
    stored = 0
    for round_number in range(3):
        # Killed once it has committed more than before, at some moment of the batch after.
        process = reader("add", "-q", folder, db=db)
        wait_until(partial(more_articles_than, db, stored), f"round {round_number} to store something")
        time.sleep(chance.uniform(0, writer_module.BATCH_SECONDS / 2))
        process.send_signal(signal.SIGKILL)
        process.communicate()
        stored = articles_in(db)
        assert_whole(db)
    if stored == total:
        pytest.fail("the import finished before it was killed: nothing was checked")

    again = reader("add", "-q", folder, db=db)
    out, err = again.communicate(timeout=PATIENCE_SECONDS)
    assert again.returncode == 0, err
    assert f"{total - stored} added, {stored} unchanged" in out
    assert_whole(db)
    with Library(db) as library:
        paths = [row[0] for row in library.db.execute("SELECT path FROM articles")]
    assert len(paths) == len(set(paths)) == total


def test_an_import_a_large_refresh_and_a_tagging_loop_at_once_all_succeed(tmp_path: Path) -> None:
    folder, db = tmp_path / "inbox", tmp_path / "library.db"
    write_articles(folder, 800, seed=11)
    with Library(db) as library:
        import_seeds(library)
    with FeedServer(items_per_feed=1_500) as server:
        with Library(db) as library, library.transaction():
            subscribe(library, server.url("/generated/1.xml"))
        tagging = subprocess.Popen(
            [sys.executable, "-c", TAG_LOOP, str(db), str(tmp_path / "stop")],
            cwd=PROJECT_ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        writers = [reader("add", "-q", folder, db=db), reader("refresh", db=db)]
        outcomes = [(*process.communicate(timeout=PATIENCE_SECONDS), process.returncode) for process in writers]
        (tmp_path / "stop").touch()
        loops, tag_errors = tagging.communicate(timeout=PATIENCE_SECONDS)
    for _out, err, code in outcomes:
        assert code == 0, err
    assert tagging.returncode == 0, tag_errors
    assert int(loops) > 0
    assert "800 added" in outcomes[0][0]
    assert "1 feed: 1,500 articles added" in outcomes[1][0]
    assert articles_in(db) == 5 + 800 + 1_500
    assert_whole(db)


# Tags and untags the samples until told to stop; prints how many rounds it made.
TAG_LOOP = """
import sys
from pathlib import Path
from reader.store import Library
from reader.store.tags import tag_articles, untag_articles
db, stop = sys.argv[1], Path(sys.argv[2])
rounds = 0
with Library(db) as library:
    ids = [row[0] for row in library.db.execute("SELECT id FROM articles")]
    while not stop.exists() or rounds == 0:
        with library.transaction():
            tag_articles(library, ids, ["busy"])
        with library.transaction():
            untag_articles(library, ids, ["busy"])
        rounds += 1
print(rounds)
"""


def test_an_article_that_cannot_be_stored_leaves_nothing_of_itself_and_the_others_go_on(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_articles(tmp_path / "inbox", 30)
    break_grouping_for(monkeypatch, lambda title: title.endswith("numéro 13"))
    report = import_paths(library, [tmp_path / "inbox"])
    (failure,) = report.failures
    assert failure.path.name == "00013.txt" and "a bug in grouping" in (failure.reason or "")
    assert report.count(Status.ADDED) == 29 and library.count_articles() == 29
    assert not library.db.execute("SELECT 1 FROM articles WHERE title LIKE '%numéro 13'").fetchone()
    assert_whole(library.path)
    monkeypatch.undo()
    assert [result.status for result in import_paths(library, [tmp_path / "inbox"]).results].count(Status.ADDED) == 1


def test_articles_left_in_no_story_are_grouped_when_the_library_is_opened_for_writing(db_path: Path) -> None:
    with Library(db_path) as library:
        # As an older reader left them after a crash: stored, never grouped.
        for title in ("Grève à la SNCF ce mardi", "La SNCF en grève ce mardi", "Le budget voté au Sénat"):
            library.add_article(article_content(title, f"{title}. Les usagers s'organisent.", lang="fr"))
    with open_for_writing(db_path) as library:
        stories = [row[0] for row in library.db.execute("SELECT story_id FROM articles ORDER BY id")]
    assert None not in stories and stories[0] == stories[1] != stories[2]
    assert_whole(db_path)


def test_a_busy_library_stops_a_command_with_one_line(db_path: Path, tmp_path: Path) -> None:
    with Library(db_path) as library:
        import_seeds(library)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_THE_LOCK, str(db_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        environment = {**os.environ, "READER_WRITE_WAIT_SECONDS": "0.2"}
        tagged = subprocess.run(
            [sys.executable, "-m", "reader", "--db", str(db_path), "tag", "1", "busy"],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            env=environment,
            timeout=PATIENCE_SECONDS,
            check=False,
        )
    finally:
        holder.communicate("")
    assert tagged.returncode == 1
    assert tagged.stderr.strip() == f"error: the library {db_path} is busy: another program kept it for over 0.2 s"
    assert "Traceback" not in tagged.stderr


HOLD_THE_LOCK = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
sys.stdin.read()
"""


def test_a_large_folder_of_new_known_bad_and_foreign_files_is_reported_in_order_each_once(
    library: Library, tmp_path: Path
) -> None:
    inbox = tmp_path / "inbox"
    write_articles(inbox, PARALLEL_FROM_ITEMS + 100)
    known = sorted(inbox.rglob("*.txt"))[::7]
    for path in known:
        import_paths(library, [path])
    for number in range(0, PARALLEL_FROM_ITEMS, 50):
        (inbox / "outlet3" / f"{number:05d}-empty.txt").write_bytes(b"")
        (inbox / "outlet4" / f"{number:05d}-picture.png").write_bytes(b"\x89PNG\r\n\x1a\n")

    report = import_paths(library, [inbox])

    assert [result.path for result in report.results] == [candidate.path for candidate in discover([inbox])]
    expected = {path: Status.UNCHANGED if path in known else Status.ADDED for path in inbox.rglob("0????.txt")}
    expected |= dict.fromkeys(inbox.rglob("*-empty.txt"), Status.FAILED)
    expected |= dict.fromkeys(inbox.rglob("*.png"), Status.SKIPPED)
    assert {result.path: result.status for result in report.results} == expected
    assert library.count_articles() == PARALLEL_FROM_ITEMS + 100
    assert_whole(library.path)


def niceness(items: list[int]) -> list[int]:
    """Each item's process priority (in a worker)."""
    return [os.nice(0) for _ in items]


def test_worker_processes_yield_the_cpu_to_the_process_that_writes() -> None:
    with Preparer(workers=2) as preparer:
        in_workers = set(preparer.map(niceness, range(PARALLEL_FROM_ITEMS), expected=PARALLEL_FROM_ITEMS))
    assert in_workers == {min(os.nice(0) + parallel.WORKER_NICENESS, 19)}


def test_feed_entries_prepared_in_processes_are_the_same_as_in_this_one(library: Library) -> None:
    document = ParsedDocument(title="Un titre", text="Le texte de 65 milliards d'euros.", markdown="Le texte.")
    items = [(document, RawInput(f"entry {number}".encode(), "feed-entry", "utf-8")) for number in range(450)]
    with Preparer(workers=2) as preparer:
        in_processes = list(preparer.map(prepare_documents, items, expected=len(items)))
    assert in_processes == [prepare(*item) for item in items]


def _prepared(title: str, text: str, day: str) -> Prepared:
    return prepare(*parsed_article(title, text, day))


def test_a_writer_reads_again_what_another_program_changed_between_its_batches(db_path: Path) -> None:
    rover = ("Perseverance finds organic molecules in Jezero crater", "NASA's rover drilled a rock sample on Mars.")
    budget = ("Le Sénat rejette le budget de la Sécurité sociale", "Les sénateurs ont voté contre le texte du PLFSS.")
    with Library(db_path) as library, Writer(library) as writer:
        for index, (title, text) in enumerate(BACKGROUND_NEWS):
            writer.store(_prepared(title, text, "2024-12-02"), path=f"b{index}.txt")
        _, newest = writer.store(_prepared(*rover, "2024-12-02"), path="rover.txt")
        writer.commit()
        # Another program removes the newest article and stores one of its own, which takes the freed id.
        with Library(db_path) as other:
            remove_articles(other, [newest])
            with Writer(other) as other_writer:
                _, reused = other_writer.store(_prepared(*budget, "2024-12-02"), path="budget.txt")
        assert reused == newest
        _, told_again = writer.store(
            _prepared("Le budget de la Sécurité sociale rejeté par le Sénat", budget[1], "2024-12-03"), path="again.txt"
        )
        writer.commit()
        story_of = dict(library.db.execute("SELECT id, story_id FROM articles").fetchall())
    assert story_of[told_again] == story_of[reused]
