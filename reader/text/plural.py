"""Counts that read as English: "1 article", "2 stories"."""

from __future__ import annotations

# Nouns whose plural is not the noun with an "s".
_IRREGULAR = {
    "story": "stories",
    "match": "matches",
    "query": "queries",
    "entry": "entries",
    "library": "libraries",
    "saved search": "saved searches",
}


def plural(noun: str) -> str:
    """The plural of an English ``noun`` as reader's messages use it."""
    return _IRREGULAR.get(noun, noun + "s")


def counted(count: int, noun: str) -> str:
    """``count`` followed by ``noun``, in the plural unless the count is one: ``counted(2, "story")`` is "2 stories"."""
    return f"{count:,} {noun if count == 1 else plural(noun)}"
