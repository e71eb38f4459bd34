"""Words for search: split, fold case and accents, drop elisions, stem by language.

The same functions turn an article into the tokens of the search index and a
query word into the tokens looked up, so both sides always agree.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import Stemmer

# Snowball stemmers by article language; "und" articles are indexed unstemmed.
STEMMED_LANGUAGES = {"fr": "french", "en": "english"}

# French elided articles and pronouns, with either apostrophe: "l'IA", "l’IA", "qu’il".
_ELISION = re.compile(r"\b(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu)['’ʼ](?=\w)", re.IGNORECASE)
# How much of a long text is indexed at a time.
_PIECE_CHARS = 65_536
# A word: letters and digits (any script), without the underscore.
_WORD = re.compile(r"[^\W_]+")
# "GPUs", "CEOs": an acronym's plural, which no stemmer takes off.
_ACRONYM_PLURAL = re.compile(r"[A-Z0-9]*[A-Z][A-Z0-9]+s")


@dataclass(frozen=True)
class Token:
    """One word of a text: its folded form and where it sits (``start``/``end`` in the text)."""

    folded: str
    start: int
    end: int


def fold(word: str) -> str:
    """Lower-case ``word`` and take its accents off: "États" -> "etats", "Œuvre" -> "oeuvre"."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("œ", "oe").replace("æ", "ae").replace("ß", "ss")


def tokens(text: str) -> Iterator[Token]:
    """The words of ``text``, folded, elisions dropped, with their character offsets."""
    for match in _WORD.finditer(_ELISION.sub(_blank, text)):
        folded = _folded_word(match.group())
        if folded:
            yield Token(folded, match.start(), match.end())


@lru_cache(maxsize=1 << 17)
def _folded_word(word: str) -> str:
    """A word as the index holds it before stemming (news vocabulary is Zipfian: most words are seen again)."""
    return fold(word[:-1] if _ACRONYM_PLURAL.fullmatch(word) else word)


def _blank(match: re.Match[str]) -> str:
    # Same length, so offsets into the cleaned text stay offsets into the original.
    return " " * len(match.group())


# PyStemmer's stemmers are not thread-safe (TUI workers search in threads): one set per thread.
_per_thread = threading.local()


def _stemmer(language: str) -> Stemmer.Stemmer:
    stemmers = _per_thread.__dict__.setdefault("stemmers", {})
    if language not in stemmers:
        stemmers[language] = Stemmer.Stemmer(STEMMED_LANGUAGES[language], 100_000)
    return stemmers[language]


# Snowball mangles short words, names above all ("gaza" -> "gaz", "meta" -> "met",
# "data" -> "dat"): up to this length a word only loses a plural mark.
_SHORT_WORD = 4


def stem_words(words: list[str], lang: str) -> list[str]:
    """Stem folded words with ``lang``'s Snowball stemmer (unchanged for other languages)."""
    if lang not in STEMMED_LANGUAGES:
        return list(words)
    stems = _stemmer(lang).stemWords(words)
    return [_short_word_stem(word, stem) for word, stem in zip(words, stems, strict=False)]


def _short_word_stem(word: str, stem: str) -> str:
    if len(word) > _SHORT_WORD or (stem == word[:-1] and word[-1] in "sx"):
        return stem
    return word


def index_text(text: str, lang: str) -> str:
    """The index form of ``text``: its stems, space-separated, in order (the words of :func:`tokens`).

    A long text is taken a piece at a time, cut at whitespace, so its words are never all in memory at once.
    """
    stems = (_index_piece(piece, lang) for piece in _pieces(text))
    return " ".join(piece for piece in stems if piece)


def _index_piece(text: str, lang: str) -> str:
    folded = [_folded_word(word) for word in _WORD.findall(_ELISION.sub(_blank, text))]
    return " ".join(stem_words([word for word in folded if word], lang))


def _pieces(text: str) -> Iterator[str]:
    """``text`` in pieces of about :data:`_PIECE_CHARS`, each ending at whitespace (no word is cut)."""
    start = 0
    while len(text) - start > _PIECE_CHARS:
        end = max(text.rfind(" ", start, start + _PIECE_CHARS), text.rfind("\n", start, start + _PIECE_CHARS))
        end = end + 1 if end > start else start + _PIECE_CHARS
        yield text[start:end]
        start = end
    yield text[start:]


def stem_variants(folded_words: list[str]) -> list[tuple[str, ...]]:
    """Each way a run of query words can be indexed: stemmed in French, in English, or as is."""
    variants = [tuple(stem_words(folded_words, lang)) for lang in STEMMED_LANGUAGES]
    variants.append(tuple(folded_words))
    return list(dict.fromkeys(variants))
