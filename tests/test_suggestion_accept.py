"""Accepting a "did you mean": the query word nearest to the suggestion is replaced, the rest kept."""

from __future__ import annotations

import pytest

from reader.search.suggest import with_suggestion


@pytest.mark.parametrize(
    ("query", "suggestion", "expected"),
    [
        ("Zuckerburg", "zuckerberg", "zuckerberg"),
        ("meta Zuckerburg capex", "zuckerberg", "meta zuckerberg capex"),
        ('title:"Zuckerburg dévoile"', "zuckerberg", 'title:"zuckerberg dévoile"'),
        ("ukrane -russie", "ukraine", "ukraine -russie"),
        ("((", "macron", "macron"),
    ],
)
def test_the_nearest_word_is_replaced(query: str, suggestion: str, expected: str) -> None:
    assert with_suggestion(query, suggestion) == expected
