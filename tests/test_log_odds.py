import numpy as np
import pytest

from stance._log_odds import shift_support_log_odds


def test_shift_moves_the_split_and_keeps_polar_mass_and_neutral():
    probs = np.array([[0.3, 0.3, 0.4], [0.6, 0.2, 0.2]])
    out = shift_support_log_odds(probs, np.array([np.log(3), -np.log(3)]), 0, 1)
    np.testing.assert_allclose(out[0], [0.45, 0.15, 0.4])
    np.testing.assert_allclose(out[1], [0.4, 0.4, 0.2])  # 3:1 becomes 1:1
    np.testing.assert_allclose(out[:, 0] + out[:, 1], probs[:, 0] + probs[:, 1])
    np.testing.assert_array_equal(probs, [[0.3, 0.3, 0.4], [0.6, 0.2, 0.2]])  # input untouched


def test_rows_without_polar_mass_or_shift_are_unchanged():
    probs = np.array([[0.0, 0.0, 1.0], [1.0, 0.0, 0.0], [0.2, 0.5, 0.3]])
    out = shift_support_log_odds(probs, np.array([2.0, 0.0, 0.0]), 0, 1)
    np.testing.assert_array_equal(out, probs)


def test_columns_can_be_in_any_order():
    probs = np.array([[0.4, 0.3, 0.3]])  # neutral, oppose, support
    out = shift_support_log_odds(probs, np.array([np.log(3)]), support=2, oppose=1)
    np.testing.assert_allclose(out, [[0.4, 0.15, 0.45]])


def test_one_shift_per_row():
    with pytest.raises(ValueError, match="shifts for 2 rows"):
        shift_support_log_odds(np.full((2, 3), 1 / 3), np.zeros(3), 0, 1)
