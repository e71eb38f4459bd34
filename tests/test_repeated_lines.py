"""Lines repeated across a folder's files are site chrome, but never a file's only title or all its text."""

from __future__ import annotations

import csv
from pathlib import Path

from reader.operations import Status, import_paths
from reader.store import Library
from tests.builders import SHARED_DATA, requires_data

GOOGLE_NEWS = "stories/google-news-fr-clusters.csv"

SITE = "Le Petit Widget, l'actualité depuis 1998"
FOOTER = "Abonnez-vous à notre lettre d'information"
BODIES = (
    "Le conseil municipal a voté mardi le budget de la piscine après trois heures de débat.",
    "La préfecture a levé l'alerte orange aux orages sur le département jeudi soir.",
    "Le club de basket a remporté son cinquième match de suite devant 3 000 spectateurs.",
)


def _import(library: Library, folder: Path, texts: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Write these files into one folder and import it; each file's (title, text), all of them stored."""
    folder.mkdir()
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    report = import_paths(library, [folder])
    assert report.failures == []
    assert report.count(Status.ADDED) == len(texts)
    return {
        Path(path).name: (title, text)
        for path, title, text in library.db.execute("SELECT path, title, text FROM articles")
    }


def test_a_headline_three_files_share_is_kept_in_each(library: Library, tmp_path: Path) -> None:
    # One headline listed under three outlets, alone in its file or with the outlet's name below it.
    headline = "Canicule : la France en vigilance rouge jusqu'à mardi"
    texts = {"alone.txt": f"{headline}\n", "afp.txt": f"{headline}\n\nSource : AFP\n"}
    texts["rtl.txt"] = f"{headline}\n\nSource : RTL\n"

    stored = _import(library, tmp_path / "aggregator", texts)

    assert {name: title for name, (title, _) in stored.items()} == dict.fromkeys(texts, headline)
    assert stored["alone.txt"] == (headline, headline)


def test_a_headline_in_the_shape_of_a_caption_is_kept(library: Library, tmp_path: Path) -> None:
    headline = "Ruffin teste l'exemplarité des ministres en pleine canicule (VIDEO)"

    stored = _import(library, tmp_path / "site", {"video.txt": f"{headline}\n"})

    assert stored["video.txt"] == (headline, headline)


def test_a_title_shared_by_three_files_stays_their_title(library: Library, tmp_path: Path) -> None:
    title = "Le journal de 20h"
    texts = {f"{number}.txt": f"{title}\n\n{body}\n" for number, body in enumerate(BODIES)}

    stored = _import(library, tmp_path / "site", texts)

    assert {name: value[0] for name, value in stored.items()} == dict.fromkeys(texts, title)
    assert [stored[f"{number}.txt"][1] for number in range(3)] == list(BODIES)


def test_the_chrome_three_files_repeat_still_goes(library: Library, tmp_path: Path) -> None:
    texts = {
        f"{number}.txt": f"{SITE}\n\nTitre numéro {number} de la semaine\n\n{body}\n\n{FOOTER}\n"
        for number, body in enumerate(BODIES)
    }

    stored = _import(library, tmp_path / "site", texts)

    assert stored["1.txt"] == ("Titre numéro 1 de la semaine", BODIES[1])
    assert all(SITE not in text and FOOTER not in text for _, text in stored.values())


@requires_data(GOOGLE_NEWS)
def test_every_google_news_headline_alone_in_its_file_is_imported(library: Library, tmp_path: Path) -> None:
    with (SHARED_DATA / GOOGLE_NEWS).open(encoding="utf-8") as rows:
        headlines = [row["title"] for row in csv.DictReader(rows)]
    folder = tmp_path / "google-news"
    folder.mkdir()
    for number, headline in enumerate(headlines):
        (folder / f"{number:04d}.txt").write_text(f"{headline}\n", encoding="utf-8")

    report = import_paths(library, [folder])

    assert [failure.describe() for failure in report.failures] == []
    assert report.count(Status.ADDED) + report.count(Status.UNCHANGED) == len(headlines)
