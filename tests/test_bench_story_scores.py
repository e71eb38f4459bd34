"""The scores bench/stories_eval.py reports, on groupings small enough to count by hand."""

from __future__ import annotations

import pytest

from bench.story_scores import bcubed, exact_title, pair_decisions, pairwise


def test_pairwise_and_bcubed_of_a_grouping_that_joins_one_pair_too_many() -> None:
    gold = ["a", "a", "b", "c"]
    predicted = [1, 1, 1, 2]
    # Pairs found: (0,1) right, (0,2) and (1,2) wrong; the one true pair found.
    assert pairwise(gold, predicted) == pytest.approx((1 / 3, 1.0, 0.5))
    precision, recall, f1 = bcubed(gold, predicted)
    assert (precision, recall) == pytest.approx(((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4, 1.0))
    assert f1 == pytest.approx(2 * precision / (precision + 1))


def test_balanced_accuracy_does_not_reward_answering_different_every_time() -> None:
    same = [True, False, False, False]
    assert pair_decisions(same, [False] * 4) == (0.0, 1.0, 0.5)
    assert pair_decisions(same, [True, True, False, False]) == pytest.approx((1.0, 2 / 3, 5 / 6))


def test_the_baseline_key_ignores_case_accents_and_punctuation() -> None:
    assert exact_title("Élections : la Gauche GAGNE !") == exact_title("elections la gauche gagne") != ""
    assert exact_title("Élections : la droite gagne") != exact_title("Élections : la gauche gagne")
