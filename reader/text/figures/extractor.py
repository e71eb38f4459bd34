"""Find the key figures of a text: each number grows into its magnitude, unit or
currency, qualifier and range partner; numbers that belong to names are left out."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass

from reader.text.figures.dates import find_dates
from reader.text.figures.model import Figure
from reader.text.figures.names import is_name_or_ordinal, is_time_of_day
from reader.text.figures.numbers import (
    DIGITS,
    FRACTION,
    SHORT_MAGNITUDES,
    denominators_pattern,
    magnitude,
    parse_digits,
    parse_fraction,
    parse_ratio,
    parse_words,
    words_pattern,
)
from reader.text.figures.qualifiers import bound, qualifier_after, qualifier_before, qualifier_start
from reader.text.figures.units import (
    AMBIGUOUS_CURRENCIES,
    ANGLE,
    ARTICLE_UNITS,
    CURRENCY_PREFIX_PATTERN,
    CURRENCY_PREFIXES,
    CURRENCY_SUFFIX_PATTERN,
    CURRENCY_SUFFIXES,
    find_unit,
)

_SP = r"[ \u00a0\u202f\u2009]"
# The stray space of scraped French text after a decimal comma, only where a
# magnitude, percent or multiplier follows ("1, 3 million", "1, 5 fois", "1, 4 %").
_STRAY = rf"\d+,{_SP}\d{{1,2}}(?={_SP}?(?:%|(?:millions?|milliards?|billions?|fois|pour{_SP}?cent)(?![\w])))"
# "USD115": a currency code glued to the amount.
_GLUED_CODES = "|".join(f"(?<=\\b{code})" for code in ("USD", "EUR", "GBP", "CHF", "JPY", "CAD", "AUD", "CNY"))
# Shares in words: figures before a magnitude ("half a million" aside, "a quarter
# million"), else only when qualified or in a range ("more than half").
_SHARES = {
    "half": 0.5,
    "a half": 0.5,
    "quarter": 0.25,
    "a quarter": 0.25,
    "la moitié": 0.5,
    "moitié": 0.5,
    "un quart": 0.25,
}
# An article is the number one only before a unit of measure: "a gallon", never "a company".
_ARTICLES = {"en": "an?", "fr": "une?"}
_ARTICLE_AND_UNIT = {
    lang: re.compile(rf"\s+{article}\s+(?:{ARTICLE_UNITS[lang]})(?![\w])", re.IGNORECASE)
    for lang, article in _ARTICLES.items()
}
_UNIT_AFTER_ARTICLE = {
    lang: re.compile(rf"\s+(?:{units})(?![\w])", re.IGNORECASE) for lang, units in ARTICLE_UNITS.items()
}
_HALF_BEFORE = re.compile(r"(?<![\w])(?:(?:a|one)\s+)?half\s+$", re.IGNORECASE)

_SHARE_WORDS = "|".join(re.escape(words).replace(r"\ ", r"[\s-]+") for words in sorted(_SHARES, key=len, reverse=True))
_NUMBERS = {
    lang: re.compile(
        rf"(?:(?<![\w.,/:#@&+^])|{_GLUED_CODES})(?:(?P<stray>{_STRAY})|(?P<fraction>{FRACTION})|(?P<digits>{DIGITS}))"
        rf"|(?<![\w-])(?P<share>{_SHARE_WORDS})(?![\w])"
        rf"|(?<![\w-])(?P<words>{words_pattern(lang)}|an?(?=\s+(?:million|billion|trillion)(?![\w])))"
        rf"(?:[\s-]+(?P<denominator>{denominators_pattern(lang)}))?(?![\w])"
        rf"|(?<![\w-])(?P<article>{_ARTICLES[lang]})(?=\s+(?:{ARTICLE_UNITS[lang]})(?![\w]))",
        re.IGNORECASE,
    )
    for lang in ("fr", "en")
}
_WORDS_AFTER_MAGNITUDE = {
    lang: re.compile(rf",?\s+(?P<rest>{words_pattern(lang)})(?![\w])", re.IGNORECASE) for lang in ("fr", "en")
}
_MAGNITUDE = re.compile(
    rf"(?P<space>{_SP}?)(?P<word>thousands?|millions?|milliards?|billions?|trillions?|mille|lakhs?|crores?"
    r"|mds?|mrds?|bn|mn|mln|mio|tn|trn|k|m|b|t)(?![\w])",
    re.IGNORECASE,
)
_PERCENT = re.compile(
    rf"{_SP}?(?:%|pour{_SP}?cents?(?![\w])|pourcent(?:age)?s?(?![\w])|per{_SP}?cent(?:age)?s?(?![\w])"
    r"|percent(?:age)?s?(?![\w])|pct(?![\w]))",
    re.IGNORECASE,
)
# Percentage points: a difference between two percentages ("0,3 point de pourcentage", "2 percentage points", "0.5 pp").
_PERCENTAGE_POINTS = re.compile(
    rf"(?:{_SP}|-)?(?:points?{_SP}+de{_SP}+pourcentage|percentage(?:{_SP}|-)+points?|p\.{_SP}?p\.|pp)(?![\w])",
    re.IGNORECASE,
)
# "0,3 point" alone is percentage points where the sentence speaks of a percentage or a rate.
_POINTS = re.compile(rf"{_SP}?(?:points?|pts?)(?![\w])", re.IGNORECASE)
_RATE_WORDS = re.compile(
    r"%|(?<![\w])(?:pour\s?cent|pourcent(?:age)?|per\s?cent(?:age)?|taux|rates?)(?![\w])", re.IGNORECASE
)
_SENTENCE_END = re.compile(r"[.!?;](?=\s)|\n")
_POINTS_CONTEXT = 160  # characters each side in which the sentence is looked at
PERCENTAGE_POINTS_UNIT = "pp"
_PERCENT_OF = re.compile(
    r"(?<![\w])(?:per\s?cents?|percents?|percentages?|pourcent(?:age)?s?)\s+(?:of|de|des|d['’])\s*$",
    re.IGNORECASE,
)
_TIMES = re.compile(rf"(?:{_SP}?(?:fois|times)(?![\w])|[x×](?![\w]))", re.IGNORECASE)
_OF = re.compile(rf"(?:{_SP}|-)?(?:(?:de|of){_SP}+|d['’]{_SP}*)?", re.IGNORECASE)
_GAP = re.compile(rf"(?:{_SP}|-)?")
_COUNTED = re.compile(rf"{_SP}*(?:(?:de|d['’]|of){_SP}*)?(?P<noun>[^\W\d_][\w-]*)", re.IGNORECASE)
_RANGE_LINK = re.compile(
    r"^(?P<link>(?:[-–]\s+(?=à|to))?\s*(?:-|–|—|~|à|to|through|thru)\s*|\s+(?:et|and)\s+)$", re.IGNORECASE
)
_RANGE_OPENER = re.compile(r"(?<![\w])(?P<opener>entre|between|from)\s+$", re.IGNORECASE)
_CODE_HYPHEN = re.compile(r"(?<![\w])(?=\w*[^\W\d_])\w+-$")  # "scp2-173m", "F-35"
# "5 feet 2 inches", "12 ft 2 in": feet and inches make one length.
_INCHES = re.compile(r"(?:\s+and)?\s+(?P<inches>\d+(?:\.\d+)?)\s*(?:inches|inch|in)(?![\w])", re.IGNORECASE)
_MINUS = re.compile(rf"(?:^|(?<=[\s(]))[-−]{_SP}$")
# Numbers inside web addresses and e-mail addresses are never figures.
_ADDRESS = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+"  # bounded: no quadratic scan on long runs
    r"|(?<![\d-])\+?\d+(?:-\d+){2,}",
    re.IGNORECASE,
)
_NEGATIVE = re.compile(r"(?:(?<=[\s(<>=])|^)(?:[-−]|minus\s+|negative\s+)$", re.IGNORECASE)
_NUMBER_BEFORE = re.compile(r"\d\s*$")


@dataclass
class _Atom:
    """A number and what was found around it, before ranges are merged."""

    start: int
    end: int
    value: float
    raw: float
    kind: str = "number"
    unit: str | None = None
    currency: str | None = None
    si_value: float | None = None
    si_unit: str | None = None
    has_magnitude: bool = False
    is_words: bool = False
    is_ratio: bool = False  # a fraction in words: "two thirds"


def extract_figures(text: str, lang: str = "auto") -> list[Figure]:
    """Every key figure in ``text``, in order of appearance.

    :param lang: ``"fr"``, ``"en"`` or ``"auto"`` (detected from the text);
        it decides ambiguous notation such as "1,300" and "billion".
    """
    if lang not in ("fr", "en"):
        lang = _guess_language(text)
    figures: list[Figure] = []
    taken = bytearray(len(text))  # 1 inside addresses and dates: no number is read there
    for match in _ADDRESS.finditer(text):
        taken[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
    for start, end, iso, year in find_dates(text):
        figures.append(Figure(text[start:end], start, end, "date", float(year) if year else None, unit=iso))
        taken[start:end] = b"\x01" * (end - start)
    atoms = [atom for atom in _atoms(text, lang, taken) if atom is not None]
    figures.extend(_merge(text, atoms))
    figures.sort(key=lambda figure: (figure.start, figure.end))
    return [figure for figure in figures if _finite(figure)]


def _guess_language(text: str) -> str:
    from reader.text.language import detect_language

    return "fr" if detect_language(text) == "fr" else "en"


def _finite(figure: Figure) -> bool:
    numbers = (figure.value, figure.low, figure.high, figure.si_value)
    return all(number is None or math.isfinite(number) for number in numbers)


def _atoms(text: str, lang: str, taken: bytearray) -> Iterator[_Atom | None]:
    """Each number outside ``taken`` (dates, addresses), grown over what it counts."""
    position = 0
    for match in _NUMBERS[lang].finditer(text):
        start, end = match.span()
        if start < position or any(taken[start:end]):
            continue
        atom = _atom(text, match, lang, position)
        if atom is not None:
            position = atom.end
        yield atom


def _value(match: re.Match[str], lang: str) -> float | None:
    """The value of the number matched, however it is written."""
    if match.group("denominator"):
        return parse_ratio(match.group("words"), match.group("denominator"))  # "two thirds"
    if match.group("words"):
        words = match.group("words")
        return 1.0 if words.lower() in ("a", "an") else parse_words(words)  # "a million"
    if match.group("article"):
        return 1.0
    if match.group("share"):
        return _SHARES[" ".join(re.split(r"[\s-]+", match.group("share").lower()))]
    if match.group("fraction"):
        return parse_fraction(match.group("fraction"))
    return parse_digits(match.group(0), lang)


def _atom(text: str, match: re.Match[str], lang: str, floor: int) -> _Atom | None:
    """One number grown into a figure; None for a number that is not one (a name, an ordinal)."""
    start, end = match.span()
    raw = _value(match, lang)
    if raw is None:
        return None
    if match.group("share") and _ARTICLE_AND_UNIT[lang].match(text, end):
        return None  # "half a mile": read from its article
    if match.group("article"):
        if floor and text[floor:start].isspace():
            return None  # "$3 a gallon", "64 cents a dozen": a price per unit, counted already
        if half := _HALF_BEFORE.search(text, max(floor, start - 12), start):
            raw, start = 0.5, half.start()
    is_ratio = bool(match.group("denominator"))
    is_words = bool((match.group("words") and not is_ratio) or match.group("article"))
    atom = _Atom(start, end, raw, raw, is_words=is_words, is_ratio=is_ratio)
    signed = _signed_prefix_currency(text, start, floor)
    prefix_currency = signed or _prefix_currency(text, start, floor)
    _grow_right(text, atom, lang, prefix_currency)
    if prefix_currency and atom.kind in ("number", "money"):
        code, prefix_start = prefix_currency
        atom.kind, atom.currency, atom.unit, atom.start = "money", code, code, prefix_start
        if signed:  # "$-99.99"
            atom.value, atom.raw = -atom.value, -atom.raw
    if atom.kind in ("money", "multiplier"):
        _grow_rate(text, atom)
    if atom.kind == "number" and (percent_of := _PERCENT_OF.search(text, max(floor, start - 24), start)):
        atom.kind, atom.unit, atom.start = "percent", "%", percent_of.start()  # "percent of 10"
    _apply_sign(text, atom, floor)
    if match.group("fraction") and atom.kind not in ("quantity", "money"):
        atom.kind = "weak"  # "24/7", "1/4 point": a ratio or a score, unless qualified ("more than 1/2")
    if _is_article(match) and not atom.has_magnitude and not _UNIT_AFTER_ARTICLE[lang].match(text, end):
        return None  # "a company", "un livre" (a book), "une fois": an article
    if atom.is_words and atom.raw == 1 and not atom.has_magnitude and atom.unit in _CALENDAR:
        return None  # "une année", "a day", "one day": an article, not a count
    if atom.kind == "number" and not atom.has_magnitude and _GLUED_CODE.match(text, atom.end):
        return None  # "860BOX", "5G": a code
    if (
        atom.kind == "number"
        and not atom.has_magnitude
        and is_name_or_ordinal(text, atom.start, atom.end, words=atom.is_words)
    ):
        return None
    if atom.kind == "number" and match.group("share") and not atom.has_magnitude:
        atom.kind = "weak"  # "the first half": a figure only as "more than half"
    if atom.kind == "number" and atom.is_words and not atom.has_magnitude and _minor_word_number(atom, text):
        atom.kind = "weak"  # a figure only as a range partner or after a qualifier
    return atom


_CALENDAR = {"s", "min", "h", "d", "wk", "mo", "yr"}
# Letters glued after a number that grew into nothing: a code or a model ("860BOX", "3D"),
# but "the 1990s" is a decade.
_GLUED_CODE = re.compile(r"(?!s(?![\w]))[^\W\d_]")
# "$15.4/hour", "$350 per kg", "four times per week", "3 fois par jour", "$20 an hour".
_RATE = re.compile(r"[ \u00a0]*/[ \u00a0]*|\s+(?:per|par|(?P<article>an?))\s+", re.IGNORECASE)
_RELATIVE_TIME = re.compile(r"\s+(?:earlier|ago|later|before|after|since|prior)(?![\w])", re.IGNORECASE)


def _grow_rate(text: str, atom: _Atom) -> None:
    """Extend money or a multiplier over the unit it is counted by; after an article,
    only a time ("$20 an hour", but not "$5bn a year earlier" nor "64 cents a dozen")."""
    rate = _RATE.match(text, atom.end)
    found = rate and find_unit(text, rate.end())
    if rate is None or not found:
        return
    unit, end = found
    if rate.group("article") and (unit.si_unit != "s" or _RELATIVE_TIME.match(text, end)):
        return
    atom.unit, atom.end = f"{atom.unit}/{unit.symbol}", end


def _is_article(match: re.Match[str]) -> bool:
    """ "a", "an", and French "un"/"une", which is as often an article as the number one."""
    return bool(match.group("article")) or (match.group("words") or "").lower() in ("un", "une")


def _minor_word_number(atom: _Atom, text: str) -> bool:
    """ "un", "one", "a": articles more often than counts; "neuf" is mostly "new"."""
    return atom.raw < 2 or text[atom.start : atom.end].lower() == "neuf"


def _apply_sign(text: str, atom: _Atom, floor: int) -> None:
    """A minus sign or word before the number: "-5 °C", "<-30", "minus five percent"."""
    window = max(floor, atom.start - 9)
    sign = _NEGATIVE.search(text, window, atom.start)
    if sign is None and atom.si_unit in ("°C", "K", "°"):
        sign = _MINUS.search(text, window, atom.start)  # "- 20 degrés": spaced, temperatures only
    if sign is None or _NUMBER_BEFORE.search(text, max(0, sign.start() - 3), sign.start()):
        return  # "75 -300mm": a range, not a negative number
    atom.start = sign.start()
    atom.value, atom.raw = -atom.value, -atom.raw
    if atom.si_value is not None:
        atom.si_value = -atom.si_value if atom.unit != "°F" else (atom.value - 32) * 5 / 9


def _signed_prefix_currency(text: str, start: int, floor: int) -> tuple[str, int] | None:
    """The currency of "$-99.99", written before a minus sign; not "RS-25", an engine."""
    if start <= floor + 1 or text[start - 1] not in "-−" or text[start - 2].isalpha():
        return None
    return _prefix_currency(text, start - 1, floor)


def _prefix_currency(text: str, start: int, floor: int) -> tuple[str, int] | None:
    """The currency written before a number ("$", "US$", "CHF ", "€") and where it starts.

    Letter codes count in capitals ("CHF 12"); in lower case only "eur" and
    "usd", so that words such as "rs" or "aud" in running text are left alone.
    """
    match = CURRENCY_PREFIX_PATTERN.search(text, max(floor, start - 8), start)
    if match is None:
        return None
    written = match.group(0).strip()
    symbol = re.sub(r"\s+", " ", written.lower())
    code = CURRENCY_PREFIXES.get(symbol)
    if code is None or (symbol.isalpha() and not written[0].isupper() and symbol not in ("eur", "usd")):
        return None
    return code, match.start()


def _skip(pattern: re.Pattern[str], text: str, pos: int) -> int:
    """Where ``pattern`` (one that may match nothing, as ``_OF`` and ``_GAP``) ends, matched at ``pos``."""
    match = pattern.match(text, pos)
    return match.end() if match else pos


def _grow_right(text: str, atom: _Atom, lang: str, prefix_currency: tuple[str, int] | None) -> None:
    """Extend ``atom`` over its magnitude word, then its percent, multiplier, currency or unit."""
    _grow_magnitude(text, atom, lang, prefix_currency)
    if prefix_currency:  # "$4.2bn": the currency is known, only a magnitude may follow
        return
    for grow in (_grow_percent, _grow_multiplier, _grow_currency, _grow_unit, _grow_counted_noun):
        if grow(text, atom, lang):
            return


def _grow_magnitude(text: str, atom: _Atom, lang: str, prefix_currency: tuple[str, int] | None) -> None:
    """ "65 milliards", "$4.2bn", "5k": single letters count only glued to the number
    and next to a currency, where they cannot be a unit ("1.8m" is metres)."""
    mag = _MAGNITUDE.match(text, atom.end)
    if mag is None:
        return
    word = mag.group("word")
    factor = magnitude(word, lang) or magnitude(word, "en")
    if factor is None:
        return
    if word.lower() in SHORT_MAGNITUDES:
        glued = not mag.group("space")
        currency_next = CURRENCY_SUFFIX_PATTERN.match(text, _skip(_OF, text, mag.end()))
        money = prefix_currency or (currency_next and currency_next.group(0)[:1] in "$€£")
        if not ((word in ("k", "K") and glued) or (money and (glued or word.lower() in ("md", "m")))):
            return
        if find_unit(text, mag.start("word")) and not money:
            return
    atom.value = atom.raw * factor
    atom.end = mag.end()
    atom.has_magnitude = True
    if atom.is_words:
        _grow_words_after_magnitude(text, atom, lang, factor)


def _grow_words_after_magnitude(text: str, atom: _Atom, lang: str, factor: float) -> None:
    """ "three million, two hundred & forty", "deux millions trois cent mille": the words
    after a magnitude add to it when they are several and smaller than it ("two million
    two years ago" is two figures)."""
    rest = _WORDS_AFTER_MAGNITUDE[lang].match(text, atom.end)
    if rest is None or len(re.split(r"[\s-]+", rest.group("rest").strip())) < 2:
        return
    value = parse_words(rest.group("rest"))
    if value is not None and value < factor:
        atom.value += value
        atom.end = rest.end()


def _grow_percent(text: str, atom: _Atom, lang: str) -> bool:
    """ "7,3 %", "5 percent"; percentage points: "0,3 point de pourcentage", "2 percentage points", "0,3 point" by a rate."""
    points = _PERCENTAGE_POINTS.match(text, atom.end) or (
        (bare := _POINTS.match(text, atom.end)) and _speaks_of_a_rate(text, atom.start, bare.end()) and bare
    )
    if points:
        atom.kind, atom.unit, atom.end = "percent", PERCENTAGE_POINTS_UNIT, points.end()
        return True
    percent = _PERCENT.match(text, atom.end)
    if percent:
        atom.kind, atom.unit, atom.end = "percent", "%", percent.end()
    return bool(percent)


def _speaks_of_a_rate(text: str, start: int, end: int) -> bool:
    """Whether the sentence around ``text[start:end]`` holds a percentage or a rate ("taux", "rate")."""
    before = text[max(0, start - _POINTS_CONTEXT) : start]
    after = text[end : end + _POINTS_CONTEXT]
    ends_before = list(_SENTENCE_END.finditer(before))
    sentence_start = ends_before[-1].end() if ends_before else 0
    end_after = _SENTENCE_END.search(after)
    return bool(
        _RATE_WORDS.search(before, sentence_start)
        or _RATE_WORDS.search(after, 0, end_after.start() if end_after else len(after))
    )


def _grow_multiplier(text: str, atom: _Atom, lang: str) -> bool:
    """ "160 fois", "3 times", "3x" (glued only: "3 x 4" is a product)."""
    times = _TIMES.match(text, atom.end)
    if times and (times.group(0).strip().lower() not in ("x", "×") or times.start() == atom.end):
        atom.kind, atom.unit, atom.end = "multiplier", "x", times.end()
        return True
    return False


def _grow_currency(text: str, atom: _Atom, lang: str) -> bool:
    """ "62 milliards d'euros", "23,45 €", "15 cents", "120 MEUR"."""
    currency = CURRENCY_SUFFIX_PATTERN.match(text, _skip(_OF if atom.has_magnitude else _GAP, text, atom.end))
    if currency is None:
        return False
    name = re.sub(r"\s+", " ", currency.group(0).lower())
    code = CURRENCY_SUFFIXES.get(name) or (AMBIGUOUS_CURRENCIES.get(name) if atom.has_magnitude else None)
    if code is None and len(name) == 4 and name.startswith("m"):  # "120 MEUR": millions of euros
        code = name[1:].upper()
        atom.value *= 1e6
        atom.has_magnitude = True
    if code is None:
        return False
    _make_money(atom, code, lang, currency.end(), text, name)
    return True


def _grow_unit(text: str, atom: _Atom, lang: str) -> bool:
    """ "30 mégawatts", "1,6 km", "-5 degrés fahrenheit", "5 feet 2 inches"."""
    position = atom.end
    if is_time_of_day(text, atom.start, position):
        return False  # "2 pm" is an hour, "2.1 pm" picometres
    if margin := _MARGIN.match(text, position):
        position = margin.end()  # "9.83e-3 +/- 1e-5 km/s2": the unit comes after the margin
    found = find_unit(text, _skip(_OF, text, position)) or find_unit(text, _skip(_GAP, text, position))
    if found is None:
        return False
    unit, unit_end = found
    if unit.symbol == "°" and _ANGLE_CONTEXT.search(text, max(0, atom.start - 25), min(len(text), unit_end + 8)):
        unit = ANGLE
    if not _unit_is_plausible(text, position, unit_end, atom):
        return False
    atom.kind, atom.unit, atom.end = "quantity", unit.symbol, unit_end
    if unit.symbol == "ft" and (inches := _INCHES.match(text, unit_end)):
        atom.value += float(inches.group("inches")) / 12
        atom.end = inches.end()
    atom.si_value, atom.si_unit = unit.to_si(atom.value), unit.si_unit
    if _POSSESSIVE.match(text, atom.end - 1):
        atom.end += 1  # "six weeks' time"
    return True


def _grow_counted_noun(text: str, atom: _Atom, lang: str) -> bool:
    """ "1,3 million de GPU", "600 millions d'utilisateurs", "two million people"."""
    if not atom.has_magnitude:
        return False
    counted = _COUNTED.match(text, atom.end)
    if counted and _is_counted_noun(counted.group("noun"), text, atom.end, counted.start("noun"), lang):
        atom.kind, atom.unit, atom.end = "quantity", counted.group("noun"), counted.end()
        return True
    return False


_ANGLE_CONTEXT = re.compile(r"\b(?:turn|rotat|tourn|angle|pivot)", re.IGNORECASE)
_STOP_NOUNS = {
    "the",
    "a",
    "an",
    "in",
    "of",
    "to",
    "and",
    "or",
    "for",
    "on",
    "at",
    "by",
    "from",
    "with",
    "le",
    "la",
    "les",
    "de",
    "des",
    "du",
    "en",
    "et",
    "ou",
    "à",
    "au",
    "aux",
    "pour",
    "par",
    "dans",
    "sur",
    "que",
    "qui",
    "il",
    "elle",
    "this",
    "that",
    "is",
    "was",
    "are",
    "be",
    "will",
    "d",
    "l",
    "un",
    "une",
    "ans",
    "année",
    "years",
    "year",
    "fois",
    "times",
}


def _is_counted_noun(noun: str, text: str, number_end: int, noun_start: int, lang: str) -> bool:
    """French counts with "de" ("1,3 million de GPU"); English puts the noun right after."""
    if noun.lower() in _STOP_NOUNS or len(noun) < 2 or parse_words(noun) is not None:
        return False  # "two million two years ago": a number is not what is counted
    has_de = bool(text[number_end:noun_start].strip())
    if lang == "fr":
        return has_de or noun.isupper()
    return not has_de and (noun.islower() or noun.isupper() or noun[:-1].isupper())


# After a spaced "in", what shows it is inches and not the preposition.
_INCHES_AS_WORD = re.compile(
    r"\s*(?:$|[.;:!?)\]](?!\w))|\s+(?:thick|long|wide|tall|high|deep|across|in diameter)(?![\w])", re.IGNORECASE
)
_MARGIN = re.compile(rf"{_SP}*(?:±|\+/-|\+-){_SP}*(?:{DIGITS})")
_POSSESSIVE = re.compile(r"s['’](?![\w])")


def _unit_is_plausible(text: str, number_end: int, unit_end: int, atom: _Atom) -> bool:
    """Short unit symbols need to touch the number or be clearly separate from a word."""
    written = text[number_end:unit_end].strip(" -\u00a0\u202f")
    written = re.sub(r"^(?:de|d['’]|of)\s*", "", written, flags=re.IGNORECASE)
    if written.lower() in ("an", "once", "second") and not atom.has_magnitude:
        return False
    if written.lower() == "in" and text[number_end : number_end + 1].isspace():  # "2 in thick", "2 in.", not "2 in 5"
        return written == "in" and bool(_INCHES_AS_WORD.match(text, unit_end))
    if written in ("a", "A", "h", "s", "d") and text[number_end : number_end + 1].isspace():
        return False
    if re.match(r"-\d|/[^\W\d_]", text[unit_end : unit_end + 2]):
        return False  # "24703 L-202": a reference, not a volume; "20min/Robin": a credit
    if atom.is_words and len(written) <= 2:
        return False  # "Une t.": an article and a letter
    return not _CODE_HYPHEN.search(text, max(0, atom.start - 20), atom.start)


# Subunits: a hundredth of the language's currency ("cent"), or of a named one.
_SUBUNITS = {"GBp": ("GBP", 0.01), "USD-dime": ("USD", 0.1)}
# "15 dollars 50", "3 dollars 50 cents", "treize euros et quarante-cinq cents".
_CENTS = re.compile(
    rf"(?:\s+(?:and|et))?\s+(?P<cents>\d{{1,2}}|{words_pattern('en')}|{words_pattern('fr', hundreds=False)})(?P<unit>\s*(?:cents?|centimes?))?(?![\w%$€£]|[.,]\d|\s*[$€£%])",
    re.IGNORECASE,
)
_MAJOR_UNITS = {"dollar", "dollars", "euro", "euros", "usd", "eur", "$", "€"}


def _make_money(atom: _Atom, code: str, lang: str, end: int, text: str = "", written: str = "") -> None:
    if code == "cent":
        code = "EUR" if lang == "fr" else "USD"
        atom.value /= 100
    elif code in _SUBUNITS:
        code, share = _SUBUNITS[code]
        atom.value *= share
    atom.kind, atom.currency, atom.unit, atom.end = "money", code, code, end
    if atom.has_magnitude:
        return
    if (mag := _MAGNITUDE.match(text, end)) and len(mag.group("word")) > 2:
        atom.value *= magnitude(mag.group("word"), lang) or 1.0  # "75 USD million"
        atom.end = mag.end()
        atom.has_magnitude = True
    elif written.lower() in _MAJOR_UNITS:
        _add_cents(text, atom)


def _add_cents(text: str, atom: _Atom) -> None:
    match = _CENTS.match(text, atom.end)
    if match is None:
        return
    words = match.group("cents")
    cents = parse_digits(words, "en") if words.isdigit() else parse_words(words)
    if cents is None or cents >= 100:
        return
    if not match.group("unit") and (
        _MAGNITUDE.match(text, match.end()) or CURRENCY_SUFFIX_PATTERN.match(text, _skip(_GAP, text, match.end()))
    ):
        return
    atom.value += cents / 100
    atom.end = match.end()


def _merge(text: str, atoms: list[_Atom]) -> list[Figure]:
    """Join "51 et 53 milliards de dollars" into one range; attach qualifiers; drop loose words."""
    figures: list[Figure] = []
    index = 0
    while index < len(atoms):
        atom = atoms[index]
        partner = atoms[index + 1] if index + 1 < len(atoms) else None
        if partner and _compatible(atom, partner) and (bounded := _bounded_pair(text, atom, partner)):
            figures.append(bounded)
            index += 2
            continue
        if (
            partner
            and (link := _RANGE_LINK.match(text[atom.end : partner.start]))
            and _compatible(atom, partner)
            and not _descending(atom, partner)
        ):
            opener = _RANGE_OPENER.search(text, max(0, atom.start - 10), atom.start)
            needs_opener = link.group("link").strip().lower() in ("et", "and")
            if opener or not needs_opener:
                figures.append(_range_figure(text, atom, partner, opener.start() if opener else atom.start))
                index += 2
                continue
        figure = _single_figure(text, atom)
        if figure is not None:
            figures.append(figure)
        index += 1
    return figures


_PAIR_LINK = re.compile(r"^\s*,?\s*(?:(?:and|but|et|mais)\s+)?$", re.IGNORECASE)


def _bounded_pair(text: str, first: _Atom, second: _Atom) -> Figure | None:
    """ "more than 10 and less than 20", "at most 100 and at least 20": one range."""
    first_qualifier = qualifier_before(text, first.start)
    second_qualifier = qualifier_before(text, second.start)
    if not (first_qualifier and second_qualifier):
        return None
    gap = text[first.end : qualifier_start(text, second.start)]
    directions = {bound(first_qualifier), bound(second_qualifier)}
    if directions != {"low", "high"} or not _PAIR_LINK.match(gap):
        return None
    low, high = (first, second) if bound(first_qualifier) == "low" else (second, first)
    if low.value >= high.value:
        return None  # "more than 40 and less than 10": two conditions, not a range
    template = second if second.kind not in ("number", "weak") else first
    kind = "number" if template.kind == "weak" else template.kind
    return Figure(
        text[first.start : second.end],
        first.start,
        second.end,
        kind,
        low.value,
        low.value,
        high.value,
        template.unit,
        template.currency,
        _scaled_si(template, low.value),
        template.si_unit,
        first_qualifier,
    )


def _descending(low: _Atom, high: _Atom) -> bool:
    """ "2013-14", "10 - 3": bare numbers going down are not a range."""
    return low.kind == high.kind == "number" and not high.has_magnitude and high.raw < low.raw


def _compatible(low: _Atom, high: _Atom) -> bool:
    """Whether two neighbouring numbers may be the ends of one range."""
    if low.kind == "date" or high.kind == "date":
        return False
    if low.is_words != high.is_words and not (low.has_magnitude or high.has_magnitude):
        return False
    if _share_like(low) != _share_like(high) and not (low if _share_like(low) else high).is_words:
        return False  # a share or a fraction pairs only with its like: not "the quarter to $254 million"
    if low.kind not in ("number", "weak") and high.kind not in ("number", "weak"):
        return low.kind == high.kind and low.unit == high.unit
    return True


def _share_like(atom: _Atom) -> bool:
    return atom.kind == "weak" or atom.is_ratio


def _range_figure(text: str, low: _Atom, high: _Atom, qualifier_from: int) -> Figure:
    """ "51 et 53 milliards de dollars": the range, spanning both numbers; a
    qualifier is looked for before ``qualifier_from`` (before "entre", "between")."""
    template = high if high.kind not in ("number", "weak") else low
    kind = "number" if template.kind == "weak" else template.kind
    low_value = low.value
    if high.has_magnitude and not low.has_magnitude and low.raw <= high.raw:
        low_value = low.raw * (high.value / high.raw if high.raw else 1.0)
    high_value = high.value
    if template is low and low.has_magnitude and not high.has_magnitude:
        high_value = high.raw * (low.value / low.raw if low.raw else 1.0)
    approx = qualifier_before(text, qualifier_from)
    figure_start = low.start
    return Figure(
        text[figure_start : high.end],
        figure_start,
        high.end,
        kind,
        low_value,
        low_value,
        high_value,
        template.unit,
        template.currency,
        _scaled_si(template, low_value),
        template.si_unit,
        approx,
    )


def _scaled_si(template: _Atom, value: float) -> float | None:
    if template.si_value is None or not template.value:
        return None
    return template.si_value * value / template.value


def _single_figure(text: str, atom: _Atom) -> Figure | None:
    """The figure one number makes on its own, with its qualifier (a bound is preferred
    to a rounding: "about 500 or more" is "or more"); None for a weak number unqualified."""
    before = qualifier_before(text, atom.start)
    approx = before if before and bound(before) else qualifier_after(text, atom.end) or before
    kind = atom.kind
    if kind == "weak":
        if approx is None or (atom.is_words and atom.raw < 2):
            return None  # "plus d'un Français sur deux": an article, even qualified
        kind = "number"
    if kind == "number" and not atom.has_magnitude and _looks_like_year(text, atom):
        return Figure(
            text[atom.start : atom.end], atom.start, atom.end, "date", atom.value, unit=f"{int(atom.value):04d}"
        )
    return Figure(
        text[atom.start : atom.end],
        atom.start,
        atom.end,
        kind,
        atom.value,
        unit=atom.unit,
        currency=atom.currency,
        si_value=atom.si_value,
        si_unit=atom.si_unit,
        approx=approx,
    )


def _looks_like_year(text: str, atom: _Atom) -> bool:
    written = text[atom.start : atom.end]
    return written.isdigit() and len(written) == 4 and 1800 <= atom.value <= 2100
