"""Scores of a grouping against labelled data: pairwise and B-cubed P/R/F1, balanced accuracy of same-story pairs."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Hashable, Sequence
from itertools import combinations

from reader.text.normalize import fold

_NOT_WORD = re.compile(r"\W+")


def exact_title(title: str) -> str:
    """The baseline's key: the title folded, its punctuation and spacing dropped (equal keys, one story)."""
    return " ".join(_NOT_WORD.sub(" ", fold(title)).split())


def pairwise(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> tuple[float, float, float]:
    """Precision, recall and F1 over every pair of items put in one group."""
    true_pairs = {pair for pair in combinations(range(len(gold)), 2) if gold[pair[0]] == gold[pair[1]]}
    found = {pair for pair in combinations(range(len(gold)), 2) if predicted[pair[0]] == predicted[pair[1]]}
    return _prf(len(true_pairs & found), len(found), len(true_pairs))


def bcubed(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 (averaged over items)."""
    by_gold: dict[Hashable, set[int]] = defaultdict(set)
    by_predicted: dict[Hashable, set[int]] = defaultdict(set)
    for index, (g, p) in enumerate(zip(gold, predicted, strict=True)):
        by_gold[g].add(index)
        by_predicted[p].add(index)
    precision = recall = 0.0
    for g, p in zip(gold, predicted, strict=True):
        overlap = len(by_gold[g] & by_predicted[p])
        precision += overlap / len(by_predicted[p])
        recall += overlap / len(by_gold[g])
    precision, recall = precision / len(gold), recall / len(gold)
    return precision, recall, _f1(precision, recall)


def pair_decisions(same: Sequence[bool], together: Sequence[bool]) -> tuple[float, float, float]:
    """Same-story recall, different-story specificity and their mean (balanced accuracy) of labelled pairs."""
    hits = sum(s and t for s, t in zip(same, together, strict=True))
    rejections = sum(not s and not t for s, t in zip(same, together, strict=True))
    positives, negatives = sum(same), len(same) - sum(same)
    recall = hits / positives if positives else 0.0
    specificity = rejections / negatives if negatives else 0.0
    return recall, specificity, (recall + specificity) / 2


def _prf(hits: int, found: int, expected: int) -> tuple[float, float, float]:
    precision = hits / found if found else 0.0
    recall = hits / expected if expected else 0.0
    return precision, recall, _f1(precision, recall)


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
