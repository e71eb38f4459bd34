"""Dates in French and English: "28 janvier 2025", "January 21, 2025", "2025-01-28", "mars 2024",
and spans of two years ("2013-14", a fiscal year or a season)."""

from __future__ import annotations

import re
from collections.abc import Iterator

MONTHS = {
    "janvier": 1,
    "février": 2,
    "fevrier": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "août": 8,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "décembre": 12,
    "decembre": 12,
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan.": 1,
    "feb.": 2,
    "aug.": 8,
    "sept.": 9,
    "oct.": 10,
    "nov.": 11,
    "dec.": 12,
}
_MONTH = "|".join(re.escape(name) for name in sorted(MONTHS, key=len, reverse=True))
_DAY = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:er|st|nd|rd|th)?"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"

# "2013-14", "2019/20": the second year written short, the one after the first.
_YEAR_SPAN = re.compile(r"\b(?P<year>1[89]\d\d|20\d\d)[-–/](?P<next>\d\d)\b(?![-/]\d)")
_PATTERNS = [
    re.compile(r"\b(?P<year>1[89]\d\d|20\d\d)-(?P<month_num>0[1-9]|1[0-2])(?:-(?P<day>0[1-9]|[12]\d|3[01]))?\b"),
    re.compile(rf"\b{_DAY}\s+(?P<month>{_MONTH})(?:\s+{_YEAR})?(?![\w])", re.IGNORECASE),
    re.compile(rf"\b(?P<month>{_MONTH})\s+{_DAY}(?:,?\s+{_YEAR})?(?![\w])", re.IGNORECASE),
    re.compile(rf"\b(?P<month>{_MONTH})\s+{_YEAR}\b", re.IGNORECASE),
]
# "May" and "mars" are also ordinary words: alone with a day they need a capital or a year.
_AMBIGUOUS = {"may", "mars", "mai"}
# Every date above has a digit: text without one is not scanned.
_DIGIT = re.compile(r"\d")


def find_dates(text: str) -> Iterator[tuple[int, int, str, int | None]]:
    """Each date in ``text``: (start, end, ISO form, year or None); spans never overlap."""
    if not _DIGIT.search(text):
        return
    taken = bytearray(len(text))  # 1 where a date was found: later patterns skip it
    for match in _YEAR_SPAN.finditer(text):
        first = int(match.group("year"))
        if int(match.group("next")) == (first + 1) % 100:
            taken[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
            yield match.start(), match.end(), f"{first:04d}/{first + 1:04d}", first
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(taken[start:end]):
                continue
            groups = match.groupdict()
            month_name = (groups.get("month") or "").lower()
            if month_name in _AMBIGUOUS and not groups.get("year") and month_name == (groups.get("month") or ""):
                continue
            month = int(groups["month_num"]) if groups.get("month_num") else MONTHS[month_name]
            year = int(groups["year"]) if groups.get("year") else None
            day = int(groups["day"]) if groups.get("day") else None
            iso = f"{year:04d}" if year else "-"
            iso += f"-{month:02d}" + (f"-{day:02d}" if day else "")
            taken[start:end] = b"\x01" * (end - start)
            yield start, end, iso, year
