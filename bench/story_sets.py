"""The labelled story sets of ../shared/data, written as files and imported the way ``reader add`` imports them."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.corpus import DATA
from reader.operations import Status, import_paths
from reader.store import Library

CLUSTERS = DATA / "stories" / "google-news-fr-clusters.csv"
PAIRS = DATA / "stories" / "semeval2022-task8-pairs.csv"
PAIR_LANGS = ("en", "fr")


@dataclass(frozen=True)
class Pair:
    """A SemEval pair of articles in one language, labelled same story or not."""

    lang: str
    first: str
    second: str
    same: bool


@dataclass(frozen=True)
class Imported:
    """What became of one written file: its story (None when it was refused), its stored title, why it failed."""

    story: int | None
    title: str
    reason: str | None = None


def semeval_pairs() -> tuple[list[Pair], dict[str, tuple[str, str]]]:
    """The en-en and fr-fr pairs clearly labelled (Overall <= 1.5 same, >= 3 different), and each article's (lang, text).

    A pair id is the two article ids joined by "_"; an article in several pairs is one article.
    """
    pairs: list[Pair] = []
    articles: dict[str, tuple[str, str]] = {}
    for row in csv.DictReader(PAIRS.open(encoding="utf-8")):
        overall = float(row["Overall"])
        if row["lang1"] != row["lang2"] or row["lang1"] not in PAIR_LANGS or 1.5 < overall < 3:
            continue
        first, second = row["pair_id"].split("_")
        articles.setdefault(first, (row["lang1"], row["text1"]))
        articles.setdefault(second, (row["lang2"], row["text2"]))
        pairs.append(Pair(row["lang1"], first, second, overall <= 1.5))
    return pairs, articles


def google_news_headlines() -> tuple[list[str], list[str]]:
    """The Google News headlines and the cluster each belongs to, in the file's order."""
    rows = list(csv.DictReader(CLUSTERS.open(encoding="utf-8")))
    return [row["title"] for row in rows], [row["cluster_id"] for row in rows]


def semeval_file(lang: str, article: str) -> str:
    """Where a SemEval article is written: a folder per language."""
    return f"{lang}/{article}.txt"


def google_file(index: int) -> str:
    """Where the Google News headline of this row is written: one folder, one file a headline."""
    return f"google-news/{index:04d}.txt"


def import_files(library: Library, inbox: Path, files: Iterable[tuple[str, str]]) -> dict[str, Imported]:
    """Write each (relative path, text) under ``inbox``, import the folder as ``reader add`` does; what became of each."""
    written = {}
    for relative, text in files:
        file = inbox / relative
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(text, encoding="utf-8")
        written[str(file)] = relative
    report = import_paths(library, [inbox])
    article_of = {str(result.path): result for result in report.results}
    stored = {
        row[0]: (row[1], row[2]) for row in library.db.execute("SELECT id, story_id, title FROM articles").fetchall()
    }
    imported = {}
    for path, relative in written.items():
        result = article_of[path]
        if result.status is Status.FAILED or result.article_id is None:
            imported[relative] = Imported(None, "", result.reason)
        else:
            story, title = stored[result.article_id]
            imported[relative] = Imported(story, title or "")
    return imported


def stories_of(imported: dict[str, Imported], keys: Sequence[str]) -> list[object]:
    """Each key's story, a refused file standing alone."""
    return [imported[key].story if imported[key].story is not None else f"refused:{key}" for key in keys]
