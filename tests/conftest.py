"""Shared fixtures: every test runs against its own library, never the user's."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from reader.store import Library
from tests.builders import (
    REQUIRE_DATA_VARIABLE,
    SHARED_DATA,
    data_is_required,
    import_seeds,
    missing_browser,
    missing_data,
)

# Tests never time things: a property test is judged on what it finds, not on how fast the machine is.
settings.register_profile("reader", deadline=None)
settings.register_profile("ci", deadline=None, derandomize=True, print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "reader")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "data(*parts): reads these parts of ../shared/data (skipped where absent)")
    config.addinivalue_line("markers", "browser: drives headless Chromium (skipped where absent)")


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Skip a data or browser test whose data or browser is absent, or fail it where they are required."""
    if item.get_closest_marker("browser") and (lacking := missing_browser()):
        if data_is_required():
            pytest.fail(f"{REQUIRE_DATA_VARIABLE} is set but the browser test cannot run: no {lacking}", pytrace=False)
        pytest.skip(f"needs headless Chromium, absent here: no {lacking}")
    for marker in item.iter_markers("data"):
        missing = missing_data(marker.args)
        if not missing:
            continue
        where = ", ".join(str(SHARED_DATA / part) for part in missing)
        if data_is_required():
            pytest.fail(f"{REQUIRE_DATA_VARIABLE} is set but the test data is missing: {where}", pytrace=False)
        pytest.skip(f"needs the public data sets beside the project, absent here: {where}")


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the data and config folders (and READER_DB) at a fresh temporary folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("READER_DB", raising=False)
    return home


@pytest.fixture(autouse=True)
def tui_on_test_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """The UI without its pauses for people, its notifications kept: TUI tests wait on events, never on the clock."""
    from tests.tui_helpers import without_human_delays

    without_human_delays(monkeypatch)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A path for a new library file."""
    return tmp_path / "library.db"


@pytest.fixture
def library(db_path: Path) -> Iterator[Library]:
    """An open, empty library in a real SQLite file."""
    with Library(db_path) as opened:
        yield opened


@pytest.fixture
def seeded(db_path: Path) -> Path:
    """The path of a library holding the bundled sample articles, imported as a new user gets them."""
    with Library(db_path) as library:
        import_seeds(library)
    return db_path


@pytest.fixture
def seeded_library(library: Library) -> Library:
    """An open library holding the bundled sample articles."""
    import_seeds(library)
    return library
