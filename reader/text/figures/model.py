"""The Figure record: one key figure found in a text, as DESIGN.md's JSON contract has it."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

KINDS = ("money", "percent", "quantity", "multiplier", "date", "number")


@dataclass(frozen=True)
class Figure:
    """A key figure: where it is in the text and what it means.

    ``start``/``end`` are character offsets into the text given (end exclusive),
    so ``text == source[start:end]``. ``value`` has magnitude words applied
    ("65 milliards" is 65e9); a range ("entre 51 et 53") has ``low``/``high``
    and its ``value`` is ``low``. ``si_value``/``si_unit`` restate physical
    quantities in SI base units ("2 GW" is 2e9 W). ``approx`` is the
    qualifier ("plus de", "about", "up to"...) as written, lower-cased.
    Dates have the ISO form (possibly partial) in ``unit`` and the year in ``value``.
    """

    text: str
    start: int
    end: int
    kind: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    currency: str | None = None
    si_value: float | None = None
    si_unit: str | None = None
    approx: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The figure as a JSON-ready dict (every key of the contract, always)."""
        return asdict(self)
