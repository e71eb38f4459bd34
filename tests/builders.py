"""What tests build their libraries and inputs from: paths, the bundled samples, stored articles.

Tests import these names from here (``from tests.builders import SEEDS, add_article``);
fixtures built on them live in ``conftest.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.ingest.pipeline import ImportReport, import_paths
from reader.models import ParsedDocument, RawInput
from reader.store import Library

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SEEDS = PROJECT_ROOT / "seeds"
FIXTURES = PROJECT_ROOT / "tests" / "fixtures"
FIXTURE_FEEDS = FIXTURES / "feeds"
# The public data sets beside the project (see ../shared/data/README.md): present in CI, absent in a user's clone.
SHARED_DATA = PROJECT_ROOT.parent / "shared" / "data"
REQUIRE_DATA_VARIABLE = "READER_REQUIRE_DATA"


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


def data_is_required() -> bool:
    """Whether a missing data set is a failure rather than a skip."""
    return os.environ.get(REQUIRE_DATA_VARIABLE, "") not in ("", "0")


def seed(prefix: str) -> Path:
    """The bundled sample whose file name starts with ``prefix`` ("000_", "002_"...)."""
    return next(SEEDS.glob(f"{prefix}*.txt"))


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
    :param content_hash: what makes the article unique; its title, text and date when not given.
    """
    document = ParsedDocument(
        title=title,
        text=text,
        markdown=text if markdown is None else markdown,
        published=published,
        url=url,
        site_name=source,
    )
    return library.add_article(
        document,
        RawInput(data=f"{title}\n{text}".encode(), format="text", encoding="utf-8"),
        content_hash=content_hash or f"{title}|{text}|{published}",
        lang=lang,
        source=source,
        path=path,
    )
