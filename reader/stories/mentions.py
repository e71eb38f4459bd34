"""What a figure is about, read from where it sits in its article.

A :class:`Mention` is one figure of one article with its context: the names
(companies, people, projects) and concept words of its clause, and the year it
refers to. Names are language-independent; concept words go through the small
bilingual list in :mod:`reader.stories.lexicon`; a person named as the head of
a company ("Mark Zuckerberg, le PDG de Meta") stands for that company.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from reader.stories.figures import FACT_KINDS
from reader.stories.lexicon import NOT_NAMES, RELATIVE_YEARS, ROLES, concepts_near, counted_concept
from reader.stories.signature import STOPWORDS, fold, name_words
from reader.text.figures import Figure

# How far past a quantity its counted noun is looked for ("de processeurs graphiques").
COUNTED_CHARS = 25

_LETTERS = re.compile(r"[^\W\d_]+")
_SENTENCE_END = re.compile(r"[.!?…]+[»”\"]?\s*(?=[«“\"]?\s*[A-ZÀ-Ý])|\n+")
# Where a new clause starts: what follows is about something else.
_CLAUSE_BREAK = re.compile(r"[;()]|:\s|,\s+(?=(?:et|and|mais|but|soit)\b)|\b(?=(?:tandis|while|whereas)\b)")
_CLAUSE_END = re.compile(r",|" + _CLAUSE_BREAK.pattern)
_WORD = re.compile(r"[\w-]+")
_NAME_RUN = re.compile(r"[A-ZÀ-Ý][\w-]*(?: [A-ZÀ-Ý][\w-]*)*")
_NAME_BEFORE = re.compile(r"(?<![\w'’-])[A-ZÀ-Ý][\w-]* $")
_NAMES = r"[A-ZÀ-Ý][\w-]*(?:\s+[A-ZÀ-Ý][\w-]*){0,2}"
_OF = r"(?:de\s+|du\s+|d'|d’|of\s+|at\s+)"
_HEADS = (
    # Mark Zuckerberg, le PDG de Meta / Mark Zuckerberg, CEO of Meta
    re.compile(
        rf"(?P<person>{_NAMES}),?\s+(?:(?i:le|la|the|son|sa)\s+|(?i:l)['’])?(?i:{ROLES})\s+{_OF}(?P<org>{_NAMES})"
    ),
    # le patron de Meta, Mark Zuckerberg
    re.compile(rf"(?i:{ROLES})\s+{_OF}(?P<org>{_NAMES}),\s+(?P<person>{_NAMES})"),
    # Meta Platforms CEO Mark Zuckerberg / Meta's chief executive Mark Zuckerberg
    re.compile(rf"(?P<org>{_NAMES})(?:['’]s)?\s+(?i:{ROLES})\s+(?P<person>{_NAMES})"),
)


@dataclass(frozen=True)
class CitedArticle:
    """An article of a story as the comparison needs it: its text and the figures found in it."""

    id: int
    source: str | None
    text: str
    figures: Sequence[Figure]
    published: str | None = None


@dataclass(frozen=True)
class Mention:
    """One figure an article gives, and what it is about.

    ``measure`` is what the value counts, the same in French and English:
    "money" (any currency), "%", "x", an SI unit ("W"), or a counted noun
    ("GPU", "people", else the noun as written). ``names`` are folded proper
    nouns of the figure's clause, heads of companies replaced by their
    company; ``concepts`` the lexicon's labels; ``period`` a year, or a
    relative one ("last year") when the article's date is unknown.
    ``spellings`` pairs each name with the name it is part of as the article
    wrote it ("trump" with "Donald Trump").
    """

    article: CitedArticle
    figure: Figure
    measure: str
    names: frozenset[str]
    concepts: frozenset[str]
    period: int | str | None
    spellings: tuple[tuple[str, str], ...] = ()

    @property
    def low(self) -> float:
        """The smallest value the figure gives (in SI units for physical quantities)."""
        return _si(self.figure, self.figure.low if self.figure.low is not None else self.figure.value)

    @property
    def high(self) -> float:
        """The largest value the figure gives (the same as :attr:`low` but for ranges)."""
        return _si(self.figure, self.figure.high if self.figure.high is not None else self.figure.value)

    @property
    def unit(self) -> str | None:
        """The unit as written and normalised: "USD", "EUR", "%", "GW", "processeurs"."""
        return self.figure.currency or self.figure.unit


def _si(figure: Figure, value: float | None) -> float:
    if value is None:
        return 0.0
    if figure.si_value is not None and figure.value:
        return value * figure.si_value / figure.value
    return value


def story_mentions(articles: Iterable[CitedArticle]) -> list[Mention]:
    """The mentions of every fact-stating figure of a story's articles, in article and text order."""
    articles = list(articles)
    texts = [article.text for article in articles]
    names = _Names(
        known=frozenset(word for text in texts for _, word in name_words(text, mid_sentence_only=True)),
        lower=frozenset(fold(word) for text in texts for word in _LETTERS.findall(text) if word[0].islower()),
        heads=company_heads(texts),
    )
    return [mention for article in articles for mention in _article_mentions(article, names)]


@dataclass(frozen=True)
class _Names:
    """What tells a name in a story's texts.

    ``known`` are the words capitalised mid-sentence somewhere, ``lower`` the
    words written in lower case somewhere, ``heads`` people who head a company.
    """

    known: frozenset[str]
    lower: frozenset[str]
    heads: dict[str, str]

    def of(self, text: str, span: tuple[int, int], figure: Figure) -> list[tuple[int, str]]:
        """The names in ``text[span]`` (outside the figure), with their offsets."""
        return [
            (span[0] + offset, word)
            for offset, word in name_words(text[span[0] : span[1]])
            if word not in NOT_NAMES
            and not figure.start <= span[0] + offset < figure.end
            and (word in self.known or self._starts_sentence_as_name(text, span[0] + offset, word))
        ]

    def _starts_sentence_as_name(self, text: str, offset: int, word: str) -> bool:
        """A capitalised first word is a name unless it is written in lower case elsewhere,
        is followed by a comma ("However," "Toutefois,") or is a concept word ("Analysts")."""
        after = offset + len(_written(text, offset))
        return word not in self.lower and text[after : after + 1] != "," and not concepts_near(word, (0, 0))


def company_heads(texts: Iterable[str]) -> dict[str, str]:
    """Folded words of people named as heads of companies, each mapped to the company's first word."""
    heads: dict[str, str] = {}
    for text in texts:
        for pattern in _HEADS:
            for match in pattern.finditer(text):
                company = [word for _, word in name_words(match["org"]) if word not in NOT_NAMES]
                person = [word for _, word in name_words(match["person"]) if word not in NOT_NAMES]
                if company and person and not set(company) & set(person):
                    heads.update((word, company[0]) for word in person)
    return heads


def _article_mentions(article: CitedArticle, names: _Names) -> Iterator[Mention]:
    text = article.text
    breaks = [(match.start(), match.end()) for match in _SENTENCE_END.finditer(text)]
    starts = [end for _, end in breaks]
    neighbours = sorted((f for f in article.figures if f.kind != "date"), key=lambda f: f.start)
    year = _year(article.published)
    previous_mention: Mention | None = None
    for index, figure in enumerate(neighbours):
        if figure.kind not in FACT_KINDS or figure.value is None:
            continue
        at = bisect_right(starts, figure.start)
        sentence = (starts[at - 1] if at else 0, breaks[at][0] if at < len(breaks) else len(text))
        previous = neighbours[index - 1].end if index else 0
        following = neighbours[index + 1].start if index + 1 < len(neighbours) else len(text)
        start = max(sentence[0], previous, *_clause_starts(text, sentence[0], figure.start))
        end = min(sentence[1], following, _clause_end(text, figure.end, sentence[1]))
        found = names.of(text, (start, end), figure)
        subject = frozenset(names.heads.get(word, word) for _, word in found)
        if not found and previous_mention is not None and previous_mention.figure.end > sentence[0]:
            # "Meta will spend 65 billion, up from 38 to 40 billion last year": the same subject.
            subject = previous_mention.names
        spans = ((start, figure.start), (figure.start, figure.end), (figure.end, end))
        before, written, after = (fold(text[a:b].replace("’", "'")) for a, b in spans)
        concepts = concepts_near(before + written + after, (len(before), len(before) + len(written)))
        previous_mention = Mention(
            article=article,
            figure=figure,
            measure=_measure(text, figure),
            names=subject,
            concepts=frozenset(concepts),
            period=_period(article.figures, concepts, (start, end), figure, year),
            spellings=tuple((word, _full_name(text, offset)) for offset, word in found if word not in names.heads),
        )
        yield previous_mention


def _clause_starts(text: str, start: int, end: int) -> list[int]:
    return [match.start() for match in _CLAUSE_BREAK.finditer(text, start, end)]


def _clause_end(text: str, start: int, end: int) -> int:
    """Where a figure's clause ends after it: at a comma or a clause break."""
    match = _CLAUSE_END.search(text, start, end)
    return match.start() if match else end


def _full_name(text: str, offset: int) -> str:
    """The run of capitalised words the word at ``offset`` belongs to: "Donald Trump" for "Trump"."""
    start = offset
    while (before := _NAME_BEFORE.search(text, 0, start)) is not None:
        start = before.start()
    match = _NAME_RUN.match(text, start)
    words = match.group().split(" ") if match else [_written(text, offset)]
    while len(words) > 1 and fold(words[0]) in STOPWORDS | NOT_NAMES:  # "À Marseille", "PDG Mark Zuckerberg"
        words.pop(0)
    return " ".join(words)


def _written(text: str, offset: int) -> str:
    """The word at ``offset`` as written."""
    match = _WORD.match(text, offset)
    return match.group() if match else ""


def _measure(text: str, figure: Figure) -> str:
    if figure.kind == "money":
        return "money"
    if figure.kind != "quantity":
        return figure.unit or figure.kind
    if figure.si_unit:
        return figure.si_unit
    counted = counted_concept(fold(text[figure.start : figure.end + COUNTED_CHARS]))
    return counted or fold(figure.unit or "").rstrip("s")


def _period(
    figures: Sequence[Figure], concepts: dict[str, int], segment: tuple[int, int], figure: Figure, year: int | None
) -> int | str | None:
    """The year a figure is about: the nearest year or "last year"/"this year" of its clause."""
    candidates: list[tuple[int, int | str]] = [
        (distance, concept if year is None else year + RELATIVE_YEARS[concept])
        for concept, distance in concepts.items()
        if concept in RELATIVE_YEARS
    ]
    candidates += [
        (max(date.start - figure.end, figure.start - date.end, 0), int(date.value))
        for date in figures
        if date.kind == "date" and date.value is not None and segment[0] <= date.start and date.end <= segment[1]
    ]
    return min(candidates, key=lambda candidate: candidate[0])[1] if candidates else None


def _year(published: str | None) -> int | None:
    return int(published[:4]) if published and published[:4].isdigit() else None
