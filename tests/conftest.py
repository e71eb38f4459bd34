"""Shared fixtures: every test runs against its own library, never the user's."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.ingest.pipeline import import_paths
from reader.store import Library

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SEEDS = PROJECT_ROOT / "seeds"
SHARED_DATA = PROJECT_ROOT.parent / "shared" / "data"


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
def library(db_path: Path):
    """An open, empty library in a real SQLite file."""
    with Library(db_path) as opened:
        yield opened


@pytest.fixture
def seeded(db_path: Path) -> Path:
    """A library holding the bundled sample articles, imported as a new user gets them."""
    with Library(db_path) as library:
        import_paths(library, [SEEDS])
    return db_path
