"""The figures a story's articles give: a grouping signal and a comparison between sources.

This is the one place where stories meet key figures (``reader.text.figures``):
:func:`figure_keys` turns an article's figures into language-independent keys
for grouping, and :func:`compare_figures` lines up what each source says.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from reader.text.figures import Figure

# A value within this ratio of a fact's most cited value may be that fact given differently.
CLOSE_RATIO = 0.15
# Figures that say which fact is meant: amounts, shares, measured quantities.
# Dates and bare numbers (a score, a house number) say too little.
_FACT_KINDS = ("money", "percent", "quantity", "multiplier")

_Key = tuple[str, float, str | None]


def _unit(figure: Figure) -> str | None:
    """What a value is counted in, the same in French and English: a currency, an SI unit, "%"."""
    return figure.currency or figure.si_unit or figure.unit


def _value(figure: Figure) -> float | None:
    return figure.high if figure.high is not None else figure.value


def figure_keys(figures: Iterable[Figure]) -> frozenset[str]:
    """Keys of the figures that name a fact: "65e9" for 65 billion in any currency or language.

    Physical quantities keep their SI unit ("2e9W" for 2 GW); small bare values
    (under 10, without a unit) are left out, as they match too much.
    """
    keys = set()
    for figure in figures:
        value = _value(figure)
        if figure.kind not in _FACT_KINDS or value is None:
            continue
        si_value = figure.si_value if figure.si_value is not None else value
        suffix = figure.si_unit or ("%" if figure.kind == "percent" else "")
        if not suffix and abs(si_value) < 10:
            continue
        keys.add(f"{si_value:.3g}".replace("+", "") + suffix)
    return frozenset(keys)


def compare_figures(by_article: Mapping[int, Sequence[Figure]]) -> list[dict[str, Any]]:
    """Group the figures a story's articles give into facts and flag the facts told differently.

    The values most articles give become the facts, most cited first; every
    other value joins the nearest fact of its kind (and unit, but for money)
    within :data:`CLOSE_RATIO`, or is a fact of its own. A fact is ``disputed`` when
    its sources give different values or units (currencies). Facts given by one
    article only are left out: there is nothing to compare.
    """
    cited: dict[_Key, set[int]] = {}
    for article_id, figures in by_article.items():
        for figure in figures:
            value = _value(figure)
            if figure.kind in _FACT_KINDS and value is not None:
                cited.setdefault((figure.kind, value, _unit(figure)), set()).add(article_id)
    facts: list[dict[_Key, set[int]]] = []
    for key in sorted(cited, key=lambda key: (-len(cited[key]), key[1], key[2] or "")):
        near = [fact for fact in facts if _same_fact(_center(fact), key)]
        if near:
            min(near, key=lambda fact: abs(_center(fact)[1] - key[1]))[key] = cited[key]
        else:
            facts.append({key: cited[key]})
    shared = [fact for fact in facts if len(set().union(*fact.values())) > 1]
    return [_fact_json(fact) for fact in sorted(shared, key=lambda fact: _center(fact)[1])]


def _center(fact: dict[_Key, set[int]]) -> _Key:
    return next(iter(fact))


def _same_fact(center: _Key, key: _Key) -> bool:
    """Close values of one kind; a quantity also in the same unit (money may differ in currency)."""
    kind, value, unit = key
    return center[0] == kind and (kind == "money" or center[2] == unit) and _close(center[1], value)


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= CLOSE_RATIO * max(abs(a), abs(b))


def _fact_json(fact: dict[_Key, set[int]]) -> dict[str, Any]:
    values = [
        {"value": value, "unit": unit, "articles": sorted(articles)}
        for (_, value, unit), articles in sorted(fact.items(), key=lambda item: (item[0][1], item[0][2] or ""))
    ]
    return {"kind": _center(fact)[0], "values": values, "disputed": len(values) > 1}
