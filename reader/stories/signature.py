"""What grouping knows about one article: normalised words, names, figures, date, link.

Everything here is pure: no I/O. A :class:`Signature` is built once per article,
stored, and compared with the signatures of its candidates by :func:`similarity`.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from functools import cached_property, lru_cache

from rapidfuzz import fuzz

from reader.store.stories import Signature, key_number, link_key
from reader.stories.figures import figure_keys
from reader.text.figures import Figure, extract_figures
from reader.text.normalize import stem_words

# How much of the text, after the title, counts as the lead; and how much is
# read for names and figures, which say more than wording but are sparser.
LEAD_CHARS = 1500
BODY_CHARS = 3000
# The stems a signature keeps at most (the title's first, then the lead's, then names).
MAX_TERMS = 64
# How much more a stem weighs in the title, and as a proper noun; what a figure weighs.
TITLE_BOOST = 2.0
NAME_BOOST = 1.5
FIGURE_WEIGHT = 8.0
# A headline prefix before a colon longer than this is not a rubric's name.
SHAPE_PREFIX_CHARS = 40

# fr and en days and months, accent-folded: they say when, which the article's date says.
CALENDAR_WORDS = frozenset(
    [
        *("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "1er"),
        *("janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout"),
        *("septembre", "octobre", "novembre", "decembre"),
        *("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
        *("january", "february", "march", "april", "june", "july", "august"),
        *("september", "october", "november", "december"),
    ]
)
# fr and en numbers in words, accent-folded: "dix morts" and "dix spectacles" share nothing.
NUMBER_WORDS = frozenset(
    [
        *("deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze", "treize"),
        *("quatorze", "quinze", "seize", "vingt", "trente", "quarante", "cinquante", "soixante", "cent", "mille"),
        *("one", "two", "three", "four", "five", "seven", "eight", "nine", "ten", "eleven", "twelve", "twenty"),
        *("hundred", "thousand"),
    ]
)
# fr and en function words, accent-folded: they say nothing about the story.
STOPWORDS = (
    CALENDAR_WORDS
    | NUMBER_WORDS
    | frozenset(
        [
            "a",
            "au",
            "aux",
            "avec",
            "ce",
            "ces",
            "cet",
            "cette",
            "dans",
            "de",
            "des",
            "du",
            "elle",
            "en",
            "et",
            "il",
            "ils",
            "je",
            "la",
            "le",
            "les",
            "leur",
            "leurs",
            "lui",
            "ma",
            "mais",
            "me",
            "meme",
            "mes",
            "moi",
            "mon",
            "ne",
            "nos",
            "notre",
            "nous",
            "on",
            "ou",
            "par",
            "pas",
            "pour",
            "qu",
            "que",
            "qui",
            "sa",
            "se",
            "ses",
            "son",
            "sur",
            "ta",
            "te",
            "tes",
            "toi",
            "ton",
            "tu",
            "un",
            "une",
            "vos",
            "votre",
            "vous",
            "y",
            "est",
            "sont",
            "ete",
            "etre",
            "avoir",
            "ont",
            "a",
            "fait",
            "faire",
            "plus",
            "moins",
            "tres",
            "tout",
            "tous",
            "toute",
            "toutes",
            "sans",
            "sous",
            "entre",
            "apres",
            "avant",
            "depuis",
            "pendant",
            "contre",
            "chez",
            "vers",
            "selon",
            "comme",
            "si",
            "donc",
            "car",
            "ni",
            "ca",
            "cela",
            "ceci",
            "celui",
            "celle",
            "ceux",
            "dont",
            "ou",
            "quand",
            "comment",
            "pourquoi",
            "quoi",
            "quel",
            "quelle",
            "quels",
            "quelles",
            "aussi",
            "encore",
            "deja",
            "bien",
            "peut",
            "doit",
            "va",
            "vont",
            "sera",
            "seront",
            "etait",
            "avait",
            "c",
            "d",
            "j",
            "l",
            "m",
            "n",
            "s",
            "t",
            "qu",
            "jusqu",
            "lors",
            "alors",
            "ainsi",
            "the",
            "of",
            "and",
            "to",
            "in",
            "for",
            "on",
            "at",
            "by",
            "with",
            "from",
            "as",
            "is",
            "are",
            "was",
            "were",
            "be",
            "been",
            "being",
            "it",
            "its",
            "this",
            "that",
            "these",
            "those",
            "an",
            "or",
            "but",
            "not",
            "no",
            "nor",
            "so",
            "than",
            "then",
            "there",
            "their",
            "they",
            "them",
            "he",
            "she",
            "his",
            "her",
            "we",
            "our",
            "you",
            "your",
            "i",
            "me",
            "my",
            "will",
            "would",
            "can",
            "could",
            "should",
            "may",
            "might",
            "must",
            "has",
            "have",
            "had",
            "do",
            "does",
            "did",
            "done",
            "about",
            "after",
            "before",
            "over",
            "under",
            "into",
            "out",
            "up",
            "down",
            "off",
            "more",
            "most",
            "new",
            "says",
            "said",
            "how",
            "what",
            "when",
            "where",
            "who",
            "whom",
            "which",
            "why",
            "all",
            "any",
            "each",
            "some",
            "such",
            "only",
            "own",
            "same",
            "too",
            "very",
            "just",
            "also",
            "vs",
            "via",
        ]
    )
)

_WORD = re.compile(r"[a-z0-9]+")
_DIGIT = re.compile(r"[0-9]")
_TOKEN = re.compile(r"[^\W_]+")
# A capitalised word or an acronym, as written: a proper noun in most headlines.
_NAME = re.compile(r"\b[A-ZÀ-Ý][\w'-]*[A-Za-zÀ-ÿ0-9]|\b[A-Z]{2,}\b")
# Where a sentence starts: a capital there says nothing.
_SENTENCE_START = re.compile(r"(?:^|[.!?:»\n]\s*)$")


def fold(text: str) -> str:
    """Lower-case ``text`` and strip its accents ("Données" -> "donnees")."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("œ", "oe")


def content_words(text: str) -> list[str]:
    """The folded words of ``text`` that are not stopwords, in order."""
    return [word for token in _TOKEN.findall(text) for word in _folded_pieces(token) if word not in STOPWORDS]


@lru_cache(maxsize=1 << 17)
def _folded_pieces(token: str) -> tuple[str, ...]:
    """The ASCII words a word of text folds into ("Données" -> ("donnees",)): the same words recur, so cached."""
    return tuple(_WORD.findall(fold(token)))


def names(title: str, text: str = "") -> frozenset[str]:
    """Folded proper nouns and acronyms of a headline and a text (stopwords excluded).

    Every capitalised word of the headline counts; in the text, a capitalised
    word that starts a sentence counts only if it is also capitalised elsewhere.
    """
    found = set(_capitalised(title))
    mid_sentence = set(_capitalised(text, mid_sentence_only=True))
    found |= mid_sentence
    return frozenset(found)


def _capitalised(text: str, *, mid_sentence_only: bool = False) -> list[str]:
    return [word for _, word in name_words(text, mid_sentence_only=mid_sentence_only)]


def name_words(text: str, *, mid_sentence_only: bool = False) -> Iterator[tuple[int, str]]:
    """The folded words of the proper nouns and acronyms of ``text``, each with its offset.

    :param mid_sentence_only: skip capitalised words that start a sentence, as
        any word there is capitalised.
    """
    for match in _NAME.finditer(text):
        if mid_sentence_only and _SENTENCE_START.search(text, max(match.start() - 3, 0), match.start()):
            continue
        for word in (piece for token in _TOKEN.findall(match.group()) for piece in _folded_pieces(token)):
            if len(word) > 1 and word not in STOPWORDS and not word.isdigit():
                yield match.start(), word


def day_range(published: str | None) -> tuple[int, int] | None:
    """The first and last day an ISO 8601 date (maybe partial: "2025", "2025-01") may mean."""
    if not published:
        return None
    parts = published[:10].split("-")
    try:
        year = int(parts[0])
        if len(parts) == 1:
            return date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
        month = int(parts[1])
        if len(parts) == 2:
            following = date(year + month // 12, month % 12 + 1, 1)
            return date(year, month, 1).toordinal(), following.toordinal() - 1
        day = date(year, month, int(parts[2])).toordinal()
    except ValueError:
        return None
    return day, day


def signature(
    title: str,
    text: str,
    published: str | None = None,
    url: str | None = None,
    lang: str = "auto",
    text_figures: Iterable[Figure] | None = None,
    source: str | None = None,
) -> Signature:
    """Build the signature of an article from its title, text, date, link, language and source.

    :param text_figures: the figures already found in ``text`` (as stored at
        import), so they are not looked for a second time.
    """
    if text_figures is None:
        text_figures = extract_figures(text[:BODY_CHARS], lang)
    figures = [*extract_figures(title, lang), *(f for f in text_figures if f.start < BODY_CHARS)]
    lead = text[:LEAD_CHARS]
    # Texts often repeat the title as their first line: it is not lead.
    if lead.startswith(title):
        lead = text[len(title) : len(title) + LEAD_CHARS]
    head = _distinct_stems(content_words(title), lang)
    prefix, colon, _ = title.partition(":")
    before_colon = _distinct_stems(content_words(prefix), lang) if colon and len(prefix) <= SHAPE_PREFIX_CHARS else []
    name_stems = _distinct_stems(sorted(names(title, text[:BODY_CHARS])), lang)
    terms = list(dict.fromkeys([*head, *name_stems, *_distinct_stems(content_words(lead), lang)]))[:MAX_TERMS]
    shape = headline_shape(title, source)
    return Signature(
        terms=tuple(terms),
        heads=min(len(head), len(terms)),
        prefix=min(len(before_colon), len(head), len(terms)),
        names=frozenset(name_stems) & frozenset(terms),
        figures=figure_keys(figures),
        days=day_range(published),
        link=link_key(url) if url else None,
        shape=key_number(shape) if shape else None,
    )


def _distinct_stems(words: list[str], lang: str) -> list[str]:
    """The stems of ``words`` in their order, each once, single letters and bare numbers left out.

    A number says something as a figure (an amount, a share), which the
    figure keys hold; as a word it is mostly a date ("04/12/2024").
    """
    return list(dict.fromkeys(stem for stem in stem_words(words, lang) if len(stem) > 1 and not stem.isdigit()))


def headline_shape(title: str, source: str | None) -> str | None:
    """What a series of one source repeats in its headlines: a prefix before a colon, else the first two words.

    Digits are blurred ("Le journal de 20h" -> "journal ##h"), so each day's
    edition has the same shape. None without a source.
    """
    if not source:
        return None
    prefix, colon, _ = title.partition(":")
    words = content_words(prefix) if colon and len(prefix) <= SHAPE_PREFIX_CHARS else content_words(title)[:2]
    if not words:
        return None
    return f"{fold(source)}|{_DIGIT.sub('#', ' '.join(words))}"


def days_apart(a: Signature, b: Signature) -> int | None:
    """How many days separate two articles at the least, or None when a date is unknown."""
    if a.days is None or b.days is None:
        return None
    return max(a.days[0] - b.days[1], b.days[0] - a.days[1], 0)


class Weights(dict[str, float]):
    """Weighted terms, which know their norm (computed once: an article is compared many times)."""

    @cached_property
    def norm(self) -> float:
        """The Euclidean norm of the weights."""
        return math.sqrt(sum(weight * weight for weight in self.values()))

    def without(self, terms: frozenset[str]) -> Weights:
        """These weights but those of ``terms``."""
        return Weights({term: weight for term, weight in self.items() if term not in terms})


def weigh(sig: Signature, rarity: Callable[[str], float]) -> Weights:
    """The weighted terms of an article: each stem by its rarity, more in the title and for names; figures too."""
    weights = Weights()
    head = sig.head
    for term in sig.terms:
        weight = rarity(term)
        if term in head:
            weight *= TITLE_BOOST
        if term in sig.names:
            weight *= NAME_BOOST
        weights[term] = weight
    for figure in sig.figures:
        weights[f"#{figure}"] = FIGURE_WEIGHT
    return weights


def cosine(a: Weights, b: Weights) -> float:
    """The cosine of two weighted term sets."""
    dot = math.fsum(a[term] * b[term] for term in a.keys() & b.keys())
    return dot / (a.norm * b.norm) if dot else 0.0


def headline_likeness(a: Signature, b: Signature) -> float:
    """How alike two headlines' stems read, from 0 to 1 (rapidfuzz: for short headlines, not long texts)."""
    if not a.heads or not b.heads:
        return 0.0
    return fuzz.token_sort_ratio(" ".join(a.terms[: a.heads]), " ".join(b.terms[: b.heads])) / 100
