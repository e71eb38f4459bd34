"""A small French-English word list: the context words that say which fact a figure is about.

Words are matched accent-folded and lower-case (``reader.stories.signature.fold``),
at word starts, so "dépenses" and "spending" both mean ``spending``. Each
concept has an English label, shown to the user. Periods and directions are
exclusive: "last year" and "this year", "up" and "down" are different facts.
"""

from __future__ import annotations

import re

# concept -> word starts (folded) that say it, in French and English.
CONCEPTS: dict[str, tuple[str, ...]] = {
    "last year": (
        "l'an dernier",
        "l'annee derniere",
        "l'an passe",
        "l'annee passee",
        "l'annee precedente",
        "last year",
        "a year earlier",
        "a year ago",
        "previous year",
        "prior year",
    ),
    "this year": ("cette annee", "cet exercice", "this year", "this fiscal year", "current year"),
    "next year": ("l'an prochain", "l'annee prochaine", "next year"),
    "up": ("hausse", "augment", "progress", "grimp", "bondi", "rise", "rose", "gain", "jump", "climb"),
    "down": ("baisse", "recul", "chute", "diminu", "perd", "fall", "fell", "drop", "declin"),
    "spending": (
        "depens",
        "invest",
        "capex",
        "budget",
        "alloue",
        "spend",
        "spent",
        "capital expenditure",
        "outlay",
    ),
    "analysts": ("analyst", "consensus", "attendu", "expected", "estimates"),
    "shares": ("action", "titre", "bourse", "share", "stock"),
    "revenue": ("chiffre d'affaires", "revenu", "ventes", "revenue", "sales"),
    "profit": ("benefice", "profit", "earnings", "net income", "resultat net"),
    "jobs": ("emploi", "salarie", "licenci", "poste", "job", "employee", "worker", "layoff"),
    "data center": ("centre de donnees", "centres de donnees", "datacenter", "data center", "data centre"),
    "computing power": (
        "puissance de calcul",
        "capacite de calcul",
        "capacites de calcul",
        "computing power",
        "compute capacity",
        "computing capacity",
    ),
    "GPU": (
        "gpu",
        "processeurs graphiques",
        "processeur graphique",
        "accelerateur",
        "puces",
        "accelerator",
        "graphics processor",
        "chips",
    ),
    "people": ("personnes", "utilisateurs", "usagers", "abonnes", "people", "users", "subscribers"),
}

# Concepts of which a figure has at most one: the nearest word wins.
EXCLUSIVE = (frozenset({"last year", "this year", "next year"}), frozenset({"up", "down"}))
# What the relative periods mean, in years after the article's own year.
RELATIVE_YEARS = {"last year": -1, "this year": 0, "next year": 1}

# Capitalised words that name no company, person or project: the concepts'
# own acronyms, job titles, and English days and months.
NOT_NAMES = frozenset(
    [
        "ia",
        "ai",
        "gpu",
        "gpus",
        "capex",
        "pdg",
        "ceo",
        "cfo",
        "usd",
        "eur",
        "gw",
        "mw",
        "tw",
        "kw",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)

# Job titles that tie a person to the company they run: "Mark Zuckerberg, le PDG de Meta".
ROLES = (
    r"PDG|patron(?:ne)?|pr[ée]sidente?|directeur g[ée]n[ée]ral|directrice g[ée]n[ée]rale|"
    r"(?:co-?)?fondat(?:eur|rice)|cr[ée]ateur|dirigeant|CEO|chief executive(?: officer)?|"
    r"(?:co-?)?founder|boss|chairman|chairwoman"
)

_PATTERNS = {
    concept: re.compile(r"\b(?:" + "|".join(re.escape(word) for word in words) + r")")
    for concept, words in CONCEPTS.items()
}


def concepts_near(folded: str, span: tuple[int, int]) -> dict[str, int]:
    """The concepts said in a folded text, each with its distance in characters to ``span``."""
    found = {}
    for concept, pattern in _PATTERNS.items():
        distances = [max(match.start() - span[1], span[0] - match.end(), 0) for match in pattern.finditer(folded)]
        if distances:
            found[concept] = min(distances)
    for group in EXCLUSIVE:
        present = [concept for concept in found if concept in group]
        for concept in sorted(present, key=lambda concept: found[concept])[1:]:
            del found[concept]
    return found


def counted_concept(folded: str) -> str | None:
    """The concept of what a quantity counts, said at the start of ``folded``: "GPU", "people"."""
    for concept in ("GPU", "people"):
        if _PATTERNS[concept].search(folded):
            return concept
    return None
