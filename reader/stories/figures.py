"""The figures of an article as a grouping signal: language-independent keys.

Comparing what each source of a story says lives in :mod:`reader.stories.facts`.
"""

from __future__ import annotations

from collections.abc import Iterable

from reader.text.figures import Figure

# Figures that state a fact: amounts, shares, measured quantities.
# Dates and bare numbers (a score, a house number) say too little.
FACT_KINDS = ("money", "percent", "quantity", "multiplier")


def figure_keys(figures: Iterable[Figure]) -> frozenset[str]:
    """Keys of the figures that name a fact: "65e9" for 65 billion in any currency or language.

    Physical quantities keep their SI unit ("2e9W" for 2 GW); small bare values
    (under 10, without a unit) are left out, as they match too much.
    """
    keys = set()
    for figure in figures:
        value = figure.high if figure.high is not None else figure.value
        if figure.kind not in FACT_KINDS or value is None:
            continue
        si_value = figure.si_value if figure.si_value is not None else value
        suffix = figure.si_unit or ("%" if figure.kind == "percent" else "")
        if not suffix and abs(si_value) < 10:
            continue
        keys.add(f"{si_value:.3g}".replace("+", "") + suffix)
    return frozenset(keys)
