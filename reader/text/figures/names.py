"""Numbers that are not figures: parts of names, ordinals, times of day."""

from __future__ import annotations

import re

_NAME_WORDS = {
    "page",
    "pages",
    "p.",
    "article",
    "articles",
    "chapitre",
    "chapter",
    "saison",
    "season",
    "épisode",
    "episode",
    "version",
    "numéro",
    "number",
    "no",
    "n°",
    "tome",
    "volume",
    "vol",
    "ligne",
    "line",
    "niveau",
    "level",
    "salle",
    "room",
    "section",
    "étape",
    "step",
    "figure",
    "table",
    "tableau",
    "route",
    "acte",
    "act",
    "scène",
    "scene",
    "part",
    "partie",
    "titre",
    "title",
    "psaume",
    "verset",
    "verse",
    "rue",
    "street",
    "avenue",
    "boulevard",
    "lot",
    "porte",
    "gate",
    "terminal",
    "vol.",
    "ch.",
    "art.",
    "pt",
    "type",
    "modèle",
    "model",
    "série",
    "series",
    "génération",
    "generation",
    "window",
    "windows",
    "ios",
    "android",
}
# Capitalised words that begin a sentence or a figure, never a name.
_NOT_NAMES = {
    "en",
    "le",
    "la",
    "les",
    "l",
    "un",
    "une",
    "des",
    "de",
    "du",
    "d",
    "plus",
    "moins",
    "près",
    "environ",
    "quelque",
    "quelques",
    "au",
    "aux",
    "à",
    "a",
    "an",
    "et",
    "ou",
    "sur",
    "pour",
    "par",
    "dans",
    "avec",
    "depuis",
    "entre",
    "jusqu",
    "soit",
    "ces",
    "ses",
    "nos",
    "vos",
    "leurs",
    "the",
    "in",
    "on",
    "at",
    "by",
    "for",
    "of",
    "from",
    "to",
    "and",
    "or",
    "about",
    "over",
    "under",
    "some",
    "nearly",
    "almost",
    "around",
    "since",
    "between",
    "more",
    "less",
    "than",
    "up",
    "only",
    "just",
    "all",
    "its",
    "their",
    "our",
    "his",
    "her",
    "with",
    "after",
    "before",
    "until",
    "till",
    "during",
    "per",
    "seulement",
    "fin",
    "début",
    "mi",
    "vers",
    "avant",
    "après",
    "is",
    "was",
    "are",
    "were",
    "be",
    "it",
    "this",
    "that",
    "these",
    "those",
    "i",
    "we",
    "you",
    "they",
    "he",
    "she",
    "il",
    "elle",
    "ils",
    "elles",
    "nous",
    "vous",
    "ce",
    "cet",
    "cette",
    "mon",
    "ma",
    "mes",
    "son",
    "sa",
    "top",
    "x",
    "sous",
}
_ORDINAL_SUFFIX = re.compile(r"(?:er|re|ère|e|ème|eme|è|st|nd|rd|th)(?![\w])", re.IGNORECASE)
_PREVIOUS_WORD = re.compile(r"(?P<word>[\w°.]+)[ \u00a0]+$")
_CLOCK = re.compile(r"\s?(?:am|pm|a\.m\.|p\.m\.)(?![\w])", re.IGNORECASE)
_HOUR = re.compile(r"(?:1[0-2]|0?[1-9])(?:[.:][0-5]\d)?")
_LETTER_HYPHEN = re.compile(r"[^\W\d_]-$")


def is_time_of_day(text: str, start: int, end: int) -> bool:
    """Whether the number at ``text[start:end]`` is an hour: "6pm", "2.30 am"
    (not "2.1 pm", picometres: a clock gives minutes in two digits)."""
    return bool(_CLOCK.match(text, end) and _HOUR.fullmatch(text, start, end))


def is_name_or_ordinal(text: str, start: int, end: int, *, words: bool = False) -> bool:
    """Whether the bare number at ``text[start:end]`` belongs to a name ("Llama 4",
    "Covid-19", "page 3", "i7 860"), is an ordinal ("1er", "21st") or a time of day.

    :param words: the number is written in words, which names never use.
    """
    after = text[end : end + 4]
    if _ORDINAL_SUFFIX.match(text, end) or (after[:1] in (":", "h") and after[1:2].isdigit()):
        return True
    if is_time_of_day(text, start, end):
        return True
    if start > 0 and _LETTER_HYPHEN.search(text, max(0, start - 2), start):
        return True
    if words:
        return False
    previous = _PREVIOUS_WORD.search(text, max(0, start - 40), start)
    if previous is None:
        return False
    word = previous.group("word")
    if word.lower() in _NAME_WORDS or (re.search(r"\d", word) and re.search(r"[^\W\d_]", word)):
        return True  # "page 3"; "i7 860"
    return any(ch.isupper() for ch in word) and word.lower().strip(".") not in _NOT_NAMES and not word.isdigit()
