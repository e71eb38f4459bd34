"""Reading config.toml: theme and keymap, and a one-line error for anything wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.config import Config, ConfigError, load_config
from reader.paths import config_path


def write(text: str | bytes) -> Path:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_no_file_means_the_defaults() -> None:
    assert load_config() == Config()


def test_theme_and_keys_are_read() -> None:
    write('theme = "textual-light"\n\n[keys]\n"main.toggle_star" = "S"\n"app.quit" = "q,ctrl+q"\n')
    assert load_config() == Config("textual-light", {"main.toggle_star": "S", "app.quit": "q,ctrl+q"})


def test_the_feeds_are_fetched_every_30_minutes_unless_the_config_says_otherwise() -> None:
    assert Config().refresh_minutes == 30
    write("refresh_minutes = 0\n")
    assert load_config().refresh_minutes == 0
    write("refresh_minutes = 7.5\n")
    assert load_config().refresh_minutes == 7.5


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("theme = [broken\n", "config.toml: "),
        ("theme = 3\n", "theme must be a string"),
        ('[keys]\n"main.toggle_star" = 1\n', "[keys] must map binding ids to key strings"),
        ('keys = "s"\n', "[keys] must map"),
        ('colour = "red"\n', "unknown setting colour"),
        ("refresh_minutes = -5\n", "refresh_minutes must be a number of minutes"),
        ('refresh_minutes = "often"\n', "refresh_minutes must be a number of minutes"),
        ("refresh_minutes = true\n", "refresh_minutes must be a number of minutes"),
        (b"\xff\xfe\x00bad", "config.toml: "),
    ],
)
def test_bad_config_is_one_line_naming_the_file(text: str | bytes, reason: str) -> None:
    path = write(text)
    with pytest.raises(ConfigError) as caught:
        load_config()
    message = str(caught.value)
    assert reason in message and str(path) in message and "\n" not in message
