"""Where reader keeps its library and config, and where its bundled files live."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "reader"
DB_ENV_VAR = "READER_DB"

_PACKAGE_DIR = Path(__file__).resolve().parent


def default_db_path() -> Path:
    """The library used when neither ``--db`` nor ``READER_DB`` says otherwise."""
    return platformdirs.user_data_path(APP_NAME) / "library.db"


def resolve_db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The library path: ``explicit`` if given, else ``$READER_DB``, else the default."""
    if explicit:
        return Path(explicit).expanduser()
    from_env = os.environ.get(DB_ENV_VAR)
    if from_env:
        return Path(from_env).expanduser()
    return default_db_path()


def config_path() -> Path:
    """The user's ``config.toml``."""
    return platformdirs.user_config_path(APP_NAME) / "config.toml"


def _bundled(name: str) -> Path:
    # Inside a wheel the folders sit in the package; in a source checkout, next to it.
    inside = _PACKAGE_DIR / name
    return inside if inside.is_dir() else _PACKAGE_DIR.parent / name


def assets_dir() -> Path:
    """The bundled ``assets/`` folder (styles, help text)."""
    return _bundled("assets")


def seeds_dir() -> Path:
    """The bundled sample library, imported into an empty library on first start."""
    return _bundled("seeds")
