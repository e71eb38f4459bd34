"""The user's settings, read from ``config.toml``: the reader's theme and its keymap.

```toml
theme = "textual-light"
refresh_minutes = 30           # fetch the feeds this often while the reader is open (0: never)

[keys]
"main.toggle_star" = "S"       # binding id = keys, comma-separated
"app.quit" = "q,ctrl+q"
```
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from reader.paths import config_path


class ConfigError(ValueError):
    """The config file cannot be used; the message names the file and says why, on one line."""


@dataclass(frozen=True)
class Config:
    """The settings: ``theme`` (None: the default), ``keys`` (binding id -> keys) and ``refresh_minutes``
    (how often the open reader fetches the feeds; 0: never)."""

    theme: str | None = None
    keys: dict[str, str] = field(default_factory=dict)
    refresh_minutes: float = 30


def load_config(path: Path | None = None) -> Config:
    """Read the config file (by default the user's); a missing file gives the defaults.

    :raises ConfigError: when the file cannot be read or holds wrong values.
    """
    path = path or config_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Config()
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: {' '.join(str(error).split())}") from error
    theme = data.get("theme")
    if theme is not None and not isinstance(theme, str):
        raise ConfigError(f'{path}: theme must be a string, such as "textual-light"')
    keys = data.get("keys", {})
    if not isinstance(keys, dict) or not all(isinstance(value, str) for value in keys.values()):
        raise ConfigError(f'{path}: [keys] must map binding ids to key strings, such as "main.star" = "S"')
    refresh = data.get("refresh_minutes", Config.refresh_minutes)
    if isinstance(refresh, bool) or not isinstance(refresh, int | float) or refresh < 0:
        raise ConfigError(f"{path}: refresh_minutes must be a number of minutes, 0 or more, such as 30")
    unknown = set(data) - {"theme", "keys", "refresh_minutes"}
    if unknown:
        raise ConfigError(f"{path}: unknown setting {', '.join(sorted(unknown))}")
    return Config(theme=theme, keys=dict(keys), refresh_minutes=refresh)
