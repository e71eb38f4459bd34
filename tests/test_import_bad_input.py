"""Bad input: each file is imported or named with a one-line reason; the batch goes on."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import threading
import tracemalloc
from pathlib import Path

import pytest

from reader.ingest.files import MAX_INPUT_BYTES
from reader.operations import Status, import_paths
from reader.search import search
from reader.store import Library
from tests.builders import SEEDS, cli_json, run_cli

# The first bytes of a real PNG: signature, IHDR chunk, then image data.
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"
    b"\x1f\xf3\xffa\x00\x00\x00\x19IDATx\x9cc\xfc\xff\x9f\x81\x12\x80\x89\x81B0j\xc0\xa8\x01"
) * 20
FRENCH = (
    "Le budget de l'été\n\n"
    "Le ministère a présenté jeudi un budget révisé pour la saison estivale. "
    "Les élus ont salué « une étape décisive » pour les communes côtières, où l'œuvre "
    "de rénovation coûtera 12 millions d'euros.\n"
)


def _result(report, name: str):
    (result,) = [result for result in report.results if result.path.name == name]
    return result


@pytest.fixture
def messy_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.md").write_bytes(b"  \n\n \t\n")
    (folder / "picture.png").write_bytes(PNG_BYTES)
    (folder / "picture-named-text.txt").write_bytes(PNG_BYTES)
    (folder / "latin1.txt").write_bytes(FRENCH.replace("œ", "oe").encode("iso-8859-1"))
    (folder / "cp1252.txt").write_bytes(FRENCH.encode("windows-1252"))
    (folder / "broken.html").write_bytes(
        b"<html><head><title>Une page cass\xc3\xa9e</title><body><div><p>"
        + "Un paragraphe assez long pour être un article, écrit pour vérifier que ".encode()
        + "les balises mal fermées ne cassent rien du tout. ".encode() * 6
        + b"<p>Second paragraphe <b>gras <i>et italique</p></div></span></html"
    )
    with (folder / "huge.txt").open("wb") as huge:
        huge.write(b"Un titre\n\n")
        line = b"Une ligne de texte parfaitement normale, mais il y en a beaucoup trop.\n"
        huge.write(line * (50 * 1024 * 1024 // len(line) + 1))
    nested = folder / "nested" / "deeper"
    nested.mkdir(parents=True)
    shutil.copy(SEEDS / "003_f4e52bb3d930e5e2.txt", nested / "seed.txt")
    with gzip.open(nested / "seed-4.txt.gz", "wb") as compressed:
        compressed.write((SEEDS / "004_8d7098db96789ba4.txt").read_bytes())
    return folder


def test_a_messy_folder_imports_the_good_and_names_the_bad(library: Library, messy_folder: Path) -> None:
    earlier = import_paths(library, [SEEDS / "000_e3d4b392c949e465.txt"])
    assert earlier.count(Status.ADDED) == 1

    report = import_paths(library, [messy_folder])

    assert _result(report, "empty.txt").reason == "empty file"
    assert _result(report, "blank.md").reason == "empty file"
    assert _result(report, "picture-named-text.txt").reason.startswith("binary file")
    assert _result(report, "picture.png").status is Status.SKIPPED
    assert "too large" in _result(report, "huge.txt").reason
    for name in ("latin1.txt", "cp1252.txt", "broken.html", "seed.txt", "seed-4.txt.gz"):
        assert _result(report, name).status is Status.ADDED, _result(report, name)
    for failure in report.failures:
        assert "\n" not in failure.describe() and str(failure.path) in failure.describe()

    # Nothing stored before was lost; everything good landed.
    assert library.count_articles() == 6
    titles = {article.title for article in library.list_articles()}
    assert "Le budget de l'été" in titles
    assert "Une page cassée" in titles


@pytest.mark.parametrize("encoding", ["iso-8859-1", "windows-1252"])
def test_western_encodings_decode_to_the_right_characters(library: Library, tmp_path: Path, encoding: str) -> None:
    text = FRENCH if encoding == "windows-1252" else FRENCH.replace("œ", "oe")
    path = tmp_path / "article.txt"
    path.write_bytes(text.encode(encoding))
    (result,) = import_paths(library, [path]).results
    article = library.get_article(result.article_id)
    assert "ministère a présenté jeudi un budget révisé" in article.text
    assert "« une étape décisive »" in article.text
    assert article.lang == "fr"
    # The raw bytes are kept as they came, with the encoding used.
    assert library.raw_input(article.id).data == path.read_bytes()
    assert library.raw_input(article.id).encoding == "windows-1252"


def test_a_file_named_explicitly_is_tried_whatever_its_extension(library: Library, tmp_path: Path) -> None:
    picture = tmp_path / "picture.png"
    picture.write_bytes(PNG_BYTES)
    notes = tmp_path / "notes"
    notes.write_text(FRENCH, encoding="utf-8")
    report = import_paths(library, [picture, notes, tmp_path / "missing.txt"])
    assert _result(report, "picture.png").reason.startswith("binary file")
    assert _result(report, "notes").status is Status.ADDED
    assert _result(report, "missing.txt").reason == "no such file"


def test_a_gzip_bomb_is_refused(library: Library, tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.txt.gz"
    with gzip.open(bomb, "wb") as compressed:
        chunk = b"\0" * (1024 * 1024)
        for _ in range(MAX_INPUT_BYTES // len(chunk) + 2):
            compressed.write(chunk)
    assert bomb.stat().st_size < 1024 * 1024
    (result,) = import_paths(library, [bomb]).results
    assert result.status is Status.FAILED and "too large" in result.reason


def test_a_broken_gzip_file_gets_its_reason(library: Library, tmp_path: Path) -> None:
    broken = tmp_path / "broken.txt.gz"
    broken.write_bytes(gzip.compress(FRENCH.encode())[:30])
    (result,) = import_paths(library, [broken]).results
    assert result.status is Status.FAILED and "gzip" in result.reason


def test_terminal_escapes_and_controls_never_reach_the_library(library: Library, tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(
        "Titre \x1b[31mrouge\x1b[0m\n\n"
        "Un texte avec \x1b]8;;http://evil.example\x07un lien\x1b]8;;\x07 caché, "
        "un \x07bip, un effacement \x1b[2J et du [bold red]balisage[/] Rich qui reste du texte.\n",
        encoding="utf-8",
    )
    (result,) = import_paths(library, [hostile]).results
    article = library.get_article(result.article_id)
    for field in (article.title, article.text, article.markdown):
        assert "\x1b" not in field and "\x07" not in field
    assert article.title == "Titre rouge"
    assert "un lien caché" in article.text
    assert "[bold red]balisage[/]" in article.text


def test_reimport_changes_nothing_and_a_changed_file_updates(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_text(FRENCH, encoding="utf-8")
    (first,) = import_paths(library, [path]).results
    library.set_flags(first.article_id, read=True)

    (again,) = import_paths(library, [path]).results
    copy = tmp_path / "copy.txt"
    copy.write_text(FRENCH, encoding="utf-8")
    (same_content,) = import_paths(library, [copy]).results
    assert again.status is Status.UNCHANGED and same_content.status is Status.UNCHANGED
    assert library.count_articles() == 1

    path.write_text(FRENCH.replace("12 millions", "15 millions"), encoding="utf-8")
    (changed,) = import_paths(library, [path]).results
    assert changed.status is Status.UPDATED and changed.article_id == first.article_id
    article = library.get_article(first.article_id)
    assert "15 millions" in article.text and article.read
    assert [hit.article.id for hit in search(library, '"15 millions"').hits] == [first.article_id]
    assert library.count_articles() == 1


def test_a_hostile_folder_name_never_reaches_the_screen(library: Library, tmp_path: Path) -> None:
    folder = tmp_path / "evil\x1b[2Jname"
    folder.mkdir()
    (folder / "article.txt").write_text(FRENCH, encoding="utf-8")
    (result,) = import_paths(library, [folder]).results
    assert library.get_article(result.article_id).source == "evilname"


def _stderr_lines(db: Path, *inputs: Path | str) -> tuple[int, list[str]]:
    result = run_cli("add", *inputs, db=db)
    assert not any(ord(char) < 32 or 0x7F <= ord(char) < 0xA0 for char in result.stderr.replace("\n", ""))
    return result.exit_code, result.stderr.splitlines()


def test_an_endless_pipe_stops_at_the_cap_in_bounded_memory(db_path: Path, tmp_path: Path) -> None:
    run_cli("add", SEEDS / "000_e3d4b392c949e465.txt", db=db_path)
    with subprocess.Popen(["yes", "text"], stdout=subprocess.PIPE) as endless:
        assert endless.stdout is not None
        pipe = f"/dev/fd/{endless.stdout.fileno()}"
        tracemalloc.start()
        try:
            code, lines = _stderr_lines(db_path, pipe)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
            endless.kill()
    assert (code, lines) == (1, [f"error: {pipe}: too large: over 20.0 MB read from a pipe"])
    assert peak < 3 * MAX_INPUT_BYTES
    assert [article["title"] for article in cli_json("list", "--json", db=db_path)] != []


def test_a_fifo_named_is_read_or_refused_never_waited_for(db_path: Path, tmp_path: Path) -> None:
    lonely = tmp_path / "lonely.txt"
    os.mkfifo(lonely)
    assert _stderr_lines(db_path, lonely) == (1, [f"error: {lonely}: a pipe no program writes to"])
    fed = tmp_path / "fed.txt"
    os.mkfifo(fed)
    writer = threading.Thread(target=fed.write_text, args=(FRENCH,), kwargs={"encoding": "utf-8"})
    writer.start()
    _until_waiting_for_a_reader(writer)
    result = run_cli("add", fed, db=db_path)
    writer.join()
    assert result.exit_code == 0 and result.stdout.strip() == "1 added"
    assert cli_json("list", "--json", db=db_path)[0]["title"] == "Le budget de l'été"


def test_every_command_reading_a_file_refuses_a_fifo_without_a_writer(db_path: Path, tmp_path: Path) -> None:
    lonely = {name: tmp_path / name for name in ("text.txt", "feeds.opml", "state.json")}
    for fifo in lonely.values():
        os.mkfifo(fifo)
    cases: list[tuple[list[str | Path], str]] = [
        (["figures", lonely["text.txt"]], f"error: {lonely['text.txt']}: a pipe no program writes to"),
        (
            ["add", lonely["feeds.opml"]],
            f"error: {lonely['feeds.opml']}: cannot read the file (a pipe no program writes to)",
        ),
        (["import-state", lonely["state.json"]], f"error: {lonely['state.json']}: a pipe no program writes to"),
    ]
    for args, line in cases:
        result = run_cli(*args, db=db_path)
        assert (result.exit_code, result.stderr.splitlines()) == (1, [line]), args


def _until_waiting_for_a_reader(writer: threading.Thread) -> None:
    """Until the thread is blocked opening a FIFO for writing, as the kernel tells (Linux)."""
    wchan = Path(f"/proc/self/task/{writer.native_id}/wchan")
    while writer.is_alive() and wchan.read_text() != "wait_for_partner":
        os.sched_yield()


def test_what_a_folder_holds_and_is_not_read_is_named(db_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    (folder / "sub").mkdir(parents=True)
    (folder / "good.txt").write_text(FRENCH, encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    (folder / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (folder / "sub" / "loop").symlink_to(folder)
    code, lines = _stderr_lines(db_path, folder)
    assert code == 0
    assert lines == [
        f"skipped: {folder}/dangling.txt: not read: broken link",
        f"skipped: {folder}/pipe.txt: not read: a pipe, not a file",
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder whatever its permissions")
def test_an_unreadable_folder_is_named(db_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    (folder / "locked").mkdir(parents=True)
    (folder / "good.txt").write_text(FRENCH, encoding="utf-8")
    (folder / "locked").chmod(0)
    locked = tmp_path / "locked"
    locked.mkdir(mode=0)
    try:
        code, lines = _stderr_lines(db_path, folder, locked)
    finally:
        (folder / "locked").chmod(0o755)
        locked.chmod(0o755)
    assert code == 1
    assert lines == [
        f"skipped: {folder}/locked: folder not read: permission denied",
        f"error: {locked}: folder not read: permission denied",
    ]


def test_escapes_in_file_names_never_reach_the_terminal(db_path: Path, tmp_path: Path) -> None:
    clipboard, clear = "\x1b]52;c;cm0gLXJmIH4=\x07", "\x1b[2J"
    folder = tmp_path / f"in{clear}box"
    folder.mkdir()
    (folder / f"bad{clipboard}.txt").write_bytes(b"")
    (folder / f"pic{clear}.png").write_bytes(PNG_BYTES)
    (folder / "new\nline\x9b2J.txt").write_text(FRENCH, encoding="utf-8")
    code, lines = _stderr_lines(db_path, folder)
    shown = f"{tmp_path}/inbox"
    assert (code, lines) == (
        1,
        [f"error: {shown}/bad.txt: empty file", f"skipped: {shown}/pic.png: not an article file (.png)"],
    )
    shown_path = run_cli("show", "1", db=db_path).stdout.splitlines()[1]
    assert shown_path.endswith(f"{shown}/new line.txt") and "\x1b" not in shown_path
    as_json = run_cli("show", "1", "--json", db=db_path).stdout
    assert not any(ord(char) < 32 or 0x7F <= ord(char) < 0xA0 for char in as_json.replace("\n", ""))
    assert json.loads(as_json)["path"] == str(folder / "new\nline\x9b2J.txt")  # the data is kept, escaped


SECOND_HALF = (
    "\nLes élus ont salué la décision, « un été décisif » pour les communes côtières, "
    "où la rénovation du littoral coûtera près de 12 millions d'euros selon la préfecture.\n"
)


def test_a_file_half_utf8_half_latin1_keeps_both_halves(library: Library, tmp_path: Path) -> None:
    mixed = tmp_path / "mixed.txt"
    mixed.write_bytes(FRENCH.encode("utf-8") + SECOND_HALF.encode("iso-8859-1"))
    (result,) = import_paths(library, [mixed]).results
    article = library.get_article(result.article_id)
    assert "Le ministère a présenté jeudi un budget révisé" in article.text
    assert "« un été décisif » pour les communes côtières" in article.text
    assert library.raw_input(article.id).encoding == "utf-8+windows-1252"
    assert library.raw_input(article.id).data == mixed.read_bytes()


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_read_as_text(library: Library, tmp_path: Path, encoding: str) -> None:
    wide = tmp_path / "wide.txt"
    wide.write_bytes((FRENCH + SECOND_HALF).encode(encoding))
    (result,) = import_paths(library, [wide]).results
    assert result.status is Status.ADDED, result.describe()
    article = library.get_article(result.article_id)
    assert article.title == "Le budget de l'été" and "« un été décisif »" in article.text
    assert library.raw_input(article.id).encoding == encoding


def test_binary_with_zero_bytes_is_still_refused(library: Library, tmp_path: Path) -> None:
    noise = tmp_path / "noise.txt"
    noise.write_bytes(bytes(range(256)) * 40)
    (result,) = import_paths(library, [noise]).results
    assert (result.status, result.reason) == (Status.FAILED, "binary file, not text")
