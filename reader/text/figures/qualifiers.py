"""Qualifiers of a figure: "plus de", "environ", "about", "up to", "or more", ">="..."""

from __future__ import annotations

import re

# Qualifiers that make a figure a lower bound ("more than 30") or an upper bound ("up to 700").
LOWER_BOUNDS = (
    "pas moins de",
    "plus de",
    "plus d'",
    "au moins",
    "au-delà de",
    "supérieur à",
    "supérieure à",
    "bien plus de",
    "un peu plus de",
    "no less than",
    "not less than",
    "more than",
    "greater than or equal to",
    "greater than",
    "larger than",
    "higher than",
    "bigger than",
    "higher or equal than",
    "bigger or equal than",
    "greater or equal than",
    "at least or equal to",
    "equal to or more than",
    "equal to or greater than",
    "at least",
    "over",
    "above",
    "exceeding",
    "exceed",
    "surpass",
    "upwards of",
    "beyond",
    ">=",
    "> =",
    ">",
)
UPPER_BOUNDS = (
    "pas plus de",
    "moins de",
    "moins d'",
    "jusqu'à",
    "au plus",
    "inférieur à",
    "inférieure à",
    "un peu moins de",
    "no more than",
    "not more than",
    "less than or equal to",
    "less than",
    "fewer than",
    "smaller than",
    "lower than",
    "less or equal than",
    "smaller or equal than",
    "lower or equal than",
    "equal to or less than",
    "at most",
    "up to",
    "under",
    "below",
    "<=",
    "< =",
    "<",
)
APPROXIMATE = (
    "près de",
    "près d'",
    "environ",
    "quelque",
    "autour de",
    "autour d'",
    "presque",
    "quasiment",
    "de l'ordre de",
    "à peu près",
    "approximativement",
    "as much as",
    "as many as",
    "as high as",
    "as low as",
    "close to",
    "about",
    "around",
    "approximately",
    "roughly",
    "nearly",
    "almost",
    "some",
    "equal to",
    "equals to",
    "equals",
    "equaling to",
    "~",
    "≈",
    "±",
)
_ALL = sorted({*LOWER_BOUNDS, *UPPER_BOUNDS, *APPROXIMATE}, key=len, reverse=True)


def _pattern(phrase: str) -> str:
    return re.escape(phrase).replace("'", "['’]").replace(r"\ ", r"\s+")


_SYMBOLS = [q for q in _ALL if not q[0].isalpha()]
_WORDS = [q for q in _ALL if q[0].isalpha()]
QUALIFIER = re.compile(
    rf"(?:(?<![\w])(?:{'|'.join(_pattern(q) for q in _WORDS)})|(?<![<>=])(?:{'|'.join(_pattern(q) for q in _SYMBOLS)}))"
    r"(?:[ \u00a0\u202f]*|(?<=['’]))$",
    re.IGNORECASE,
)
_AFTER = re.compile(
    r"\s+(?P<q>(?:or|and|ou|et)\s+(?:more|less|greater|fewer|above|below|plus|moins|equal)"
    r"(?:\s+(?:than|to))?)(?![\w])(?!(?:\s+(?:or|and|than|to|equal))*\s*[-−]?\d)",
    re.IGNORECASE,
)
_BOUNDS = {**dict.fromkeys(LOWER_BOUNDS, "low"), **dict.fromkeys(UPPER_BOUNDS, "high")}


def _normal(written: str) -> str:
    qualifier = re.sub(r"\s+", " ", written.strip().lower()).replace("’", "'")
    return re.sub(r"\bd'$", "de", qualifier)


# The word each qualifier ends with: a cheap test before the full search.
def _last_word(qualifier: str) -> str:
    """ "plus d'" ends with "d'", "jusqu'à" with "à", "> =" with "="."""
    return qualifier.split()[-1] if qualifier.endswith("'") else re.split(r"[\s']", qualifier)[-1]


_LAST_WORDS = {_last_word(qualifier) for qualifier in _ALL}
_LAST_TOKEN = re.compile(r"(?:[^\W\d_]+['’]?|[<>=~≈±]+)[ \u00a0\u202f]*$")


def _may_end_a_qualifier(text: str, start: int) -> bool:
    token = _LAST_TOKEN.search(text, max(0, start - 16), start)
    return token is not None and token.group(0).rstrip().lower().replace("’", "'") in _LAST_WORDS


def qualifier_before(text: str, start: int) -> str | None:
    """The qualifier written just before ``start``, lower-cased ("plus d'" becomes "plus de")."""
    if not _may_end_a_qualifier(text, start):
        return None
    match = QUALIFIER.search(text, max(0, start - 40), start)
    return _normal(match.group(0)) if match else None


def qualifier_start(text: str, start: int) -> int:
    """Where the qualifier before ``start`` begins (``start`` itself when there is none)."""
    match = QUALIFIER.search(text, max(0, start - 40), start) if _may_end_a_qualifier(text, start) else None
    return match.start() if match else start


def qualifier_after(text: str, end: int) -> str | None:
    """A qualifier written just after a figure: "or more", "ou plus", "or less"."""
    match = _AFTER.match(text, end)
    return _normal(match.group("q")) if match else None


def qualifier_end(text: str, end: int) -> int:
    """Where the qualifier after ``end`` ends (``end`` itself when there is none)."""
    match = _AFTER.match(text, end)
    return match.end() if match else end


def bound(qualifier: str) -> str | None:
    """ "low" if the qualifier makes a lower bound, "high" for an upper bound, else None."""
    return _BOUNDS.get(qualifier) or _BOUNDS.get(qualifier.replace(" de", " d'"))
