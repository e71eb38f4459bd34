"""Counts in messages read as English."""

from __future__ import annotations

import pytest

from reader.text.plural import counted


@pytest.mark.parametrize(
    ("count", "noun", "expected"),
    [
        (0, "article", "0 articles"),
        (1, "article", "1 article"),
        (2, "story", "2 stories"),
        (1, "story", "1 story"),
        (3, "match", "3 matches"),
        (1, "feed", "1 feed"),
        (12_345, "tag", "12,345 tags"),
    ],
)
def test_counted(count: int, noun: str, expected: str) -> None:
    assert counted(count, noun) == expected
