"""Key figures: amounts of money, percentages, quantities, multipliers, ranges and dates."""

from reader.text.figures.extractor import extract_figures
from reader.text.figures.model import KINDS, Figure

__all__ = ["KINDS", "Figure", "extract_figures"]
