"""Plain-text articles as scraped from the web -> ParsedDocument.

A scraped article is one paragraph per line (sometimes all glued on one line),
preceded by a header (category, title, date, byline, author bio, disclaimer)
and followed by site chrome. :func:`parse_plain_text` reads the header for the
title, date and author, cleans the body with :mod:`reader.ingest.boilerplate`,
and renders the body as escaped Markdown for display.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from reader.ingest import boilerplate
from reader.ingest.errors import IngestError
from reader.models import ParsedDocument
from reader.text.sanitize import normalize_text

__all__ = ["derive_title", "escape_markdown", "find_dates", "parse_date", "parse_plain_text"]

# --- dates -----------------------------------------------------------------------

_MONTHS = {
    # French
    "janvier": 1, "janv": 1, "février": 2, "fevrier": 2, "févr": 2, "fevr": 2, "fév": 2, "fev": 2, "mars": 3,
    "avril": 4, "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "août": 8, "aout": 8, "septembre": 9,
    "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12, "déc": 12,
    # English
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAY = (
    r"(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday"
    r"|saturday|sunday|mon|tues?|wed|thu(?:rs)?|fri|sat|sun)\.?,?\s+)?"
)
# A clock time after a date: "à 18:07", "à 18h07", "6:07 PM", "at 9am", optional time zone.
_TIME = (
    r"(?:,?\s*(?:à|a|at|@|-|–|,)?\s*"
    r"(?P<time>\d{1,2}\s*[:h]\s*\d{2}(?:\s*[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?|\d{1,2}h(?!\w))"
    r"(?:\s*(?:gmt|utc|cet|cest|et|est|edt|pt|pst|pdt|bst)(?:\s*[+-]\d{1,2})?\b)?)?"
)
_DATE_PATTERNS = (
    # ISO 8601, possibly partial: 2025-01, 2025-01-28, 2025-01-28T18:07:00Z
    re.compile(
        r"(?<![\d-])(?P<iso>\d{4}-\d{2}(?:-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)?)(?![\d-])"
    ),
    # 28 janvier 2025 à 18:07, Tuesday 28 Jan 2025, 1er mars 2024
    re.compile(
        rf"(?i)\b{_WEEKDAY}(?P<day>\d{{1,2}})(?:er|st|nd|rd|th)?\s+(?P<month>{_MONTH})\b\.?,?\s+(?P<year>\d{{4}})\b{_TIME}"
    ),
    # January 28, 2025 6:07 PM, Jan. 28 2025
    re.compile(
        rf"(?i)\b{_WEEKDAY}(?P<month>{_MONTH})\b\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b{_TIME}"
    ),
    # 28/01/2025 (day first, as French sites write it)
    re.compile(rf"(?<![\d/])(?P<day>\d{{1,2}})/(?P<month>\d{{1,2}})/(?P<year>\d{{4}})\b{_TIME}"),
)
# Every date pattern has a four-digit year: text without one is not searched.
_YEAR = re.compile(r"\d{4}")
_CLOCK = re.compile(r"(?i)(?P<hour>\d{1,2})\s*(?:[:h]\s*(?P<minute>\d{2}))?\s*(?:(?P<ampm>[ap])\.?m\.?)?")


def _clock(text: str | None) -> tuple[int, int] | None:
    if not text:
        return None
    match = _CLOCK.fullmatch(text.strip())
    if match is None:
        return None
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    if match["ampm"]:
        hour = hour % 12 + (12 if match["ampm"].lower() == "p" else 0)
    return (hour, minute) if hour < 24 and minute < 60 else None


def _iso_value(match: re.Match[str]) -> str | None:
    """The ISO 8601 form of one date match, or None when it is not a real date."""
    groups = match.groupdict()
    if groups.get("iso"):
        iso = groups["iso"]
        try:
            if len(iso) == 7:
                datetime(int(iso[:4]), int(iso[5:7]), 1)
                return iso
            parsed = datetime.fromisoformat(iso.replace(" ", "T"))
        except ValueError:
            return None
        return iso[:10] if len(iso) == 10 else parsed.isoformat()
    month_text = groups["month"].lower()
    month = int(month_text) if month_text.isdigit() else _MONTHS[month_text]
    clock = _clock(groups.get("time"))
    try:
        value = datetime(int(groups["year"]), month, int(groups["day"]), *(clock or (0, 0)))
    except ValueError:
        return None
    return value.isoformat() if clock else value.date().isoformat()


def find_dates(text: str) -> list[tuple[int, int, str]]:
    """Every date in ``text`` as ``(start, end, iso)``, in order, without overlaps."""
    found: list[tuple[int, int, str]] = []
    if _YEAR.search(text) is None:
        return found
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            value = _iso_value(match)
            overlaps = any(match.start() < end and start < match.end() for start, end, _ in found)
            if value is not None and not overlaps:
                found.append((match.start(), match.end(), value))
    return sorted(found)


def parse_date(text: str) -> str | None:
    """The first date in ``text`` in ISO 8601 (partial dates stay partial), or None."""
    dates = find_dates(text)
    return dates[0][2] if dates else None


# --- header lines: date, byline ----------------------------------------------------

# A label just before a date: "Publié le", "Mis à jour le", "Published", "Posted on", "le".
_LABEL_BEFORE = re.compile(
    r"(?i)(?:(?:publiée?|posted|published|mis\s+en\s+ligne|mis\s+à\s+jour|mise\s+à\s+jour|modifiée?|actualisée?"
    r"|updated|last\s+updated|modified|date|paru|màj|maj)(?:\s+(?:le|on))?|\ble|\bon)\s*:?\s*$"
)
_UPDATED_LABEL = re.compile(r"(?i)mis\s+à\s+jour|mise\s+à\s+jour|modifi|actualis|updated|modified|màj|\bmaj\b")
# "Updated 6:45 PM": a label with a time but no date.
_LABELED_CLOCK = re.compile(
    r"(?i)(?:mis\s+à\s+jour|mise\s+à\s+jour|updated|modifié)\s*(?:à|at)?\s*:?\s*\d{1,2}\s*[:h]\s*\d{2}(?:\s*[ap]\.?m\.?)?"
    r"(?:\s*(?:gmt|utc|cet|cest|et|est|edt|pt|pst|pdt|bst)\b)?"
)
# A label that opens a line and is followed by a date and then the body, on one line.
_DATE_PREFIX_LABEL = re.compile(
    r"(?i)^(?:date|publiée?\s+le|published(?:\s+on)?|posted(?:\s+on)?|mis\s+à\s+jour\s+le|updated(?:\s+on)?)\s*:?\s*"
)
_SEPARATORS = " \t|•·,;:–—-/()"

_UPPER = "A-ZÀ-ÖØ-Þ"
_NAME_WORD = rf"[{_UPPER}][\w'’.-]*"
_PARTICLE = r"(?:de|du|des|van|von|der|den|da|di|del|della|dos|bin|ben|al|el)"
_NAME = rf"{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_NAME_WORD}){{0,3}}"
# "Par Jane Doe", "By Jane Doe and John Smith", "Par A, B et C".
_BYLINE = re.compile(
    r"^(?i:par|by|written\s+by|écrit\s+par|rédigé\s+par|propos\s+recueillis\s+par|auteure?|autrice|author)\s*:?\s+"
    rf"(?P<names>{_NAME}(?:\s*,\s*{_NAME})*\s+(?i:et|and|&)\s+{_NAME}|{_NAME})"
)
# What may follow the names: "| Journaliste télé", ", CNN", "for The Guardian".
_ROLE = re.compile(r"(?i)^\s*(?:[|,•·–—(-]|for\s|pour\s|at\s|chez\s)")


@dataclass
class _Header:
    """What the header of an article says about it."""

    title: str | None = None
    published: str | None = None
    updated: str | None = None
    author: str | None = None

    @property
    def date(self) -> str | None:
        return self.published or self.updated


def _take_dates(line: str, header: _Header) -> str:
    """Record the dates of ``line`` in ``header``; return the line without them and their labels."""
    leftover, cursor = [], 0
    for start, end, value in find_dates(line):
        before = line[cursor:start]
        label = _LABEL_BEFORE.search(before)
        if _UPDATED_LABEL.search(label.group() if label else ""):
            header.updated = header.updated or value
        else:
            header.published = header.published or value
        leftover.append(before[: label.start()] if label else before)
        cursor = end
    leftover.append(line[cursor:])
    return _LABELED_CLOCK.sub(" ", " ".join(leftover))


def _byline(text: str) -> str | None:
    """The author names of a byline ("Par Mathis Ferrut | Journaliste"), or None."""
    match = _BYLINE.match(text)
    if match is None:
        return None
    role = text[match.end() :]
    if role.strip() and not (_ROLE.match(role) and len(role) <= 120 and not role.rstrip().endswith(".")):
        return None
    return " ".join(match["names"].split())


def _read_meta_line(line: str, header: _Header) -> bool:
    """If ``line`` is a date and/or byline line, record it in ``header`` and return True."""
    if len(line) > 200:
        return False
    candidate = _Header()
    leftover = _take_dates(line, candidate).strip(_SEPARATORS)
    author = _byline(leftover) if leftover else None
    found_date = candidate.date is not None
    if author is None and not (found_date and (not leftover or boilerplate.is_junk_line(leftover))):
        return False
    header.published = header.published or candidate.published
    header.updated = header.updated or candidate.updated
    header.author = header.author or author
    return True


_DATE_PREFIX_WINDOW = 80  # characters after the label where the date must be


def _split_date_prefix(paragraph: str, header: _Header) -> str:
    """Take a labelled date off the start of a paragraph: "date 2025-01 La décision..."."""
    label = _DATE_PREFIX_LABEL.match(paragraph)
    if label is None:
        return paragraph
    rest = paragraph[label.end() :]
    dates = find_dates(rest[:_DATE_PREFIX_WINDOW])
    if not dates or dates[0][0] != 0:
        return paragraph
    if _UPDATED_LABEL.search(label.group()):
        header.updated = header.updated or dates[0][2]
    else:
        header.published = header.published or dates[0][2]
    return rest[dates[0][1] :].strip(_SEPARATORS)


# --- title -------------------------------------------------------------------------

_TITLE_MAX = 200  # characters for a title line
_DERIVED_TITLE_MAX = 120  # characters for a title cut from the first sentence
_TITLE_MIN_WORDS = 4  # a shorter line above a longer one is a label, not the title
_DANGLING = {
    "de", "du", "des", "la", "le", "les", "un", "une", "et", "ou", "à", "au", "aux", "en", "pour", "par", "sur",
    "dans", "avec", "que", "qui", "ses", "son", "sa", "the", "a", "an", "of", "and", "or", "to", "in", "on", "for",
    "with", "by", "at", "from", "that", "its",
}  # fmt: skip
# End of a sentence: punctuation, then space and a capital (or the end of the text).
_SENTENCE_BREAK = re.compile(r"[.!?…]+[»”\"]?(?=\s+[«“\"]?\s?[" + _UPPER + r"0-9]|\s*$)")


def _ends_with_period(text: str) -> bool:
    return text.endswith(".") and not text.endswith("...")


def _is_title_like(paragraph: str) -> bool:
    return 3 <= len(paragraph) <= _TITLE_MAX and not _ends_with_period(paragraph) and not paragraph.endswith(",")


def _is_label_above_title(paragraphs: list[str], index: int, repeated: frozenset[str]) -> bool:
    """A short line (site name, section, category: "Tech") above a longer title line.

    Titles have four words or more; when a short title-like line is followed,
    before any prose, by such a title line, the short one is a label.
    """
    if len(paragraphs[index].split()) >= _TITLE_MIN_WORDS:
        return False
    for following in paragraphs[index + 1 : _HEADER_MAX]:
        if boilerplate.normalize_line(following) in repeated or _is_header_junk(following):
            continue
        if not _is_title_like(following):
            return False
        if len(following.split()) >= _TITLE_MIN_WORDS:
            return True
    return False


def _first_sentence(paragraph: str) -> str:
    for match in _SENTENCE_BREAK.finditer(paragraph):
        if not _is_abbreviation(paragraph, match.start()):
            return paragraph[: match.end()]
    return paragraph


def _title_from_sentence(sentence: str) -> str:
    """A title cut from the first sentence: at most about 120 characters, cut between words."""
    title = sentence.strip().rstrip(".;:,…").strip()
    if len(title) <= _DERIVED_TITLE_MAX:
        return title
    words = title[: _DERIVED_TITLE_MAX + 1].split()[:-1]  # the last word may be cut in half
    while len(words) > 3 and (words[-1].casefold() in _DANGLING or words[-1].endswith(("'", "’"))):
        words.pop()
    return " ".join(words).rstrip(" .,;:–—-") + "…"


def derive_title(paragraph: str, *, alone: bool = False) -> str:
    """A title for an article without a title line: its first sentence, cut to about 120 characters.

    :param alone: the paragraph is all the article has: a short one is a headline, taken whole.
    """
    headline = alone and len(paragraph.strip()) <= _DERIVED_TITLE_MAX
    sentence = paragraph if headline else _first_sentence(paragraph)
    return _title_from_sentence(sentence) or paragraph.strip()[:_DERIVED_TITLE_MAX]


def _clean_title(title: str) -> str:
    """Drop a trailing " | Site Name" from a title line."""
    head, sep, tail = title.rpartition(" | ")
    if sep and head and len(tail.split()) <= 4:
        return head.strip()
    return title


# --- paragraphs --------------------------------------------------------------------

_SPACES = re.compile(r"[ \t]+")
# A sentence end glued to the next sentence: "données.Dans", "sujet ?Trouvez", "graphiques.« Ce",
# "activités. »Mark", "talents.À ce stade". The next word must be a capital followed by
# a lowercase letter (or be "À"/"A" alone), so "Amazon.com", "x.AI", "1,3" and "1.5" never match.
# A straight quote followed by a space closes a quotation ("sol." Un): it opens none.
_GLUED = re.compile(rf"[.?!…]+(?:\s?[»”\"])?(?=(?:[«“]\s?|\"(?!\s))?(?:[{_UPPER}][a-zà-öø-ÿ]|[ÀA]\s))")
_ABBREVIATIONS = {
    "m", "mm", "mr", "mrs", "ms", "dr", "st", "mme", "mlle", "me", "pr", "prof", "jr", "sr", "gen", "sen", "rep",
    "gov", "vs", "cf", "fig", "no", "vol", "p", "ed", "inc", "ltd", "co", "corp", "etc",
}  # fmt: skip


_TOKEN_WINDOW = 40  # characters looked back at for the word before a period


def _is_abbreviation(text: str, position: int) -> bool:
    """Whether the period at ``position`` ends an abbreviation or an initial ("M.", "U.S.")."""
    window = text[max(0, position - _TOKEN_WINDOW) : position]  # a bounded look back: no quadratic scan
    token = window.rsplit(None, 1)[-1] if window and not window[-1].isspace() else ""
    token = token.lstrip("«“\"'([")
    if not token:
        return False  # French spacing: "sujet ?Trouvez"
    last = token.rsplit(".", 1)[-1]
    return (len(last) == 1 and last.isalpha()) or last.casefold() in _ABBREVIATIONS


def _split_glued(paragraph: str) -> list[str]:
    """Split a paragraph where a scraper glued two blocks together without a space."""
    pieces, start = [], 0
    for match in _GLUED.finditer(paragraph):
        if _is_abbreviation(paragraph, match.start()):
            continue
        pieces.append(paragraph[start : match.end()].strip())
        start = match.end()
    pieces.append(paragraph[start:].strip())
    return [piece for piece in pieces if piece]


# How far short of the wrap column a wrapped line may stop (the next word did not fit).
_WRAP_SLACK = 15


def _wrap_width(lines: list[str]) -> int | None:
    """The column a hard-wrapped text was wrapped at, or None for one paragraph per line."""
    lengths = [len(line) for line in lines if line]
    if len(lengths) < 4 or max(lengths) > 100:
        return None
    width = max(lengths)
    near_width = sum(length >= width - _WRAP_SLACK for length in lengths)
    return width if near_width * 10 >= len(lengths) * 4 else None


def _paragraphs(text: str) -> list[str]:
    """Lines -> paragraphs: one per line, or joined back when the text is hard-wrapped.

    In hard-wrapped text a line that reaches the wrap column continues on the
    next line; a shorter line (a title, a byline, a paragraph's last line) ends.
    """
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    width = _wrap_width(lines)
    paragraphs: list[str] = []
    previous = ""
    for line in lines:
        if line and width and previous and len(previous) >= width - _WRAP_SLACK:
            paragraphs[-1] += " " + line
        elif line:
            paragraphs.append(line)
        previous = line
    return [piece for paragraph in paragraphs for piece in _split_glued(paragraph)]


# --- header --------------------------------------------------------------------------

_HEADER_MAX = 12  # paragraphs looked at for the title, date and byline


def _read_header(paragraphs: list[str], repeated: frozenset[str]) -> tuple[_Header, list[str]]:
    """Read title, date, author off the top of the article; return them and the body."""
    header = _Header()
    paragraphs = list(paragraphs)
    byline_seen = False
    index = 0
    while index < min(len(paragraphs), _HEADER_MAX):
        if _read_meta_line(paragraphs[index], header):
            byline_seen = byline_seen or header.author is not None
            index += 1
            continue
        paragraph = paragraphs[index] = _split_date_prefix(paragraphs[index], header)
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        if not paragraph or boilerplate.normalize_line(paragraph) in repeated or _is_header_junk(paragraph):
            pass
        elif header.title is None:
            if _is_label_above_title(paragraphs, index, repeated):
                pass
            elif _is_title_like(paragraph) and following is not None:
                header.title = paragraph
            else:
                break  # no title line: the body starts here
        elif boilerplate.normalize_line(paragraph) == boilerplate.normalize_line(header.title):
            pass  # the title printed twice
        elif boilerplate.is_disclaimer(paragraph) or (byline_seen and boilerplate.is_author_bio(paragraph)):
            pass
        else:
            break
        index += 1
    return header, paragraphs[index:]


def _header_and_body(paragraphs: list[str], repeated: frozenset[str]) -> tuple[_Header, list[str]]:
    """The header and the cleaned body; the chrome rules never take all of a file, nor its only title.

    A line other files of its folder repeat is site chrome, unless it is the
    file's title line (a headline several files share). A file the rules would
    leave empty keeps its first line that only looked like chrome by being
    repeated or by its shape of a caption (a headline ending with "(VIDEO)").
    """
    header, rest = _read_header(paragraphs, repeated)
    body = boilerplate.clean_body(rest, repeated=repeated)
    if header.title is None and repeated:
        spared, spared_rest = _read_header(paragraphs, frozenset())
        if spared.title is not None:
            return spared, boilerplate.clean_body(spared_rest, repeated=repeated)
    if header.title is None and not body:
        body = [paragraph for paragraph in paragraphs if _is_text_in_chrome_shape(paragraph)][:1]
    return header, body


def _is_text_in_chrome_shape(paragraph: str) -> bool:
    return not (
        boilerplate.is_junk_line(paragraph, credits=False)
        or boilerplate.is_comment_marker(paragraph)
        or boilerplate.is_section_marker(paragraph)
    )


def _is_header_junk(paragraph: str) -> bool:
    return (
        boilerplate.is_junk_line(paragraph)
        or boilerplate.is_comment_marker(paragraph)
        or boilerplate.is_section_marker(paragraph)
    )


# --- Markdown for display ----------------------------------------------------------

# Characters Markdown (CommonMark + GFM tables/strikethrough) reads as markup inline.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
_MD_ENTITY = re.compile(r"&(?=#?\w+;)")  # "&amp;" would show as "&"
_MD_BLOCK_START = re.compile(r"^([#+=-])")  # heading, bullet, setext underline, rule
_MD_ORDERED = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")  # "1. " starts a numbered list


def escape_markdown(line: str) -> str:
    """Escape one line of text so Markdown shows it exactly as written."""
    line = _MD_INLINE.sub(r"\\\1", line)
    line = _MD_ENTITY.sub(r"\\&", line)
    line = _MD_BLOCK_START.sub(r"\\\1", line)
    return _MD_ORDERED.sub(r"\1\\\2", line)


_HEADING_MAX = 120
_HEADING_MAX_WORDS = 16


def _is_section_heading(paragraph: str, previous: str | None, following: str | None) -> bool:
    """A short line without final punctuation between two paragraphs of prose."""
    return (
        previous is not None
        and following is not None
        and boilerplate.is_prose(previous)
        and boilerplate.is_prose(following)
        and len(paragraph) <= _HEADING_MAX
        and len(paragraph.split()) <= _HEADING_MAX_WORDS
        and paragraph[0].isalnum()
        and not _MD_ORDERED.match(paragraph)
        and not paragraph.endswith((".", ",", ";", ":", "…"))
    )


def _to_markdown(paragraphs: list[str]) -> str:
    blocks = []
    for index, paragraph in enumerate(paragraphs):
        previous = paragraphs[index - 1] if index else None
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        prefix = "## " if _is_section_heading(paragraph, previous, following) else ""
        blocks.append(prefix + escape_markdown(paragraph))
    return "\n\n".join(blocks)


# --- entry point --------------------------------------------------------------------


def parse_plain_text(text: str, *, repeated_lines: frozenset[str] = frozenset()) -> ParsedDocument:
    """Parse a scraped plain-text article.

    :param text: the decoded article (control characters are stripped here).
    :param repeated_lines: normalised lines found repeated across articles of the
        same source (``boilerplate.repeated_lines``); they are dropped as chrome.
    :returns: the title (the title line, or cut from the first sentence), the
        cleaned body as ``text`` (paragraphs separated by a blank line) and as
        escaped ``markdown``, the publication date (ISO 8601, possibly partial)
        and the author found in the header.
    :raises IngestError: when neither a title nor any article text is left. An
        article whose body only repeats its title (a headline-only news item) is
        kept with an empty body.
    """
    header, body = _header_and_body(_paragraphs(normalize_text(text)), repeated_lines)
    if not body and header.title is None:
        raise IngestError("no article text (nothing left once site boilerplate is removed)")
    title = _clean_title(header.title) if header.title else derive_title(body[0], alone=len(body) == 1)
    return ParsedDocument(
        title=title,
        text="\n\n".join(body),
        markdown=_to_markdown(body),
        published=header.date,
        author=header.author,
    )
