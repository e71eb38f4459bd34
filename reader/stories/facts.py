"""Line up the mentions of a story's figures into facts, and flag the facts told differently.

Two mentions may be one fact when they count the same thing (money in any
currency, the same unit or counted noun), their values are within
:data:`CLOSE_RATIO` of each other, nothing in their context says otherwise
(two different companies, two different years, a rise and a fall), and
something says they belong together: a shared name, concept word or year, or
the very same value. Values are ranges ("38 à 40 milliards" is 38 to 40).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from reader.stories.figures import FACT_KINDS
from reader.stories.lexicon import EXCLUSIVE, RELATIVE_YEARS
from reader.stories.mentions import CitedArticle, Mention, story_mentions

# Values further apart than this share of the larger one are different facts,
# however alike their context: 35 and 40 may be one fact, 65 and 80 are not.
CLOSE_RATIO = 0.15
# What a fact's label shows at most: names, then concept words.
LABEL_NAMES = 2
LABEL_CONCEPTS = 2
_MAGNITUDES = ((1e12, "tn"), (1e9, "bn"), (1e6, "M"))
_Word = TypeVar("_Word", bound=Hashable)
_DIRECTIONS = [group for group in EXCLUSIVE if not group & RELATIVE_YEARS.keys()]


@dataclass
class Fact:
    """One fact of a story (an amount, a share, a quantity) and every mention of it."""

    kind: str
    measure: str
    mentions: list[Mention] = field(default_factory=list)

    @property
    def article_ids(self) -> set[int]:
        """The articles that give this fact."""
        return {mention.article.id for mention in self.mentions}

    @property
    def unit(self) -> str | None:
        """The unit or currency most mentions give."""
        return Counter(mention.unit for mention in self.mentions).most_common(1)[0][0]

    @property
    def currencies_differ(self) -> bool:
        """Whether sources give this amount in different currencies."""
        return len({mention.figure.currency for mention in self.mentions if mention.figure.currency}) > 1

    @property
    def disputed(self) -> bool:
        """Whether two mentions in the same currency (or unit) give values that differ beyond rounding."""
        return any(
            a.figure.currency == b.figure.currency and not agree(a, b)
            for index, a in enumerate(self.mentions)
            for b in self.mentions[index + 1 :]
        )

    @property
    def label(self) -> str:
        """The context words most of its sources give with it: "Meta · spending · 2024"."""
        names: Counter[str] = Counter()
        concepts: Counter[str] = Counter()
        periods: Counter[int | str] = Counter()
        spellings: Counter[tuple[str, str]] = Counter()
        for mentions in self._by_article().values():
            names.update(set().union(*(mention.names for mention in mentions)))
            concepts.update(set().union(*(mention.concepts for mention in mentions)) - RELATIVE_YEARS.keys())
            periods.update({mention.period for mention in mentions if mention.period is not None})
            spellings.update(spelling for mention in mentions for spelling in mention.spellings)
        written = {name: spelled for (name, spelled), _ in reversed(spellings.most_common())}
        parts = list(dict.fromkeys(written.get(name, name.capitalize()) for name in _most_given(names, LABEL_NAMES)))
        parts += _most_given(concepts, LABEL_CONCEPTS, at_least=2)
        parts += [str(period) for period in _most_given(periods, 1, at_least=len(self.article_ids) / 2)]
        return " · ".join(parts) or self.measure

    @property
    def flags(self) -> list[str]:
        """How the sources tell this fact differently, if they do: "values differ", "given in different currencies"."""
        return [
            flag
            for flag, raised in (
                ("values differ", self.disputed),
                ("given in different currencies", self.currencies_differ),
            )
            if raised
        ]

    def values_given(self) -> list[tuple[str, list[int]]]:
        """Each value as people say it with the articles that give it: ``[("38–40 bn USD", [2]), ...]``."""
        given: dict[str, list[int]] = {}
        for mention in self.mentions:
            amount = format_amount(mention.figure.value or 0.0, mention.figure.high, mention.unit)
            articles = given.setdefault(amount, [])
            if mention.article.id not in articles:
                articles.append(mention.article.id)
        return list(given.items())

    def _by_article(self) -> dict[int, list[Mention]]:
        grouped: dict[int, list[Mention]] = {}
        for mention in self.mentions:
            grouped.setdefault(mention.article.id, []).append(mention)
        return grouped

    def to_json(self) -> dict[str, Any]:
        """The fact as ``reader story ID --json`` gives it, with each value as written."""
        return {
            "label": self.label,
            "kind": self.kind,
            "unit": self.unit,
            "values": [
                {
                    "article_id": mention.article.id,
                    "source": mention.article.source,
                    "text": mention.figure.text,
                    "value": mention.figure.value,
                    "low": mention.figure.low,
                    "high": mention.figure.high,
                    "unit": mention.unit,
                    "approx": mention.figure.approx,
                }
                for mention in self.mentions
            ],
            "disputed": self.disputed,
            "currencies_differ": self.currencies_differ,
        }


def compare_figures(articles: Iterable[CitedArticle]) -> list[Fact]:
    """The facts a story's articles give, each with every mention of it; facts one article gives are left out.

    Flagged facts (``disputed`` or ``currencies_differ``) come first.
    """
    return [fact for fact in line_up(story_mentions(articles)) if len(fact.article_ids) > 1]


def line_up(mentions: Iterable[Mention]) -> list[Fact]:
    """Group mentions into facts, those with the most names first so that vaguer ones join them."""
    facts: list[Fact] = []
    for mention in sorted(mentions, key=lambda mention: -len(mention.names)):
        fits = [(score, fact) for fact in facts if (score := _fit(fact, mention))]
        if fits:
            fact = max(fits, key=lambda fit: fit[0])[1]
            if not any(_same_value(mention, other) for other in fact.mentions):
                fact.mentions.append(mention)
        else:
            facts.append(Fact(mention.figure.kind, mention.measure, [mention]))
    for fact in facts:
        fact.mentions.sort(key=lambda mention: (mention.low, mention.high, mention.unit or "", mention.article.id))
    return sorted(facts, key=_order)


def _order(fact: Fact) -> tuple[bool, bool, int, int, float]:
    """Disputed facts first, then those given in different currencies, the most widely given first."""
    return (
        not fact.disputed,
        not fact.currencies_differ,
        -len(fact.article_ids),
        FACT_KINDS.index(fact.kind),
        fact.mentions[0].low,
    )


def _fit(fact: Fact, mention: Mention) -> int:
    """How much says ``mention`` is this fact; 0 when it cannot be or nothing says so."""
    if fact.kind != mention.figure.kind or fact.measure != mention.measure:
        return 0
    if not all(_compatible(other, mention) for other in fact.mentions):
        return 0
    return max(_evidence(other, mention) for other in fact.mentions)


def _compatible(a: Mention, b: Mention) -> bool:
    """Close values, and no two different companies, years or directions."""
    if max(a.low, b.low) - min(a.high, b.high) > CLOSE_RATIO * max(abs(a.high), abs(b.high)):
        return False
    if a.names and b.names and not a.names & b.names:
        return False
    if a.period is not None and b.period is not None and type(a.period) is type(b.period) and a.period != b.period:
        return False
    return all(
        not (a.concepts & group and b.concepts & group) or a.concepts & b.concepts & group for group in _DIRECTIONS
    )


def _evidence(a: Mention, b: Mention) -> int:
    """Shared names count double; shared concept words, the same year and the same value once."""
    score = 2 * len(a.names & b.names) + len(a.concepts & b.concepts)
    score += a.period is not None and a.period == b.period
    score += a.figure.currency == b.figure.currency and agree(a, b)
    return score


def _same_value(a: Mention, b: Mention) -> bool:
    return a.article.id == b.article.id and (a.low, a.high, a.unit) == (b.low, b.high, b.unit)


def agree(a: Mention, b: Mention) -> bool:
    """Whether two values (or ranges) in one unit are the same once each is taken as rounded."""
    slack_a, slack_b = (max(rounding(m.low), rounding(m.high)) for m in (a, b))
    return a.low - slack_a <= b.high + slack_b and b.low - slack_b <= a.high + slack_a


def rounding(value: float) -> float:
    """Half a unit of the last digit of a value as said: 38e9 ("38 bn") is 38e9 ± 0.5e9, 1.3e6 ± 0.05e6."""
    if value == 0:
        return 0.0
    scale = 1000.0 ** math.floor(math.log(abs(value), 1000)) if abs(value) >= 1000 else 1.0
    decimals = len(f"{abs(value) / scale:.6f}".rstrip("0").partition(".")[2])
    return 0.5 * 10.0**-decimals * scale


def _most_given(counts: Counter[_Word], limit: int, *, at_least: float = 1) -> list[_Word]:
    """What the most sources give (all of it on a tie, up to ``limit``), if at least ``at_least`` give it."""
    ranked = sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))
    if not ranked or ranked[0][1] < at_least:
        return []
    return [word for word, count in ranked if count == ranked[0][1]][:limit]


def format_amount(low: float, high: float | None, unit: str | None) -> str:
    """A value or range as people say it: 65e9, "USD" -> "65 bn USD"; 38e9 to 40e9 -> "38–40 bn USD"."""
    top = high if high is not None and high != low else None
    for scale, word in _MAGNITUDES:
        if abs(top or low) >= scale:
            number = f"{low / scale:g}" + (f"–{top / scale:g}" if top is not None else "")
            return f"{number} {word} {unit or ''}".strip()
    number = f"{low:g}" + (f"–{top:g}" if top is not None else "")
    return f"{number} {unit or ''}".strip()
