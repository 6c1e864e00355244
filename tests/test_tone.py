import numpy as np
import pytest

from stance.tone import TONE_PROPOSAL, fit_tone_weight, remove_tone, tone_pairs

LABELS = ["support", "oppose", "neutral"]


def test_remove_tone_moves_only_the_side_and_keeps_rows_summing_to_one():
    probs = np.array([[0.6, 0.3, 0.1], [0.2, 0.2, 0.6], [0.05, 0.9, 0.05]])
    tone = np.array([[3.0, 0.0, 1.0], [-1.0, 1.0, 0.0], [0.0, 0.0, 5.0]])
    out = remove_tone(probs, tone, LABELS, 0.5, temperature=2.0)
    np.testing.assert_allclose(out.sum(axis=1), 1.0)
    np.testing.assert_allclose(out[:, 2], probs[:, 2])
    assert out[0, 0] < probs[0, 0]          # a warm tone takes support away
    assert out[1, 0] > out[1, 1]            # a cold tone gives it back
    np.testing.assert_allclose(out[2], probs[2])  # no lean between support and oppose: unchanged
    # log-odds arithmetic: log(0.6/0.3) - 0.5 * 3 / 2
    assert np.log(out[0, 0] / out[0, 1]) == pytest.approx(np.log(2.0) - 0.75)
    np.testing.assert_array_equal(remove_tone(probs, tone, LABELS, 0.0), probs)


def test_remove_tone_names_bad_input():
    probs = np.array([[0.6, 0.3, 0.1]])
    with pytest.raises(ValueError, match="shape"):
        remove_tone(probs, np.zeros((2, 3)), LABELS, 0.5)
    with pytest.raises(ValueError, match="tone weight must be >= 0"):
        remove_tone(probs, np.zeros((1, 3)), LABELS, -0.1)
    with pytest.raises(ValueError, match="temperature"):
        remove_tone(probs, np.zeros((1, 3)), LABELS, 0.1, temperature=0)


def test_fit_tone_weight_finds_a_weight_where_tone_misleads_and_none_where_it_does_not():
    rng = np.random.default_rng(0)
    n = 400
    position = np.tile(rng.choice([0, 1], n // 2), 2)      # 0 support, 1 oppose
    half = rng.normal(0, 2, n // 2)
    tone = np.concatenate([half, -half])                   # positive: a warm sentence; unrelated to position
    reading = np.where(position == 0, 1.0, -1.0)
    tone_logits = np.stack([tone, np.zeros(n), np.zeros(n)], 1)
    # the model's log-odds are the position it read plus the whole tone
    misled = 1 / (1 + np.exp(-(reading + tone)))
    probs = np.stack([0.9 * misled, 0.9 * (1 - misled), np.full(n, 0.1)], 1)
    assert fit_tone_weight(probs, tone_logits, position, LABELS) >= 0.7
    honest = 1 / (1 + np.exp(-2 * reading))
    probs = np.stack([0.9 * honest, 0.9 * (1 - honest), np.full(n, 0.1)], 1)
    assert fit_tone_weight(probs, tone_logits, position, LABELS) == 0.0
    assert fit_tone_weight(probs[:0], tone_logits[:0], position[:0], LABELS) == 0.0


def test_tone_pairs_replace_only_the_proposal():
    pairs = [("Ford ; a carbon tax", "« Ford » backed it. ‖ Earlier text.")]
    assert tone_pairs(pairs) == [(f"Ford ; {TONE_PROPOSAL}", pairs[0][1])]
    with pytest.raises(ValueError, match="not a pair written by build_pair"):
        tone_pairs([("no separator here", "text")])
