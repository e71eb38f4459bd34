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

    The values most articles give become the facts, most cited first; every
    other value of the same kind joins the nearest fact within
    :data:`CLOSE_RATIO`, or is a fact of its own. A fact is ``disputed`` when
    its sources give different values or currencies. Facts given by one article
    only are left out: there is nothing to compare.
    """
    cited: dict[tuple[str, float, str | None], set[int]] = {}
    for article_id, figures in by_article.items():
        for figure in figures:
            cited.setdefault((figure.kind, figure.value, figure.unit), set()).add(article_id)
    facts: list[dict[tuple[str, float, str | None], set[int]]] = []
    for key in sorted(cited, key=lambda key: (-len(cited[key]), key[1])):
        near = [fact for fact in facts if _center(fact)[0] == key[0] and _close(_center(fact)[1], key[1])]
        if near:
            min(near, key=lambda fact: abs(_center(fact)[1] - key[1]))[key] = cited[key]
        else:
            facts.append({key: cited[key]})
    shared = [fact for fact in facts if len(set().union(*fact.values())) > 1]
    return [_fact_json(fact) for fact in sorted(shared, key=lambda fact: _center(fact)[1])]


def _center(fact: dict[tuple[str, float, str | None], set[int]]) -> tuple[str, float, str | None]:
    return next(iter(fact))


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= CLOSE_RATIO * max(abs(a), abs(b))


def _fact_json(fact: dict[tuple[str, float, str | None], set[int]]) -> dict[str, Any]:
    kind = _center(fact)[0]
    values = [
        {"value": value, "unit": unit, "articles": sorted(articles)}
        for (_, value, unit), articles in sorted(fact.items(), key=lambda item: item[0][1])
    ]
    return {"kind": kind, "values": values, "disputed": len(values) > 1}
