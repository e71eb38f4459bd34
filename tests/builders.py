"""What tests build their libraries and inputs from: paths, the bundled samples, stored articles.

Tests import these names from here (``from tests.builders import SEEDS, add_article``);
fixtures built on them live in ``conftest.py``.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from reader.cli import cli
from reader.models import ParsedDocument, RawInput
from reader.operations import ImportReport, import_paths, store_document
from reader.store import ArticleContent, Library, pack_raw
from reader.store.stories import Signature
from reader.text.normalize import index_text

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SEEDS = PROJECT_ROOT / "seeds"
FIXTURES = PROJECT_ROOT / "tests" / "fixtures"
FIXTURE_FEEDS = FIXTURES / "feeds"
# The public data sets beside the project (see ../shared/data/README.md): present in CI, absent in a user's clone.
SHARED_DATA = PROJECT_ROOT.parent / "shared" / "data"
REQUIRE_DATA_VARIABLE = "READER_REQUIRE_DATA"
# Debian's chromium package; the browser tests drive it headless with Playwright (never a browser of its own).
CHROMIUM = Path("/usr/bin/chromium")

# The samples by file-name prefix: four outlets telling Meta's January 2025 plan, and a July article.
JANUARY_SEEDS = ("000_", "001_", "003_", "004_")
JULY_SEED = "002_"
# What ``reader list --json`` gives of each article (DESIGN.md's article JSON).
ARTICLE_KEYS = {"id", "title", "source", "url", "path", "published", "lang", "story_id", "tags", "read", "starred"}
# Small articles written for the tests, beside the samples: name -> (title, text, published, source).
SMALL_ARTICLES = {
    "gpu": (
        "Nvidia ships a new GPU",
        "The GPU market keeps growing; data centers want more of them.",
        "2024-06-10",
        "example.com",
    ),
    "ia": (
        "L’IA en Europe",
        "L’IA générative change les rédactions. Les États-Unis investissent.",
        "2024-12-03",
        "lemonde.fr",
    ),
    "nuke": ("Les centrales nucléaires", "EDF relance plusieurs réacteurs nucléaires.", "2023-02-01", "lefigaro.fr"),
    "body": ("Une journée ordinaire", "On y parle aussi de centrales, en passant.", "2025-03-15", "lemonde.fr"),
}


# Written for the tests: unrelated news of the same days, so that how rare a word is means something.
BACKGROUND_NEWS = [
    ("La SNCF annonce une grève des contrôleurs pour le week-end", "Le trafic sera perturbé sur les lignes TGV."),
    ("Apple to open its first store in Mumbai", "The iPhone maker expands in the world's second-largest market."),
    ("Le prix du beurre atteint un record en Bretagne", "Les laiteries redoutent une hausse des coûts cet hiver."),
    ("Heavy snow closes schools across Scotland", "Forecasters expect more snow and ice through the weekend."),
    ("Le Louvre prolonge son exposition consacrée à Vermeer", "Plus de 300 000 visiteurs sont déjà venus."),
    ("Spain wins the Nations League final", "A late goal settled the match in Rotterdam on Sunday night."),
]


def requires_data(*relative: str) -> pytest.MarkDecorator:
    """Mark a test that reads these parts of ``../shared/data``.

    Where they are absent the test is skipped with the reason; with
    ``READER_REQUIRE_DATA=1`` (as in CI) it fails instead, so the data tests
    cannot silently stop running.
    """
    return pytest.mark.data(*relative)


def missing_data(relative: tuple[str, ...]) -> list[str]:
    """The parts of ``../shared/data`` among ``relative`` that are not there."""
    return [part for part in relative if not (SHARED_DATA / part).exists()]


def requires_browser() -> pytest.MarkDecorator:
    """Mark a test that drives headless Chromium (Debian's ``chromium``) through Playwright.

    Where either is missing the test is skipped with the reason; with
    ``READER_REQUIRE_DATA=1`` (as in CI, which installs Chromium) it fails.
    """
    return pytest.mark.browser


def missing_browser() -> str | None:
    """What a browser test lacks here, or None."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} (apt-get install chromium)"
    if importlib.util.find_spec("playwright") is None:
        return "the playwright package (pip install -e '.[test]')"
    return None


def data_is_required() -> bool:
    """Whether a missing data set is a failure rather than a skip."""
    return os.environ.get(REQUIRE_DATA_VARIABLE, "") not in ("", "0")


def seed(prefix: str) -> Path:
    """The bundled sample whose file name starts with ``prefix`` ("000_", "002_"...)."""
    return next(SEEDS.glob(f"{prefix}*.txt"))


def seed_article_id(library: Library, prefix: str) -> int:
    """The id of the sample whose file name starts with ``prefix``."""
    return next(
        article_id
        for article_id, path in library.db.execute("SELECT id, path FROM articles")
        if Path(path).name.startswith(prefix)
    )


def stories_by_seed(library: Library) -> dict[str, int]:
    """Each imported sample's story, by its file-name prefix ("000_"...)."""
    return {
        Path(path).name[:4]: story_id for path, story_id in library.db.execute("SELECT path, story_id FROM articles")
    }


def import_seeds(library: Library) -> ImportReport:
    """Import the bundled samples the way a new user gets them."""
    return import_paths(library, [SEEDS])


def add_article(
    library: Library,
    title: str,
    text: str,
    *,
    markdown: str | None = None,
    published: str | None = None,
    source: str | None = "example.org",
    lang: str = "en",
    url: str | None = None,
    path: str | None = None,
    content_hash: str | None = None,
) -> int:
    """Store an article as given (no parsing, no story), the way the import path stores a parsed one.

    :param markdown: what the article view shows; the text itself when not given.
    :param content_hash: what makes the article unique (hashed); its title, text and date when not given.
    """
    content = article_content(
        title,
        text,
        markdown=markdown,
        published=published,
        source=source,
        lang=lang,
        url=url,
        content_hash=content_hash,
    )
    return library.add_article(content, path=path)


def article_content(
    title: str,
    text: str,
    *,
    markdown: str | None = None,
    published: str | None = None,
    source: str | None = "example.org",
    lang: str = "en",
    url: str | None = None,
    content_hash: str | None = None,
    raw: RawInput | None = None,
) -> ArticleContent:
    """An article's content as the import path would store it, with no figures (see :func:`add_article`)."""
    document = ParsedDocument(
        title=title,
        text=text,
        markdown=text if markdown is None else markdown,
        published=published,
        url=url,
        site_name=source,
    )
    raw = raw or RawInput(data=f"{title}\n{text}".encode(), format="text", encoding="utf-8")
    return ArticleContent(
        document=document,
        raw=raw,
        content_hash=hashlib.sha256((content_hash or f"{title}|{text}|{published}").encode()).hexdigest(),
        lang=lang,
        source=source,
        figures=(),
        index_title=index_text(title, lang),
        index_text=index_text(text, lang),
        packed_raw=pack_raw(raw.data, title, text),
    )


def import_article(
    library: Library,
    title: str,
    text: str,
    published: str | None = None,
    source: str | None = None,
    *,
    path: str | None = None,
) -> int:
    """Import an already parsed article through the import path (language, figures, story, rules); its id.

    :param path: the file it came from; importing the same path again updates the article.
    """
    return store_document(library, *parsed_article(title, text, published, source), path=path)[1]


def parsed_article(
    title: str, text: str, published: str | None = None, source: str | None = None
) -> tuple[ParsedDocument, RawInput]:
    """An article as a parser hands it over: the document and the input it came from."""
    document = ParsedDocument(title=title, text=text, markdown=text, published=published, site_name=source)
    raw = RawInput(data=f"{title}\n{text}\n{published}\n{source}".encode(), format="text", encoding="utf-8")
    return document, raw


def run_cli(
    *args: str | Path, db: Path | None = None, stdin: str | None = None, env: dict[str, str] | None = None
) -> Result:
    """Run ``reader [--db DB] ARGS...`` in this process; exceptions propagate, as a traceback would show."""
    prefix = ["--db", str(db)] if db else []
    return CliRunner().invoke(cli, [*prefix, *map(str, args)], input=stdin, env=env, catch_exceptions=False)


def cli_json(*args: str | Path, db: Path) -> Any:
    """What a ``--json`` command prints on stdout, once it exited with 0."""
    result = run_cli(*args, db=db)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def listed_id(db: Path, prefix: str) -> int:
    """The id ``reader list`` gives the sample whose file name starts with ``prefix``."""
    return next(
        article["id"] for article in cli_json("list", "--json", db=db) if Path(article["path"]).name.startswith(prefix)
    )


def break_grouping_for(monkeypatch: pytest.MonkeyPatch, is_broken: Callable[[str], bool]) -> None:
    """Make grouping raise for each article whose title ``is_broken`` picks, as a bug in it would."""
    from reader.operations import writer
    from reader.stories import grouping

    assign = grouping.assign_story

    def failing(library: Library, article_id: int, sig: Signature, **options: Any) -> int:
        article = library.get_article(article_id, with_body=False)
        if article is not None and is_broken(article.title):
            raise RuntimeError("a bug in grouping")
        return assign(library, article_id, sig, **options)

    monkeypatch.setattr(writer, "assign_story", failing)
