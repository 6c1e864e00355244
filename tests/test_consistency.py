import numpy as np
import pytest

from stance.consistency import apply_consistency, fit_consistency_weight

LABELS = ["support", "oppose", "neutral"]


def test_a_sentence_leans_toward_the_actors_other_sentences():
    probs = np.array([[0.40, 0.45, 0.15], [0.85, 0.05, 0.10], [0.75, 0.15, 0.10]])
    out = apply_consistency(probs, ["Obama", "Obama", "Obama"], LABELS, 1.0)
    assert out[0].argmax() == 0 and probs[0].argmax() == 1  # the doubtful sentence follows the article
    np.testing.assert_allclose(out[:, 2], probs[:, 2])  # neutral is never touched
    np.testing.assert_allclose(out.sum(1), 1.0)
    assert out[1, 0] > probs[1, 0]  # the others agree with it: more sure, not less


def test_weight_zero_single_sentences_and_other_actors_are_unchanged():
    probs = np.array([[0.40, 0.45, 0.15], [0.85, 0.05, 0.10], [0.10, 0.80, 0.10]])
    np.testing.assert_array_equal(apply_consistency(probs, ["A", "A", "B"], LABELS, 0.0), probs)
    out = apply_consistency(probs, ["A", "B", "C"], LABELS, 2.0)  # every actor alone: nothing to lean on
    np.testing.assert_array_equal(out, probs)
    out = apply_consistency(probs, ["A", "B", "A"], LABELS, 1.0)
    np.testing.assert_array_equal(out[1], probs[1])
    assert out[0, 1] > probs[0, 1]  # A's other sentence opposes: A's first leans further to oppose


def test_it_follows_the_label_order_of_the_model():
    probs = np.array([[0.15, 0.40, 0.45], [0.10, 0.85, 0.05]])  # neutral, support, oppose
    out = apply_consistency(probs, ["A", "A"], ["neutral", "support", "oppose"], 1.0)
    assert out[0].argmax() == 1
    np.testing.assert_allclose(out[:, 0], probs[:, 0])


def test_bad_arguments_are_refused():
    probs = np.full((2, 3), 1 / 3)
    with pytest.raises(ValueError, match="2 rows"):
        apply_consistency(probs, ["A"], LABELS, 1.0)
    with pytest.raises(ValueError, match=">= 0"):
        apply_consistency(probs, ["A", "A"], LABELS, -1.0)


def test_the_fitted_weight_follows_the_data():
    rng = np.random.default_rng(0)
    probs, groups, gold = [], [], []
    for doc in range(60):  # each actor keeps one side through its article; the sentence scores are noisy
        side = doc % 2
        for _ in range(4):
            s = np.clip(rng.normal(0.65 if side == 0 else 0.35, 0.2), 0.05, 0.9)
            probs.append([s * 0.9, (1 - s) * 0.9, 0.1])
            groups.append(doc)
            gold.append(side)
    weight = fit_consistency_weight(np.array(probs), groups, gold, LABELS)
    assert weight > 0.3
    flipped = [1 - g if i % 4 == 0 else g for i, g in enumerate(gold)]  # one sentence in four turns around
    shuffled = rng.permutation(len(gold))
    assert fit_consistency_weight(np.array(probs), groups, np.array(gold)[shuffled], LABELS) < weight
    assert fit_consistency_weight(np.array(probs), groups, flipped, LABELS) <= weight
    assert fit_consistency_weight(np.empty((0, 3)), [], [], LABELS) == 0.0
