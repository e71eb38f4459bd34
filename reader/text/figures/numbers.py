"""Numerals: digits in either decimal convention, powers of ten, numbers and fractions
written in words, magnitude words."""

from __future__ import annotations

import math
import re
import unicodedata

SPACES = " \u00a0\u202f\u2009"

# "1 426,30", "1,300,000", "1.458.000,00", "23,45", "1.3", "2025". The thousands
# separator repeats itself (a back-reference), so "1,2,3" is not one number.
DIGITS = (
    r"\d+(?:\.\d+)?[ \u00a0]?[x×][ \u00a0]?(?:10(?:[−-]\d+|⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)|\d+\^[-−]?\d+)(?![\w])"  # "2.48×10−5", "3 × 10^8"
    r"|\d{1,3}(?P<sep>[ \u00a0\u202f\u2009,.])\d{3}(?:(?P=sep)\d{3})*(?![\d])(?:[.,]\d+)?"
    r"|\d+(?:\.\d+)?[eE][-+]?\d+(?![\w])"  # scientific notation: "4e14", "1e-3"
    r"|\d+(?:[.,]\d+)?"
)

_POWER_OF = re.compile(r"(\d+(?:\.\d+)?)\s?[x×]\s?(\d+)(?:\^)?([-−⁻]?[\d⁰¹²³⁴⁵⁶⁷⁸⁹]+)")
_LARGEST_EXPONENT = 308


def parse_power(numeral: str) -> float | None:
    """The value of "2.48×10−5", "3 × 10^8", "8x2^10" or "3×10⁸"; None past a float's range."""
    match = _POWER_OF.fullmatch(numeral)
    if match is None:
        return None
    mantissa, base, written_exponent = match.groups()
    exponent = int(unicodedata.normalize("NFKC", written_exponent).replace("−", "-").replace("⁻", "-"))
    if int(base) == 0 or abs(exponent) * math.log10(max(int(base), 2)) > _LARGEST_EXPONENT:
        return None
    value = float(mantissa) * float(base) ** exponent
    return value if math.isfinite(value) else None


# "1/4", "10 1/2", "½", "2½": kept only when a unit follows ("1/4 mile").
FRACTION = r"(?:\d+[ \u00a0])?\d+/\d+(?![\d/])|\d*[½⅓⅔¼¾⅕⅛⅜⅝⅞]"  # "60/80" is not 6 + 0/80


def parse_fraction(written: str) -> float | None:
    """The value of "10 1/2", "1/4", "½" or "2½"."""
    match = re.fullmatch(r"(?:(\d+)[ \u00a0])?(\d+)/(\d+)|(\d*)(.)", written)
    if match is None:
        return None
    whole, numerator, denominator, glued_whole, glyph = match.groups()
    whole = whole or glued_whole
    if glyph:
        part = unicodedata.numeric(glyph)
    elif int(denominator) == 0:
        return None
    else:
        part = int(numerator) / int(denominator)
    return (int(whole) if whole else 0) + part


_UNITS_EN = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_UNITS_FR = {
    "zéro": 0,
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "treize": 13,
    "quatorze": 14,
    "quinze": 15,
    "seize": 16,
    "vingt": 20,
    "vingts": 20,
    "trente": 30,
    "quarante": 40,
    "cinquante": 50,
    "soixante": 60,
    "septante": 70,
    "huitante": 80,
    "octante": 80,
    "nonante": 90,
}
_HUNDREDS = {"hundred": 100, "cent": 100, "cents": 100}
_THOUSANDS = {"thousand": 1e3, "mille": 1e3}

# Magnitude words after a number: "65 milliards", "$4.2bn", "1,3 million", "€10M".
# French "billion" is 10^12 and "trillion" 10^18; in English 10^9 and 10^12.
MAGNITUDES_EN = {
    "thousand": 1e3,
    "thousands": 1e3,
    "k": 1e3,
    "million": 1e6,
    "millions": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "mio": 1e6,
    "billion": 1e9,
    "billions": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "trillions": 1e12,
    "tn": 1e12,
    "trn": 1e12,
    "t": 1e12,
    "lakh": 1e5,
    "lakhs": 1e5,
    "crore": 1e7,
    "crores": 1e7,
}
MAGNITUDES_FR = {
    "mille": 1e3,
    "k": 1e3,
    "million": 1e6,
    "millions": 1e6,
    "m": 1e6,
    "mio": 1e6,
    "milliard": 1e9,
    "milliards": 1e9,
    "md": 1e9,
    "mds": 1e9,
    "mrd": 1e9,
    "mrds": 1e9,
    "billion": 1e12,
    "billions": 1e12,
    "trillion": 1e18,
    "trillions": 1e18,
}
# Single letters are magnitudes only glued to a number or before a currency ("£12m", "5k").
SHORT_MAGNITUDES = {"k", "m", "b", "t", "md"}


def magnitude(word: str, lang: str) -> float | None:
    """The power of ten a magnitude word stands for in ``lang``, or None."""
    table = MAGNITUDES_FR if lang == "fr" else MAGNITUDES_EN
    return table.get(word.lower())


def parse_digits(numeral: str, lang: str) -> float | None:
    """The value of a numeral written with digits, in the conventions of ``lang``.

    Both separators present: the last one is the decimal mark. One separator
    repeated: thousands. One separator once before exactly three digits:
    thousands for "," in English and "." in French, decimal otherwise.
    A space after a French decimal comma ("1, 3") is tolerated.
    """
    if re.search(r"[x×]", numeral):
        return parse_power(numeral)
    if re.fullmatch(r"\d+(?:\.\d+)?[eE][-+]?\d+", numeral):
        value = float(numeral)
        return value if math.isfinite(value) else None
    text = re.sub(r"(?<=,)\s+", "", numeral)
    for space in SPACES:
        text = text.replace(space, "")
    separators = [ch for ch in text if ch in ",."]
    if not separators:
        return float(text) if text.isdigit() else None
    if "," in separators and "." in separators:
        decimal = separators[-1]
        thousands = "." if decimal == "," else ","
        text = text.replace(thousands, "").replace(decimal, ".")
    elif len(separators) > 1:
        text = text.replace(separators[0], "")
    else:
        mark = separators[0]
        head, _, tail = text.partition(mark)
        thousands_mark = "," if lang != "fr" else "."
        text = head + tail if mark == thousands_mark and len(tail) == 3 and head != "0" else f"{head}.{tail}"
    try:
        return float(text)
    except ValueError:
        return None


_WORD_VALUES = {**_UNITS_EN, **_UNITS_FR, **_HUNDREDS, **_THOUSANDS}
_BIG = {"million": 1e6, "millions": 1e6, "milliard": 1e9, "milliards": 1e9}


def words_pattern(lang: str, *, hundreds: bool = True) -> str:
    """A regex for a run of number words in ``lang``: "twenty-two", "one hundred and two",
    "quatre-vingt-dix-sept", "cinq cent trente cinq", "vingt et un".

    Magnitude words are left to the caller. ``hundreds=False`` leaves out French
    "cent(s)", which after a number may be the currency subunit.
    """
    if lang == "fr":
        first = {*_UNITS_FR, "mille", "quatre-vingt", "quatre-vingts"} | ({"cent", "cents"} if hundreds else set())
        words = first
        joiner = r"\s+et\s+(?=un|une|onze)"  # "vingt et un", not "dix et quinze"
        half = r"(?:\s+et\s+demie?)?"
    else:
        first = set(_UNITS_EN)  # "several hundred years" is no number
        words = {*first, "hundred", "thousand"}
        joiner = r"(?:(?<=hundred)|(?<=thousand))\s+(?:and|&)\s+"  # "one hundred and two", not "ten and fifteen"
        half = r"(?:\s+and\s+a\s+half)?"
    first_alternation = "|".join(sorted(first, key=len, reverse=True))
    if lang != "fr":
        first_alternation = rf"an?\s+(?:hundred|thousand)|{first_alternation}"  # "a hundred and two"
    alternation = "|".join(sorted(words, key=len, reverse=True))
    return rf"(?:{first_alternation})(?:(?:[\s-]+|{joiner})(?:{alternation}))*{half}"


def parse_words(phrase: str) -> float | None:
    """The value of a number written in English or French words, or None."""
    tokens = re.split(r"[\s-]+", phrase.lower().replace("quatre-vingt", "quatrevingt"))
    total = 0.0
    current = 0.0
    seen = False
    for token in tokens:
        if token in ("and", "&", "et", "a", "an", ""):
            continue
        if token in ("half", "demi", "demie"):  # "two and a half", "deux et demi"
            current += 0.5
        elif token in ("quatrevingt", "quatrevingts"):
            current += 80
        elif token in _HUNDREDS:
            current = max(current, 1) * 100
        elif token in _THOUSANDS:
            total += max(current, 1) * 1000
            current = 0
        elif token in _BIG:
            total += max(current, 1) * _BIG[token]
            current = 0
        elif token in _WORD_VALUES:
            current += _WORD_VALUES[token]
        else:
            return None
        seen = True
    return total + current if seen else None


# Fractions in words with a numerator: "two thirds", "one sixth", "trois cinquièmes".
_DENOMINATORS = {
    "en": {
        "half": 2,
        "halves": 2,
        "third": 3,
        "thirds": 3,
        "quarter": 4,
        "quarters": 4,
        "fourth": 4,
        "fourths": 4,
        "fifth": 5,
        "fifths": 5,
        "sixth": 6,
        "sixths": 6,
        "seventh": 7,
        "sevenths": 7,
        "eighth": 8,
        "eighths": 8,
        "ninth": 9,
        "ninths": 9,
        "tenth": 10,
        "tenths": 10,
        "hundredth": 100,
        "hundredths": 100,
        "thousandth": 1000,
        "thousandths": 1000,
    },
    "fr": {
        "tiers": 3,
        "quarts": 4,
        "cinquièmes": 5,
        "sixièmes": 6,
        "septièmes": 7,
        "huitièmes": 8,
        "neuvièmes": 9,
        "dixièmes": 10,
        "centièmes": 100,
        "millièmes": 1000,
    },
}


def denominators_pattern(lang: str) -> str:
    """A regex for the denominator that may follow a number in words: "thirds", "cinquièmes"."""
    return "|".join(sorted(_DENOMINATORS[lang], key=len, reverse=True))


def parse_ratio(numerator: str, denominator: str) -> float | None:
    """The value of a fraction in words ("two thirds"); None for whole pieces ("the two
    halves") and after French "un", an article or an ordinal ("un cinquième mandat")."""
    top = parse_words(numerator)
    bottom = _DENOMINATORS["fr" if denominator.lower() in _DENOMINATORS["fr"] else "en"][denominator.lower()]
    if top is None or top % bottom == 0 or numerator.lower() in ("un", "une"):
        return None
    return top / bottom
