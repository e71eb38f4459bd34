"""The figures a story's articles give: a grouping signal and a comparison between sources.

This is the one place where stories meet key figures. Until the figures module
of issue 4 lands, :func:`find_figures` is a small stand-in that reads amounts
such as "65 milliards de dollars", "$65 billion" or "38 %"; swapping in
``reader.text.figures.extract_figures`` only changes that function.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

# A value within this ratio of the smallest value of a fact may be that fact given differently.
CLOSE_RATIO = 0.15

_MAGNITUDES = {
    "mille": 1e3, "k": 1e3, "million": 1e6, "millions": 1e6, "m": 1e6, "md": 1e9, "mds": 1e9,
    "milliard": 1e9, "milliards": 1e9, "billion": 1e9, "billions": 1e9, "bn": 1e9, "trillion": 1e12,
}
_CURRENCIES = {
    "$": "USD", "dollar": "USD", "dollars": "USD", "usd": "USD",
    "€": "EUR", "euro": "EUR", "euros": "EUR", "eur": "EUR",
    "£": "GBP", "livres": "GBP", "pounds": "GBP", "gbp": "GBP",
}
_FIGURE = re.compile(
    r"(?P<pre>[$€£])?\s?(?P<num>\d+(?:[.,]\d+)?)(?:\s?(?:à|to|-)\s?(?P<high>\d+(?:[.,]\d+)?))?"
    r"\s?(?P<mag>mille|millions?|milliards?|billions?|trillion|bn|mds?|k|m)?\b"
    r"(?:\s?(?:de\s|d')?(?P<cur>dollars?|euros?|livres|pounds|usd|eur|gbp|[$€£])|\s?(?P<pct>%|pour\s?cent|percent))?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Figure:
    """A figure as the comparison needs it (a subset of issue 4's Figure)."""

    kind: str  # "money", "percent" or "number"
    value: float
    unit: str | None
    low: float | None = None
    high: float | None = None


def find_figures(text: str) -> list[Figure]:
    """Money amounts, percentages and magnitudes ("1,3 million") written in ``text``."""
    found = []
    for match in _FIGURE.finditer(text):
        magnitude = _MAGNITUDES.get((match["mag"] or "").lower(), 1.0)
        currency = _CURRENCIES.get((match["pre"] or match["cur"] or "").lower())
        value = _number(match["num"]) * magnitude
        high = _number(match["high"]) * magnitude if match["high"] else None
        if currency:
            kind, unit = "money", currency
        elif match["pct"]:
            kind, unit = "percent", "%"
        elif magnitude > 1:
            kind, unit = "number", None
        else:
            continue  # a bare number: a year, a score, a house number...
        found.append(Figure(kind, high if high else value, unit, value if high else None, high))
    return found


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def figure_keys(text: str) -> frozenset[str]:
    """Language-independent keys of the figures in ``text``: "65e9" for 65 billion, in any unit."""
    keys = set()
    for figure in find_figures(text):
        keys.add(f"{figure.value:.3g}".replace("+", ""))
    return frozenset(keys)


def compare_figures(by_article: Mapping[int, Sequence[Figure]]) -> list[dict[str, Any]]:
    """Group the figures a story's articles give into facts and flag the facts told differently.

    Figures of one kind whose values lie within :data:`CLOSE_RATIO` of the
    smallest among them are taken for the same fact; a fact is ``disputed`` when its sources give
    different values or different currencies. Facts given by one article only
    are left out: there is nothing to compare.
    """
    facts: list[list[tuple[int, Figure]]] = []
    given = sorted(
        ((article_id, figure) for article_id, figures in by_article.items() for figure in figures),
        key=lambda item: (item[1].kind, item[1].value),
    )
    for article_id, figure in given:
        first = facts[-1][0][1] if facts else None
        if first is not None and first.kind == figure.kind and _close(first.value, figure.value):
            facts[-1].append((article_id, figure))
        else:
            facts.append([(article_id, figure)])
    return [_fact_json(fact) for fact in facts if len({article_id for article_id, _ in fact}) > 1]


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= CLOSE_RATIO * max(abs(a), abs(b))


def _fact_json(fact: list[tuple[int, Figure]]) -> dict[str, Any]:
    values = sorted({(figure.value, figure.unit) for _, figure in fact}, key=lambda pair: pair[0])
    return {
        "kind": fact[0][1].kind,
        "values": [
            {
                "value": value,
                "unit": unit,
                "articles": sorted({aid for aid, figure in fact if (figure.value, figure.unit) == (value, unit)}),
            }
            for value, unit in values
        ],
        "disputed": len(values) > 1,
    }
